"""QA 15 #12: ``mldwizard new docs/design.toml`` in a repository without ``docs/`` creates
the folder and says so; and the helper files every save leaves next to a document (the
lock, the backup, rescue copies) are what the README's ``.gitignore`` lines ignore, so
``git add -A`` commits the document and its Markdown only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from mldwizard.core import storage
from mldwizard.core.errors import WriteError
from mldwizard.core.helper_files import GITIGNORE_LINES
from mldwizard.core.locking import lock_path
from mldwizard.core.rescue import rescue_name
from mldwizard.core.storage import backup_path

from .cli_run import cli

README = Path(__file__).parents[1] / "README.md"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def readme_gitignore() -> str:
    """The ``.gitignore`` block the README gives for mldwizard's helper files."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```gitignore\n(.*?)```", text, re.DOTALL)
    assert len(blocks) == 1, "the README gives one .gitignore block"
    return str(blocks[0])


def test_new_creates_the_missing_folder_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "new", tmp_path / "docs" / "sub" / "design.toml", "--no-input")
    assert code == 0, err
    assert f"Created the folder {tmp_path / 'docs' / 'sub'}." in out
    assert (tmp_path / "docs" / "sub" / "design.toml").is_file()
    assert (tmp_path / "docs" / "sub" / "design.md").is_file()


def test_a_refused_new_leaves_no_folder_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, *args: object) -> None:
        raise WriteError(f"{path}: the disk is full; nothing was written")

    monkeypatch.setattr(storage, "create_document", refuse)
    code, out, err = cli(capsys, "new", tmp_path / "docs" / "sub" / "design.toml", "--no-input")
    assert code == 2 and "the disk is full" in err and "Traceback" not in err
    assert "Created" not in out
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_the_folder_must_be_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").write_text("not a folder")
    code, _, err = cli(capsys, "new", tmp_path / "docs" / "sub" / "design.toml", "--no-input")
    assert code == 2 and f"{tmp_path / 'docs'} is not a folder" in err, err


def test_the_readme_gitignore_keeps_helper_files_out_of_a_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitignore").write_text(readme_gitignore(), encoding="utf-8")
    doc = repo / "docs" / "design.toml"
    assert cli(capsys, "new", doc, "--example", "--no-input")[0] == 0
    assert cli(capsys, "set", doc, "problem", "risks", "Chargebacks.")[0] == 0
    rescue = rescue_name(doc, "20261130T120000Z")
    rescue.write_text("# what a session could not save\n", encoding="utf-8")
    helpers = [lock_path(doc), backup_path(doc), rescue, rescue_name(doc, "20261130T120000Z", 2)]
    assert all(p.exists() for p in helpers[:3])
    git(repo, "add", "-A")
    staged = set(git(repo, "diff", "--cached", "--name-only").split())
    assert staged == {".gitignore", "docs/design.toml", "docs/design.md"}
    ignored = git(repo, "check-ignore", *[str(p.relative_to(repo)) for p in helpers])
    assert len(ignored.split()) == len(helpers)


def test_the_readme_gives_the_lines_new_suggests() -> None:
    lines = [ln for ln in readme_gitignore().splitlines() if ln and not ln.startswith("#")]
    assert tuple(lines) == GITIGNORE_LINES


def test_new_in_a_repository_says_which_helper_files_git_would_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitignore").write_text("*.bak\n", encoding="utf-8")  # half of it
    code, out, err = cli(capsys, "new", repo / "docs" / "design.toml", "--no-input")
    assert code == 0, err
    assert (
        "git would commit mldwizard's helper files next to it "
        "(.design.toml.lock, design.unsaved-*.toml); keep them out with these lines in "
        ".gitignore:" in out
    )
    assert all(f"  {line}" in out.splitlines() for line in GITIGNORE_LINES)
    (repo / ".gitignore").write_text(readme_gitignore(), encoding="utf-8")
    code, out, _ = cli(capsys, "new", repo / "docs" / "other.toml", "--no-input")
    assert code == 0 and "helper files" not in out  # ignored: nothing to say
    code, out, _ = cli(capsys, "new", tmp_path / "alone.toml", "--no-input")
    assert code == 0 and "helper files" not in out  # not in git: nothing to say
