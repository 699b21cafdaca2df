"""Start ``mldwizard serve`` as a user would, in its own process group, and always stop it.

Every server (and every wizard it starts for a browser) runs in one new process group, so a
test can stop all of it at once and then check that nothing of it is left running.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from mldwizard.cli import main

# Generous: a loaded machine (CI has 2 cores, shared by two test workers) can take many
# seconds to start Python and Textual; every wait ends as soon as its condition holds.
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 30.0
PORT_TRIES = 5
TITLE = "Served doc"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_group_gone(pgid: int, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while group_alive(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@dataclass
class Served:
    proc: subprocess.Popen[bytes]
    port: int
    out: Path
    err: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The URL the command printed for browsers (with its token)."""
        found = re.search(r"^Open (http://\S+) in a browser\.$", self.stdout(), re.MULTILINE)
        assert found, f"no URL in the output of serve:\n{self.stdout()}"
        return found.group(1)

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.url).query)["token"][0]

    @property
    def ws_url(self) -> str:
        """The websocket with the token in its URL, as a script (not a browser) opens it."""
        return f"ws://127.0.0.1:{self.port}/ws?token={quote(self.token, safe='')}"

    def environ(self, pid: int) -> dict[str, str]:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
        pairs = (item.partition(b"=") for item in raw.split(b"\0") if item)
        return {k.decode(errors="replace"): v.decode(errors="replace") for k, _, v in pairs}

    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")

    def wizards(self) -> list[str]:
        """The command lines of the server's child processes (one wizard per browser)."""
        return list(self.wizard_pids().values())

    def wizard_pids(self) -> dict[int, str]:
        """The server's child processes (one wizard per browser): pid -> command line."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        if not children.exists():
            pytest.skip("needs Linux /proc to list the server's child processes")
        found = {}
        for pid in children.read_text().split():
            with contextlib.suppress(OSError):
                raw = Path(f"/proc/{pid}/cmdline").read_bytes()
                found[int(pid)] = raw.replace(b"\0", b" ").decode(errors="replace").strip()
        return found

    def port_taken(self) -> bool:
        """The server exited because another process took its port between
        :func:`free_port` and its own bind (a test running in parallel, or anything else)."""
        return self.proc.poll() == 2 and "cannot listen on" in self.stderr()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.proc.poll() is not None:
                if self.port_taken():
                    return
                pytest.fail(
                    f"serve exited with {self.proc.returncode} before answering:\n"
                    f"{self.stdout()}\n{self.stderr()}"
                )
            if "in a browser." in self.stdout():  # printed once the port is open
                return
            if time.monotonic() > deadline:
                pytest.fail(f"serve did not answer within {START_TIMEOUT_S} s:\n{self.stdout()}")
            time.sleep(0.05)

    def stop(self, sig: signal.Signals = signal.SIGINT) -> int:
        """Send ``sig`` to the whole group (as Ctrl-C in a terminal does); the exit code."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
        try:
            return self.proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"serve did not stop within {STOP_TIMEOUT_S} s of {sig.name}")

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(STOP_TIMEOUT_S)


@pytest.fixture
def served_doc(tmp_path: Path) -> Path:
    path = tmp_path / "X.toml"
    assert main(["new", str(path), "--title", TITLE, "--no-input"]) == 0
    return path


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start ``mldwizard serve DOC --port <free> ARGS...`` (with ``env`` added to the
    environment); all of it is killed afterwards."""
    started: list[Served] = []

    def start(doc: Path, *args: str, env: dict[str, str] | None = None) -> Served:
        for _ in range(PORT_TRIES):
            port = free_port()
            n = len(started)
            out, err = tmp_path / f"serve{n}.out", tmp_path / f"serve{n}.err"
            command = ["serve", str(doc), "--port", str(port), *args]
            with out.open("wb") as stdout, err.open("wb") as stderr:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "mldwizard", *command],
                    stdin=subprocess.DEVNULL,
                    stdout=stdout,
                    stderr=stderr,
                    start_new_session=True,
                    env=None if env is None else {**os.environ, **env},
                )
            served = Served(proc, port, out, err)
            started.append(served)
            served.wait_ready()
            if not served.port_taken():
                return served
        pytest.fail(f"serve found no free port in {PORT_TRIES} tries:\n{served.stderr()}")

    yield start
    stray = []
    for served in started:
        served.kill()
        if not wait_group_gone(served.proc.pid):
            stray.append(served.proc.pid)
    assert stray == [], f"processes left running in group(s) {stray}"
