"""Files on disk, handled safely: what a path is, atomic replacement, new files that never
replace one, and the temporary files a killed writer leaves.

Nothing here knows about documents; :mod:`.storage` builds on it (and on :mod:`.locking`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import WriteError


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
    default the permissions of the file it replaces (a new one: 0666 less the umask).
    The temporary file's name carries our pid (`temp_name_pattern`), so a writer killed
    before the rename leaves a file the next writer can tell is nobody's
    (`remove_dead_temps`)."""
    if follow_symlinks:
        path = real_path(path)
    elif path.is_symlink():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    folder = path.parent
    existed = os.path.lexists(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~umask()
        except OSError as exc:
            raise WriteError(f"{path}: {exc.strerror or exc}") from None
    tmp_name = None
    try:
        tmp_name = _write_temp(path, data, mode)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        if not existed:  # nothing there to be unchanged
            raise WriteError(f"cannot create {path}: {exc.strerror or exc}") from None
        raise WriteError(
            f"{path}: cannot write: {exc.strerror or exc}; the file is unchanged"
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _write_temp(path: Path, data: bytes, mode: int) -> str:
    """A complete, fsynced copy of ``data`` in a hidden temporary file next to ``path``
    (``.NAME.PID-RANDOM.tmp``), with permissions ``mode``. Returns its name."""
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def temp_name_pattern(path: Path) -> re.Pattern[str]:
    """What `atomic_write`'s temporary files for ``path`` are called; group ``pid`` is
    the writer's process id (absent in names written before it was recorded)."""
    return re.compile(rf"\.{re.escape(path.name)}\.(?:(?P<pid>\d+)-)?[a-z0-9_]+\.tmp")


ORPHAN_AGE_S = 24 * 3600
"""A temporary file without a pid in its name (written by an older mldwizard) is taken to
be abandoned once it is this old: no write takes a day."""


def remove_dead_temps(path: Path) -> list[Path]:
    """Remove the temporary files `atomic_write` left next to ``path`` when its process was
    killed between writing and renaming: those whose writer is no longer running. Call it
    holding the document's lock (a live writer of the document holds it too). Returns what
    was removed; a file that cannot be removed is left alone (it is only clutter)."""
    pattern = temp_name_pattern(path)
    removed = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        temp = path.parent / name
        pid = match.group("pid")
        if pid is not None and process_is_running(int(pid)):
            continue
        if pid is None and not _older_than(temp, ORPHAN_AGE_S):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()
            removed.append(temp)
    return removed


def process_is_running(pid: int) -> bool:
    """True if a process with this id exists (ours, or another user's)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # none, or a number no process can have
        return False
    except PermissionError:
        return True  # it exists; it is just not ours
    except OSError:
        return True  # cannot tell: keep its file
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


def write_new(name_for: Callable[[int], Path], data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to a file that did not exist, never replacing one: the first of
    ``name_for(1)``, ``name_for(2)``, ... that is free. Two writers in the same moment get
    two files. The file appears complete or not at all (a temporary file, fsync, then a
    hard link, which fails rather than replace). Returns the path written."""
    first = name_for(1)
    if mode is None:
        mode = 0o666 & ~umask()
    try:
        tmp_name = _write_temp(first, data, mode)
    except OSError as exc:
        raise WriteError(f"{first}: cannot write: {exc.strerror or exc}") from None
    try:
        for number in range(1, 10_000):
            target = name_for(number)
            try:
                _link_or_create(tmp_name, target, data, mode)
            except FileExistsError:
                continue
            except OSError as exc:
                raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from None
            _fsync_dir(target.parent)
            return target
        raise WriteError(f"{first}: no free name for another copy next to it")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)


def _link_or_create(tmp_name: str, target: Path, data: bytes, mode: int) -> None:
    """Give the complete temporary file the name ``target`` unless that name is taken
    (FileExistsError). Where hard links are not supported, create ``target`` exclusively
    and write it."""
    try:
        os.link(tmp_name, target)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(target, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), mode)
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def umask() -> int:
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
def new_folders(path: Path) -> Iterator[list[Path]]:
    """Create the folders ``path`` needs that do not exist yet (``mldwizard new
    docs/design.toml`` in a repository without ``docs/``): the ones created, outermost
    first. When the block raises, the folders created (still empty) are removed again, so
    a refused command leaves nothing behind. A file where a folder must be is refused,
    naming it."""
    missing: list[Path] = []
    folder = path.parent
    while not folder.is_dir():
        if folder.exists() or folder.is_symlink():
            raise WriteError(f"{path}: {folder} is not a folder; nothing was written")
        missing.append(folder)
        folder = folder.parent
    missing.reverse()
    made: list[Path] = []
    try:
        for folder in missing:
            try:
                folder.mkdir()
            except FileExistsError:
                continue  # made meanwhile by someone else: not ours to remove
            except OSError as exc:
                raise WriteError(
                    f"{path}: cannot create the folder {folder}: {exc.strerror or exc}; "
                    "nothing was written"
                ) from None
            made.append(folder)
        yield made
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
