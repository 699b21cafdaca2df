"""The real ``python -m mldwizard workshop DOC --review beta --by bo`` at 80x24 in tmux, read
off the screen: the item, its progress line and the mark keys are drawn whole; a key marks
the item; Ctrl+Q quits, saved, and the TOML holds the mark and the workshop's session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..review_docs import load, make_reviewable
from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux


def footer(screen: str) -> str:
    lines = screen.splitlines()
    return lines[23] if len(lines) >= 24 else ""


def test_a_review_session_at_80x24(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_reviewable(tmp_path)
    capsys.readouterr()
    rc = tmp_path / "rc"
    command = [sys.executable, "-m", "mldwizard", "workshop", str(path)]
    command += ["--review", "beta", "--by", "bo", ";", "echo", "$?", ">", str(rc)]
    tmux = SmallTmux(tmp_path / "tmux.sock", command)
    try:
        tmux.shown("Beta chapter · Item 1 of 3 · 3 not marked")
        tmux.shown("The check sized holds.")
        screen = tmux.settled()  # drawn whole in the final layout, not only in the first frame
        assert "CRITICAL · Metrics and measurement" in screen
        assert "Fix: Make sized hold." in screen
        assert "this item: not marked" in screen
        # Every mark key is on screen, whole, in the footer of an 80-column terminal.
        keys = ("m Met", "p Partial", "n Not met", "x N/A", "c Comment", "^q Quit")
        assert all(k in footer(screen) for k in keys), screen
        tmux.run("send-keys", "m")
        tmux.shown("this item: met")
        tmux.shown("Item 1 of 3 · 1 met · 2 not marked")
        tmux.run("send-keys", "C-n")
        tmux.shown("The check shaped holds.")
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the workshop quit")
    finally:
        tmux.run("kill-server")
    assert rc.read_text().strip() == "0"
    doc = load(path)[0]
    mark = doc.step("beta").review.marks["sized"]
    assert (mark.mark, mark.by) == ("met", "bo")
    (workshop,) = doc.workshops
    assert [(r.step, r.by, r.marks) for r in workshop.reviews] == [("beta", "bo", {"sized": "met"})]
