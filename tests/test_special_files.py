"""Special files (FIFOs, devices, folders), permissions and read-only documents: mldwizard
never hangs on them, never replaces them, and never widens who can read a document."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from mldwizard.cli import main
from mldwizard.core import storage


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with no_hang():
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class Hung(Exception):
    pass


@contextlib.contextmanager
def no_hang(seconds: float = 10) -> Iterator[None]:
    """A command that would block forever (opening a FIFO nobody writes to) fails instead."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still blocked after {seconds}s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_fifo_where_the_markdown_goes_is_refused_at_once(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = storage.markdown_path(doc_path)
    md.unlink()
    os.mkfifo(md)
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "set", str(doc_path), "1", "summary", "x")
    assert code == 2 and f"{md} exists and was not written by mldwizard" in err, err
    assert "named pipe" in err
    assert doc_path.read_bytes() == before and stat.S_ISFIFO(md.lstat().st_mode)
    assert not storage.backup_path(doc_path).exists()
    os.mkfifo(tmp_path / "n.md")
    code, _, err = run(capsys, "new", str(tmp_path / "n.toml"), "--no-input")
    assert code == 2 and "was not written by mldwizard" in err, err
    assert not (tmp_path / "n.toml").exists()
