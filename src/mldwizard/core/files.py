"""Files on disk, handled safely: what a path is, atomic replacement, and the lock.

Nothing here knows about documents; :mod:`.storage` builds on it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import WriteError

LOCK_TIMEOUT_S = 30.0


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words (from its ``st_mode``)."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "regular file" if stat.S_ISREG(mode) else "special file"


class SpecialFile(Exception):
    """A path that exists but is not a regular file; ``kind`` says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def open_regular(path: Path) -> int:
    """A read-only descriptor of the regular file at ``path``, never blocking on the way.

    The path is looked at with ``stat`` first and opened non-blocking, then checked again
    (a FIFO or a device swapped in meanwhile is refused too): anything but a regular file
    raises SpecialFile. A missing file raises FileNotFoundError (or NotADirectoryError),
    other failures OSError."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise SpecialFile(kind_of(st.st_mode))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise SpecialFile(kind_of(mode))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_head(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of the regular file at ``path``, or None if there is none.
    Never blocks (`open_regular`); anything but a regular file raises SpecialFile, and the
    caller words the refusal."""
    try:
        fd = open_regular(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return os.read(fd, size)
    except OSError as exc:
        raise WriteError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def real_path(path: Path) -> Path:
    """Writes go to the file a symlink points at, so the link stays a link."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise WriteError(f"{path}: cannot follow this symbolic link: {exc}") from None


def refuse_dangling(path: Path, what: str) -> None:
    """A symlink to a missing file is not written through: that would create a file
    wherever the link points (a cloned repository could plant one)."""
    if path.is_symlink() and not path.exists():
        raise WriteError(
            f"{path}: {what} is a symbolic link to a missing file ({os.readlink(path)}); "
            "remove the link or point it at an existing file. Nothing was written."
        )


def permission_bits(path: Path) -> int | None:
    """The permission bits of the file at ``path`` (None if there is none)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except (OSError, ValueError):
        return None


_DESCRIPTOR = re.compile(r"/(proc/(self|thread-self|\d+)/fd|dev/fd)/\d+|/dev/std(in|out|err)")


def names_an_open_file(path: Path) -> bool:
    """True for /dev/stdout, /dev/fd/N, /proc/self/fd/N (or a link to one): a name for a
    file some process already has open, to be written in place, never replaced."""
    name = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTOR.fullmatch(name):
            return True
        if not os.path.islink(name):
            return False
        name = os.path.normpath(os.path.join(os.path.dirname(name), os.readlink(name)))
    return False


def write_straight(path: Path, data: bytes) -> None:
    """Write ``data`` into a device, a pipe or an already open file, in place: no temporary
    file, no rename, no backup. Appends, so a file behind /dev/stdout opened with ``>>``
    keeps what it had. A named pipe nobody reads from is an error, not a hang."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            msg = f"{path}: nothing is reading from this pipe; nothing was written"
            raise WriteError(msg) from None
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise WriteError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def is_read_only(path: Path) -> bool:
    """True for a file we may not write, or that nobody may (no write bit at all): root
    may write anything, but a 0444 file is a request not to, like an editor honours."""
    bits = permission_bits(path)
    return bits is not None and (bits & 0o222 == 0 or not os.access(path, os.W_OK))


def atomic_write(
    path: Path, data: bytes, *, follow_symlinks: bool = True, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    A symlink at ``path`` is written through (the link stays a link), or with
    ``follow_symlinks=False`` replaced by the new file. The new file gets ``mode``, by
    default the permissions of the file it replaces (a new one: 0666 less the umask)."""
    if follow_symlinks:
        path = real_path(path)
    elif path.is_symlink():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        except OSError as exc:
            raise WriteError(f"{path}: {exc.strerror or exc}") from None
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        raise WriteError(
            f"{path}: cannot write: {exc.strerror or exc}; the file is unchanged"
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def folder_must_exist(path: Path) -> None:
    """A file can only be written into a folder that exists: say so, naming it."""
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise WriteError(f"{path}: {folder} is not a folder; nothing was written")
        raise WriteError(f"{path}: the folder {folder} does not exist; nothing was written")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """An exclusive lock on the document, held in a hidden ``.<name>.lock`` next to it."""
    lock_path = path.with_name(f".{path.name}.lock")
    folder_must_exist(path)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise WriteError(
            f"{path}: cannot use {lock_path} as its lock file: {exc.strerror or exc}; "
            "nothing was written"
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise WriteError(
                        f"{path}: cannot lock {lock_path}: {exc.strerror or exc}; "
                        "nothing was written"
                    ) from None
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"{path}: another process has held the lock for {timeout:.0f}s; "
                        "nothing was written"
                    ) from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)
