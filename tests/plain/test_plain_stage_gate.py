"""A stage gate in plain mode, in a real pty at 80x24: its items are asked like the
feasibility checklist's (status, evidence, and for a gap who closes it, how and by when),
then its verdict; a gate of a later stage is one line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.evidence_links import link_problem
from mldwizard.core.specs import Specs

from ..conftest import load
from .terminal import CTRL_C, ENTER, UP, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

PILOT = "stage-gate-pilot"
SETUP = (
    'stage = "prototype"\nstage_reason = "Not about the checklist."\n'
    '[[people]]\nhandle = "ana"\nname = "Ana Silva"\n'
)


def prompt_of(specs: Specs, item_id: str) -> str:
    item = next(i for i in specs.resolve(PILOT).criteria if i.id == item_id)
    return item.text + (" (critical)" if item.critical else "")


LINKS = "Links to the evidence (URLs or file paths, separated by spaces; blank: none)?"
REFS = "Answers it rests on, as step.question (e.g. metrics.target_values; blank: none)?"


def no_links_or_refs(term: PlainTerminal) -> None:
    for question in (LINKS, REFS):
        term.wait_for_prompt(question)
        term.type(ENTER)


def test_the_gate_s_items_are_asked_and_its_verdict_said(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    answers = doc_path.with_name("answers.toml")
    answers.write_text(SETUP, encoding="utf-8")
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    term = start(terminals, doc_path, PILOT, cols=80)

    term.wait_for_prompt(prompt_of(specs, "baseline_compared"))
    term.type(UP * 4 + ENTER)  # from (skip), the default with no status yet, up to Met
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("0.91 on gold set v1 against 0.64 for the rules")
    term.type(ENTER)
    no_links_or_refs(term)

    term.wait_for_prompt(prompt_of(specs, "error_analysis_done"))
    term.type(UP * 4 + ENTER)
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("150 worst cases read on 2026-11-19")
    term.type(ENTER)
    no_links_or_refs(term)

    term.wait_for_prompt(prompt_of(specs, "fallback_works"))
    term.type(UP * 3 + ENTER)  # Partial
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("Tried in staging only")
    term.type(ENTER)
    no_links_or_refs(term)
    term.wait_for_prompt("Who closes the gap?")
    term.wait_for("ana (Ana Silva)")
    term.type(UP + ENTER)  # from (skip), the default, up to ana
    term.wait_for_prompt("What would close it?")
    term.type_and_see("A drill in production")
    term.type(ENTER)
    term.wait_for_prompt("By when (YYYY-MM-DD)?")
    term.type_and_see("2027-01-05")
    term.type(ENTER)

    term.wait_for_prompt(prompt_of(specs, "latency_measured"))
    term.type(UP * 4 + ENTER)
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("30 ms p99 in staging")
    term.type(ENTER)
    no_links_or_refs(term)

    # QA14 finding 11: the verdict as the last item changes it, before the whole verdict.
    term.wait_for("Prototype to Pilot: CONDITIONAL, was")
    term.wait_for("owner ana, due 2027-01-05")
    assert term.finish() == 0
    gate = load(doc_path, specs).stage_gates[PILOT]
    fallback = gate.items["fallback_works"]
    assert (fallback.status, fallback.owner, fallback.due) == (
        "partial",
        "ana",
        dt.date(2027, 1, 5),
    )
    assert gate.items["baseline_compared"].note == "0.91 on gold set v1 against 0.64 for the rules"
    assert gate.verdict == "CONDITIONAL"


def test_a_gate_of_a_later_stage_is_one_line(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    answers = doc_path.with_name("answers.toml")
    answers.write_text(SETUP, encoding="utf-8")
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    term = start(terminals, doc_path, "stage-gate-production", cols=80)
    term.wait_for("Later: assessed at the pilot stage, before the move to production.")
    assert term.finish() == 0
    assert "stage-gate-production" not in load(doc_path, specs).stage_gates


def test_a_gate_s_evidence_link_is_checked_like_the_checklist_s(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    """QA14 #6: plain mode refused nothing ("javascript:..." was stored)."""
    answers = doc_path.with_name("answers.toml")
    answers.write_text(SETUP, encoding="utf-8")
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    term = start(terminals, doc_path, PILOT, cols=80)
    term.wait_for_prompt(prompt_of(specs, "baseline_compared"))
    term.type(UP * 4 + ENTER)  # Met
    term.wait_for_prompt("Evidence for this status:")
    term.type_and_see("0.91 on gold set v1")
    term.type(ENTER)
    term.wait_for_prompt(LINKS)
    term.type_and_see("javascript:alert(1)")
    term.type(ENTER)
    # The whole refusal, wrapped between words at 80 columns (it used to break mid-word).
    refusal = link_problem("javascript:alert(1)")
    assert refusal is not None and len(refusal) > 80
    term.wait_for(refusal)
    term.type("\x15")  # Ctrl+U: the line typed so far goes
    term.type_and_see("https://grafana.example.com/d/lat")
    term.type(ENTER)
    term.wait_for_prompt(REFS)
    term.type(ENTER)
    term.wait_for_prompt(prompt_of(specs, "error_analysis_done"))
    term.type(CTRL_C)
    term.wait_exit()
    item = load(doc_path, specs).stage_gates[PILOT].items["baseline_compared"]
    assert item.links == ["https://grafana.example.com/d/lat"]
