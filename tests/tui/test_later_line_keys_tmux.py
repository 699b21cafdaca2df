"""The tester's bursts on chapter 9 in the real ``python -m mldwizard chapter PATH 9`` in
tmux: letters typed on a "later" line never land in the field Shift+Tab goes back to, and
the letters typed right after Enter opens a later line go into the question it opened.
Each burst is one ``tmux send-keys``; ``MLDWIZARD_TMUX_RUNS`` repeats it (the fix was
checked with 20 runs)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import Tmux, pytestmark  # noqa: F401  (skipped without tmux)

RUNS = int(os.environ.get("MLDWIZARD_TMUX_RUNS", "2"))

BACK_BURST = [
    *("AAA", "Tab", "BBB", "Tab", "CCC", "Tab", "DDD", "Tab", "EEE", "Tab", "FFF"),
    *("BTab", "BTab", "GGG"),
]
OPEN_BURST = [
    *("AAA", "Tab", "BBB", "Tab", "CCC", "Tab", "DDD", "Tab", "Enter", "LLL"),
    *("Tab", "Enter", "RRR"),
]


def _run(
    tmp_path: Path,
    make_doc: Callable[..., Path],
    specs: Specs,
    keys: list[str],
    n: int,
    notice: str | None = None,
) -> tuple[dict[str, object], str]:
    path = make_doc(f"run{n}.toml")
    tmux = Tmux(
        tmp_path / f"tmux{n}.sock", [sys.executable, "-m", "mldwizard", "chapter", str(path), "9"]
    )
    try:
        tmux.shown("Error analysis")
        tmux.run("send-keys", *keys)
        tmux.shown(keys[-1])
        if notice is not None:
            tmux.shown(notice)
        screen = tmux.screen()
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    return dict(load(path, specs).step("error-analysis").answers), screen


@pytest.mark.parametrize("n", range(RUNS))
def test_letters_typed_on_later_lines_stay_out_of_the_field(
    tmp_path: Path, make_doc: Callable[..., Path], specs: Specs, n: int
) -> None:
    answers, screen = _run(tmp_path, make_doc, specs, BACK_BURST, n, "Not typed: 'EEEFFF'")
    assert answers.get("analysis_routine") == "DDDGGG", screen
    assert "learning_curves" not in answers and "residual_analysis" not in answers
    assert "EEE" not in str(answers) and "FFF" not in str(answers)


@pytest.mark.parametrize("n", range(RUNS))
def test_letters_typed_after_enter_on_a_later_line_go_into_its_question(
    tmp_path: Path, make_doc: Callable[..., Path], specs: Specs, n: int
) -> None:
    answers, screen = _run(tmp_path, make_doc, specs, OPEN_BURST, n)
    assert answers.get("analysis_routine") == "DDD", screen
    assert answers.get("learning_curves") == "LLL", screen
    assert answers.get("residual_analysis") == "RRR", screen
