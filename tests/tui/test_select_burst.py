"""A burst of keys on a closed drop-down list (Enter Down Down Enter, typed fast or while the
app is busy) chooses what the same keys typed slowly choose, and the cursor stays on the
list's field: the keys after it go where the author sees the cursor."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select

from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.checklist import ItemRow

from ..conftest import load
from .helpers import SIZE, app_for, settle, until


def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue the keys all at once, as a terminal delivers keys that arrived together."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_burst_on_a_checklist_status_chooses_the_third_option(
    doc_path: Path, specs: Specs
) -> None:
    first, second = specs.resolve("feasibility").items[:2]
    app = app_for(doc_path, specs, "feasibility")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = app.screen.query_one(f"#item-{first.id}", ItemRow)
        status = row.query_one(".status", Select)
        await until(pilot, lambda: app.focused is status, "the cursor on the first status")
        _burst(pilot, "enter", "down", "down", "enter")
        await until(pilot, lambda: status.value == "partial", "Partial chosen")
        await until(pilot, lambda: app.focused is status, "the cursor back on the status")
        assert not status.expanded
        _burst(pilot, "tab", *"NOTE1 burst")
        await until(pilot, lambda: row.query_one(".note", Input).value == "NOTE1 burst", "the note")
        # the next item: the choice, Tab and the note all in one burst
        row2 = app.screen.query_one(f"#item-{second.id}", ItemRow)
        status2 = row2.query_one(".status", Select)
        status2.focus()
        await until(pilot, lambda: app.focused is status2, "the cursor on the second status")
        _burst(pilot, "enter", "down", "enter", "tab", *"NOTE2")
        note2 = row2.query_one(".note", Input)
        await until(pilot, lambda: status2.value == "met", "Met chosen")
        await until(pilot, lambda: note2.value == "NOTE2", "the second note")
        await settle(pilot)
        assert app.focused is note2
        assert not status2.expanded
        await pilot.press("ctrl+q")
        await settle(pilot)
    items = load(doc_path, specs).feasibility.items
    assert (items[first.id].status, items[first.id].note) == ("partial", "NOTE1 burst")
    assert (items[second.id].status, items[second.id].note) == ("met", "NOTE2")


async def test_a_burst_on_a_choice_question_chooses_what_slow_keys_choose(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, "problem")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#q-costlier_error #input", Select)
        select.focus()
        await until(pilot, lambda: app.focused is select, "the cursor on the question")
        _burst(pilot, "enter", "down", "down", "down", "enter")
        await until(pilot, lambda: select.value == "about-equal", "the third choice")
        await until(pilot, lambda: app.focused is select and not select.expanded, "closed")
        # Escape in a burst closes the list without choosing, as it does typed slowly
        _burst(pilot, "enter", "down", "escape")
        await until(pilot, lambda: app.focused is select and not select.expanded, "closed")
        assert select.value == "about-equal"
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).chapters["problem"].answers
    assert answers.get("costlier_error") == "about-equal"
