"""Code drift, against real git repositories made in tmp_path (no mocks).

A chapter drifts when a file under its ``code_paths`` is committed after its baseline: the
later of its last content change (``updated``) and its last review (``reviewed``). The
chapter times come from MLDWIZARD_NOW at the moment of the edit; commit times come from
GIT_AUTHOR_DATE and GIT_COMMITTER_DATE.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

_real_run = subprocess.run  # kept before any test wraps subprocess.run
_real_popen = subprocess.Popen

UPDATED = "2026-11-01T12:00:00Z"  # when the documents' chapters are written
CHECKED = "2026-11-30T12:00:00Z"  # when `status` and `check` run (the conftest default)
MARKED = ("--item", "one_decision_owner", "--mark", "met")
"""Essentials' critical review item marked: a mark records a review (a look alone does not)."""
BEFORE = "2026-10-15 10:00:00 +0000"
AFTER = "2026-11-10 10:00:00 +0000"
LATER = "2026-11-12 10:00:00 +0000"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user or system git configuration, and no repository above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for var in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
    ):
        monkeypatch.delenv(var, raising=False)


# ---- helpers ---------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> str:
    assert GIT is not None
    env = os.environ.copy()
    if date is not None:
        env["GIT_AUTHOR_DATE"] = date
        env["GIT_COMMITTER_DATE"] = date
    out = _real_run([GIT, "-C", str(repo), *args], capture_output=True, text=True, env=env)
    assert out.returncode == 0, f"git {' '.join(args)}: {out.stderr}"
    return out.stdout.strip()


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    git(path, "config", "user.name", "Test Person")
    git(path, "config", "user.email", "test@example.com")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit(
    repo: Path,
    date: str,
    subject: str,
    write: tuple[str, ...] = (),
    move: tuple[tuple[str, str], ...] = (),
) -> str:
    """Write (or change) files and/or `git mv` them, commit at ``date``; the new sha."""
    for rel in write:
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"{rel} changed in {subject!r}\n")
        git(repo, "add", "--", rel)
    for old, new in move:
        (repo / new).parent.mkdir(parents=True, exist_ok=True)
        git(repo, "mv", old, new)
    git(repo, "commit", "-q", "-m", subject, date=date)
    return git(repo, "rev-parse", "HEAD")


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    return out


def make_doc(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    path: Path,
    code_paths: list[str],
    when: str = UPDATED,
    title: str | None = None,
) -> Path:
    """A document whose Essentials chapter (answered, owned by ana and bo) has
    ``code_paths`` and was last changed at ``when``. Every changelog author is a person,
    so drift findings are not mixed with MLD011."""
    monkeypatch.setenv("MLDWIZARD_NOW", when)
    path.parent.mkdir(parents=True, exist_ok=True)
    ok(capsys, "new", path, "--no-input", *(["--title", title] if title else []))
    for handle in ("ana", "bo", "tester"):
        ok(capsys, "person", path, handle)
    paths = [arg for glob in code_paths for arg in ("--code-path", glob)]
    ok(
        capsys,
        "set",
        path,
        "essentials",
        "summary",
        "Scores card payments.",
        "--owner",
        "ana",
        "--owner",
        "bo",
        *paths,
    )
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    return path


def check_json(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, dict[str, Any]]:
    code, out, err = cli(capsys, "check", *args, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)


def status_json(capsys: pytest.CaptureFixture[str], *args: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(capsys, "status", *args, "--format", "json"))
    return data


def of(data: dict[str, Any], code: str, document: Path | None = None) -> list[dict[str, Any]]:
    return [
        f
        for f in data["findings"]
        if f["code"] == code and (document is None or f["document"] == str(document))
    ]


def step(status: dict[str, Any], slug: str, index: int = 0) -> dict[str, Any]:
    return next(s for s in status["documents"][index]["steps"] if s["slug"] == slug)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")


# ---- drift found, drift not found ------------------------------------------------------


def test_a_commit_after_the_update_is_drift(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, BEFORE, "old work", write=("src/old.py",))
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "first change", write=("src/a.py",))
    newest = commit(repo, LATER, "second change", write=("src/b.py", "docs/notes.txt"))

    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["severity"] == "warning"
    assert drift["chapter"] == "essentials"
    assert drift["document"] == str(doc)
    assert drift["details"] == {
        "commit": newest,
        "committed": "2026-11-12T10:00:00+00:00",
        "files": ["src/b.py", "src/a.py"],  # newest first; docs/ is outside the glob
    }
    message = drift["message"]
    assert "2 file(s)" in message and "since 2026-11-01" in message
    assert newest[:10] in message and "2026-11-12" in message
    assert "'second change'" in message
    assert "src/b.py, src/a.py" in message and "src/old.py" not in message

    status = status_json(capsys, doc)
    essentials = step(status, "essentials")
    assert essentials["freshness"] == "drifted"
    assert essentials["drift"] == {
        "commit": newest,
        "committed": "2026-11-12T10:00:00+00:00",
        "files": ["src/b.py", "src/a.py"],
    }
    assert "drifted" in ok(capsys, "status", doc)


def test_a_step_with_code_paths_but_no_answers_is_not_drifted(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Code paths set up front (owners assign them before writing): nothing written can be stale.
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", [])
    ok(capsys, "set", doc, "serving", "--code-path", "src/**", "--owner", "ana")
    commit(repo, AFTER, "serving code", write=("src/serve.py",))
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    serving = step(status_json(capsys, doc), "serving")
    assert serving["freshness"] == "empty" and serving["drift"] is None
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-11T00:00:00Z")  # between the two commits
    ok(capsys, "set", doc, "serving", "serving_mode_reason", "Callers wait for the score.")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    commit(repo, LATER, "more serving code", write=("src/serve2.py",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")  # once it has answers, a later change is drift
    assert drift["chapter"] == "serving" and drift["details"]["files"] == ["src/serve2.py"]


def test_separator_bytes_in_subjects_and_file_names_do_not_confuse_the_log(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "subject \x1e with \x1f separators", write=("src/a\x1eb\x1fc.py",))
    newest = commit(repo, LATER, "plain", write=("docs/readme.txt",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["files"] == ["src/a\x1eb\x1fc.py"]
    assert drift["details"]["commit"] != newest  # the newest commit touching src/


def test_commits_only_before_the_update_are_not_drift(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, BEFORE, "early", write=("src/a.py",))
    commit(repo, "2026-11-01 11:59:59 +0000", "just before", write=("src/b.py",))
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    assert {f["code"] for f in data["findings"]} <= {"MLD001"}
    assert step(status_json(capsys, doc), "essentials")["freshness"] == "fresh"


def test_commits_only_outside_the_globs_are_not_drift(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**", "config/*.yaml"])
    commit(repo, AFTER, "docs", write=("README.md", "docs/src/a.py", "config/x/y.yaml"))
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    assert step(status_json(capsys, doc), "essentials")["freshness"] == "fresh"


def test_the_baseline_is_exact_to_the_second(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, "2026-11-01 12:00:00 +0000", "at the same second", write=("src/a.py",))
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    sha = commit(repo, "2026-11-01 12:00:01 +0000", "one second later", write=("src/b.py",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha
    assert drift["details"]["files"] == ["src/b.py"]


def test_commit_time_zones_are_compared_in_utc(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    # 15:00 at +05:00 is 10:00 UTC: before the update at 12:00 UTC, though it reads later.
    commit(repo, "2026-11-01 15:00:00 +0500", "east", write=("src/east.py",))
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    # 09:00 at -05:00 is 14:00 UTC: after the update, though it reads earlier.
    sha = commit(repo, "2026-11-01 09:00:00 -0500", "west", write=("src/west.py",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha
    assert drift["details"]["committed"] == "2026-11-01T14:00:00+00:00"
    assert drift["details"]["files"] == ["src/west.py"]


def test_a_commit_with_a_skewed_older_date_does_not_hide_drift(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    sha = commit(repo, AFTER, "real change", write=("src/a.py",))
    # A later commit made on a machine whose clock was behind (or rebased with
    # --committer-date-is-author-date): its committer date is before the update.
    commit(repo, BEFORE, "skewed clock", write=("README.md",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha
    assert drift["details"]["files"] == ["src/a.py"]


def test_an_empty_repository_has_no_drift_and_no_error(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    _, data = check_json(capsys, doc)
    codes = {f["code"] for f in data["findings"]}
    assert not codes & {"MLD005", "MLD012", "MLD013", "MLD014"}


def test_an_unreadable_repository_is_mld014_not_a_crash(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    commit(repo, BEFORE, "first", write=("src/a.py",))
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    for folder in (repo / ".git" / "objects").iterdir():
        if len(folder.name) == 2:  # loose objects: HEAD now names a missing commit
            shutil.rmtree(folder)
    code, data = check_json(capsys, doc)
    [broken] = of(data, "MLD014")
    assert broken["severity"] == "warning" and broken["chapter"] is None
    assert "git log failed" in broken["message"]
    assert of(data, "MLD005") == [] and of(data, "MLD012") == []
    assert code == 0  # a warning does not fail under the default --fail-on error


# ---- renames and globs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "files"),
    [
        ("legacy/**", ["legacy/scoring.py"]),
        ("lib/**", ["lib/scoring.py"]),
        ("**/scoring.py", ["lib/scoring.py", "legacy/scoring.py"]),
        ("other/**", None),
    ],
)
def test_a_rename_after_the_update_counts_under_either_name(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    glob: str,
    files: list[str] | None,
) -> None:
    commit(repo, BEFORE, "add scoring", write=("legacy/scoring.py",))
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", [glob])
    sha = commit(repo, AFTER, "move scoring", move=(("legacy/scoring.py", "lib/scoring.py"),))
    _, data = check_json(capsys, doc)
    drifts = of(data, "MLD005")
    if files is None:
        assert drifts == []
    else:
        [drift] = drifts
        assert drift["details"]["commit"] == sha
        assert sorted(drift["details"]["files"]) == sorted(files)


GLOB_CASES: dict[str, set[str] | None] = {
    # glob -> the files of the commit below that it covers (None: no drift)
    "src/**": {"src/a.py", "src/x/y/b.py", "src/x/c.txt"},
    "src/**/*.py": {"src/a.py", "src/x/y/b.py"},
    "src/*.py": {"src/a.py"},
    "*.md": {"README.md"},  # top level only
    "**/*.md": {"README.md", "docs/guide.md"},
    "src": {"src/a.py", "src/x/y/b.py", "src/x/c.txt"},  # a plain folder name
    "docs": {"docs/guide.md"},
    "lib": {"lib/src/e.py"},  # not the src/ inside lib/
    "src/": {"src/a.py", "src/x/y/b.py", "src/x/c.txt"},
    "./src/**": {"src/a.py", "src/x/y/b.py", "src/x/c.txt"},
    "./src": {"src/a.py", "src/x/y/b.py", "src/x/c.txt"},
    "./*.md": {"README.md"},
    "**/test_*.py": {"tests/test_a.py", "tests/unit/test_b.py"},
    "nothing/**": None,
    "src/*.md": None,
}


def test_globs(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    specs: Any,
) -> None:
    """Each glob goes on its own (answered) chapter; one commit after the update touches
    everything."""
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", [])
    text_question = {
        s.slug: next(q.id for q in s.questions if q.kind == "long_text")
        for s in specs.steps
        if s.slug != "essentials" and any(q.kind == "long_text" for q in s.questions)
    }
    chapter_of = dict(zip(GLOB_CASES, text_question, strict=False))
    assert len(chapter_of) == len(GLOB_CASES)
    monkeypatch.setenv("MLDWIZARD_NOW", UPDATED)
    for glob, slug in chapter_of.items():
        ok(capsys, "set", doc, slug, text_question[slug], "Written.", "--code-path", glob)
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    commit(
        repo,
        AFTER,
        "touch everything",
        write=(
            "README.md",
            "CHANGELOG.txt",
            "docs/guide.md",
            "src/a.py",
            "src/x/y/b.py",
            "src/x/c.txt",
            "srcx/d.py",
            "lib/src/e.py",
            "tests/test_a.py",
            "tests/unit/test_b.py",
        ),
    )
    _, data = check_json(capsys, doc)
    found = {f["chapter"]: set(f["details"]["files"]) for f in of(data, "MLD005")}
    got = {glob: found.get(slug) for glob, slug in chapter_of.items()}
    assert got == GLOB_CASES


# ---- review clears drift ---------------------------------------------------------------


def test_a_review_after_the_commit_clears_the_drift(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "change", write=("src/a.py",))
    _, data = check_json(capsys, doc)
    assert len(of(data, "MLD005")) == 1

    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-20T09:00:00Z")
    ok(capsys, "review", doc, "essentials", "--by", "ana", *MARKED)  # a mark records it
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []
    essentials = step(status_json(capsys, doc), "essentials")
    assert essentials["freshness"] == "fresh"
    assert essentials["reviewed"] == "2026-11-20T09:00:00+00:00"
    assert essentials["updated"] == "2026-11-01T12:00:00+00:00"  # a review is not an update

    # A commit after the review drifts again, and only what came after the review counts.
    sha = commit(repo, "2026-11-25 10:00:00 +0000", "after the review", write=("src/b.py",))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha
    assert drift["details"]["files"] == ["src/b.py"]
    assert "since 2026-11-20" in drift["message"]


def test_an_older_review_does_not_move_the_baseline_back(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reviewed on 10-20, changed on 11-01: the baseline is the change, the later one."""
    doc = make_doc(
        monkeypatch, capsys, repo / "design.toml", ["src/**"], when="2026-10-10T00:00:00Z"
    )
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-10-20T00:00:00Z")
    ok(capsys, "review", doc, "essentials", "--by", "bo", *MARKED)
    monkeypatch.setenv("MLDWIZARD_NOW", UPDATED)
    ok(capsys, "set", doc, "essentials", "definition_of_done", "Live on all traffic.")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    commit(repo, "2026-10-25 10:00:00 +0000", "between review and change", write=("src/a.py",))
    _, data = check_json(capsys, doc)
    assert of(data, "MLD005") == []


# ---- shallow clones, no repository, --repo ---------------------------------------------


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    origin = init_repo(tmp_path / "origin")
    commit(origin, BEFORE, "old", write=("src/old.py",))
    return origin


def shallow_clone(origin: Path, target: Path, depth: int = 1) -> Path:
    git(origin.parent, "clone", "-q", "--depth", str(depth), f"file://{origin}", str(target))
    assert git(target, "rev-parse", "--is-shallow-repository") == "true"
    return target


def test_a_shallow_clone_is_mld013(
    origin: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    head = commit(origin, AFTER, "new scoring", write=("src/new.py",))
    clone = shallow_clone(origin, tmp_path / "clone")
    doc = make_doc(monkeypatch, capsys, clone / "design.toml", ["src/**"])
    _, data = check_json(capsys, doc)
    [shallow] = of(data, "MLD013")
    assert shallow["severity"] == "info" and shallow["chapter"] is None
    assert str(clone) in shallow["message"] and "shallow clone" in shallow["message"]
    # With depth 1 the only commit is the boundary: git shows its whole tree as added, so
    # what it really changed cannot be known, and no drift is claimed for it.
    assert of(data, "MLD005") == []
    assert "oldest commit" in shallow["message"]
    assert of(data, "MLD012") == []
    del head


def test_a_shallow_clone_computes_drift_on_the_history_there_is(
    origin: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Depth 2: the boundary commit predates the update; what came after is exact."""
    commit(origin, "2026-10-20 10:00:00 +0000", "boundary", write=("src/base.py",))
    head = commit(origin, AFTER, "new scoring", write=("src/new.py", "README.md"))
    clone = shallow_clone(origin, tmp_path / "clone", depth=2)
    doc = make_doc(monkeypatch, capsys, clone / "design.toml", ["src/**"])
    _, data = check_json(capsys, doc)
    assert len(of(data, "MLD013")) == 1
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == head
    assert drift["details"]["files"] == ["src/new.py"]


def test_a_depth_one_clone_does_not_blame_untouched_files(
    origin: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit(origin, AFTER, "docs only", write=("README.md",))
    clone = shallow_clone(origin, tmp_path / "clone")
    doc = make_doc(monkeypatch, capsys, clone / "design.toml", ["src/**"])
    _, data = check_json(capsys, doc)
    assert len(of(data, "MLD013")) == 1
    assert of(data, "MLD005") == []  # actually reported: src/old.py, "changed" in 'docs only'


def test_a_folder_outside_git_is_mld012_and_has_no_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, tmp_path / "plain" / "design.toml", ["src/**"])
    (tmp_path / "plain" / "src").mkdir()
    (tmp_path / "plain" / "src" / "a.py").write_text("x\n")
    code, data = check_json(capsys, doc, "--fail-on", "error")
    [info] = of(data, "MLD012")
    assert info["severity"] == "info" and info["chapter"] is None
    assert "--repo" in info["message"]
    assert of(data, "MLD005") == [] and of(data, "MLD013") == []
    assert step(status_json(capsys, doc), "essentials")["freshness"] == "fresh"
    assert code == 0


def test_no_code_paths_no_git_findings_and_no_git_log(
    tmp_path: Path,
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = make_doc(monkeypatch, capsys, tmp_path / "plain" / "design.toml", [])
    inside = make_doc(monkeypatch, capsys, repo / "design.toml", [])
    commit(repo, AFTER, "change", write=("src/a.py",))
    calls: list[list[str]] = []

    def counting(argv: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([str(a) for a in argv])
        return _real_run(argv, *args, **kwargs)

    def counting_popen(argv: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([str(a) for a in argv])
        return _real_popen(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    _, data = check_json(capsys, outside, inside)
    codes = {f["code"] for f in data["findings"]}
    assert not codes & {"MLD005", "MLD012", "MLD013", "MLD014"}
    assert [c for c in calls if "log" in c] == []


def test_repo_option_points_elsewhere(
    tmp_path: Path,
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = make_doc(monkeypatch, capsys, tmp_path / "docs" / "design.toml", ["src/**"])
    sha = commit(repo, AFTER, "change", write=("src/a.py",))

    _, data = check_json(capsys, doc)  # the document's own folder is no repository
    assert len(of(data, "MLD012")) == 1 and of(data, "MLD005") == []

    _, data = check_json(capsys, doc, "--repo", repo)
    assert of(data, "MLD012") == []
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha and drift["details"]["files"] == ["src/a.py"]

    sub = repo / "src"  # any folder inside the repository will do
    _, data = check_json(capsys, doc, "--repo", sub)
    assert len(of(data, "MLD005")) == 1
    status = status_json(capsys, doc, "--repo", repo)
    assert step(status, "essentials")["freshness"] == "drifted"


def test_repo_option_overrides_the_documents_own_repository(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "here", write=("src/here.py",))
    other = init_repo(tmp_path / "other")
    sha = commit(other, LATER, "there", write=("src/there.py",))
    _, data = check_json(capsys, doc, "--repo", other)
    [drift] = of(data, "MLD005")
    assert drift["details"]["commit"] == sha
    assert drift["details"]["files"] == ["src/there.py"]


def test_repo_option_must_be_a_folder(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    for command in ("check", "status"):
        code, _, err = cli(capsys, command, doc, "--repo", tmp_path / "nope")
        assert code == 2 and "--repo must be a folder" in err


# ---- one git log for many documents ----------------------------------------------------


def test_several_documents_in_one_repository_share_one_git_log(
    tmp_path: Path, repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    early = make_doc(monkeypatch, capsys, repo / "a.toml", ["src/**"], when=UPDATED)
    late = make_doc(
        monkeypatch, capsys, repo / "team" / "b.toml", ["src/**"], when="2026-11-15T00:00:00Z"
    )
    narrow = make_doc(monkeypatch, capsys, repo / "c.toml", ["src/a.py"])
    first = commit(repo, AFTER, "first", write=("src/a.py",))
    second = commit(repo, "2026-11-20 10:00:00 +0000", "second", write=("src/b.py",))
    elsewhere = init_repo(tmp_path / "elsewhere")
    commit(elsewhere, AFTER, "other repo", write=("src/z.py",))
    other = make_doc(monkeypatch, capsys, elsewhere / "d.toml", ["src/**"])

    calls: list[list[str]] = []

    def counting(argv: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([str(a) for a in argv])
        return _real_run(argv, *args, **kwargs)

    def counting_popen(argv: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append([str(a) for a in argv])
        return _real_popen(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting)
    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    _, data = check_json(capsys, early, late, narrow)
    logs = [c for c in calls if "log" in c]
    assert len(logs) == 1, logs
    # One pass, yet each document is judged against its own baseline.
    [a] = of(data, "MLD005", early)
    assert a["details"]["commit"] == second and a["details"]["files"] == ["src/b.py", "src/a.py"]
    [b] = of(data, "MLD005", late)
    assert b["details"]["commit"] == second and b["details"]["files"] == ["src/b.py"]
    [c] = of(data, "MLD005", narrow)
    assert c["details"]["commit"] == first and c["details"]["files"] == ["src/a.py"]

    calls.clear()
    status = status_json(capsys, early, late, narrow, other)
    assert len([c for c in calls if "log" in c]) == 2  # one per repository
    assert [step(status, "essentials", i)["freshness"] for i in range(4)] == ["drifted"] * 4


# ---- output formats and exit codes -----------------------------------------------------


def test_github_format_annotates_the_chapter_line(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    plain = make_doc(monkeypatch, capsys, tmp_path / "plain" / "design.toml", ["src/**"])
    sha = commit(repo, AFTER, "change", write=("src/a.py",))
    line = 1 + next(
        i
        for i, text in enumerate(doc.read_text(encoding="utf-8").splitlines())
        if text.strip() == "[chapters.essentials]"
    )
    _, data = check_json(capsys, doc, plain)
    [drift] = of(data, "MLD005")

    code, out, _ = cli(capsys, "check", doc, plain, "--format", "github")
    lines = out.splitlines()
    # GitHub resolves file= from the repository's root: the document's path relative to it.
    named = doc.relative_to(repo).as_posix()
    annotation = f"::warning file={named},line={line},title=MLD005 essentials::{drift['message']}"
    assert annotation in lines
    assert sha[:10] in annotation
    [missing] = [x for x in lines if "title=MLD001 essentials" in x and f"file={named}," in x]
    assert missing.startswith(f"::warning file={named},line={line},")
    [notice] = [x for x in lines if "MLD012" in x]
    assert notice.startswith("::notice file=") and ",line=" not in notice  # no chapter, no line
    assert f"{plain.parent.name}/{plain.name},title=MLD012::" in notice
    assert lines[-1] == ("mldwizard check: 0 error(s), 3 warning(s), 1 info in 2 document(s)")
    assert len(lines) == len(data["findings"]) + 1
    assert code == 0


def test_json_format_structure(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "change", write=("src/a.py",))
    code, data = check_json(capsys, doc, "--fail-on", "warning")
    assert set(data) == {"version", "documents", "findings", "summary", "fail_on", "failed"}
    assert data["version"] == 1
    assert data["documents"] == [str(doc)]
    assert data["fail_on"] == "warning" and data["failed"] is True and code == 1
    for finding in data["findings"]:
        assert set(finding) == {"code", "severity", "document", "chapter", "message", "details"}
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["document"] == str(doc)
        assert isinstance(finding["details"], dict)
    assert sorted(f["code"] for f in data["findings"]) == ["MLD001", "MLD005"]
    assert data["summary"] == {"error": 0, "warning": 2, "info": 0}

    code, data = check_json(capsys, doc)
    assert data["fail_on"] == "error" and data["failed"] is False and code == 0


def test_exit_codes(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    commit(repo, AFTER, "change", write=("src/a.py",))
    # Warnings only (MLD001, MLD005).
    assert cli(capsys, "check", doc)[0] == 0
    assert cli(capsys, "check", doc, "--fail-on", "error")[0] == 0
    assert cli(capsys, "check", doc, "--fail-on", "warning")[0] == 1
    for fmt in ("text", "json", "github"):
        assert cli(capsys, "check", doc, "--format", fmt, "--fail-on", "warning")[0] == 1

    # Info only: never fails.
    plain = tmp_path / "plain" / "design.toml"
    make_doc(monkeypatch, capsys, plain, ["src/**"])
    full = tmp_path / "answers.toml"
    full.write_text(
        "[chapters.essentials.answers]\n"
        'team = ["ana", "bo"]\nstakeholders = ["Risk"]\nmilestones = ["2099-03-01: v1 live"]\n'
        'principles = ["start-simple"]\ndefinition_of_done = "Live."\n',
        encoding="utf-8",
    )
    ok(capsys, "set", plain, "--from", full)
    code, data = check_json(capsys, plain, "--fail-on", "warning")
    assert [f["code"] for f in data["findings"]] == ["MLD012"] and code == 0

    # An error (no owner) fails under either threshold.
    ok(capsys, "set", doc, "essentials", "--owner", "")
    _, data = check_json(capsys, doc)
    assert [f["severity"] for f in of(data, "MLD002")] == ["error"]
    assert cli(capsys, "check", doc)[0] == 1
    assert cli(capsys, "check", doc, "--fail-on", "warning")[0] == 1

    # A broken document or a missing file: exit 2, whatever else is checked with it; it
    # is an MLD015 finding, and the other documents' findings are still reported.
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = [1\n", encoding="utf-8")
    code, out, err = cli(capsys, "check", plain, broken)
    assert code == 2 and str(broken) in err and "Traceback" not in err
    assert "MLD015" in out and "MLD012" in out
    code, out, err = cli(capsys, "check", plain, tmp_path / "missing.toml", "--format", "json")
    assert code == 2 and "missing.toml" in err
    assert [f["code"] for f in json.loads(out)["findings"]] == ["MLD012", "MLD015"]
    assert cli(capsys, "status", tmp_path / "missing.toml")[0] == 2


def test_file_names_that_are_not_utf8_give_valid_json(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    (repo / "src").mkdir(exist_ok=True)
    name = os.fsdecode(b"src/caf\xe9.py")
    (repo / name).write_text("x\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "latin-1 name", date=AFTER)
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["files"] == ["src/caf\ufffd.py"]
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # no lone surrogates left


def test_a_repository_git_refuses_is_reported_with_gits_reason(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", ["src/**"])
    refusal = "fatal: detected dubious ownership in repository at '/x'"
    real_run = subprocess.run

    def run(argv, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "rev-parse" in argv and "--show-toplevel" in argv:
            return subprocess.CompletedProcess(argv, 128, "", refusal + "\n")
        return real_run(argv, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    _, data = check_json(capsys, doc)
    [finding] = of(data, "MLD014")
    assert "dubious ownership" in finding["message"]
    assert of(data, "MLD012") == []


@pytest.mark.parametrize(
    ("glob", "name"),
    [
        ("src/**", "src/line\nbreak.py"),
        ("src/**/*.py", "src/a\nb/c.py"),
        ("src", "src/new\nline/x.py"),
        ("src/", "src/x\n.py"),
        ("src/*.py", "src/x\ny.py"),
    ],
)
def test_file_names_with_a_newline_are_seen_as_drift(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    glob: str,
    name: str,
) -> None:
    doc = make_doc(monkeypatch, capsys, repo / "design.toml", [glob])
    commit(repo, AFTER, "a name with a newline", write=(name,))
    _, data = check_json(capsys, doc)
    [drift] = of(data, "MLD005")
    assert drift["details"]["files"] == [name]
