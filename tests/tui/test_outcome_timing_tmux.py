"""The tester's run in the real ``python -m mldwizard chapter PATH feasibility`` at 80x24 in
tmux (QA report on issue 13, finding 13), read off the screen: the verdict and what blocks
are in sight; choosing "Not met" does not bring up the NO-GO screen while the item is filled
in; leaving the item does, with every sentence of it whole above its buttons."""

from __future__ import annotations

import sys
from pathlib import Path

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from ..conftest import load
from ..feasibility_docs import all_items, described
from .test_tab_burst_tmux import pytestmark, words  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux

PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'
ALLOWED = '[feasibility.items.data_allowed]\nstatus = "met"\nnote = "Checked with the team."\n'
CLOSING = (
    "The document records why, with the evidence and what would change the verdict, and its "
    "Markdown leads with the NO-GO."
)


def read(tmux: SmallTmux) -> str:
    """The screen's words, box edges left out, lines joined."""
    return words(tmux.screen())


def test_no_go_waits_for_the_item_and_fits_at_80x24(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "w1.toml"
    assert main(["new", str(path), "--no-input"]) == 0
    answers = tmp_path / "answers.toml"
    checklist = all_items("met").replace(ALLOWED, "")  # data_allowed: no status yet
    answers.write_text(PEOPLE + described() + checklist, encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0
    command = [sys.executable, "-m", "mldwizard", "chapter", str(path), "feasibility"]
    tmux = SmallTmux(tmp_path / "tmux.sock", command)
    try:
        tmux.until(lambda: "PENDING" in read(tmux), "the pending verdict")
        # The cursor is on the open item's status: choose Not met.
        tmux.run("send-keys", "Enter", "Down", "Down", "Down", "Enter")
        tmux.until(lambda: "Feasibility: NO-GO" in read(tmux), "the NO-GO verdict")
        # What blocks, beside the verdict (however the narrow column wraps it).
        blocker = ("✗ Using the data for this purpose is allowed.", "Not met and not marked")
        tmux.until(lambda: all(b in read(tmux) for b in blocker), "what blocks, beside the verdict")
        tmux.run("send-keys", "Tab")
        tmux.run("send-keys", "-l", "DPO said no")
        tmux.until(lambda: "DPO said no" in read(tmux), "the note typed")
        # No screen while the item is filled in: read once the screen has settled (its note
        # autosaved), not at once, before a screen opened by the typing could be drawn.
        assert "good outcome" not in words(tmux.settled())
        tmux.run("send-keys", "BTab", "BTab")  # back past the status: the item is left
        tmux.until(lambda: "good outcome" in read(tmux), "the NO-GO screen")
        tmux.until(lambda: "Continue anyway" in read(tmux), "its buttons, on screen")
        # At 80x24 the whole text fits above the buttons, read once the screen has settled:
        # the first frame is drawn before the dialog takes its narrow, short layout (which
        # once cut the last sentence, with a scroll bar, on a slower machine).
        settled = words(tmux.settled())
        assert CLOSING in settled
        assert "Continue anyway" in settled
        tmux.run("send-keys", "Escape")
        tmux.until(lambda: "good outcome" not in read(tmux), "back on the checklist")
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    item = load(path, specs).feasibility.items["data_allowed"]
    assert (item.status, item.note) == ("not-met", "DPO said no")
