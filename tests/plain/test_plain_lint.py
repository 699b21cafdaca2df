"""Plain mode says what is weak in an answer right after it is given: the lint's finding, its
fix and the command that silences it, in the real ``mldwizard chapter ... --plain`` in a
pty at 80x24. A good answer gets no such line; a silenced finding neither."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.lint_silence import Silence
from mldwizard.core.specs import Specs

from .terminal import ESC_ENTER, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

SOLUTION = "We need an ML model that predicts the right queue."
FINDING = "MLD102 the problem is stated in solution words: 'need an ML model',"
FIX = "Say what goes wrong today, for whom and how often, with no model in it"


def prompt(specs: Specs, qid: str) -> str:
    question = specs.resolve("problem").question(qid)
    assert question is not None
    return " ".join(question.prompt.split()) + (" *" if question.required else "")


def test_a_weak_answer_is_named_after_it_is_given_at_80x24(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    term = start(terminals, doc_path, "problem")
    term.wait_for_prompt(prompt(specs, "problem_statement"))
    term.type_and_see(SOLUTION)
    term.type(ESC_ENTER)
    term.wait_for_prompt(prompt(specs, "current_process"))
    term.wait_for(FINDING)
    assert term.shows(FIX), term.text
    # The path may be longer than a line (pytest-xdist's temporary folders): wrapped anywhere.
    assert term.shows("(if it does not apply here: mldwizard lint"), term.text
    assert term.shows_typed(
        f"{doc_path} --silence problem.problem_statement MLD102 --reason TEXT)"
    ), term.text
    assert all(len(line) <= 80 for line in term.lines)
    # Under the answer it is about, above the next question.
    rows = [r for r, line in enumerate(term.lines) if line.startswith("  MLD102")]
    _, next_row = term.last_question()
    assert rows and rows[0] < next_row
    # A good answer: nothing is said about it.
    term.type_and_see("Dispatchers move about 800 tickets a week by hand.")
    term.type(ESC_ENTER)
    term.wait_for_prompt(prompt(specs, "problem_cost"))
    lines = term.lines
    answered = max(r for r, line in enumerate(lines) if "800 tickets a week" in line)
    _, next_row = term.last_question()
    assert not any(line.startswith("  MLD1") for line in lines[answered:next_row]), term.text


def test_a_silenced_finding_is_not_said_again(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    problem = specs.resolve("problem")

    def change(doc):  # type: ignore[no-untyped-def]
        edits.set_answer(doc, problem, "problem_statement", SOLUTION)
        doc.step("problem").silenced.append(
            Silence(
                question="problem_statement",
                code="MLD102",
                reason="the product team's words; the cost is in the next answers",
                by="tester",
                on=dt.date(2026, 11, 30),
            )
        )

    storage.update_document(doc_path, specs, "tester", change)
    term = start(terminals, doc_path, "problem")
    term.wait_for_prompt(prompt(specs, "problem_statement"))
    term.type(ESC_ENTER)  # kept as it is
    term.wait_for_prompt(prompt(specs, "current_process"))
    assert not any(line.startswith("  MLD1") for line in term.lines), term.text
