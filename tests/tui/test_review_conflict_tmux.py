"""Two reviewers mark the same item at once, in a real 80x24 terminal (tmux): the conflict
dialog names the review mark in words (not its internal path and raw record), and its
choice is in sight and takes the first Tab (it sat below the fold, blank, while Tab went to
the scrolling body and the keys seemed to do nothing)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from mldwizard.core import review, storage
from mldwizard.core.examples import example_path
from mldwizard.core.identity import now
from mldwizard.core.review_rules import applicable_items
from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux

ATTEMPTS = (("p", "not-met", "Partial"), ("n", "partial", "Not met"), ("m", "not-met", "Met"))
"""The key pressed here, the mark written meanwhile by the other reviewer, the label."""


def _conflict(tmux: SmallTmux, path: Path, specs: Specs, item: str) -> str:
    """Mark here, and on disk before the autosave (a second later) writes it; again with
    other marks if the save was quicker. Returns the label of the mark made here."""
    step = specs.resolve("validation")
    for key, other, label in ATTEMPTS:
        tmux.run("send-keys", key)
        tmux.shown(f"Mark: {label}", 30)  # shown at once, saved a second later

        def theirs(d, other=other):  # type: ignore[no-untyped-def]
            review.mark_item(d, step, "mira", now(), item, other)

        storage.update_document(path, specs, "mira", theirs)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if "Someone else changed" in tmux.screen():
                return label
            time.sleep(0.1)
    raise AssertionError(f"no conflict after {len(ATTEMPTS)} attempts\n{tmux.screen()}")


def test_the_conflict_dialog_says_the_review_change_and_its_choice_is_in_sight(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    doc = load(path, specs)
    item = applicable_items(doc, specs.resolve("validation"))[0].id
    command = [sys.executable, "-m", "mldwizard", "review", str(path), "validation"]
    tmux = SmallTmux(tmp_path / "tmux.sock", [*command, "--by", "devika"])
    try:
        tmux.shown("reviewing as devika")
        label = _conflict(tmux, path, specs, item)
        tmux.shown(f"validation: review mark {item}")
        screen = tmux.settled()  # in sight in the dialog's final layout, not its first frame
        assert f"Yours: {label}, by devika" in screen
        assert "On disk: " in screen and ", by mira" in screen
        assert "chapters.validation" not in screen and "revision:" not in screen
        assert "Keep yours" in screen and "Keep the one on disk" in screen  # in sight
        tmux.run("send-keys", "Tab")  # the choice takes the first Tab
        tmux.run("send-keys", "Down")
        tmux.run("send-keys", "Enter")  # keep the one on disk: only if the choice has focus
        tmux.shown("▐●▌ Keep the one on disk", 30)
        tmux.run("send-keys", "Tab")
        tmux.run("send-keys", "Enter")  # Save my choices
        tmux.until(lambda: "Someone else changed" not in tmux.screen(), "the dialog closed")
        tmux.until(
            lambda: load(path, specs).step("validation").review.marks[item].by == "mira",
            "mira's mark kept",
        )
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    assert load(path, specs).step("validation").review.marks[item].by == "mira"
