"""The checklist rows in the wizard: due date, closable, waiver, what a gap still lacks and
a Met without evidence; the outcome screen for PIVOT and SCOPE-DOWN (Pilot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Checkbox, Input, Static

from mldwizard.cli import main
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import NoGoScreen
from mldwizard.tui.widgets.checklist import ItemRow

from ..conftest import load
from ..feasibility_docs import all_items, described
from .helpers import SIZE, app_for, go_to, settle, until

PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'


def prepare(path: Path, text: str) -> None:
    answers = path.with_name("answers.toml")
    answers.write_text(text, encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0


def why(row: ItemRow) -> str:
    widget = row.query_one(".why", Static)
    return str(widget.render()) if widget.display else ""


async def test_a_gap_row_asks_for_a_due_date(doc_path: Path, specs: Specs) -> None:
    prepare(doc_path, PEOPLE)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        assert not row.query_one(".closing").display  # no status: no gap fields
        row.query_one(".status").value = "partial"  # type: ignore[attr-defined]
        row.query_one(".owner").value = "ana"  # type: ignore[attr-defined]
        row.query_one(".condition", Input).value = "The DPO signs off."
        await settle(pilot)
        assert row.query_one(".closing").display
        assert not row.query_one(".closable").display  # only a Not met is closable
        assert not row.query_one(".waiver").display  # a critical gap is never waived
        await until(pilot, lambda: "Still lacking: no due date." in why(row), "the lack shown")
        row.query_one(".due", Input).value = "2026-12"
        await settle(pilot)
        await until(pilot, lambda: "is not a date yet" in why(row), "the half date named")
        row.query_one(".due", Input).value = "2026-12-20"
        await settle(pilot)
        await until(pilot, lambda: why(row) == "", "nothing lacking any more")
        await pilot.press("ctrl+s")
        await settle(pilot)
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.status, item.owner, item.due) == ("partial", "ana", dt.date(2026, 12, 20))


async def test_closable_and_fatal_exclude_each_other(doc_path: Path, specs: Specs) -> None:
    prepare(doc_path, PEOPLE)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-fallback_exists", ItemRow)
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        # A critical item Not met and not (yet) closable is a NO-GO: the screen says so.
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        await pilot.press("escape")
        await settle(pilot)
        assert row.query_one(".closable").display and row.query_one(".fatal").display
        row.query_one(".fatal", Checkbox).value = True
        await settle(pilot)
        row.query_one(".closable", Checkbox).value = True
        await settle(pilot)
        assert row.query_one(".fatal", Checkbox).value is False
        await pilot.press("ctrl+s")
        await settle(pilot)
    item = load(doc_path, specs).feasibility.items["fallback_exists"]
    assert (item.closable, item.fatal) == (True, False)


async def test_a_non_critical_gap_can_be_waived(doc_path: Path, specs: Specs) -> None:
    prepare(doc_path, PEOPLE)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-team_skills", ItemRow)
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        await settle(pilot)
        assert row.query_one(".waiver").display
        row.query_one(".waiver", Input).value = "Accepted for the pilot."
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(doc_path, specs).feasibility.items["team_skills"].waiver == (
        "Accepted for the pilot."
    )


async def test_a_met_without_evidence_says_it_counts_as_unknown(
    doc_path: Path, specs: Specs
) -> None:
    prepare(doc_path, PEOPLE + described() + all_items("met"))
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-decision_owner", ItemRow)
        assert why(row) == ""
        row.query_one(".note", Input).value = ""
        await settle(pilot)
        await until(pilot, lambda: "Met without evidence" in why(row), "the row says why")
        assert "it counts as Unknown" in why(row)
        banner = str(app.screen.query_one("#banner", Static).render())
        assert "CONDITIONAL" in banner


async def test_pivot_opens_the_outcome_screen(doc_path: Path, specs: Specs) -> None:
    checklist = all_items("met").replace(
        '[feasibility.items.problem_confirmed]\nstatus = "met"\n',
        "[feasibility.items.problem_confirmed]\n",
    )
    prepare(doc_path, PEOPLE + described() + checklist)
    assert main(["set", str(doc_path), "gate", "--override", "heuristic", "--reason", "0.95"]) == 0
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-problem_confirmed", ItemRow)
        row.query_one(".status").value = "met"  # type: ignore[attr-defined]
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)  # not while the item is filled in
        app.screen.query_one("#item-value_over_cost .status").focus()  # the next item
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the outcome screen")
        await settle(pilot)
        assert "PIVOT" in str(app.screen.query_one("#nogo-title").render())
        reasons = str(app.screen.query_one("#nogo-reasons").render())
        assert reasons.startswith("The problem is real, but the gate says")
        assert "Build that instead of a new model" in reasons
        # Said once: the lead says why it is good news, not the same heading again.
        said = " ".join(str(w.render()) for w in app.screen.query("#nogo-body Static"))
        assert said.lower().count("the problem is real") == 1
        await pilot.press("escape")  # continue: back to the checklist
        await until(pilot, lambda: not isinstance(app.screen, NoGoScreen), "the checklist")


async def test_scope_down_opens_the_outcome_screen(doc_path: Path, specs: Specs) -> None:
    checklist = all_items("met").replace(
        '[feasibility.items.data_allowed]\nstatus = "met"\nnote = "Checked with the team."\n',
        '[feasibility.items.data_allowed]\nnote = "Allowed for the standard DPA."\n'
        'owner = "ana"\ncondition = "Legal rules on the rest."\ndue = 2027-01-15\n'
        'in_scope = true\nscope_note = "The standard DPA allows it."\n',
    )
    checklist = checklist.replace(
        '[feasibility]\nowners = ["ana", "bo"]\n',
        '[feasibility]\nowners = ["ana", "bo"]\nscope = "accounts on the standard DPA"\n',
    )
    prepare(doc_path, PEOPLE + described() + checklist)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        row.query_one(".status").value = "partial"  # type: ignore[attr-defined]
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)  # not while the item is filled in
        app.screen.query_one("#item-data_quality_known .status").focus()  # the next item
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the outcome screen")
        await settle(pilot)
        assert "SCOPE-DOWN" in str(app.screen.query_one("#nogo-title").render())
        reasons = str(app.screen.query_one("#nogo-reasons").render())
        assert "GO for accounts on the standard DPA only" in reasons
        assert "Outside the scope: Using the data for this purpose is allowed." in reasons
