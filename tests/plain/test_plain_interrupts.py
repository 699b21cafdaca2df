"""Ctrl-C, Ctrl-D, kill or a closed terminal in the middle of a ``--plain`` answer: the real
program in a pty, read back as a screen. What the open prompt held is saved as the answer
(or kept next to the document) and the closing message says where."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs, load_specs
from mldwizard.core.verdicts import level_label

from ..conftest import load
from .terminal import (
    CTRL_C,
    CTRL_D,
    DOWN,
    ENTER,
    ESC_ENTER,
    SPECS_DIR,
    UP,
    PlainTerminal,
    prompt_of,
    start,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def stopped_message(term: PlainTerminal, doc: Path) -> None:
    term.wait_for_text(f"Stopped. Your answers so far are saved in {doc}")


def test_ctrl_c_in_a_long_answer_saves_it_and_says_where(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    term = start(terminals, doc_path, "1")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    typed = (
        "We route each support ticket to the team that can solve it, at intake, so that "
        "fewer tickets bounce between queues; success is a lower reassignment rate"
    )
    term.type_and_see(typed)  # longer than the line: wrapped, all of it visible
    term.type(CTRL_C)
    stopped_message(term, doc_path)
    term.wait_for_text(
        f"What you were typing for essentials.summary is saved as its answer in {doc_path}."
    )
    assert term.finish() == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": typed}


NUMBERS = """slug = "numbers"
title = "Numbers"
intro = "Counting."

[[questions]]
id = "peak"
title = "Peak tickets a day"
prompt = "How many tickets a day at the peak?"
help = "h"
example = "1200"
kind = "number"
"""


def test_ctrl_c_in_an_answer_that_does_not_parse_keeps_it_next_to_the_document(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "numbers.toml").write_text(NUMBERS)
    term = start(terminals, doc_path, "numbers")
    term.wait_for_prompt("How many tickets a day at the peak?")
    term.type_and_see("about 1200 on a Monday")
    term.type(CTRL_C)
    stopped_message(term, doc_path)
    term.wait_for_text("What you were typing for numbers.peak is kept in")
    assert term.finish() == 130
    (copy,) = doc_path.parent.glob("design.unsaved-*.toml")
    term.wait_for_text(
        f"{copy} (not a valid answer: expected a number, got 'about 1200 on a Monday'"
    )
    assert "not saved, did not parse: numbers.peak = 'about 1200 on a Monday'" in copy.read_text()
    assert load(doc_path, load_specs([folder])).step("numbers").answers == {}


def item_text(specs: Specs, item_id: str) -> str:
    item = next(i for i in specs.resolve("feasibility").items if i.id == item_id)
    return item.text + (" (critical)" if item.critical else "")


def test_feasibility_items_show_every_prompt_and_ctrl_c_keeps_the_item(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    def people(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana Silva", "ML engineer")
        edits.upsert_person(d, "ben", "Ben Okafor", "Backend")

    storage.update_document(doc_path, specs, "tester", people)
    term = start(terminals, doc_path, "feasibility")

    term.wait_for_prompt(item_text(specs, "problem_confirmed"))
    assert term.shows("(↑/↓ to move, Enter to choose)") and term.shows("» (skip)"), term.text
    term.type(UP + UP)  # Not met
    term.type(ENTER)
    term.wait_for_prompt("Evidence for this status:")
    note = "Two of the five support leads we asked do not see misrouted tickets as a problem"
    term.type_and_see(note)
    term.type(ENTER)
    for evidence in ("Links to the evidence", "Answers it rests on"):
        term.wait_for(f"? {evidence}")
        term.type(ENTER)  # none
    term.wait_for_prompt("Can the gap be closed?")  # first, for a Not met
    assert term.shows("» Not decided yet"), term.text  # nothing stored yet
    term.type(UP + UP + ENTER)  # Yes
    term.wait_for_prompt("Who closes the gap?")
    term.wait_for("ben (Ben Okafor, Backend)")  # name and role, as other person questions
    term.type(UP + UP)  # ana
    term.type(ENTER)
    term.wait_for_prompt("What would close it?")
    term.type_and_see("Interview the other three leads")
    term.type(ENTER)
    term.wait_for_prompt("By when (YYYY-MM-DD)?")
    term.type_and_see("2027-01-31")
    term.type(ENTER)

    term.wait_for_prompt(item_text(specs, "value_over_cost"))
    term.type(ENTER)  # (skip): nothing recorded

    term.wait_for_prompt(item_text(specs, "metric_tied_to_business"))
    term.type(UP * 3)  # Partial
    term.type(ENTER)
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("Reassignment rate is logged but not yet")
    term.type(CTRL_C)
    stopped_message(term, doc_path)
    term.wait_for_text(
        f"feasibility.metric_tied_to_business: what you gave so far is saved in {doc_path}."
    )
    assert term.finish() == 130
    assert b"not saved" not in term.raw  # (skip) is no status, not a bad one
    items = load(doc_path, specs).feasibility.items
    assert set(items) == {"problem_confirmed", "metric_tied_to_business"}
    first = items["problem_confirmed"]
    assert (first.status, first.note, first.owner, first.fatal) == ("not-met", note, "ana", False)
    assert (first.closable, str(first.due)) == (True, "2027-01-31")
    assert first.condition == "Interview the other three leads"
    last = items["metric_tied_to_business"]
    assert (last.status, last.note) == ("partial", "Reassignment rate is logged but not yet")


GATE_ANSWERS = {
    "expert_rule": "partly",
    "patterns": "dozens",
    "stability": "changes-slowly",
    "input_type": "unstructured",
    "rule_fields": "none",
    "labelled_data": "thousands",
    "explanation": "no",
    "error_cost": "moderate",
    "gain_needed": "small-gain-pays",
    "would_pay": "committed",
    "heuristic_tried": "not-tried",
    "existing_model": "none",
}


def test_gate_override_reason_is_kept_on_ctrl_c(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    gate = specs.resolve("gate")

    def answer(d):  # type: ignore[no-untyped-def]
        for qid, value in GATE_ANSWERS.items():
            edits.set_answer(d, gate, qid, value)

    storage.update_document(doc_path, specs, "tester", answer)
    verdict = load(doc_path, specs).gate.verdict
    assert verdict is not None
    term = start(terminals, doc_path, "gate")
    for question in gate.questions:
        if question.id in GATE_ANSWERS or question.id == "notes":
            term.wait_for_prompt(question.prompt + (" *" if question.required else ""))
            term.type(ESC_ENTER if question.kind == "long_text" else ENTER)  # keep it
    term.wait_for(f"Verdict: {level_label(verdict)}")  # in words: "A simple model"
    term.wait_for_prompt("Override this verdict (with a reason)?")
    term.type("y")
    term.wait_for_prompt("Your verdict:")
    term.wait_for("A complex model")
    term.type(DOWN + DOWN + DOWN)  # A complex model (after a rule, an existing model, simple)
    term.type(ENTER)
    term.wait_for_prompt("Why?")
    reason = "The regulator asked for a model we can audit, and a rule set of this size is not one"
    term.type_and_see(reason)
    term.type(CTRL_C)
    stopped_message(term, doc_path)
    term.wait_for_text(f"Your override and its reason are saved in {doc_path}.")
    assert term.finish() == 130
    saved = load(doc_path, specs).gate
    assert (saved.override, saved.override_reason) == ("complex-model", reason)


@pytest.mark.parametrize("where", ["text", "choice"])
def test_ctrl_d_in_an_empty_prompt_ends_with_everything_saved(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal], where: str
) -> None:
    """On a text prompt and on a choice prompt alike (QA9a #11: a choice ignored it)."""
    term = start(terminals, doc_path, "1")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    term.type_and_see("Kept.")
    term.type(ESC_ENTER)
    term.wait_for_prompt(prompt_of(specs, "essentials", "system_kind"))
    if where == "text":
        term.type(ENTER)  # (skip)
        term.wait_for("Add a person now?")  # the team: there are no people yet
        term.type("n")
        term.wait_for_prompt(prompt_of(specs, "essentials", "decision_owner"))
        term.type(ENTER)  # (skip): there are no people to choose from
        term.wait_for_prompt(prompt_of(specs, "essentials", "stakeholders") + " *")
    term.type(CTRL_D)
    stopped_message(term, doc_path)
    assert term.finish() == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": "Kept."}


@pytest.mark.parametrize("how", ["SIGTERM", "hangup"])
def test_kill_or_a_closed_terminal_mid_answer_keeps_the_text(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal], how: str
) -> None:
    term = start(terminals, doc_path, "1")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    typed = "Typed over ssh just before the connection dropped, and long enough to wrap the line"
    term.type_and_see(typed)
    if how == "SIGTERM":
        term.child.kill(signal.SIGTERM)
        stopped_message(term, doc_path)
        assert term.finish() == 130
    else:
        term.hang_up()
        assert term.wait_exit() == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": typed}
