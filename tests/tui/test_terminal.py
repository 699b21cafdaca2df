"""The real program in a pseudo-terminal: kill -9 after typing, SIGTERM, SIGHUP."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from mldwizard.core.specs import Specs

from ..conftest import load

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


class Terminal:
    def __init__(self, path: Path) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "MLDWIZARD_AUTHOR": "tester",
            "COLUMNS": "120",
            "LINES": "36",
        }
        env.pop("MLDWIZARD_NOW", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mldwizard", "edit", str(path)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, needle: bytes, timeout: float = 60) -> None:
        """Read until ``needle`` is shown; generous for a loaded machine, where starting
        Python and Textual alone can take tens of seconds."""
        deadline = time.monotonic() + timeout
        while needle not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not shown; got {self.output[-500:]!r}")
            self.drain(0.1)

    def drain(self, wait: float) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        if ready:
            with contextlib.suppress(OSError):
                self.output += os.read(self.master, 65536)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def wait(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self.drain(0.1)
        code = self.proc.poll()
        assert code is not None, "the program did not exit"
        return code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def terminal(doc_path: Path):  # type: ignore[no-untyped-def]
    term = Terminal(doc_path)
    yield term
    term.close()


def test_kill_9_after_the_autosave_loses_nothing(
    terminal: Terminal, doc_path: Path, specs: Specs
) -> None:
    """Typing is saved with no key pressed to save (a second after the last key; on a
    loaded machine the wait here is longer, and ends as soon as the file has it), and a
    crash then (kill -9: nothing runs on the way out) loses nothing."""
    terminal.read_until(b"Essentials")
    time.sleep(0.5)
    terminal.type("Typed before the crash")
    deadline = time.monotonic() + 60
    while "Typed before the crash" not in doc_path.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "not autosaved within 60 s"
        terminal.drain(0.1)
    terminal.proc.send_signal(signal.SIGKILL)
    terminal.proc.wait()
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers["summary"] == "Typed before the crash"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_and_restores_the_terminal(
    terminal: Terminal, doc_path: Path, specs: Specs, sig: signal.Signals
) -> None:
    terminal.read_until(b"Essentials")
    time.sleep(0.5)
    terminal.type("Typed just now")
    # Signalled once the wizard has the keys (it echoed them), not after a fixed 0.3 s that
    # assumed they had reached it by then; its autosave comes a second after the last key.
    terminal.read_until(b"Typed just now")
    terminal.proc.send_signal(sig)
    assert terminal.wait() == 0
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Typed just now"
    # The alternate screen was left and the cursor shown again: the terminal is usable.
    tail = terminal.output[-2000:]
    assert b"\x1b[?1049l" in tail
    assert b"\x1b[?25h" in tail
