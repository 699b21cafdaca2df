"""The bundled example's prototype -> pilot stage gate in the real ``python -m mldwizard
chapter PATH stage-gate-pilot`` at 80x24 in tmux: the verdict is on the screen from the start,
a row's status changed by keys changes it live, and the mark is saved."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux

PILOT = "stage-gate-pilot"


def test_the_example_s_gate_at_80x24(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    command = [sys.executable, "-m", "mldwizard", "chapter", str(path), PILOT]
    tmux = SmallTmux(tmp_path / "tmux.sock", command)
    try:
        tmux.shown("Stage gate: prototype to pilot")
        tmux.shown("Prototype to Pilot:  CONDITIONAL")
        tmux.shown("Partial")  # the first row's status, where the cursor starts
        tmux.run("send-keys", "Enter")
        tmux.shown("Not met")  # the list is open
        tmux.run("send-keys", "Down", "Enter")  # Partial -> Not met
        tmux.shown("Prototype to Pilot:  NO-GO")
        screen = tmux.settled()  # the fit is read off the final layout, not the first frame
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    gate = load(path, specs).stage_gates[PILOT]
    assert gate.items["baseline_compared"].status == "not-met"
    assert gate.verdict == "NO-GO"
