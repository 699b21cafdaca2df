"""The stage gate tests' setup, driven by keys as a user does: a document at the prototype
stage, a gate's first item marked Not met, the F9 overview's stage field moved one stage on."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select, Static

from mldwizard.core import edits, storage
from mldwizard.core.document import Document
from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.screens.stage_gate_dialog import StageGateDialog
from mldwizard.tui.widgets.checklist import ItemRow

from .helpers import settle, until

PILOT = "stage-gate-pilot"


def at_prototype(path: Path, specs: Specs) -> None:
    def change(doc: Document) -> None:
        edits.upsert_person(doc, "ana", "Ana", "ML engineer")
        edits.set_stage(doc, specs, "prototype")

    storage.update_document(path, specs, "tester", change)


def verdict_line(app: WizardApp) -> str:
    return str(app.screen.query_one("#step-verdict", Static).render())


async def mark_not_met(pilot: Pilot[None], row: ItemRow) -> Select[str]:
    """Mark ``row`` (the item the cursor starts on) Not met with its status field; returns
    the field."""
    app = pilot.app
    status: Select[str] = row.query_one(".status", Select)
    await until(pilot, lambda: app.focused is status, "the cursor on the first status")
    await pilot.press("enter", "down", "down", "down", "enter")  # Not met
    await settle(pilot)
    assert status.value == "not-met"
    return status


async def ask_next_stage(pilot: Pilot[None], what: str) -> None:
    """In the F9 overview (opened first when it is not the screen), move the stage field one
    stage on, and wait for the dialog that asks why (``what``: the wait's name)."""
    app = pilot.app
    if not isinstance(app.screen, OverviewScreen):
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
    app.screen.query_one("#ov-stage", Select).focus()
    await pilot.press("enter", "down", "enter")
    await until(pilot, lambda: isinstance(app.screen, StageGateDialog), what)
