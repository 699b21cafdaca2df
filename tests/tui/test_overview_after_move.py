"""QA10a #6 (Pilot, 80x24): the F9 overview's verdicts follow a stage move made in it. After
the move past the prototype-to-pilot gate it still called that gate "the gate this document
faces next", and after moving back it called the pilot-to-production gate so."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import OverviewScreen

from .helpers import app_for, settle, until
from .stage_gate_keys import ask_next_stage, at_prototype


def verdicts(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return " ".join(str(screen.query_one("#ov-verdicts").render()).split())


async def test_the_overview_verdicts_follow_the_move_made_in_it(
    doc_path: Path, specs: Specs
) -> None:
    at_prototype(doc_path, specs)
    app = app_for(doc_path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        said = verdicts(app)
        assert "Prototype to Pilot: INCOMPLETE (the gate this document faces next)" in said
        await ask_next_stage(pilot, "the confirm")  # prototype -> pilot, the gate INCOMPLETE
        await pilot.press(*"the board accepts the risk", "enter")
        await until(pilot, lambda: app.session.doc.stage == "pilot", "moved")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        await settle(pilot)
        said = verdicts(app)
        assert "Prototype to Pilot: INCOMPLETE; passed anyway. Reason given:" in said, said
        assert "Pilot to Production: INCOMPLETE (the gate this document faces next)" in said
        assert "Later" not in said
        # Moving back: the prototype-to-pilot gate is the one faced again.
        app.screen.query_one("#ov-stage", Select).focus()
        await pilot.press("enter", "up", "enter")
        await until(pilot, lambda: app.session.doc.stage == "prototype", "moved back")
        await settle(pilot)
        said = verdicts(app)
        assert "Prototype to Pilot: INCOMPLETE (the gate this document faces next)" in said, said
        assert "Pilot to Production: Later" in said
        await pilot.press("ctrl+q")
