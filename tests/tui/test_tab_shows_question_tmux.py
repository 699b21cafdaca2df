"""The tester's run in the real ``python -m mldwizard chapter PATH 13`` at 80x24 in tmux:
Tab through the bundled example's chapter 13; each time the cursor reaches a question, its
prompt is on the screen (it was scrolled off the top for 13 of 17), and a long answer shows
its first line (it showed the empty line after the last one)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mldwizard.core.examples import example_path
from mldwizard.core.shown import later_questions, shown_questions
from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import Tmux, pytestmark  # noqa: F401  (skipped without tmux)

STEP_COLUMNS = 46
"""At 80 columns the step list is hidden: the questions take the left part, the help panel
the right (its text is left out of what is compared)."""


class SmallTmux(Tmux):
    """The same, in an 80x24 terminal."""

    def __init__(self, socket: Path, command: list[str]) -> None:
        self.socket = socket
        env = {k: v for k, v in os.environ.items() if k != "MLDWIZARD_NOW"}
        env.update({"MLDWIZARD_AUTHOR": "tester", "TERM": "xterm-256color"})
        self.env = env
        self.run("new-session", "-d", "-x", "80", "-y", "24", " ".join(command))

    def step_text(self) -> str:
        """The step's part of the screen, its lines joined (words squeezed)."""
        lines = [line[:STEP_COLUMNS] for line in self.screen().splitlines()]
        return " ".join(" ".join(lines).split())


def _start(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def test_tab_through_chapter_13_shows_every_prompt(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "exv.toml"
    shutil.copy(example_path(), path)
    doc = load(path, specs)
    step = specs.resolve("integration")
    shown = {q.id for q in shown_questions(doc, step)}
    later = {q.id for q in later_questions(doc, step)}
    stops = [q for q in step.questions if q.id in shown or q.id in later]
    command = [sys.executable, "-m", "mldwizard", "chapter", str(path), "13"]
    tmux = SmallTmux(tmp_path / "tmux.sock", command)
    try:
        tmux.shown("13. Integration")
        checked = 0
        for n, question in enumerate(stops):
            if n:
                tmux.run("send-keys", "Tab")
            if question.id in later:
                tmux.until(lambda: question.title in tmux.step_text(), question.id, 20)  # noqa: B023
                continue
            prompt = _start(question.prompt, 4)
            tmux.until(lambda: prompt in tmux.step_text(), f"{question.id}: {prompt!r}", 20)  # noqa: B023
            answer = doc.step("integration").answers.get(question.id)
            if question.kind == "long_text" and isinstance(answer, str):
                first = _start(answer.splitlines()[0], 3)
                tmux.until(lambda: first in tmux.step_text(), f"{question.id}: {first!r}", 20)  # noqa: B023
            checked += 1
        assert checked >= 10
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")
    assert load(path, specs).step("integration") == doc.step("integration")  # only looked
