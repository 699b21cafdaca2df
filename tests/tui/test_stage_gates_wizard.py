"""Stage gates in the wizard, driven by keys: the gate the document faces is a step with the
feasibility checklist's rows and its verdict live; a gate of a later stage is one "later"
line; the F9 overview's stage field asks for a reason before moving past a gate that does
not pass, and keeps the stage when cancelled."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.screens.stage_gate_dialog import StageGateDialog
from mldwizard.tui.widgets.checklist import ItemRow
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import SIZE, app_for, settle, until
from .stage_gate_keys import PILOT, ask_next_stage, at_prototype, mark_not_met, verdict_line


async def test_the_gate_step_marks_items_and_shows_its_verdict_live(
    doc_path: Path, specs: Specs
) -> None:
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs, PILOT)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = list(app.screen.query(ItemRow))
        assert [r.item.id for r in rows] == [i.id for i in specs.resolve(PILOT).criteria]
        await until(pilot, lambda: "INCOMPLETE" in verdict_line(app), "the verdict at the top")
        first = rows[0]
        await mark_not_met(pilot, first)
        await until(pilot, lambda: "NO-GO" in verdict_line(app), "a critical Not met: NO-GO")
        banner = str(app.screen.query_one("#banner", Static).render())
        assert "Not met and not marked closable" in banner
        await pilot.press("tab", *"0.80 against 0.90")
        await settle(pilot)
        assert app.focused is first.query_one(".note", Input)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.sub_title == "saved", "saved")
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    item = doc.stage_gates[PILOT].items[first.item.id]
    assert (item.status, item.note) == ("not-met", "0.80 against 0.90")
    assert doc.stage_gates[PILOT].verdict == "NO-GO"
    assert doc.feasibility.items == {}  # the checklist's rows, not its marks


async def test_a_gate_of_a_later_stage_is_one_line(doc_path: Path, specs: Specs) -> None:
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs, "stage-gate-production")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        later = str(view.query_one("#stage-gate-later", Static).render())
        assert later.startswith("Later: assessed at the pilot stage")
        assert not list(view.query(ItemRow))
        # QA9a finding 13: the step's verdict line said INCOMPLETE above this "Later" line.
        assert verdict_line(app) == "Pilot to Production: Later"
        await pilot.press("ctrl+q")
        await settle(pilot)


async def test_the_overview_asks_a_reason_before_moving_past_the_gate(
    doc_path: Path, specs: Specs
) -> None:
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs, "metrics")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await ask_next_stage(pilot, "the confirm")  # prototype -> pilot
        blockers = str(app.screen.query_one("#sg-blockers", Static).render())
        assert "prototype to pilot (INCOMPLETE): The fallback works" in blockers
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "back, cancelled")
        await settle(pilot)
        assert app.session.doc.stage == "prototype"
        assert app.screen.query_one("#ov-stage", Select).value == "prototype"
        await ask_next_stage(pilot, "the confirm again")
        await pilot.press(*"ok", "enter")  # too short: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, StageGateDialog)
        await pilot.press(*" - the board accepts it", "enter")
        await until(pilot, lambda: app.session.doc.stage == "pilot", "moved")
        listed = str(app.screen.query_one("#ov-stage-required").render())
        assert "Reason: ok - the board accepts it" in listed
        await app.save()
    doc = load(doc_path, specs)
    assert doc.stage == "pilot"
    assert doc.stage_gates[PILOT].moved_despite == "INCOMPLETE: ok - the board accepts it"


async def test_the_overview_lists_the_stage_gates_with_what_blocks_the_move(
    doc_path: Path, specs: Specs
) -> None:
    """F9's Verdicts say what the document's Verdicts box says: each stage gate, where the
    document stands, and what blocks the move past the gate it faces."""
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        verdicts = " ".join(str(app.screen.query_one("#ov-verdicts").render()).split())
        first = specs.resolve(PILOT).criteria[0].text
        assert "Stage gate Prototype to Pilot: INCOMPLETE (the gate this document faces next)" in (
            verdicts
        )
        assert f"Blocks the move: {first} No status yet." in verdicts
        assert "Stage gate Pilot to Production: Later: assessed at the pilot stage" in verdicts
