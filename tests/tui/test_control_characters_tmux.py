"""The real program in tmux on a document that holds terminal escape sequences (qa9b #1):
the terminal's title stays as it was and the screen is drawn (the title-setting OSC and
``ESC [2J`` retitled and blanked it). Then the file is replaced by one that does not load
(qa9b #5): the wizard says so, and the closing message is printed once."""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .control_docs import hostile_example
from .test_tab_burst_tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.fixture
def shell(tmp_path: Path) -> Iterator[tuple[Tmux, Path]]:
    path = hostile_example(tmp_path / "h.toml")
    edit = shlex.join([sys.executable, "-m", "mldwizard", "edit", str(path)])
    script = f"printf '\\033]2;clean\\033\\\\'; {edit}; sleep 600"
    session = Tmux(tmp_path / "tmux.sock", ["sh", "-c", shlex.quote(script)])
    yield session, path
    session.run("kill-server")


def test_escape_sequences_neither_retitle_nor_blank_the_terminal(
    shell: tuple[Tmux, Path],
) -> None:
    tmux, path = shell
    tmux.shown("1. Essentials")
    tmux.shown("\\x1b]0;PWNED")  # the title, as every face shows it
    tmux.shown("Overview")  # the footer, at the bottom
    assert tmux.run("display", "-p", "#{pane_title}").strip() == "clean"
    rows = [line for line in tmux.screen().splitlines() if line.strip()]
    assert len(rows) > 20  # drawn, not one line on a blank screen

    tmux.run("send-keys", "-l", "TYPED")
    tmux.shown("TYPED")
    time.sleep(0.5)  # typed before the file is replaced, as a person would
    path.write_text("garbage = = =\n")
    tmux.shown("no longer loads", timeout=60)
    tmux.run("send-keys", "C-q")
    tmux.shown("Press Ctrl+Q again")
    tmux.run("send-keys", "C-q")
    tmux.shown("unsaved copy of h.toml")
    time.sleep(1)  # anything printed after it would be here by now
    shown = tmux.run("capture-pane", "-p", "-J", "-S", "-200")
    assert shown.count("everything typed is kept in") == 1, shown
    assert shown.count("unsaved copy of h.toml") == 1, shown
    assert tmux.run("display", "-p", "#{pane_title}").strip() == "clean"
