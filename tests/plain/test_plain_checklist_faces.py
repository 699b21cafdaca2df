"""Plain mode's checklist as the tester met it at 80x24 (QA report on issue 13, finding 18),
in a real pty: the verdict before and while the items are answered; prompts for links, the
answers an item rests on (refused with the choices) and the scope; Enter on every default
changes nothing (a Not met neither closable nor fatal stays so); every line of the verdict
says what it is; a long answer wraps between words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from ..conftest import load
from ..feasibility_docs import all_items, described
from .terminal import (
    DOWN,
    ENTER,
    ESC_ENTER,
    UP,
    PlainTerminal,
    squeeze,
    start,
    step_through,
    strip_styles,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PEOPLE = '[[people]]\nhandle = "ana"\nname = "Ana Silva"\n[[people]]\nhandle = "bo"\n'
# The tester's note: at 80 columns prompt_toolkit split it as "ans" / "wered".
SURVEY = (
    "Q3 routing audit measured 16.5% wrong first queue; agent survey (31 of 40 answered): "
    "84% name misroutes among their top three daily annoyances; confirmed by all five team "
    "leads and the enterprise CSMs."
)
CONFIRMED = (
    '[feasibility.items.problem_confirmed]\nstatus = "met"\nnote = "Checked with the team."\n'
)
ALLOWED = '[feasibility.items.data_allowed]\nstatus = "met"\nnote = "Checked with the team."\n'
# Not met, with an owner and a condition, neither closable nor fatal (the wizard's two boxes
# both blank): "Can the gap be closed?" must not turn it fatal on Enter.
UNDECIDED = (
    '[feasibility.items.data_allowed]\nstatus = "not-met"\nnote = "The DPO has not ruled."\n'
    'owner = "ana"\ncondition = "n/a"\n'
)
BLOCKER = "Using the data for this purpose is allowed. Not met and not marked closable."


def prepare(path: Path, checklist: str, scope: str = "") -> None:
    if scope:
        checklist = checklist.replace(
            '[feasibility]\nowners = ["ana", "bo"]\n',
            f'[feasibility]\nowners = ["ana", "bo"]\nscope = "{scope}"\n',
        )
    answers = path.with_name("answers.toml")
    answers.write_text(PEOPLE + described() + checklist, encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0


def test_enter_on_every_default_changes_nothing_and_the_verdict_comes_first(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    checklist = all_items("met").replace(ALLOWED, UNDECIDED)
    checklist = checklist.replace(CONFIRMED, CONFIRMED.replace("Checked with the team.", SURVEY))
    prepare(doc_path, checklist)
    before = doc_path.read_bytes()
    term = start(terminals, doc_path, "feasibility", cols=80)
    term.wait_for_prompt("The problem is confirmed with the people who have it. (critical)")
    # The verdict as it stands, with what blocks, before the first item is asked.
    term.wait_for("Feasibility: NO-GO (1 blocking), as the checklist stands")
    term.wait_for(f"✗ {BLOCKER}")
    term.wait_for("What would change this: n/a")
    term.type(ENTER)
    term.wait_for("? Evidence for this status:")
    term.wait_for(SURVEY)  # whole words on every row: "answered", not "ans" / "wered"
    asked = step_through(term)
    term.wait_for("Done. 0 change(s) saved")
    assert term.finish() == 0
    assert doc_path.read_bytes() == before  # not even rewritten
    assert "Can the gap be closed?" in asked
    assert not any(q.startswith("Does it hold within the scope") for q in asked)  # no scope
    shown = squeeze(strip_styles(term.raw.decode("utf-8", "replace")))
    # No line that names an item and then says "n/a" with nothing to tell what that is.
    assert "allowed. n/a" not in shown


def test_evidence_links_references_and_scope_are_asked_and_the_verdict_follows(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    checklist = all_items("met").replace(
        CONFIRMED, CONFIRMED.replace("Checked with the team.", SURVEY)
    )
    prepare(doc_path, checklist, scope="English tickets")
    term = start(terminals, doc_path, "feasibility", cols=80)
    term.wait_for_prompt("The problem is confirmed with the people who have it. (critical)")
    term.wait_for("Feasibility: GO, as the checklist stands")
    term.type(DOWN + ENTER)  # Met -> Partial
    term.wait_for("? Evidence for this status:")
    term.wait_for(SURVEY)
    term.type_and_see(" Redone in Q4.", shown="enterprise CSMs. Redone in Q4.")
    term.type(ENTER)
    term.wait_for_prompt(
        "Links to the evidence (URLs or file paths, separated by spaces; blank: none)?"
    )
    term.type_and_see("https://wiki.example/SUP-1 docs/survey.md")
    term.type(ENTER)
    refs = "Answers it rests on, as step.question (e.g. metrics.target_values; blank: none)?"
    term.wait_for_prompt(refs)
    term.type_and_see("metrics.target_value")
    term.type(ENTER)
    # Refused, with the choices: the questions of the step named.
    term.wait_for("metrics.target_value: no such question; the questions of metrics are:")
    term.wait_for("metrics.target_values")
    term.type("s")
    term.type(ENTER)
    term.wait_for_prompt("Who closes the gap?")
    term.wait_for("ana (Ana Silva)")
    term.type(UP + UP + ENTER)  # from (skip), the default, up to ana
    term.wait_for_prompt("What would close it?")
    term.type_and_see("Interviews with agents")
    term.type(ENTER)
    term.wait_for_prompt("By when (YYYY-MM-DD)?")
    term.type_and_see("2027-03-31")
    term.type(ENTER)
    term.wait_for_prompt("Does it hold within the scope (English tickets)?")
    term.type("y")
    term.wait_for_prompt(
        "Why does it hold within English tickets? (without a reason, it does not count there)"
    )
    term.type_and_see("Surveyed English-speaking agents only")
    term.type(ENTER)
    # The verdict again, right after the item changed it.
    term.wait_for("was GO")
    step_through(term)
    term.wait_for("Done. 1 change(s) saved")
    assert term.finish() == 0
    item = load(doc_path, specs).feasibility.items["problem_confirmed"]
    assert item.note == SURVEY + " Redone in Q4."  # the wrapping is shown, never stored
    assert item.links == ["https://wiki.example/SUP-1", "docs/survey.md"]
    assert item.refs == ["metrics.target_values"]
    assert (item.status, item.owner, item.in_scope) == ("partial", "ana", True)
    assert item.scope_note == "Surveyed English-speaking agents only"


def test_can_the_gap_be_closed_starts_on_the_stored_answer(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    checklist = all_items("met").replace(ALLOWED, UNDECIDED + "closable = true\n")
    prepare(doc_path, checklist)
    term = start(terminals, doc_path, "feasibility", cols=80)
    asked = step_through(term)
    assert "Can the gap be closed?" in asked
    term.wait_for("Done. 0 change(s) saved")
    assert term.finish() == 0
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.closable, item.fatal) == (True, False)


def test_can_the_gap_be_closed_says_what_each_answer_does_to_the_verdict(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    """QA14 finding 11: the default "Not decided yet" on a critical item gives NO-GO; the
    choices say so, and the verdict is said again as soon as the answer changes it."""
    prepare(doc_path, all_items("met").replace(ALLOWED, UNDECIDED + "due = 2027-01-15\n"))
    term = start(terminals, doc_path, "feasibility", cols=80)
    term.wait_for("Feasibility: NO-GO")
    asked = 0
    while term.wait_for_prompt_or(asked + 1, "change(s) saved in"):
        question, _ = term.last_question()
        asked += 1
        if question != "Can the gap be closed?":
            term.type(ESC_ENTER)
            continue
        term.wait_for("» Not decided yet (NO-GO until it is marked closable)")
        assert term.shows("No, it cannot be closed (NO-GO)"), term.text
        assert term.shows("(CONDITIONAL while it is open)"), term.text
        term.type(UP + UP + ENTER)  # from "Not decided yet", as stored, up to "Yes"
    assert term.finish() == 0
    # Said right after the item (its owner, condition and due date kept as they were), not
    # only at the end.
    shown = squeeze(strip_styles(term.raw.decode("utf-8", "replace")))
    assert "was NO-GO" in shown and "Feasibility: CONDITIONAL" in shown, shown[-2000:]
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.closable, item.fatal) == (True, False)


def test_a_gap_that_cannot_be_closed_is_not_asked_who_closes_it(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    """QA9a #10: "Can the gap be closed?" comes first for a Not met; answered No, nobody is
    asked to invent who closes it, how or by when (what the item had stays)."""
    prepare(doc_path, all_items("met").replace(ALLOWED, UNDECIDED))
    term = start(terminals, doc_path, "feasibility", cols=80)
    asked: list[str] = []
    while term.wait_for_prompt_or(len(asked) + 1, "change(s) saved in"):
        question, _ = term.last_question()
        asked.append(question)
        if question == "Can the gap be closed?":
            term.wait_for("» Not decided yet (NO-GO until it is marked closable)")
            term.type(UP + ENTER)  # from "Not decided yet", as stored, up to "No"
        else:
            term.type(ESC_ENTER)
    assert term.finish() == 0
    at = asked.index("Can the gap be closed?")
    assert asked[at - 1].startswith("Answers it rests on")  # right after the evidence
    closer = ("Who closes the gap?", "What would close it?", "By when (YYYY-MM-DD)?")
    assert asked[at + 1] not in closer, asked  # on to the next item
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.fatal, item.owner, item.condition) == (True, "ana", "n/a")
