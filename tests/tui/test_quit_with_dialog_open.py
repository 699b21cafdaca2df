"""Ctrl+Q ("save and quit") with F3 or F4 open: what is typed there and not yet applied is
saved with the rest, as Apply or Add would; what cannot be applied stops the quit, with
the problem shown (it once said "saved" and dropped it)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.editors import PeopleDialog, StepDetailsDialog

from ..conftest import load
from .helpers import SIZE, app_for, settle, until


async def test_chapter_details_typed_in_f3_are_saved_by_ctrl_q(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "the F3 dialog")
        app.screen.query_one("#code-paths", TextArea).focus()
        await pilot.pause()
        await pilot.press(*"src/router/**")
        await until(
            pilot,
            lambda: app.screen.query_one("#code-paths", TextArea).text == "src/router/**",
            "the code path typed",
        )
        await pilot.press("ctrl+q")
        await settle(pilot)
    state = load(doc_path, specs).step("essentials")
    assert state.code_paths == ["src/router/**"]


async def test_a_person_that_cannot_be_added_stops_ctrl_q_and_says_why(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, PeopleDialog), "the F4 dialog")
        await pilot.press(*"Zoe Quinn!")  # a name typed into the handle field
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, PeopleDialog)
        assert app.screen.query_one("#handle", Input).value == "Zoe Quinn!"  # kept
        problem = str(app.screen.query_one(".problem", Static).render())
        assert "handle" in problem.lower()
        # Corrected, Ctrl+Q saves and quits.
        app.screen.query_one("#handle", Input).value = "zoe"
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert "zoe" in [p.handle for p in load(doc_path, specs).people]


async def test_ctrl_q_with_an_untouched_dialog_open_quits_without_changes(
    doc_path: Path, specs: Specs
) -> None:
    before = doc_path.read_bytes()
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "the F3 dialog")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert doc_path.read_bytes() == before
