"""Closing the terminal while the wizard runs: it saves, then it exits, every time.

Two ways a terminal goes, both real: a tmux session killed as soon as the wizard shows
(as the issue saw it: 7 of 8 wizards stayed alive, stuck in Textual's shutdown on a full
output queue whose writer thread had died), and a pseudo-terminal, the wizard's
controlling terminal, whose master side is closed (the kernel hangs it up: SIGHUP, then
SIGCONT, and every later write fails). The wizard must save what was typed and exit.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest

from mldwizard.core.examples import example_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

EXIT_TIMEOUT_S = 15.0
"""Generous for a loaded machine; the wizard takes about a second. Before the fix the
process never exited at all."""


class ControllingTerminal:
    """The wizard in a new session whose controlling terminal is a fresh pty."""

    def __init__(
        self, path: Path, columns: int = 80, lines: int = 24, command: tuple[str, ...] = ("edit",)
    ) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "MLDWIZARD_AUTHOR": "tester"}
        env.pop("MLDWIZARD_NOW", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mldwizard", command[0], str(path), *command[1:]],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # setsid(), then the pty becomes its terminal:
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.output = b""
        self.closed = False

    def read_until(self, needle: bytes, timeout: float = 60, after: int = 0) -> None:
        """Read until ``needle`` is in the output (from byte ``after`` on)."""
        deadline = time.monotonic() + timeout
        while needle not in self.output[after:]:
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not shown; got {self.output[-300:]!r}")
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                with contextlib.suppress(OSError):
                    self.output += os.read(self.master, 65536)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def vanish(self) -> None:
        """The terminal window is closed."""
        os.close(self.master)
        self.closed = True

    def exited_within(self, seconds: float) -> bool:
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def cleanup(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self.closed:
            os.close(self.master)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(example_path(), path)
    return path


class TmuxSession:
    """The wizard alone in a tmux session of a private tmux server, at 80x24."""

    def __init__(self, path: Path, folder: Path) -> None:
        self.socket = folder / f"tmux-{uuid.uuid4().hex[:8]}"
        command = f"exec {sys.executable} -m mldwizard edit {path}"
        env = {**os.environ, "TERM": "xterm-256color", "MLDWIZARD_AUTHOR": "tester"}
        env.pop("MLDWIZARD_NOW", None)
        env.pop("TMUX", None)
        self.tmux("new-session", "-d", "-s", "w", "-x", "80", "-y", "24", command, env=env)
        self.pid = int(self.tmux("display-message", "-p", "-t", "w", "#{pane_pid}"))

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        out = subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.tmux("capture-pane", "-p", "-t", "w"):
            assert time.monotonic() < deadline, f"{text!r} not shown"
            time.sleep(0.02)

    def running(self) -> bool:
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        return state != "Z"  # a zombie has exited (nobody reaped it yet)

    def exited_within(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while self.running():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def cleanup(self) -> None:
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)


@pytest.mark.skipif(
    shutil.which("tmux") is None or not Path("/proc/self/stat").exists(),
    reason="needs tmux and /proc",
)
@pytest.mark.parametrize(
    ("moment", "delay"),
    [("first frame", d) for d in (0.0, 0.05, 0.1, 0.2, 0.4)] + [("typed", d) for d in (0.0, 0.1)],
)
def test_killing_the_tmux_session_saves_and_exits(
    example: Path, tmp_path: Path, moment: str, delay: float
) -> None:
    """Killed ``delay`` seconds after the first screen shows (the issue: right away), or
    right after an answer was typed."""
    token = f"Typed in tmux {uuid.uuid4().hex[:12]}"
    session = TmuxSession(example, tmp_path)
    try:
        session.wait_for("Quit")  # the first screen shows
        if moment == "typed":
            session.tmux("send-keys", "-t", "w", "-l", token)
            session.wait_for(token[-12:])
        time.sleep(delay)
        session.tmux("kill-session", "-t", "w")
        assert session.exited_within(EXIT_TIMEOUT_S), "the wizard is still running"
        if moment == "typed":
            assert token in example.read_text(encoding="utf-8")
    finally:
        session.cleanup()


# When the terminal goes: as soon as the first frame shows, a little later, and right after
# an answer was typed (it shows on the screen, but may not be in the document yet).
MOMENTS = ["first frame", "settled", "typed", "typed", "typed"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_closing_the_terminal_saves_and_exits(example: Path, moment: str) -> None:
    token = f"Typed {moment} {os.getpid()} {time.monotonic_ns()}"
    term = ControllingTerminal(example)
    try:
        term.read_until(b"\x1b[?1049h")  # the wizard took the screen
        term.read_until(b"Quit")  # its first frame, with the footer
        if moment == "settled":
            time.sleep(1.0)
        if moment == "typed":
            term.type(token)
            term.read_until(token.encode()[-12:])  # the wizard has it (it echoed it)
        term.vanish()
        assert term.exited_within(EXIT_TIMEOUT_S), "the wizard is still running"
        if moment == "typed":
            assert token in example.read_text(encoding="utf-8")
    finally:
        term.cleanup()


def test_a_hangup_signal_after_typing_saves_and_exits(example: Path) -> None:
    """kill -HUP (an ssh connection dropped; the terminal may still be there)."""
    token = f"Typed before SIGHUP {os.getpid()}"
    term = ControllingTerminal(example)
    try:
        term.read_until(b"Quit")
        term.type(token)
        term.read_until(token.encode()[-12:])
        term.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + EXIT_TIMEOUT_S
        while term.proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                term.read_until(b"\x00", timeout=0.1)  # keep reading: never a full pty
        assert term.proc.poll() == 0, "the wizard did not exit (or failed)"
        assert token in example.read_text(encoding="utf-8")
    finally:
        term.cleanup()


def test_a_terminal_that_stops_reading_does_not_keep_the_wizard_alive(example: Path) -> None:
    """A terminal that no longer reads (frozen, or its connection stalled) fills the pty and
    then Textual's output queue: the event loop blocks on a write and never runs again. A
    SIGTERM must still save and end the process (the watchdog saves and exits)."""
    token = f"Typed before the freeze {os.getpid()}"
    term = ControllingTerminal(example)
    try:
        term.read_until(b"Quit")
        term.type(token)
        term.read_until(token.encode()[-12:])
        # From here nothing is read: resizes make the wizard redraw until its writes block.
        pending = -1
        for i in range(400):
            size = (24, 80) if i % 2 else (36, 120)
            fcntl.ioctl(term.master, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
            time.sleep(0.02)
            if i % 25 == 24:
                now = struct.unpack("i", fcntl.ioctl(term.master, termios.FIONREAD, b"\0" * 4))[0]
                if now == pending:
                    break  # the pty is full and stays full: the wizard is blocked
                pending = now
        term.proc.send_signal(signal.SIGTERM)
        assert term.exited_within(EXIT_TIMEOUT_S), "the wizard is still running"
        assert token in example.read_text(encoding="utf-8")
    finally:
        term.cleanup()


@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM"])
def test_a_workshop_saves_what_was_waiting_when_its_terminal_goes(example: Path, how: str) -> None:
    """The workshop groups timebox and attendance changes for a second before saving them;
    the terminal closing (or ``kill``) within that second saves them, and the process ends.
    (A decision is recorded first: a workshop with nothing recorded is not written.)"""
    term = ControllingTerminal(example, command=("workshop", "--steps", "1-2", "--minutes", "5"))
    try:
        term.read_until(b"Quit")
        term.type("d")  # a decision, recorded (and saved) at once
        term.read_until(b"New decision")
        term.type("Pilot in March")
        term.read_until(b"in March")
        term.type("\r")
        term.read_until(b"Decisions (1)")
        term.type("++")  # two more minutes for step 1: 7
        term.read_until(b"7 min")
        if how == "SIGTERM":
            term.proc.send_signal(signal.SIGTERM)
        else:
            term.vanish()
        deadline = time.monotonic() + EXIT_TIMEOUT_S
        while term.proc.poll() is None and time.monotonic() < deadline:
            if not term.closed:
                with contextlib.suppress(AssertionError):
                    term.read_until(b"\x00", timeout=0.1)  # keep reading: never a full pty
            else:
                time.sleep(0.05)
        assert term.proc.poll() == 0, "the workshop did not exit (or failed)"
    finally:
        term.cleanup()
    text = example.read_text(encoding="utf-8")
    assert "step_minutes" in text, text[-600:]
    assert "essentials = 7" in text, text[-600:]
    assert "Pilot in March" in text
