"""The lock that serialises writers of one document: a hidden ``.NAME.toml.lock`` next to it.

Every save holds it from reading the file on disk to replacing it, so two writers (two
wizards, a wizard and ``mldwizard set``, two users of a shared document) never interleave.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import WriteError
from .files import folder_must_exist, kind_of, permission_bits, umask

LOCK_TIMEOUT_S = 30.0


def lock_path(path: Path) -> Path:
    """The hidden lock file next to a document: ``.NAME.toml.lock``."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """An exclusive lock on the document, held in a hidden ``.<name>.lock`` next to it."""
    lock = lock_path(path)
    folder_must_exist(path)
    fd = _open_lock(path, lock)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise WriteError(
                        f"{path}: cannot lock {lock}: {exc.strerror or exc}; nothing was written"
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


def _open_lock(path: Path, lock: Path) -> int:
    """A descriptor to ``flock`` on: the lock file, created with the document's permissions
    (whoever may write the document may lock it), or opened read-only when it exists but
    is not ours to write (``flock`` needs no write access). A symbolic link or anything but
    a regular file in its place is refused, never followed: a planted link would make us
    create or lock a file elsewhere."""
    try:
        st = os.lstat(lock)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(
            f"{path}: cannot use {lock} as its lock file: {exc.strerror or exc}; "
            "nothing was written"
        ) from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise _not_a_lock(path, lock, "symbolic link")
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        raise _not_a_lock(path, lock, kind_of(st.st_mode))
    flags = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = _create_lock(path, lock, flags) if st is None else None
        if fd is None:
            try:
                fd = os.open(lock, os.O_RDWR | flags)
            except PermissionError:  # another user's lock file: locking needs no write
                fd = os.open(lock, os.O_RDONLY | flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symlink planted since we looked
            raise _not_a_lock(path, lock, "symbolic link") from None
        raise WriteError(
            f"{path}: cannot use {lock} as its lock file: {exc.strerror or exc}; "
            "nothing was written"
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise _not_a_lock(path, lock, kind_of(mode))
    return fd


def _create_lock(path: Path, lock: Path, flags: int) -> int | None:
    """Create the lock file with the document's permission bits (not narrowed by the
    umask: a group-writable document gets a group-writable lock). None if it appeared
    meanwhile."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL | flags, 0o600)
    except FileExistsError:
        return None
    bits = permission_bits(path)
    with contextlib.suppress(OSError):
        os.fchmod(fd, (0o666 & ~umask()) if bits is None else bits & 0o666)
    return fd


def _not_a_lock(path: Path, lock: Path, kind: str) -> WriteError:
    return WriteError(
        f"{path}: its lock file {lock} is a {kind}, which mldwizard does not follow or use "
        f"(it would create or lock a file elsewhere); remove it (rm {lock}) and try again. "
        "Nothing was written."
    )
