"""The feasibility checklist in plain mode, in a real pty at 80x24: a gap's due date
(checked as a date), whether it can be closed, a waiver for a non-critical gap, and the
verdict with its reasons at the end."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from ..conftest import load
from ..feasibility_docs import all_items, described
from .terminal import DOWN, ENTER, UP, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PEOPLE = '[[people]]\nhandle = "ana"\nname = "Ana Silva"\n[[people]]\nhandle = "bo"\n'
TIMELINE = """
[feasibility.items.timeline_realistic]
status = "not-met"
note = "The last comparable project took twice as long."
owner = "bo"
condition = "Plan re-estimated with the labelling vendor."
due = 2027-01-15
"""
BACKSPACE = "\x7f"
LINKS = "Links to the evidence (URLs or file paths, separated by spaces; blank: none)?"
REFS = "Answers it rests on, as step.question (e.g. metrics.target_values; blank: none)?"


def prompt_of(specs: Specs, item_id: str) -> str:
    item = next(i for i in specs.resolve("feasibility").items if i.id == item_id)
    return item.text + (" (critical)" if item.critical else "")


def test_a_gap_gets_a_due_date_a_waiver_and_the_verdict_says_why(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    answers = doc_path.with_name("answers.toml")
    checklist = all_items("met").replace(
        '[feasibility.items.timeline_realistic]\nstatus = "met"\nnote = "Checked with the team."\n',
        TIMELINE,
    )
    answers.write_text(PEOPLE + described() + checklist, encoding="utf-8")
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    term = start(terminals, doc_path, "feasibility", cols=80)
    items = [i.id for i in specs.resolve("feasibility").items]

    def keep(question: str) -> None:
        term.wait_for_prompt(question)
        term.type(ENTER)

    for item_id in items[: items.index("team_skills")]:
        keep(prompt_of(specs, item_id))  # Met, as it was
        keep("Evidence for this status:")  # the note, as it was
        keep(LINKS)
        keep(REFS)

    term.wait_for_prompt(prompt_of(specs, "team_skills"))
    term.type(DOWN + DOWN)  # Met -> Partial -> Not met
    term.type(ENTER)
    keep("Evidence for this status:")
    keep(LINKS)
    keep(REFS)
    term.wait_for_prompt("Can the gap be closed?")  # first, for a Not met
    term.type(UP + UP + ENTER)  # from "Not decided yet", as stored, up to "Yes"
    term.wait_for_prompt("Who closes the gap?")
    term.wait_for("ana (Ana Silva)")
    term.type(UP + UP + ENTER)  # from (skip), the default, up to ana
    term.wait_for_prompt("What would close it?")
    term.type_and_see("A second on-call engineer trained")
    term.type(ENTER)
    term.wait_for_prompt("By when (YYYY-MM-DD)?")
    term.type_and_see("next week")
    term.type(ENTER)
    term.wait_for("Write the date as YYYY-MM-DD")  # refused, the prompt stays
    term.type(BACKSPACE * len("next week"))
    term.type_and_see("2027-03-31")
    term.type(ENTER)
    term.wait_for_prompt("Accepted as it is? Why (blank: not waived):")
    term.type_and_see("The platform team covers on-call")
    term.type(ENTER)

    for question in [
        prompt_of(specs, "timeline_realistic"),
        "Evidence for this status:",
        LINKS,
        REFS,
        "Can the gap be closed?",
        "Who closes the gap?",
        "What would close it?",
        "By when (YYYY-MM-DD)?",
        "Accepted as it is? Why (blank: not waived):",
        prompt_of(specs, "decision_owner"),
        "Evidence for this status:",
        LINKS,
        REFS,
    ]:
        keep(question)

    term.wait_for("Feasibility: CONDITIONAL")
    term.wait_for("2 non-critical items Not met (CONDITIONAL from 2).")
    assert term.finish() == 0
    item = load(doc_path, specs).feasibility.items["team_skills"]
    assert (item.status, item.owner, item.due) == ("not-met", "ana", dt.date(2027, 3, 31))
    assert (item.closable, item.fatal) == (True, False)
    assert item.waiver == "The platform team covers on-call"
