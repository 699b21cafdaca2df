"""The CI formats as a pull request's reviewers meet them, on real repositories with a branch:
SARIF fingerprints that survive a push, annotations and alerts on the file a finding is about
(relative to the repository root from any folder), a step summary whose commands render as
code, and rule help that links to the README section explaining the rule."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from mldwizard.core.codes import CODES
from mldwizard.core.mdsafe import github_anchor
from mldwizard.core.sarif import HOME, help_uri

from .test_check_base import branch as branch  # the fixture behind `pr`
from .test_check_base import commit_all
from .test_check_github import table_cells
from .test_check_sarif_junit import sarif_validator
from .test_living_git import AFTER, LATER, commit, git, init_repo, make_doc
from .test_living_git import isolated_git as isolated_git  # autouse here too

README = Path(__file__).parents[1] / "README.md"
PRINT = "mldwizardFinding/v1"


@pytest.fixture
def pr(request: pytest.FixtureRequest) -> tuple[Path, Path]:
    """test_check_base's ``branch``: ``main`` with the document and the code (Essentials
    covers ``src/scoring``, Serving ``src/serving``), checked out on ``feature``."""
    repo_and_doc: tuple[Path, Path] = request.getfixturevalue("branch")
    return repo_and_doc


def check(cwd: Path, *args: object, summary: Path | None = None) -> tuple[int, str, str]:
    """``mldwizard check`` as a CI step runs it: its own process, in ``cwd``."""
    env = {**os.environ}
    env.pop("GITHUB_STEP_SUMMARY", None)
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    done = subprocess.run(
        [sys.executable, "-m", "mldwizard", "check", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def sarif_results(cwd: Path, *args: object) -> list[dict[str, Any]]:
    code, out, err = check(cwd, *args, "--format", "sarif")
    assert code in (0, 1), err
    log = json.loads(out)
    sarif_validator().validate(log)
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def by_rule(results: list[dict[str, Any]], rule: str) -> dict[str, dict[str, Any]]:
    """The results of ``rule``, by chapter."""
    return {r["properties"]["chapter"]: r for r in results if r["ruleId"] == rule}


# ---- SARIF fingerprints (QA #5) ---------------------------------------------------------


def test_a_push_keeps_an_mld040s_fingerprint_and_two_findings_differ(
    pr: tuple[Path, Path],
) -> None:
    repo, doc = pr
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py", "src/serving/api.py"))
    first = by_rule(sarif_results(repo, doc, "--base", "main"), "MLD040")
    assert sorted(first) == ["essentials", "serving"]
    prints = {c: r["partialFingerprints"][PRINT] for c, r in first.items()}
    assert prints["essentials"] != prints["serving"]

    # The next push changes the commits and the files each MLD040 names: the same findings.
    commit(repo, LATER, "feat: more", write=("src/scoring/features.py", "src/serving/api.py"))
    later = by_rule(sarif_results(repo, doc, "--base", "main"), "MLD040")
    for chapter in ("essentials", "serving"):
        assert later[chapter]["message"]["text"] != first[chapter]["message"]["text"]
        assert "'feat: more'" in later[chapter]["message"]["text"]
        assert later[chapter]["partialFingerprints"][PRINT] == prints[chapter]


def test_a_push_keeps_a_drift_findings_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    doc = make_doc(monkeypatch, capsys, repo / "docs" / "design.toml", ["src/**"])
    commit_all(repo, "2026-11-01 13:00:00 +0000", "the design document")
    commit(repo, AFTER, "change", write=("src/a.py",))
    [before] = by_rule(sarif_results(repo, doc), "MLD005").values()
    commit(repo, LATER, "feat: more", write=("src/b.py",))
    [after] = by_rule(sarif_results(repo, doc), "MLD005").values()
    assert after["message"]["text"] != before["message"]["text"]
    assert after["partialFingerprints"] == before["partialFingerprints"]


# ---- on the file a finding is about (QA #8) ---------------------------------------------


def test_github_paths_are_relative_to_the_repository_root_from_any_folder(
    pr: tuple[Path, Path],
) -> None:
    repo, doc = pr
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    runs = [
        (repo / "src", Path("..") / "docs" / "design.toml"),  # working-directory: src
        (repo / "src", doc.resolve()),  # an absolute path
        (repo.parent, Path(repo.name) / "docs" / "design.toml"),  # above the repository
    ]
    for cwd, path in runs:
        code, out, err = check(cwd, path, "--base", "main", "--format", "github")
        assert code == 1, err
        [error] = [line for line in out.splitlines() if line.startswith("::error ")]
        assert error.startswith("::error file=docs/design.toml,line="), (cwd, path, error)
        [result] = sarif_results(cwd, path, "--base", "main")
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert where == "docs/design.toml"


def test_an_mld040_points_at_the_changed_code_file_too(pr: tuple[Path, Path]) -> None:
    repo, doc = pr
    git(repo, "rm", "-q", "src/scoring/model.py")
    commit(repo, AFTER, "new scorer", write=("src/scoring/new.py",))
    code, out, err = check(
        repo / "src", Path("..") / "docs" / "design.toml", "--base", "main", "--format", "github"
    )
    assert code == 1, err
    lines = out.splitlines()
    header = doc.read_text(encoding="utf-8").splitlines().index("[chapters.essentials]") + 1
    assert lines[0].startswith(f"::error file=docs/design.toml,line={header},title=MLD040 ")
    # The deleted file is not in the checkout: the notice goes on the file still there.
    [notice] = [line for line in lines if line.startswith("::notice ")]
    assert notice.startswith("::notice file=src/scoring/new.py,line=1,title=MLD040 essentials::")
    assert f"docs/design.toml line {header}" in notice
    assert lines.index(notice) == 1  # after every finding's own annotation

    [result] = by_rule(sarif_results(repo, doc, "--base", "main"), "MLD040").values()
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "docs/design.toml"
    assert where["region"]["startLine"] == header
    related = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]]
    assert related == ["src/scoring/model.py", "src/scoring/new.py"]


def test_a_skipped_codeowners_line_is_reported_on_that_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    doc = make_doc(monkeypatch, capsys, repo / "docs" / "design.toml", ["src/**"])
    commit(repo, AFTER, "code", write=("src/a.py",))
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text("* @ana\n\n/infra/ @!x\n", encoding="utf-8")
    commit_all(repo, AFTER, "codeowners")

    _, out, _ = check(repo / "src", Path("..") / "docs" / "design.toml", "--format", "github")
    [skipped] = [line for line in out.splitlines() if "title=MLD046" in line]
    assert skipped.startswith("::warning file=.github/CODEOWNERS,line=3,title=MLD046::")

    [result] = [r for r in sarif_results(repo / "src", doc) if r["ruleId"] == "MLD046"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": ".github/CODEOWNERS"},
        "region": {"startLine": 3},
    }
    # Its fingerprint names the line, not the document's chapter or the message.
    (repo / ".github" / "CODEOWNERS").write_text(
        "* @ana\n\n/infra/ @!x\n/ops/ @!y\n", encoding="utf-8"
    )
    again = [r for r in sarif_results(repo, doc) if r["ruleId"] == "MLD046"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in again] == [3, 4]
    assert again[0]["partialFingerprints"] == result["partialFingerprints"]
    assert again[1]["partialFingerprints"] != result["partialFingerprints"]


# ---- the step summary (QA #17) ----------------------------------------------------------


def test_the_summary_shows_the_ack_command_as_code(pr: tuple[Path, Path], tmp_path: Path) -> None:
    repo, doc = pr
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    summary = tmp_path / "summary.md"
    code, _, err = check(repo, doc, "--base", "main", "--format", "github", summary=summary)
    assert code == 1 and err == ""
    text = summary.read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(text)
    command = f"mldwizard ack {doc} essentials --by HANDLE --note &quot;...&quot;"
    assert f"<code>{command}</code>" in html
    [row] = [r for r in table_cells(html) if r[1] == "MLD040"]
    assert "`" not in row[3]  # no literal backtick left around the command
    assert len(row) == 4


# ---- rule help (QA #15) -----------------------------------------------------------------


def readme_sections() -> dict[str, str]:
    """Each README heading's anchor (as GitHub makes it) and the text under it."""
    sections: dict[str, str] = {}
    seen: dict[str, int] = {}
    current, fenced = "", False
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and (m := re.match(r"#{1,6} (.+)", line)):
            current = github_anchor(m.group(1), seen)
            sections[current] = ""
        elif current:
            sections[current] += line + "\n"
    return sections


def test_every_rule_links_to_the_readme_section_that_explains_it() -> None:
    sections = readme_sections()
    for code in CODES:
        uri = help_uri(code)
        assert uri.startswith(HOME + "#")
        anchor = uri.split("#", 1)[1]
        assert anchor in sections, (code, anchor)
        assert code in sections[anchor], (code, anchor)
    for code in ("MLD040", "MLD041"):
        assert help_uri(code) == HOME + "#on-a-pull-request"
    assert help_uri("MLD046") == HOME + "#owners-from-codeowners"
    assert "`HOME` in `src/mldwizard/core/sarif.py`" in README.read_text(encoding="utf-8")
