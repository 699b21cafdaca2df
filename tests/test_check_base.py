"""``check --base REF`` on real temporary repositories with branches (no mocks).

``main`` holds the document and the code; ``feature`` is branched from it and changes code,
the document, or both. Essentials covers ``src/scoring``, Serving covers ``src/serving``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from mldwizard.core.branch_check import branch_findings, chapters_for_files
from mldwizard.core.specs import load_specs
from mldwizard.core.storage import load_document

from .test_check_sarif_junit import sarif_validator
from .test_living_git import (  # noqa: F401  (isolated_git: autouse here too)
    AFTER,
    BEFORE,
    CHECKED,
    LATER,
    cli,
    commit,
    git,
    init_repo,
    isolated_git,
    make_doc,
    ok,
)


def main_repo(path: Path) -> Path:
    """A new repository whose first branch is ``main``, whatever git's default."""
    repo = init_repo(path)
    git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
    return repo


def commit_all(repo: Path, date: str, subject: str) -> str:
    """Commit everything in the working tree (the document after an edit, say)."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", subject, date=date)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path]:
    """A repository whose ``main`` has the document (Essentials and Serving answered,
    each with its code paths) and the code, checked out on a new branch ``feature``."""
    repo = main_repo(tmp_path / "repo")
    (repo / ".gitignore").write_text("*.bak\n.*.lock\n")
    commit(repo, BEFORE, "code", write=("src/scoring/model.py", "src/serving/api.py", "README"))
    doc = make_doc(monkeypatch, capsys, repo / "docs" / "design.toml", ["src/scoring"])
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-01T12:00:00Z")
    ok(capsys, "set", doc, "serving", "serving_mode_reason", "Callers wait for the score.")
    ok(capsys, "set", doc, "serving", "--owner", "ana", "--owner", "bo")
    ok(capsys, "set", doc, "serving", "--code-path", "src/serving/**")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    commit_all(repo, "2026-11-01 13:00:00 +0000", "the design document")
    git(repo, "checkout", "-q", "-b", "feature")
    return repo, doc


def check_base(
    capsys: pytest.CaptureFixture[str], doc: Path, base: str = "main", *more: object
) -> tuple[int, dict[str, Any]]:
    code, out, err = cli(capsys, "check", doc, "--base", base, "--format", "json", *more)
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return code, data


def codes(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(f["code"], f["chapter"]) for f in data["findings"]]


def test_a_branch_touching_a_chapters_code_without_updating_it_is_an_error(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    first = commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    second = commit(repo, LATER, "new feature file", write=("src/scoring/features.py", "README"))

    code, data = check_base(capsys, doc)
    assert code == 1
    assert codes(data) == [("MLD040", "essentials")]  # Serving's code is untouched
    [finding] = data["findings"]
    assert finding["severity"] == "error"
    assert finding["details"]["files"] == ["src/scoring/features.py", "src/scoring/model.py"]
    assert finding["details"]["commits"] == [
        {"sha": second, "subject": "new feature file", "files": ["src/scoring/features.py"]},
        {"sha": first, "subject": "faster scoring", "files": ["src/scoring/model.py"]},
    ]
    assert finding["details"]["uncommitted"] == []
    assert finding["details"]["base"] == "main"
    message = finding["message"]
    assert "2 file(s)" in message and "src/scoring/features.py, src/scoring/model.py" in message
    assert f"{second[:10]} 'new feature file'" in message
    assert f"{first[:10]} 'faster scoring'" in message
    assert f"mldwizard ack {doc} essentials --by HANDLE" in message

    # Without --base the same code change is whole-history drift (MLD005), plus the rest.
    _, out, _ = cli(capsys, "check", doc, "--format", "json")
    plain = json.loads(out)
    assert ("MLD005", "essentials") in codes(plain)
    assert "MLD040" not in {c for c, _ in codes(plain)}
    assert ("MLD001", "essentials") in codes(plain)  # pre-existing: not the branch's doing

    # The text and github formats carry it too.
    code, out, _ = cli(capsys, "check", doc, "--base", "main")
    assert code == 1 and "MLD040" in out and "essentials" in out
    code, out, _ = cli(capsys, "check", doc, "--base", "main", "--format", "github")
    assert code == 1 and out.startswith("::error file=") and "MLD040 essentials" in out

    # So do the SARIF and JUnit formats (check --base computes no whole-history health).
    code, out, err = cli(capsys, "check", doc, "--base", "main", "--format", "sarif")
    assert code == 1, err
    log = json.loads(out)
    sarif_validator().validate(log)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "MLD040"
    code, out, err = cli(capsys, "check", doc, "--base", "main", "--format", "junit")
    assert code == 1, err
    suite = ElementTree.fromstring(out).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert "serving" in cases and cases["essentials"].find("failure") is not None


def test_a_rename_counts_both_names(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    moved = (("src/scoring/model.py", "src/serving/m.py"),)
    sha = commit(repo, AFTER, "move the model", move=moved)
    code, data = check_base(capsys, doc)
    assert code == 1
    found = {f["chapter"]: f["details"] for f in data["findings"]}
    assert set(found) == {"essentials", "serving"}
    assert found["essentials"]["files"] == ["src/scoring/model.py"]
    assert found["serving"]["files"] == ["src/serving/m.py"]
    assert found["serving"]["commits"][0]["sha"] == sha


def test_after_an_ack_the_branch_is_clean(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    commit(repo, AFTER, "refactor", write=("src/scoring/model.py",))
    assert check_base(capsys, doc)[0] == 1
    ok(capsys, "ack", doc, "essentials", "--by", "ana", "--note", "refactor only")
    code, data = check_base(capsys, doc)  # the ack, not committed yet, counts
    assert (code, codes(data)) == (0, [])
    commit_all(repo, LATER, "ack essentials")
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])


def test_a_doc_only_branch_is_clean(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    ok(capsys, "set", doc, "essentials", "summary", "Scores card payments in real time.")
    commit_all(repo, AFTER, "design: real time")
    code, data = check_base(capsys, doc)
    assert code == 0
    # Only what the branch wrote is reported: Essentials was updated, so its own findings
    # (a required answer still missing, a draft) show; Serving's do not.
    assert {chapter for _, chapter in codes(data)} <= {"essentials", None}


def test_updating_the_chapter_on_the_branch_satisfies_it(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    commit(repo, AFTER, "serving change", write=("src/serving/api.py",))
    ok(capsys, "set", doc, "essentials", "summary", "Scores card payments, faster.")
    commit_all(repo, LATER, "design follows the code")
    code, data = check_base(capsys, doc)
    assert [c for c in codes(data) if c[0] == "MLD040"] == [("MLD040", "serving")]
    assert code == 1


def test_a_review_on_the_branch_satisfies_it(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    # a mark records a review (only looking at the checklist writes nothing)
    ok(capsys, "review", doc, "essentials", "--by", "bo", "--item", "one_decision_owner",
       "--mark", "met")  # fmt: skip
    commit_all(repo, LATER, "bo reviewed essentials")
    code, data = check_base(capsys, doc)
    assert "MLD040" not in {c for c, _ in codes(data)}
    assert code == 0


def test_uncommitted_code_changes_count(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    # Untracked files are not the branch's (in CI: what the job built, e.g. __pycache__).
    (repo / "src" / "scoring" / "__pycache__").mkdir()
    (repo / "src" / "scoring" / "__pycache__" / "model.pyc").write_bytes(b"built")
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])
    # A change not committed yet, and a new file once added, are.
    (repo / "src" / "scoring" / "model.py").write_text("changed, not committed\n")
    (repo / "src" / "scoring" / "new.py").write_text("new, added\n")
    git(repo, "add", "src/scoring/new.py")
    code, data = check_base(capsys, doc)
    assert code == 1
    [finding] = data["findings"]
    assert finding["details"]["commits"] == []
    assert finding["details"]["uncommitted"] == ["src/scoring/model.py", "src/scoring/new.py"]
    assert finding["details"]["files"] == ["src/scoring/model.py", "src/scoring/new.py"]
    assert "changes not committed yet" in finding["message"]


def test_the_document_created_on_the_branch_has_every_chapter_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = main_repo(tmp_path / "repo")
    commit(repo, BEFORE, "code", write=("src/scoring/model.py",))
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, AFTER, "more code", write=("src/scoring/model.py",))
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/scoring"])
    commit_all(repo, LATER, "the design document")
    code, data = check_base(capsys, doc)
    assert "MLD040" not in {c for c, _ in codes(data)}
    assert code == 0


def test_findings_the_base_already_had_are_left_out(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, doc = branch
    # On main already: Serving has a required answer missing (MLD001). Not this branch's.
    _, plain = check_base(capsys, doc)
    assert plain["findings"] == []
    # The branch gives Serving an owner who is not among the people: new, so reported.
    head, serving = doc.read_text().split("[chapters.serving]\n", 1)
    assert '    "bo",\n' in serving
    serving = serving.replace('    "bo",\n', '    "zed",\n', 1)
    doc.write_text(head + "[chapters.serving]\n" + serving)
    code, data = check_base(capsys, doc)
    # The hand edit left design.md behind: the branch's too (MLD050, tests/test_check_markdown).
    assert codes(data) == [("MLD010", "serving"), ("MLD050", None)]
    assert code == 1


def test_unknown_ref_is_exit_2(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, doc = branch
    code, out, err = cli(capsys, "check", doc, "--base", "origin/nope")
    assert code == 2 and out == ""
    assert "origin/nope" in err and "no such branch, tag or commit" in err
    assert "Traceback" not in err
    code, _, err = cli(capsys, "check", doc, "--base=--all")
    assert code == 2


def test_not_a_repository_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, tmp_path / "plain" / "design.toml", ["src"])
    code, out, err = cli(capsys, "check", doc, "--base", "main")
    assert code == 2 and out == ""
    assert "not in a git repository" in err and "Traceback" not in err


@pytest.mark.parametrize("single_branch", [True, False])
def test_a_shallow_clone_says_to_fetch_the_history(
    branch: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    single_branch: bool,
) -> None:
    repo, _ = branch
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    git(repo, "checkout", "-q", "main")
    commit(repo, LATER, "main moves on", write=("README",))
    git(repo, "checkout", "-q", "feature")
    clone = tmp_path / "clone"
    more = [] if single_branch else ["--no-single-branch"]
    git(tmp_path, "clone", "-q", "--depth", "1", *more, f"file://{repo}", str(clone))
    code, out, err = cli(capsys, "check", clone / "docs" / "design.toml", "--base", "origin/main")
    assert code == 2 and out == ""
    assert "fetch-depth: 0" in err and "shallow" in err
    assert "Traceback" not in err


def test_chapters_for_files_and_branch_findings_for_other_faces(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    loaded = load_document(doc, load_specs())
    assert chapters_for_files(
        loaded, ["./src/scoring/a.py", "src/serving/x/y.py", "docs/x.md", "src/scoring/b.py"]
    ) == {
        "essentials": ["src/scoring/a.py", "src/scoring/b.py"],
        "serving": ["src/serving/x/y.py"],
    }
    assert chapters_for_files(loaded, ["README"]) == {}
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    [finding] = branch_findings(doc, "main")
    assert (finding.code, finding.chapter) == ("MLD040", "essentials")
    assert branch_findings(doc, "main", repo) == [finding]


def test_a_base_whose_document_does_not_load_is_a_warning(
    branch: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = branch
    good = doc.read_text(encoding="utf-8")
    doc.write_text(good.replace("[project]", "[project]\nnot_a_field = 1", 1), encoding="utf-8")
    broken = commit_all(repo, AFTER, "a hand edit gone wrong")
    doc.write_text(good, encoding="utf-8")
    commit_all(repo, AFTER, "undo the hand edit")
    commit(repo, LATER, "faster scoring", write=("src/scoring/model.py",))
    code, data = check_base(capsys, doc, broken)
    assert code == 0  # nothing to compare with: every finding is shown, none of MLD040
    [finding] = [f for f in data["findings"] if f["code"] in ("MLD040", "MLD041")]
    assert (finding["code"], finding["severity"]) == ("MLD041", "warning")
    assert "not_a_field" in finding["message"] and broken[:10] in finding["message"]
