"""QA14 in the wizard (Pilot, 80x24): the F9 stage field asks for a reason before leaving
design while the feasibility checklist does not let the project build (#1), and a stage
gate's row labels its boxes and gives the condition a usable width (#11)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.widgets.checklist import ItemRow

from ..conftest import load
from .helpers import app_for, settle, until
from .stage_gate_keys import PILOT, ask_next_stage, at_prototype, mark_not_met


async def test_leaving_design_without_a_checklist_verdict_asks_a_reason(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, "metrics")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await ask_next_stage(pilot, "the confirm")  # design -> prototype
        blockers = str(app.screen.query_one("#sg-blockers", Static).render())
        assert "design to prototype (feasibility not given)" in blockers
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "cancelled")
        await settle(pilot)
        assert app.session.doc.stage == "design"
        await ask_next_stage(pilot, "the confirm again")
        await pilot.press(*"A spike to size the data, no users", "enter")
        await until(pilot, lambda: app.session.doc.stage == "prototype", "moved")
        await app.save()
    doc = load(doc_path, specs)
    assert doc.feasibility.moved_despite == "not given: A spike to size the data, no users"


async def test_a_gate_row_labels_its_boxes_and_the_condition_is_wide(
    doc_path: Path, specs: Specs
) -> None:
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs, PILOT)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = app.screen.query(ItemRow).first()
        await mark_not_met(pilot, row)
        condition = row.query_one(".condition", Input)
        await until(pilot, lambda: condition.display and condition.size.width > 0, "shown")
        assert condition.border_title == "What would close the gap"
        assert row.query_one(".note", Input).border_title == "Evidence"
        assert row.query_one(".due", Input).border_title == "Due"
        # Not squeezed beside the owner and "fatal": most of the pane's width.
        assert condition.size.width >= 30, condition.size
        await pilot.press("ctrl+q")
