"""``mldwizard ack DOC CHAPTER --by H --note TEXT``: the chapter still holds.

A review for freshness (``reviewed`` moves; ``updated`` and the revision do not), one
changelog entry with who, when, why and the commit, never an approval.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core import storage
from mldwizard.core.specs import load_specs

from .test_living_checks import CHECKED, CLEAN, CREATED, CRITICAL_MET, Run, cli, only, write_answers
from .test_living_git import BEFORE, commit, git, init_repo

SPECS = load_specs()
ACKED = "2026-11-25T09:00:00Z"


@pytest.fixture(autouse=True)
def no_repository_above(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


@pytest.fixture
def ok(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> str:
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        return out

    return run


@pytest.fixture
def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ok: Run) -> Callable[[], Path]:
    """test_living_checks' clean document: Essentials answered, owned by ana and bo."""

    def build() -> Path:
        monkeypatch.setenv("MLDWIZARD_NOW", CREATED)
        path = tmp_path / "design.toml"
        ok("new", path, "--no-input")
        ok("set", path, "--from", write_answers(tmp_path / "clean.toml", CLEAN))
        monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
        return path

    return build


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Callable[[Path], list[dict[str, Any]]]:
    def run(path: Path) -> list[dict[str, Any]]:
        code, out, err = cli(capsys, "check", path, "--format", "json")
        assert code in (0, 1), err
        findings: list[dict[str, Any]] = json.loads(out)["findings"]
        return findings

    return run


def ack(ok: Run, monkeypatch: pytest.MonkeyPatch, path: Path, *args: object) -> str:
    monkeypatch.setenv("MLDWIZARD_NOW", ACKED)
    out = ok("ack", path, *args)
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    return out


def raw(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_ack_moves_reviewed_only_and_logs_who_when_why(
    make: Callable[..., Path], ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make()
    before = storage.load_document(path, SPECS)
    essentials = before.chapters["essentials"]
    assert essentials.reviewed is None and essentials.revision >= 1

    out = ack(ok, monkeypatch, path, "essentials", "--by", "bo", "--note", " refactor only ")
    assert "acknowledged by bo" in out and "refactor only" in out

    after = storage.load_document(path, SPECS)
    state = after.chapters["essentials"]
    assert state.reviewed is not None and state.reviewed.isoformat() == "2026-11-25T09:00:00+00:00"
    assert state.updated == essentials.updated  # not a content change
    assert state.revision == essentials.revision
    assert state.status == essentials.status
    assert state.review == essentials.review  # no round, no mark, no approval
    assert len(after.changelog) == len(before.changelog) + 1
    entry = after.changelog[-1]
    assert (entry.by, entry.chapter, entry.note) == ("bo", "essentials", "refactor only")
    assert entry.at.isoformat() == "2026-11-25T09:00:00+00:00"
    assert entry.commit is None  # not in a git repository
    logged = raw(path)["changelog"][-1]
    assert logged["note"] == "refactor only" and logged["by"] == "bo"
    assert "commit" not in logged


def test_ack_records_the_commit_in_a_repository(
    tmp_path: Path, make: Callable[..., Path], ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path)
    path = make()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the document", date=BEFORE)
    head = git(repo, "rev-parse", "HEAD")
    out = ack(ok, monkeypatch, path, "1", "--by", "ana", "--note", "renamed a module")
    assert f"at {head[:10]}" in out
    assert storage.load_document(path, SPECS).changelog[-1].commit == head


def test_ack_refreshes_a_drifted_chapter(
    tmp_path: Path,
    make: Callable[..., Path],
    ok: Run,
    check: Callable[..., list[dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = init_repo(tmp_path)
    path = make()
    ok("set", path, "essentials", "--code-path", "src/**")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    commit(repo, "2026-11-20 10:00:00 +0000", "refactor", write=("src/a.py",))
    assert [f["chapter"] for f in only(check(path), "MLD005")] == ["essentials"]

    ack(ok, monkeypatch, path, "essentials", "--by", "ana", "--note", "refactor only")
    assert only(check(path), "MLD005") == []
    data = json.loads(ok("status", path, "--format", "json"))
    step = next(s for s in data["documents"][0]["steps"] if s["slug"] == "essentials")
    assert step["freshness"] == "fresh"
    assert step["acknowledged"] == {
        "by": "ana",
        "at": "2026-11-25T09:00:00+00:00",
        "note": "refactor only",
        "commit": git(repo, "rev-parse", "HEAD"),
    }
    other = next(s for s in data["documents"][0]["steps"] if s["slug"] == "metrics")
    assert other["acknowledged"] is None
    assert "2026-11-25 (ack)" in ok("status", path)
    markdown = storage.markdown_path(path).read_text(encoding="utf-8")
    assert "Acknowledged 2026-11-25 by Ana Lopez (refactor only)" in markdown
    assert "acknowledged it still holds (refactor only)" in markdown  # recent changes


def test_an_ack_is_no_review_of_an_approved_chapters_change(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make()
    ok("set", path, "essentials", "--status", "review")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-10T09:00:00Z")
    ok("review", path, "essentials", "--by", "tester", *CRITICAL_MET)
    ok("review", path, "essentials", "--by", "tester", "--approve")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-20T09:00:00Z")
    ok("set", path, "essentials", "summary", "Scores card and bank payments.")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert len(only(check(path), "MLD006")) == 1

    ack(ok, monkeypatch, path, "essentials", "--by", "bo", "--note", "still holds")
    [finding] = only(check(path), "MLD006")  # an ack approves nothing
    assert "approved on 2026-11-10" in finding["message"]
    assert "changed on 2026-11-20" in finding["message"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("essentials", "--by", "zed", "--note", "fine"), ["'zed'", "ana, bo, tester"]),
        (("essentials", "--by", "ana", "--note", "   "), ["--note is required"]),
        (("nope", "--by", "ana", "--note", "fine"), ["no chapter 'nope'", "(essentials)"]),
        (("metrics", "--by", "ana", "--note", "fine"), ["nothing is written there yet"]),
        (("essentials", "--by", "ana", "--note", "ok\x1b[2Jy"), ["--note", "control character"]),
    ],
)
def test_a_bad_ack_is_exit_2_and_writes_nothing(
    make: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    words: list[str],
) -> None:
    path = make()
    before = path.read_bytes()
    code, out, err = cli(capsys, "ack", path, *args)
    assert code == 2 and out == ""
    for word in words:
        assert word in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_the_note_is_required(
    make: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = make()
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, "ack", path, "essentials", "--by", "ana")
    assert exit_.value.code == 2
    assert "--note" in capsys.readouterr().err
