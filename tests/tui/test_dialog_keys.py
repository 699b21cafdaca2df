"""Keys in the wizard's dialogs (QA report on issue 10, items 2, 5 and 9).

- The dialogs a save opens mid-typing: the first Tab reaches a visible control, and Enter,
  Tab, Escape and the arrows are the dialog's, never replayed into the answer.
- Dialogs with text fields route a burst "text Tab text Tab text Enter" field by field.
- The conflict dialog shows a version plainly when the other side has no answer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Button, Input, RadioSet, Select, Static, TextArea

from mldwizard.core import edits, storage, workshops
from mldwizard.core.errors import Conflict
from mldwizard.core.session import Change
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog, ConflictDialog
from mldwizard.tui.screens.editors import PeopleDialog, StepDetailsDialog
from mldwizard.tui.workshop import CaptureDialog, WorkshopApp

from ..conftest import load
from .helpers import SIZE, app_for, go_to, settle, until
from .test_focus_race import _burst


def _approved(path: Path, specs: Specs) -> None:
    def change(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("essentials"), "summary", "Stored")
        edits.set_status(d, specs.resolve("1"), "approved")

    storage.update_document(path, specs, "ana", change)


# ---- item 2: the first Tab reaches a control; Enter is the dialog's ------------------------


async def test_tab_then_enter_in_the_approval_dialog_presses_its_first_button(
    doc_path: Path, specs: Specs
) -> None:
    _approved(doc_path, specs)
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-summary #input").focus()
        await pilot.press("end", *" more")
        app.run_worker(app.save(asked=False))  # the autosave, after a pause in typing
        await until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog), "the dialog")
        await pilot.press(*" and")  # still typing: kept for the answer
        await pilot.press("tab")
        assert isinstance(app.focused, Button) and app.focused.id == "confirm"
        await pilot.press("x", "enter")  # talking to the dialog now: "x" is not an answer
        await until(pilot, lambda: app.screen is app.wizard_screen, "the dialog closed")
        await pilot.press("ctrl+s")
        await settle(pilot)
    state = load(doc_path, specs).chapters["essentials"]
    assert state.answers["summary"] == "Stored more and"  # no newline, no "x"
    assert state.status == "review"


async def _conflict_dialog(pilot: Pilot[None], doc_path: Path, specs: Specs) -> None:
    """The author types "mine" into a field someone else has just changed on disk."""
    app = pilot.app
    await go_to(pilot, "problem")
    field = app.screen.query_one("#q-problem_statement #input", TextArea)
    field.focus()
    await pilot.press(*"mine")
    await settle(pilot)

    def theirs(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("problem"), "problem_statement", "theirs")

    storage.update_document(doc_path, specs, "bo", theirs)
    app.run_worker(app.save(asked=False))  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
    await pilot.pause()


async def test_the_conflict_dialog_is_resolved_by_keyboard_without_stray_newlines(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_dialog(pilot, doc_path, specs)
        assert app.focused is None
        await pilot.press("tab")  # the choices: a control the author sees
        assert isinstance(app.focused, RadioSet)
        await pilot.press("tab", "enter")  # "Save my choices" (Keep yours)
        await until(pilot, lambda: app.screen is app.wizard_screen, "the dialog closed")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).chapters["problem"].answers["problem_statement"] == "mine"


async def test_keys_of_the_dialog_are_never_replayed_but_typing_is(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_dialog(pilot, doc_path, specs)
        # Still typing when it popped up (Enter included), then Escape: decide later.
        await pilot.press(*" too", "enter", "escape")
        await until(pilot, lambda: app.screen is app.wizard_screen, "the dialog closed")
        field = app.screen.query_one("#q-problem_statement #input", TextArea)
        await until(pilot, lambda: field.text == "mine too", f"typing replayed: {field.text!r}")
        # An arrow key means the author is using the dialog: what follows is not an answer.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "asked again")
        await pilot.pause()
        await pilot.press("down", *"zz", "escape")
        await until(pilot, lambda: app.screen is app.wizard_screen, "the dialog closed")
        await settle(pilot)
        await pilot.pause(0.3)  # a replay would come within 50 ms of the dialog closing
        assert field.text == "mine too"


async def test_the_first_tab_reaches_the_same_button_after_a_long_or_a_short_diff(
    doc_path: Path, specs: Specs
) -> None:
    """The changes' body is no focus stop, however long (QA10a #11: a long one took the first
    Tab, so Tab Tab Enter saved after a long diff and discarded after a short one); it
    scrolls from the buttons."""
    long = [Change(f"q{i}", f"Question {i}", "before " * 30, "after " * 30) for i in range(12)]
    app = app_for(doc_path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for changes in (long, long[:1]):
            app.push_screen(ConfirmChangesDialog("1. Essentials", changes))
            await until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog), "the dialog")
            await pilot.pause()
            await pilot.press("tab")
            assert isinstance(app.focused, Button) and app.focused.id == "confirm", app.focused
            await pilot.press("escape")
            await settle(pilot)


# ---- item 9: no word diff against "(no answer)" ---------------------------------------------


def _styles(text: Text) -> set[str]:
    return {str(span.style) for span in text.spans}


async def test_a_version_with_nothing_to_compare_with_is_shown_plainly(
    doc_path: Path, specs: Specs
) -> None:
    conflict = Conflict("chapters.problem.answers.problem_statement", None, "typed one", "set")
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ConflictDialog([conflict]))
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        await pilot.pause()
        mine, theirs = [s.content for s in app.screen.query(".version").results(Static)]
        assert isinstance(mine, Text) and isinstance(theirs, Text)
        assert (mine.plain, theirs.plain) == ("typed one", "set")
        assert not any("strike" in style for style in _styles(mine) | _styles(theirs))
        app.pop_screen()
        await pilot.pause()
        cleared = Change("summary", "Summary", "Stored text", None)
        app.push_screen(ConfirmChangesDialog("1. Essentials", [cleared]))
        await until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog), "the dialog")
        await pilot.pause()
        shown = [str(s.render()) for s in app.screen.query(".dialog-body Static").results()]
        assert shown == ["Summary", "(no answer)"]


# ---- item 5: a burst of text and Tab in dialogs with text fields ------------------------------


async def test_a_burst_in_the_people_dialog_fills_each_field(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, PeopleDialog), "the dialog")
        await until(pilot, lambda: app.focused is app.screen.query_one("#handle"), "the cursor")
        _burst(pilot, *"ann", "tab", *"Ann", "tab", *"Designer", "enter")
        await until(pilot, lambda: app.session.doc.person("ann") is not None, "ann added")
        person = app.session.doc.person("ann")
        assert person is not None and (person.name, person.role) == ("Ann", "Designer")


async def test_an_open_list_in_the_step_details_dialog_closes_on_tab(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "the dialog")
        select = app.screen.query_one("#status", Select)
        assert select.value == "empty"
        select.focus()
        await pilot.press("enter")
        await until(pilot, lambda: select.expanded, "the list opened")
        _burst(pilot, "tab", *"src")
        paths = app.screen.query_one("#code-paths", TextArea)
        await until(pilot, lambda: paths.text == "src", f"typed into code paths: {paths.text!r}")
        assert not select.expanded
        assert isinstance(app.screen, StepDetailsDialog)
        await pilot.press("shift+tab", "enter", "down", "enter")  # the list still works
        await until(pilot, lambda: select.value == "draft", f"picked: {select.value!r}")
        assert isinstance(app.screen, StepDetailsDialog)


async def test_a_burst_in_the_workshops_capture_dialog_fills_each_field(
    doc_path: Path, specs: Specs
) -> None:
    held: list[str] = []

    def start(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana", "ML engineer")
        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps("1-2", specs), 10, "ana"
        )
        held.append(w.id)

    storage.update_document(doc_path, specs, "ana", start)
    app = WorkshopApp(doc_path, specs, "ana", held[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the dialog")
        text = app.screen.query_one("#text", Input)
        await until(pilot, lambda: app.focused is text, "the cursor")
        _burst(pilot, *"Ask legal", "tab", "tab", *"2026-12-31")
        due = app.screen.query_one("#due", Input)
        await until(pilot, lambda: due.value == "2026-12-31", f"due: {due.value!r}")
        assert text.value == "Ask legal"
