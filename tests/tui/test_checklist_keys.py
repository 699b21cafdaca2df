"""The feasibility checklist by keyboard: Tab goes status, note, owner, condition; evidence
typed after choosing a status lands in the note."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.checklist import ItemRow

from ..conftest import load
from .helpers import SIZE, app_for, settle


def _three_people(path: Path, specs: Specs) -> None:
    def add(d):  # type: ignore[no-untyped-def]
        for handle in ("ana", "bo", "cy"):
            edits.upsert_person(d, handle, handle.title(), "ML engineer")

    storage.update_document(path, specs, "tester", add)


async def _until(pilot, condition, what: str, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not reached in {timeout} s: {what}")


async def test_evidence_typed_after_choosing_partial_goes_into_the_note(
    doc_path: Path, specs: Specs
) -> None:
    _three_people(doc_path, specs)
    first = specs.resolve("feasibility").items[0]
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(5):
            await pilot.press("ctrl+n")
            await settle(pilot)
        row = app.screen.query_one(f"#item-{first.id}", ItemRow)
        status = row.query_one(".status", Select)
        await _until(pilot, lambda: app.focused is status, "the cursor on the first status")
        await pilot.press("enter", "down", "down", "enter")  # Partial
        await settle(pilot)
        assert status.value == "partial"
        await pilot.press("tab", *"evidence note")
        await settle(pilot)
        assert app.focused is row.query_one(".note", Input)
        assert not any(select.expanded for select in row.query(Select))
        await pilot.press("tab")
        assert app.focused is row.query_one(".owner", Select)
        await pilot.press("tab")
        assert app.focused is row.query_one(".condition", Input)
        await pilot.press("ctrl+q")
        await settle(pilot)
    item = load(doc_path, specs).feasibility.items[first.id]
    assert (item.status, item.note) == ("partial", "evidence note")


async def test_evidence_typed_before_a_status_is_saved_with_the_item(
    doc_path: Path, specs: Specs
) -> None:
    """QA: Tab from the first status to its note, type, Ctrl+S: the title said "saved" but
    the note was dropped (an item without a status had no entry at all)."""
    first, second = specs.resolve("feasibility").items[:2]
    app = app_for(doc_path, specs, "feasibility")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = app.screen.query_one(f"#item-{first.id}", ItemRow)
        await _until(pilot, lambda: app.focused is row.query_one(".status", Select), "status")
        await pilot.press("tab", *"we interviewed 12 agents")
        await settle(pilot)
        assert app.focused is row.query_one(".note", Input)
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: app.sub_title == "saved", "the title says saved")
        on_disk = load(doc_path, specs).feasibility.items
        assert on_disk[first.id].note == "we interviewed 12 agents"
        assert on_disk[first.id].status is None
        # the next item's note too, and emptying a note again leaves no entry behind
        other = app.screen.query_one(f"#item-{second.id}", ItemRow)
        other.query_one(".note", Input).focus()
        await pilot.press(*"NOTE2")
        await settle(pilot)
        await pilot.press(*["backspace"] * 5)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    items = load(doc_path, specs).feasibility.items
    assert items[first.id].note == "we interviewed 12 agents"
    assert second.id not in items
