"""A document git could not merge says so (QA10b #5); an answer may still hold such a line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mldwizard.cli import main


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def doc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLDWIZARD_AUTHOR", "ana")
    path = tmp_path / "design.toml"
    assert main(["new", str(path), "--no-input", "--title", "Fraud"]) == 0
    assert main(["person", str(path), "ana", "--name", "Ana", "--role", "Lead"]) == 0
    return path


def test_two_branches_that_ack_conflict_and_the_document_says_what_to_do(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    git(tmp_path, "checkout", "-qb", "one")
    assert main(["set", str(doc), "essentials", "summary", "One side."]) == 0
    git(tmp_path, "commit", "-qam", "one")
    git(tmp_path, "checkout", "-q", "main")
    assert main(["set", str(doc), "problem", "notes", "Other side."]) == 0
    git(tmp_path, "commit", "-qam", "two")
    merged = subprocess.run(["git", "merge", "-q", "one"], cwd=tmp_path, capture_output=True)
    assert merged.returncode != 0  # both appended to the changelog
    text = doc.read_text(encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("<<<<<<<")))
    capsys.readouterr()
    assert main(["check", str(doc)]) == 2
    err = capsys.readouterr().err
    assert f"{doc}:{line + 1}: an unresolved merge conflict" in err
    assert "changelog entries" in err and "Traceback" not in err


def test_an_answer_may_hold_a_line_that_looks_like_a_marker(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    diff = "A pasted conflict:\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch"
    assert main(["set", str(doc), "essentials", "summary", diff]) == 0
    capsys.readouterr()
    assert main(["check", str(doc)]) in (0, 1)  # findings, perhaps; loaded all the same
    assert "merge conflict" not in capsys.readouterr().err
