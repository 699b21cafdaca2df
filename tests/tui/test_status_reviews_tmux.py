"""F5's review table in the real ``python -m mldwizard edit PATH`` at 80x24 in tmux: Tab
brings it into view, and every column is there with its cells whole (a step's long title
wraps in its cell, as in the step table above it)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mldwizard.core.examples import example_path

from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux

SCROLLBAR = "▁▂▃▄▅▆▇█▔▕▏"
HEADER = ["Step", "Approved by", "Met", "Critical", "Open", "Approval"]


def words(line: str) -> list[str]:
    """The words of a screen line, without the scroll bar's blocks."""
    return [word for word in line.split() if word.strip(SCROLLBAR)]


def review_rows(screen: str) -> list[list[str]]:
    """The words of the review table's lines on the screen: its header, then each row (the
    table's lines are indented by three spaces; what follows it by two)."""
    lines = screen.splitlines()
    [top] = [n for n, x in enumerate(lines) if words(x)[:3] == ["Step", "Approved", "by"]]
    table = []
    for line in lines[top:]:
        if not line.startswith("   "):
            break
        table.append(words(line))
    return table


def row(table: list[list[str]], start: str) -> list[str]:
    [found] = [r for r in table if " ".join(r).startswith(start)]
    return found


def test_the_review_table_reads_at_80x24(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    tmux = SmallTmux(tmp_path / "tmux.sock", [sys.executable, "-m", "mldwizard", "edit", str(path)])
    try:
        tmux.shown("1. Essentials")
        tmux.run("send-keys", "F5")
        tmux.shown("Bus factor")
        tmux.until(lambda: "Gathering datasets" in tmux.screen(), "the step table")
        tmux.run("send-keys", "Tab")  # the step table
        tmux.run("send-keys", "Tab")  # the review table: scrolled into view
        tmux.until(
            lambda: "Approved by" in tmux.screen() and "blocked" in tmux.screen(), "the reviews"
        )
        screen = tmux.settled()  # scrolled into view and laid out: not a frame on the way
        assert all(len(line) <= 80 for line in screen.splitlines())
        lines = review_rows(screen)
        assert " ".join(lines[0]) == " ".join(HEADER)
        # A long step title wraps in its cell (QA 14b #12: it was cut), on a second line.
        assert ["problem?"] in lines and ["ML", "at", "all?"] in lines
        table = [r for r in lines[1:] if r[-1] in ("approved", "blocked", "approve", "needed")]
        assert len(table) >= 7  # the first reviewed steps on the screen; the rest scroll
        assert row(table, "2. Is there")[-7:] == [
            "carmen,",
            "mira",
            "(r9)",
            "5/5",
            "-",
            "0",
            "approved",
        ]
        assert row(table, "6. Gathering")[-6:] == ["3/5", "1", "not", "met", "1", "blocked"]
        assert row(table, "1. Essentials")[-5:] == ["(r6)", "4/4", "-", "0", "approved"]
        tmux.run("send-keys", "Escape")
        tmux.shown("1. Essentials")
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
