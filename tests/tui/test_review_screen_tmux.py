"""``mldwizard review PATH CHAPTER --by H`` in a real 80x24 terminal (tmux): the wizard
opens on the chapter's review screen, a key marks the highlighted item, Ctrl+Q saves it;
an unknown person is refused with the headless command's words."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux

FIRST = "business_metric_tracked"
"""The first review item of the example's metrics chapter (met, by devika)."""


def test_review_opens_the_screen_and_a_key_marks_an_item(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    assert load(path, specs).step("metrics").review.marks[FIRST].mark == "met"
    command = [sys.executable, "-m", "mldwizard", "review", str(path), "metrics", "--by", "jonas"]
    tmux = SmallTmux(tmp_path / "tmux.sock", command)
    try:
        tmux.shown("reviewing as jonas")
        tmux.shown("0 critical not met")
        tmux.shown("The business metric is one a named")  # the first item, highlighted
        screen = tmux.settled()  # the fit is read off the final layout, not the first frame
        assert "m Met" in screen and "a N/A" in screen and "c Comment" in screen
        assert "^q Quit" in screen  # the whole footer fits
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.run("send-keys", "p")
        # A changed mark asks its own reason, the Met note offered to edit; Enter keeps it.
        tmux.shown("The note below was written for Met")
        tmux.run("send-keys", "Enter")
        tmux.shown("1 critical not met")
        tmux.shown("Mark: Partial: first-response")  # the Met evidence, kept by the reviewer
        tmux.shown("SLA report (jonas")
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    mark = load(path, specs).step("metrics").review.marks[FIRST]
    assert (mark.mark, mark.by) == ("partial", "jonas")


def test_an_unknown_person_is_refused_at_a_terminal(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    before = path.read_bytes()
    command = [sys.executable, "-m", "mldwizard", "review", str(path), "metrics", "--by", "zed"]
    tmux = SmallTmux(tmp_path / "tmux.sock", [*command, "; echo exit=$?; sleep 60"])
    try:
        tmux.shown("exit=2")
        screen = " ".join(tmux.screen().split())
        assert "--by 'zed' is not among the document's people" in screen
        assert "mira, jonas, carmen, devika" in screen
    finally:
        tmux.run("kill-server")
    assert path.read_bytes() == before
