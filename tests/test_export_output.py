"""Where ``export -o`` writes: a regular file is replaced only if it is new, empty or an
earlier export; a device or a pipe is written straight into, never replaced; anything
else is refused."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage, workspace
from mldwizard.core.examples import example_path
from mldwizard.core.specs import load_specs

from .test_special_files import no_hang


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with no_hang():
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".bak")))


def test_a_fifo_is_written_into_not_replaced(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "export", str(doc_path), "-o", str(fifo))
    assert code == 2 and "nothing is reading from this pipe" in err, err
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = run(capsys, "export", str(doc_path), "-o", str(fifo))
        assert code == 0, err
        received = b""
        while chunk := os.read(reader, 1 << 16):
            received += chunk
    finally:
        os.close(reader)
    assert received == storage.markdown_path(doc_path).read_bytes()
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and _leftovers(tmp_path) == []


def test_an_open_file_named_through_dev_fd_is_written_in_place(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.md"
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    inode = os.fstat(fd).st_ino
    try:
        code, _, err = run(capsys, "export", str(doc_path), "-o", f"/dev/fd/{fd}")
    finally:
        os.close(fd)
    assert code == 0, err
    assert out.stat().st_ino == inode and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes() == storage.markdown_path(doc_path).read_bytes()
    assert _leftovers(tmp_path) == []


def test_dev_stdout_works_for_a_pipe_and_a_redirected_file(doc_path: Path, tmp_path: Path) -> None:
    """The exact report: `-o /dev/stdout` failed with /proc/NNN/fd/pipe:[...] messages."""
    command = [sys.executable, "-m", "mldwizard", "export", str(doc_path), "-o", "/dev/stdout"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    piped = subprocess.run(command, capture_output=True, env=env, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == storage.markdown_path(doc_path).read_bytes()
    out = tmp_path / "redirected.md"
    with out.open("wb") as sink:
        done = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == storage.markdown_path(doc_path).read_bytes()


def test_a_character_device_stays_a_device(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "mynull"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    try:
        os.close(os.open(null, os.O_WRONLY))
    except PermissionError:
        pytest.skip("this file system does not allow devices (nodev)")
    code, _, err = run(capsys, "export", str(doc_path), "-o", str(null))
    assert code == 0, err
    assert stat.S_ISCHR(null.lstat().st_mode) and _leftovers(tmp_path) == []


def test_folders_sockets_and_block_devices_are_refused(
    doc_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    targets = {folder: "is a folder"}
    sock = socket.socket(socket.AF_UNIX)
    try:
        monkeypatch.chdir(tmp_path)  # a short name: socket paths are limited to ~100 bytes
        sock.bind("sock")
        targets[tmp_path / "sock"] = "is a socket"
        if os.geteuid() == 0:
            os.mknod(tmp_path / "blk", stat.S_IFBLK | 0o600, os.makedev(7, 200))
            targets[tmp_path / "blk"] = "is a block device"
        for target, said in targets.items():
            code, _, err = run(capsys, "export", str(doc_path), "-o", str(target))
            assert code == 2 and f"{target}: {said}" in err, err
            assert "choose another output file" in err
        assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode) and list(folder.iterdir()) == []
    finally:
        sock.close()


def test_an_existing_file_mldwizard_did_not_write_is_never_replaced(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    other = tmp_path / "other.toml"
    other.write_bytes(doc_path.read_bytes())
    for target in (notes, other):
        before = target.read_bytes()
        for fmt in ("markdown", "json"):
            code, _, err = run(capsys, "export", str(doc_path), "-o", str(target), "--format", fmt)
            assert code == 2 and f"{target} exists and was not written by mldwizard" in err
            assert "remove it first or choose another output file" in err
            assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_an_earlier_export_or_an_empty_file_is_replaced(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.touch()
    for fmt in ("markdown", "json", "markdown", "json"):
        code, _, err = run(capsys, "export", str(doc_path), "-o", str(out), "--format", fmt)
        assert code == 0 and f"Wrote {out}." in err, err
    assert out.read_text().startswith('{\n  "schema_version": ')


def test_dash_is_standard_output_and_a_missing_folder_is_named(
    doc_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", str(doc_path), "-o", "-")
    assert code == 0 and out.encode() == storage.markdown_path(doc_path).read_bytes()
    assert not (tmp_path / "-").exists()
    code, _, err = run(capsys, "export", str(doc_path), "-o", str(tmp_path / "no" / "x.md"))
    assert code == 2 and f"the folder {tmp_path / 'no'} does not exist" in err, err


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_a_new_export_is_as_private_as_the_document(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    doc_path.chmod(mode)
    old = os.umask(0o022)
    try:
        for fmt in ("markdown", "json"):
            out = tmp_path / f"export-{fmt}"
            code, _, err = run(capsys, "export", str(doc_path), "--format", fmt, "-o", str(out))
            assert code == 0, err
            assert out.stat().st_mode & 0o777 == mode, fmt
    finally:
        os.umask(old)


def test_an_earlier_export_keeps_its_own_permissions(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shared.md"
    assert run(capsys, "export", str(doc_path), "-o", str(out))[0] == 0
    out.chmod(0o644)  # the author chose to share the export, not the document
    doc_path.chmod(0o600)
    assert run(capsys, "export", str(doc_path), "-o", str(out))[0] == 0
    assert out.stat().st_mode & 0o777 == 0o644


def _as_user_who_cannot_write(folder: Path, argv: list[str]) -> int:
    """``main(argv)`` by someone who may read ``folder`` but not write it: this user after
    ``chmod 0555``, or for root (who may write anything) the user "nobody", in a forked
    child (the interpreter's own files may not be readable by them)."""
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return main(argv)
    user = pwd.getpwnam("nobody")  # KeyError: no such user, the test says so
    loaded = load_specs()  # the package's specs may not be readable by "nobody"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            workspace.load_specs = lambda folders=(): loaded  # type: ignore[assignment]
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            code = main(argv)
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_new_file_in_a_read_only_folder_says_it_cannot_be_created(
    capfd: pytest.CaptureFixture[str],
) -> None:
    shared = Path(tempfile.mkdtemp(prefix="mldwizard-ro-"))  # reachable by "nobody" too
    try:
        shared.chmod(0o755)
        document = shared / "design.toml"
        shutil.copyfile(example_path(), document)
        document.chmod(0o644)
        locked = shared / "out"
        locked.mkdir()
        earlier = locked / "earlier.md"
        assert main(["export", str(document), "-o", str(earlier)]) == 0  # modules loaded too
        capfd.readouterr()
        new = locked / "new.md"
        code = _as_user_who_cannot_write(locked, ["export", str(document), "-o", str(new)])
        err = capfd.readouterr().err
        assert code == 2, err
        assert f"cannot create {new}: Permission denied" in err, err
        assert "unchanged" not in err and "Traceback" not in err, err
        assert not new.exists()
        # A file that is there is, as before, unchanged.
        code = _as_user_who_cannot_write(locked, ["export", str(document), "-o", str(earlier)])
        err = capfd.readouterr().err
        said = f"{earlier}: cannot write: Permission denied; the file is unchanged"
        assert code == 2 and said in err, err
    finally:
        (shared / "out").chmod(0o755)
        shutil.rmtree(shared)


def test_the_generated_mark_names_the_toml_it_comes_from(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = storage.markdown_path(doc_path).read_text().split("\n", 1)[0]
    assert (
        first == "<!-- Generated by mldwizard from design.toml next to it; edit that, not this. -->"
    )
    (tmp_path / "site" / "docs").mkdir(parents=True)
    elsewhere = tmp_path / "site" / "docs" / "design.md"
    code, _, err = run(capsys, "export", str(doc_path), "-o", str(elsewhere))
    assert code == 0, err
    first = elsewhere.read_text().split("\n", 1)[0]
    assert first == "<!-- Generated by mldwizard from ../../design.toml; edit that, not this. -->"
    beside = tmp_path / "copy.md"
    assert run(capsys, "export", str(doc_path), "-o", str(beside))[0] == 0
    assert beside.read_text().startswith("<!-- Generated by mldwizard from design.toml next to it;")


def test_a_toml_name_cannot_end_the_generated_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a-->b.toml"
    assert run(capsys, "new", str(path), "--no-input", "--title", "T")[0] == 0
    first = storage.markdown_path(path).read_text().split("\n", 1)[0]
    assert first.count("-->") == 1 and first.endswith("; edit that, not this. -->")
