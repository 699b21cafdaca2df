"""``owners --from-codeowners`` and check's MLD045/MLD046, on real git repositories made in
tmp_path: the chapter's code paths are expanded against ``git ls-files``, the owners come
from the CODEOWNERS file where GitHub looks for it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .test_living_git import (
    BEFORE,
    check_json,
    cli,
    commit,
    init_repo,
    isolated_git,
    of,
    ok,
)
from .test_living_git import make_doc as living_doc

__all__ = ["isolated_git"]  # the autouse fixture: no user git configuration, no outer repo

CODEOWNERS = """\
# the default owner
*                  @ana
/src/model/        @cy @acme/ml zed@example.com
/src/model/vendor/
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "repo")
    commit(
        repo,
        BEFORE,
        "code",
        write=("src/model/train.py", "src/model/vendor/lib.py", "src/serve/app.py"),
    )
    return repo


def write_codeowners(repo: Path, text: str, where: str = ".github/CODEOWNERS") -> None:
    target = repo / where
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def document(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code_paths: list[str],
) -> Path:
    """Essentials answered, owned by ana and bo, with ``code_paths``; cy is a person too."""
    path = living_doc(monkeypatch, capsys, repo / "docs" / "design.toml", code_paths)
    ok(capsys, "person", path, "cy")
    return path


def essentials(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    chapter: dict[str, Any] = data["chapters"]["essentials"]
    return chapter


def changelog(path: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["changelog"]
    return entries


def test_the_proposal_is_printed_and_nothing_is_written(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, CODEOWNERS)
    path = document(repo, monkeypatch, capsys, ["src/model/**", "src/missing/*.py"])
    before = path.read_bytes(), path.with_suffix(".md").read_bytes()
    code, out, err = cli(capsys, "owners", path, "--from-codeowners")
    assert code == 0, err
    assert err == ""
    assert f"Owners from {repo / '.github' / 'CODEOWNERS'}" in out
    lines = [line.strip() for line in out.splitlines()]
    assert "1. Essentials" in lines
    assert "files       2 tracked file(s) under its code paths" in lines
    assert "code path   'src/missing/*.py' matches no tracked file" in lines
    # vendor/ is un-assigned by the last line that matches it
    assert "no owner    1 file(s) without a CODEOWNERS owner" in lines
    assert "CODEOWNERS  @cy, @acme/ml, zed@example.com" in lines
    assert "proposed    cy" in lines
    assert "current     ana, bo" in lines
    assert "unmapped    @acme/ml (a team), zed@example.com (no person)" in lines
    assert "adds        cy" in lines
    assert "Nothing was written" in out
    assert (path.read_bytes(), path.with_suffix(".md").read_bytes()) == before


def test_apply_adds_the_owners_through_storage_with_a_changelog_entry(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, CODEOWNERS)
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    entries = len(changelog(path))
    out = ok(capsys, "owners", path, "--from-codeowners", "--apply")
    assert f"Saved {path}." in out
    assert essentials(path)["owners"] == ["ana", "bo", "cy"]  # added, none removed
    log = changelog(path)
    assert len(log) == entries + 1
    assert log[-1]["chapter"] == "essentials"
    assert log[-1]["by"] == "tester"
    assert log[-1]["summary"] == "owners from CODEOWNERS: set owners"
    assert "cy" in path.with_suffix(".md").read_text(encoding="utf-8")
    assert not list(path.parent.glob("*.tmp*"))  # written atomically: no temporary left
    # a second run finds nothing to add and writes nothing
    before = path.read_bytes()
    again = ok(capsys, "owners", path, "--from-codeowners", "--apply")
    assert "Nothing to add" in again and "Saved" not in again
    assert path.read_bytes() == before


def test_a_named_file_is_used_instead_of_the_repositorys(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, CODEOWNERS)
    write_codeowners(repo, "src/serve/ @bo @ana\n", where="team/OWNERS")
    path = document(repo, monkeypatch, capsys, ["src/serve/**"])
    other = repo / "team" / "OWNERS"
    out = ok(capsys, "owners", path, "--from-codeowners", other)
    assert f"Owners from {other}" in out
    lines = [line.strip() for line in out.splitlines()]
    assert "CODEOWNERS  @bo, @ana" in lines and "proposed    bo, ana" in lines
    assert "Nothing to add" in out


def test_invalid_lines_are_warned_about_with_their_number(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "* @ana\n!src/serve/ @bo\n/src/model/ @cy\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    code, out, err = cli(capsys, "owners", path, "--from-codeowners")
    assert code == 0
    assert "CODEOWNERS: line 2 skipped (GitHub skips it too): ! (negating a pattern)" in err
    assert "proposed    cy" in [line.strip() for line in out.splitlines()]


def test_no_codeowners_file_is_a_clear_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    before = path.read_bytes()
    code, out, err = cli(capsys, "owners", path, "--from-codeowners", "--apply")
    assert code == 2
    assert out == ""
    assert err.startswith("mldwizard: no CODEOWNERS file in ")
    assert ".github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS" in err
    assert "Traceback" not in err
    code, out, err = cli(capsys, "owners", path, "--from-codeowners", repo / "NOPE")
    assert code == 2 and "NOPE: no such file" in err and "Traceback" not in err
    assert path.read_bytes() == before
    # and check says nothing about CODEOWNERS
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == [] and of(data, "MLD046") == []


def test_outside_a_repository_the_proposal_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = living_doc(monkeypatch, capsys, tmp_path / "alone" / "design.toml", ["src/**"])
    (tmp_path / "alone" / "CODEOWNERS").write_text("* @ana\n", encoding="utf-8")
    code, _, err = cli(capsys, "owners", path, "--from-codeowners", tmp_path / "alone/CODEOWNERS")
    assert code == 2
    assert "is not in a git repository" in err and "Traceback" not in err


def test_from_codeowners_does_not_go_with_suggest(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, CODEOWNERS)
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    code, _, err = cli(capsys, "owners", path, "--from-codeowners", "--suggest")
    assert code == 2 and "--from-codeowners does not go with --suggest" in err


# ---- check: MLD045, MLD046 ------------------------------------------------------------------


def test_check_warns_when_owners_and_codeowners_disagree(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "* @ana\n/src/model/ @cy @zed\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    [finding] = of(data, "MLD045")
    assert finding["severity"] == "warning"
    assert finding["chapter"] == "essentials"
    assert finding["details"]["owners"] == ["ana", "bo"]
    assert finding["details"]["codeowners_owners"] == ["@cy", "@zed"]
    assert finding["details"]["files"] == ["src/model/train.py", "src/model/vendor/lib.py"]
    message = finding["message"]
    assert "owned by ana, bo here" in message and "gives its code to @cy, @zed" in message
    assert ".github/CODEOWNERS" in message
    # the text output names both sides, too
    _, out, _ = cli(capsys, "check", path)
    assert "MLD045" in out and "@cy, @zed" in out
    # once a CODEOWNERS person owns the chapter, the two agree
    ok(capsys, "owners", path, "--from-codeowners", "--apply")
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == []


def test_mld045_for_an_owner_who_is_no_person_says_to_add_the_person(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 15 #9: the hint must be one that works: --apply cannot add @bob, who is not among
    the people; it says so instead of 'already own it', and following the hint clears it."""
    write_codeowners(repo, "* @bob\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    [finding] = of(data, "MLD045")
    message = finding["message"]
    assert "@bob is not among the document's people" in message
    assert f"`mldwizard person {path} bob --name NAME`" in message
    assert "has nobody to add" in message and "add one (" not in message
    before = path.read_bytes()
    out = ok(capsys, "owners", path, "--from-codeowners", "--apply")
    assert "already own it" not in out
    assert "Not added: @bob (1 step): no person of the document has that handle" in out
    assert f"mldwizard person {path} HANDLE --name NAME" in out
    assert "Saved" not in out and path.read_bytes() == before
    # the hint, followed, works
    ok(capsys, "person", path, "bob", "--name", "Bob")
    out = ok(capsys, "owners", path, "--from-codeowners", "--apply")
    assert "Not added" not in out and f"Saved {path}." in out
    assert essentials(path)["owners"] == ["ana", "bo", "bob"]
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == []


def test_mld045_with_a_person_and_an_unknown_owner_names_both(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "* @cy @bob\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    [finding] = of(data, "MLD045")
    assert f"add cy (`mldwizard owners {path} --from-codeowners --apply`)" in finding["message"]
    assert "@bob is not among the document's people" in finding["message"]
    out = ok(capsys, "owners", path, "--from-codeowners", "--apply")
    assert "Not added: @bob (1 step)" in out and f"Saved {path}." in out
    assert essentials(path)["owners"] == ["ana", "bo", "cy"]


def test_check_is_quiet_when_they_agree(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "* @zed\n/src/model/ @cy @BO\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == []  # bo owns it on both sides (user names ignore case)
    assert of(data, "MLD046") == []


def test_an_owner_missing_from_the_people_is_not_a_disagreement_of_codeowners(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "/src/model/ @dee\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    text = path.read_text(encoding="utf-8")
    assert text.count("owners = [") == 1  # the essentials chapter's, by hand as in an editor
    path.write_text(re.sub(r"owners = \[[^\]]*\]", 'owners = ["dee"]', text), encoding="utf-8")
    _, data = check_json(capsys, path)
    assert [f["message"] for f in of(data, "MLD010")] == [
        "1. Essentials: owner 'dee' is not among the document's people"
    ]
    assert of(data, "MLD045") == []  # both sides say dee: MLD010 says what is wrong


def test_a_team_that_maps_to_nobody_is_not_counted_as_a_disagreement(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "/src/model/ @acme/ml\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == []  # ana or bo may be in @acme/ml: nobody can tell


def test_the_codeowners_file_in_the_root_or_docs_counts_too(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "/src/ @cy\n", where="docs/CODEOWNERS")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    _, data = check_json(capsys, path)
    assert [f["details"]["codeowners"] for f in of(data, "MLD045")] == ["docs/CODEOWNERS"]
    write_codeowners(repo, "/src/ @ana\n", where="CODEOWNERS")  # found before docs/
    _, data = check_json(capsys, path)
    assert of(data, "MLD045") == []


def test_check_reports_lines_github_skips(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_codeowners(repo, "* @ana\n\n# fine\nsrc/*.[ch] @bo\n")
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    code, data = check_json(capsys, path)
    [finding] = of(data, "MLD046")
    assert finding["details"] == {"codeowners": ".github/CODEOWNERS", "codeowners_line": 4}
    assert ".github/CODEOWNERS line 4 is skipped" in finding["message"]
    assert code == 0  # a warning: check fails on errors by default
    code, _, _ = cli(capsys, "check", path, "--fail-on", "warning", "--format", "json")
    assert code == 1


def test_check_help_lists_the_new_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli(capsys, "check", "--help")
    out = capsys.readouterr().out
    assert "MLD045" in out and "MLD046" in out


def test_the_real_program_proposes_applies_and_fails_cleanly(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a CI step or a person at a shell runs it: its own process, exit codes, no UI
    library loaded, no traceback."""
    path = document(repo, monkeypatch, capsys, ["src/model/**"])

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mldwizard", "owners", str(path), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=repo,
            env={**os.environ, "MLDWIZARD_AUTHOR": "ana"},
        )

    missing = run("--from-codeowners")
    assert missing.returncode == 2
    assert missing.stderr.startswith("mldwizard: no CODEOWNERS file in ")
    assert "Traceback" not in missing.stderr and missing.stdout == ""
    write_codeowners(repo, CODEOWNERS)
    shown = run("--from-codeowners")
    assert shown.returncode == 0, shown.stderr
    assert "proposed    cy" in shown.stdout and "Nothing was written" in shown.stdout
    assert essentials(path)["owners"] == ["ana", "bo"]
    applied = run("--from-codeowners", ".github/CODEOWNERS", "--apply")
    assert applied.returncode == 0, applied.stderr
    assert essentials(path)["owners"] == ["ana", "bo", "cy"]
    assert changelog(path)[-1] | {"at": None} == {
        "at": None,
        "by": "ana",
        "chapter": "essentials",
        "summary": "owners from CODEOWNERS: set owners",
    }


def test_apply_without_author_warns_when_the_author_is_no_person_as_set_does(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 15 #17: git's user.name ("Test Person") is not a handle of the document: the save
    that names them says so, with how to avoid the MLD011 it brings; `set` says the same."""
    write_codeowners(repo, CODEOWNERS)
    path = document(repo, monkeypatch, capsys, ["src/model/**"])
    monkeypatch.delenv("MLDWIZARD_AUTHOR")
    monkeypatch.chdir(repo)  # git's user.name is the repository's
    code, out, err = cli(capsys, "owners", path, "--from-codeowners", "--apply")
    assert code == 0 and f"Saved {path}." in out
    warning = "the changelog names 'Test Person'"
    assert warning in err and "(MLD011)" in err and "--author HANDLE" in err
    _, data = check_json(capsys, path)
    assert [f["message"] for f in of(data, "MLD011")] == [
        "changelog author 'Test Person' is not among the document's people (use --author HANDLE)"
    ]
    code, _, err = cli(capsys, "set", path, "essentials", "summary", "Scores payments.")
    assert code == 0 and warning in err
    # a person as the author: nothing to warn about
    code, _, err = cli(capsys, "set", path, "essentials", "summary", "Scores.", "--author", "cy")
    assert code == 0 and err == ""
    # nothing written in their name: nothing to warn about either
    code, out, err = cli(capsys, "owners", path, "--from-codeowners", "--apply")
    assert "Nothing to add" in out and "changelog names" not in err
