"""The document's lock file: never followed through a symlink, usable by everyone who may
write the document."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage, workspace
from mldwizard.core.errors import WriteError
from mldwizard.core.locking import file_lock, lock_path
from mldwizard.core.specs import Specs, load_specs

from .conftest import load


def test_a_planted_symlink_is_refused_not_followed(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = lock_path(doc_path)
    lock.unlink(missing_ok=True)
    target = tmp_path / "victim" / "created-by-mldwizard"
    target.parent.mkdir()
    lock.symlink_to(target)
    before = doc_path.read_bytes()
    code = main(["set", str(doc_path), "1", "summary", "x"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"its lock file {lock} is a symbolic link" in err and f"rm {lock}" in err, err
    assert "Traceback" not in err
    assert not target.exists() and doc_path.read_bytes() == before


def test_a_symlink_to_an_existing_file_is_refused_too(doc_path: Path, tmp_path: Path) -> None:
    lock = lock_path(doc_path)
    lock.unlink(missing_ok=True)
    other = tmp_path / "other.txt"
    other.write_text("not a lock")
    lock.symlink_to(other)
    with pytest.raises(WriteError, match="is a symbolic link"), file_lock(doc_path):
        pass
    assert other.read_text() == "not a lock"


def test_a_fifo_in_its_place_is_refused(doc_path: Path) -> None:
    lock = lock_path(doc_path)
    lock.unlink(missing_ok=True)
    os.mkfifo(lock)
    with pytest.raises(WriteError, match=r"is a named pipe \(FIFO\)"), file_lock(doc_path):
        pass


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o666])
def test_the_lock_takes_the_documents_permissions(doc_path: Path, specs: Specs, mode: int) -> None:
    old = os.umask(0o022)  # a group-writable document's lock is group-writable all the same
    try:
        lock_path(doc_path).unlink(missing_ok=True)
        doc_path.chmod(mode)
        with file_lock(doc_path):
            pass
    finally:
        os.umask(old)
    assert lock_path(doc_path).stat().st_mode & 0o777 == mode


def test_a_lock_file_we_may_not_write_is_locked_read_only(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user's lock file, created by an older mldwizard with 0644: we may write the
    document but not the lock; flock works on a read-only descriptor."""
    real_open = os.open

    def no_write(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if str(path) == str(lock_path(doc_path)) and flags & (os.O_RDWR | os.O_WRONLY):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_write)
    storage.update_document(doc_path, specs, "tester", lambda d: None)
    with file_lock(doc_path):  # and it still excludes another writer
        code = subprocess.run(
            [sys.executable, "-c", _TRY_LOCK, str(doc_path)], capture_output=True, text=True
        )
    assert code.returncode == 3, code.stderr


_TRY_LOCK = (
    "import sys; from pathlib import Path; from mldwizard.core.locking import file_lock\n"
    "from mldwizard.core.errors import WriteError\n"
    "try:\n"
    "    with file_lock(Path(sys.argv[1]), timeout=0.2): sys.exit(0)\n"
    "except WriteError: sys.exit(3)\n"
)


@pytest.fixture
def shared_folder(specs: Specs) -> Iterator[Path]:
    """A team's shared folder, as set up for a group: group-writable, and setgid so that
    every file created in it (the document's new versions, the lock) belongs to the group.
    The group is "nobody"'s, so root and "nobody" are two users of that group."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as a second user")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody'")
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-shared-"))
    os.chown(folder, 0, pwd.getpwnam("nobody").pw_gid)
    folder.chmod(0o2775)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _as_nobody_in_a_child(argv: list[str]) -> int:
    """Run the CLI as the user "nobody" in a forked child (the interpreter's own files may
    not be readable by them, so no new process is started); returns its exit code."""
    user = pwd.getpwnam("nobody")
    # The built-in chapter specs are read at run time from the installed package, which
    # "nobody" may not be able to read (CI installs into a root-only temporary folder):
    # the child takes them as root has read them. The document is what this test is about.
    loaded = load_specs()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            workspace.load_specs = lambda folders=(): loaded  # type: ignore[assignment]
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.environ["MLDWIZARD_AUTHOR"] = "second"
            code = main(argv)
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_second_user_of_a_group_writable_document_can_save(
    shared_folder: Path, doc_path: Path, specs: Specs
) -> None:
    """Root saves first (creating the lock), then "nobody", who may write the document
    through its group, saves too: before, the 0644 lock gave them "Permission denied"."""
    doc = shared_folder / "shared.toml"
    storage.create_document(doc, load(doc_path, specs), specs, "root")
    doc.chmod(0o664)
    old = os.umask(0o022)
    try:
        code = main(["set", str(doc), "1", "summary", "from root"])
    finally:
        os.umask(old)
    assert code == 0
    assert _as_nobody_in_a_child(["set", str(doc), "1", "summary", "from nobody"]) == 0
    assert load(doc, specs).chapters["essentials"].answers["summary"] == "from nobody"
