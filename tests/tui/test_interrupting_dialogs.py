"""Dialogs a save opens while the author types: typing is kept, Escape means 'later'."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from mldwizard.core import edits, storage
from mldwizard.core.errors import Conflict
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog, ConflictDialog

from ..conftest import load
from .helpers import SIZE, app_for, settle


async def _until(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    """Pause until ``condition()`` (a save waiting in a dialog never 'settles')."""
    for _ in range(50):
        await pilot.pause(0.05)
        if condition():
            return
    raise AssertionError("condition not reached")


def _approved(path: Path, specs: Specs) -> None:
    def change(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("essentials"), "summary", "Stored")
        edits.set_status(d, specs.resolve("1"), "approved")

    storage.update_document(path, specs, "ana", change)


async def test_typing_into_an_approval_dialog_lands_in_the_field(
    doc_path: Path, specs: Specs
) -> None:
    _approved(doc_path, specs)
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-summary #input").focus()
        await pilot.press("end", *" more")
        app.run_worker(app.save(asked=False))  # the autosave, after a pause in typing
        await _until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog))
        await pilot.press(*" and more", "space")  # still typing: no button is pressed
        assert isinstance(app.screen, ConfirmChangesDialog)
        await pilot.click("#confirm")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    state = load(doc_path, specs).chapters["essentials"]
    assert state.answers["summary"] == "Stored more and more "
    assert state.status == "review"


async def test_escape_puts_the_decision_off_and_autosave_does_not_ask_again(
    doc_path: Path, specs: Specs
) -> None:
    _approved(doc_path, specs)
    before = doc_path.read_bytes()
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-summary #input").focus()
        await pilot.press("end", *" edited")
        await settle(pilot)  # the edit has reached the document (a loaded machine lags)
        app.run_worker(app.save(asked=False))
        await _until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmChangesDialog)
        assert "approved" in app.save_state and "Ctrl+S" in app.save_state
        assert app.session.doc.chapters["essentials"].answers["summary"] == "Stored edited"
        app.run_worker(app.save(asked=False))  # another autosave: no dialog this time
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmChangesDialog)
        assert doc_path.read_bytes() == before
        await pilot.press("ctrl+s")  # asked for: the decision comes back
        await _until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog))
        await pilot.click("#confirm")
        await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Stored edited"


async def test_the_conflict_dialog_shows_both_versions_in_full(
    doc_path: Path, specs: Specs
) -> None:
    shared = "Long shared paragraph about the project. " * 6
    conflict = Conflict(
        "chapters.essentials.answers.summary",
        shared,
        shared + "MINE AT THE END",
        shared + "TAIL CHANGED BY OTHER",
    )
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ConflictDialog([conflict]))
        await _until(pilot, lambda: isinstance(app.screen, ConflictDialog))
        versions = [str(s.render()) for s in app.screen.query(".version").results(Static)]
        assert len(versions) == 2
        assert versions[0].endswith("MINE AT THE END")
        assert versions[1].endswith("TAIL CHANGED BY OTHER")


async def test_the_first_tab_reaches_save_however_long_the_diff(
    doc_path: Path, specs: Specs
) -> None:
    """QA10a #11: with a diff longer than the dialog (80x24), the first Tab went to the
    diff and only the second to "Save and send back to review", so Tab Tab Enter saved
    there and discarded after a short diff. The diff scrolls from the buttons."""
    long = " ".join(f"Sentence {n} of the stored summary, long enough to wrap." for n in range(30))

    def change(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("essentials"), "summary", long)
        edits.set_status(d, specs.resolve("1"), "approved")

    storage.update_document(doc_path, specs, "ana", change)
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-summary #input").focus()
        await pilot.press("end", *" more")
        await settle(pilot)
        app.run_worker(app.save(asked=False))
        await _until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog))
        body = app.screen.query_one(".dialog-body")
        await _until(pilot, lambda: body.max_scroll_y > 0)  # longer than the dialog
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "confirm", app.focused
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("tab", "enter")  # Tab Tab Enter: discard, as after a short diff
        await settle(pilot)
    state = load(doc_path, specs).chapters["essentials"]
    assert state.answers["summary"] == long
    assert state.status == "approved"
