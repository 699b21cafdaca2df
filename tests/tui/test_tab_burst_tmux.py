"""The real ``python -m mldwizard edit`` in tmux: Tab and text sent in one write (a paste,
or keys typed while the app is busy) land in the next field, not in the one being left."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mldwizard.core.specs import Specs

from ..conftest import load

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


SETTLED_S = 1.0
"""How long a screen stays the same before it counts as settled: far longer than Textual takes
between a screen's first frame and the one with its final layout, even on a loaded machine."""

CLOCK = re.compile(r"\d+:\d\d(:\d\d)?")
"""A time of day or a time left (the header's clock, a workshop's timer): it ticks on a
settled screen, so :meth:`Tmux.settled` does not wait for it to stop."""

BOX = "█▀▄┃│╭╮╰╯─━┏┓┗┛▎▊▔▁"
"""Box edges and scroll bars: left out of :func:`words`."""


def words(screen: str) -> str:
    """A screen's words, box edges left out and lines joined (text wrapped anywhere between
    words reads the same)."""
    for char in BOX:
        screen = screen.replace(char, " ")
    return " ".join(screen.split())


class Tmux:
    """One tmux server of its own (a private socket), running one program at 120x36."""

    def __init__(self, socket: Path, command: list[str]) -> None:
        self.socket = socket
        env = {k: v for k, v in os.environ.items() if k != "MLDWIZARD_NOW"}
        env.update({"MLDWIZARD_AUTHOR": "tester", "TERM": "xterm-256color"})
        self.env = env
        self.run("new-session", "-d", "-x", "120", "-y", "36", " ".join(command))

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        if done.returncode != 0 and args[0] not in ("has-session", "kill-server"):
            raise AssertionError(f"tmux {args[0]}: {done.stderr.strip()}")
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def running(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-S", str(self.socket), "has-session"], env=self.env, capture_output=True
            ).returncode
            == 0
        )

    def until(self, condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"not seen in {timeout} s: {what}\n{self.screen()}")
            time.sleep(0.05)

    def shown(self, text: str, timeout: float = 60) -> None:
        self.until(lambda: text in self.screen(), repr(text), timeout)

    def settled(self, quiet: float = SETTLED_S, timeout: float = 60) -> str:
        """The screen once it has stopped changing (the same for ``quiet`` seconds).

        Text seen on the screen may be on its first frame: Textual draws a screen before its
        size classes (``-narrow``, ``-short``) are applied, on a Resize event that can come
        after the first draw, and a busy machine shows that frame for a while. Whatever is
        asserted about layout or fit (whole, in sight, not cut off, within 80 columns), or
        about something being absent, is read here, not off the first frame."""
        deadline = time.monotonic() + timeout
        last = self.screen()
        since = time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen kept changing for {timeout} s:\n{last}")
            time.sleep(0.05)
            now = self.screen()
            if CLOCK.sub("", now) != CLOCK.sub("", last):
                since = time.monotonic()
            last = now
        return last


@pytest.fixture
def tmux(tmp_path: Path, doc_path: Path) -> Iterator[Tmux]:
    command = [sys.executable, "-m", "mldwizard", "edit", str(doc_path)]
    session = Tmux(tmp_path / "tmux.sock", command)
    yield session
    session.run("kill-server")


def test_tab_and_text_in_one_write_go_to_the_next_field(
    tmux: Tmux, doc_path: Path, specs: Specs
) -> None:
    tmux.shown("1. Essentials")
    tmux.run("send-keys", "C-n")
    tmux.shown("2. Is there a problem?")
    tmux.run("send-keys", "-l", "AAA")
    tmux.shown("AAA")
    tmux.run("send-keys", "-l", "\tBBB")  # one write: Tab and the text after it
    tmux.shown("BBB")
    tmux.run("send-keys", "Tab")
    tmux.run("send-keys", "-l", "DDD")
    tmux.shown("DDD")
    tmux.run("send-keys", "C-q")
    tmux.until(lambda: not tmux.running(), "the wizard quit")
    answers = load(doc_path, specs).chapters["problem"].answers
    assert answers.get("problem_statement") == "AAA"
    assert answers.get("current_process") == "BBB"
    assert answers.get("problem_cost") == "DDD"
