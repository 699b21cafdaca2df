"""Typed text lands where the author sees the cursor: Tab in a burst of keys, autosave and
the file watch while keys are in flight (issue 10, part 3)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Select, TextArea

from mldwizard.core import edits, storage
from mldwizard.core.errors import Conflict
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.dialogs import ConflictDialog
from mldwizard.tui.screens.editors import PeopleDialog, StepDetailsDialog

from ..conftest import load
from .helpers import SIZE, app_for, go_to, settle, until


def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys in one write (a paste, or typed while the app is busy): all queued at once."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))


def _field_of(widget: Widget | None) -> str | None:
    node = widget
    while node is not None:
        if node.id and node.id.startswith("q-"):
            return node.id[2:]
        node = node.parent  # type: ignore[assignment]
    return None


async def test_tab_in_a_burst_moves_the_keys_after_it_to_the_next_field(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "problem")
        await until(pilot, lambda: _field_of(app.focused) == "problem_statement", "cursor")
        _burst(pilot, *"AAA")
        await settle(pilot)
        _burst(pilot, "tab", *"BBB")
        await settle(pilot)
        _burst(pilot, "tab", *"DDD", "shift+tab", *"CCC")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).chapters["problem"].answers
    assert answers["problem_statement"] == "AAA"
    assert answers["current_process"] == "BBBCCC"
    assert answers["problem_cost"] == "DDD"


async def test_autosave_keeps_keys_the_field_took_before_their_change_arrived(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"AAA")
        await settle(pilot)
        area = app.screen.query_one("#q-summary #input", TextArea)
        area.insert("BBB")  # taken by the widget; its change has not reached the screen
        assert app.session.doc.chapters["essentials"].answers["summary"] == "AAA"
        await app.save(asked=False)  # the autosave
        await settle(pilot)
        assert area.text == "AAABBB"
        assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "AAABBB"


async def test_a_change_loaded_from_disk_leaves_the_field_being_typed_in_alone(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"mine")
        await app.save(asked=False)
        await settle(pilot)
        area = app.screen.query_one("#q-summary #input", TextArea)
        area.insert(" and more")  # in flight when someone else's change is loaded

        def other(d):  # type: ignore[no-untyped-def]
            edits.set_answer(d, specs.resolve("essentials"), "definition_of_done", "theirs")

        storage.update_document(doc_path, specs, "other", other)
        await app._take_in_changes()
        await settle(pilot)
        assert area.text == "mine and more"
        done = app.screen.query_one("#q-definition_of_done #input", TextArea)
        assert done.text == "theirs"
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers["summary"] == "mine and more"
    assert answers["definition_of_done"] == "theirs"


async def test_the_field_being_typed_in_shows_what_someone_else_saved_into_it(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"draft")
        await app.save(asked=False)
        await settle(pilot)

        def other(d):  # type: ignore[no-untyped-def]
            edits.set_answer(d, specs.resolve("essentials"), "summary", "their summary")

        storage.update_document(doc_path, specs, "other", other)
        await app._take_in_changes()
        await settle(pilot)
        area = app.screen.query_one("#q-summary #input", TextArea)
        assert area.text == "their summary"


# ---- Tab still belongs to dialogs, the palette and an open list ---------------------------


async def _tab_stays_in(pilot: Pilot[None], screen_type: type) -> None:  # type: ignore[type-arg]
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, screen_type), screen_type.__name__)
    await settle(pilot)
    seen = []
    for key in ("tab", "tab", "shift+tab"):
        await pilot.press(key)
        await pilot.pause()
        focused = app.focused
        assert isinstance(app.screen, screen_type)
        assert focused is not None and focused.screen is app.screen
        seen.append(focused)
    assert seen[0] is not seen[1] and seen[2] is seen[0]


async def test_tab_moves_inside_the_people_and_step_details_dialogs(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await _tab_stays_in(pilot, PeopleDialog)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f3")
        await _tab_stays_in(pilot, StepDetailsDialog)


async def test_tab_reaches_the_conflict_dialogs_choices(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(
            ConflictDialog([Conflict("chapters.essentials.answers.summary", "a", "b", "c")])
        )
        await _tab_stays_in(pilot, ConflictDialog)


async def test_tab_in_the_command_palette_stays_in_it(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+k")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press("tab", "shift+tab")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.focused is not None and app.focused.screen is app.screen


async def test_tab_in_an_open_list_closes_it_and_moves_on(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#q-decision_owner #input", Select)
        select.focus()
        await pilot.press("enter")
        await until(pilot, lambda: select.expanded, "the list opened")
        _burst(pilot, "tab", *"abc")  # as Textual's own Tab did: the list closes, the
        await settle(pilot)  # cursor and the keys after it go to the next question
        assert not select.expanded
        assert _field_of(app.focused) == "stakeholders"
        assert app.session.doc.chapters["essentials"].answers["stakeholders"] == ["abc"]


async def test_a_change_loaded_while_a_save_runs_keeps_what_was_typed_meanwhile(
    doc_path: Path, specs: Specs
) -> None:
    """The file watch found someone else's change while a save was running: it waits for
    the save, and the author typed on meanwhile. What they typed is merged, not thrown away
    by a reload (which refused, with unsaved changes, and crashed the wizard)."""
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.autosave_delay = None  # only the saves this test makes

        def other(d):  # type: ignore[no-untyped-def]
            edits.set_answer(d, specs.resolve("essentials"), "definition_of_done", "theirs")

        storage.update_document(doc_path, specs, "other", other)
        await app._saving.acquire()  # a save is running
        loading = asyncio.ensure_future(app._take_in_changes())
        await pilot.pause(0.2)
        assert not loading.done()
        await pilot.press(*"typed meanwhile")
        await until(pilot, lambda: app.session.dirty, "the typing reported")
        app._saving.release()
        await loading
        await settle(pilot)
        assert app.session.doc.chapters["essentials"].answers["summary"] == "typed meanwhile"
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers["summary"] == "typed meanwhile"
    assert answers["definition_of_done"] == "theirs"
