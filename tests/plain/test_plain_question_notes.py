"""Plain mode prints the earlier answer a question builds on before its prompt, and what a
good answer covers under it: the real ``mldwizard chapter ... --plain`` in a pty at 80x24,
read back as a screen. Long text wraps at word boundaries and nothing is cut."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs, load_specs

from ..conftest import load
from ..notes_specs import (
    BASICS,
    DRILL_ASKS,
    DRILL_PROMPT,
    DRILLS,
    LONG_PLAN,
    OWNER_ASKS,
    write_notes_specs,
)
from .terminal import ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def _specs_beside(doc: Path) -> Specs:
    return load_specs(extra_dirs=[write_notes_specs(doc.parent / SPECS_DIR)])


def _rows_of(term: PlainTerminal, text: str) -> list[int]:
    return [row for row, line in enumerate(term.lines) if text in line]


def test_the_earlier_answer_and_the_checklist_are_on_the_screen_at_80x24(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    specs = _specs_beside(doc_path)
    storage.update_document(
        doc_path,
        specs,
        "tester",
        lambda d: edits.set_answer(d, specs.get(BASICS), "plan", LONG_PLAN),
    )
    term = start(terminals, doc_path, DRILLS)
    term.wait_for_prompt(DRILL_PROMPT + " *")
    term.settle()
    screen = term.text
    # Before the prompt: what it builds on, and that answer, every line of it, wrapped.
    assert term.shows("Builds on Fallback basics › Fallback plan:"), screen
    for line in LONG_PLAN.splitlines():
        assert term.shows(line), (line, screen)
    # Under the prompt: the whole checklist, wrapped at words, above the answer line.
    cover = "Cover: " + "; ".join(DRILL_ASKS)
    assert len(cover) > 80
    assert term.shows(cover), screen
    (prompt_row,) = _rows_of(term, DRILL_PROMPT)
    (cover_row,) = _rows_of(term, "Cover: ")
    (plan_row,) = _rows_of(term, "Builds on Fallback basics")
    assert plan_row < prompt_row < cover_row < term.screen.cursor.y
    assert all(len(line) <= 80 for line in term.lines)
    # The answer typed is saved; the next question builds on it and shows it at once.
    term.type_and_see("Monthly, led by the on-call engineer.")
    term.type(ESC_ENTER)
    term.wait_for_prompt("Who owns the drills?")
    term.wait_for(
        "Builds on Fallback drills › Fallback drill: Monthly, led by the on-call engineer."
    )
    term.wait_for("Cover: " + "; ".join(OWNER_ASKS))
    answers = load(doc_path, specs).chapters[DRILLS].answers
    assert answers["drill"] == "Monthly, led by the on-call engineer."


def test_an_open_earlier_question_says_where_it_is_and_a_long_one_is_shortened(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    specs = _specs_beside(doc_path)
    term = start(terminals, doc_path, DRILLS)
    term.wait_for_prompt(DRILL_PROMPT + " *")
    term.wait_for(
        "Builds on Fallback basics › Fallback plan: (not answered yet: it is in Fallback basics)"
    )
    term.type(ESC_ENTER)  # left open
    term.wait_for_prompt("Who owns the drills?")
    term.close()

    long_answer = "\n".join(f"Step {n}: someone does something about it." for n in range(1, 13))
    storage.update_document(
        doc_path,
        specs,
        "tester",
        lambda d: edits.set_answer(d, specs.get(BASICS), "plan", long_answer),
    )
    term = start(terminals, doc_path, DRILLS)
    term.wait_for_prompt(DRILL_PROMPT + " *")
    term.settle()
    assert term.shows("Step 1: someone does something about it."), term.text
    assert not term.shows("Step 12:"), term.text
    assert term.shows("(shortened; whole: mldwizard show"), term.text
    assert term.shows_typed(f"{doc_path} {BASICS})"), term.text
