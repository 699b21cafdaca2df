"""Where a field filled from the document has its cursor. A one-line answer, and a long one
that fits its box: at the end (Tab back into it and typing continues it, never goes in front
of it or replaces it). A long answer taller than its box: at its first line, the box showing
its start (most end with a newline: the cursor at the end showed an empty last line and hid
the first ones). Just looking changes nothing in the document."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs

from ..conftest import load
from .helpers import SIZE, app_for, settle, until

LONG = "\n".join(f"line {n} of a long summary" for n in range(1, 26))


def _answer(path: Path, specs: Specs, qid: str, value: str, by: str = "tester") -> None:
    def change(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("essentials"), qid, value)

    storage.update_document(path, specs, by, change)


def _shows_start(area: TextArea) -> bool:
    return area.cursor_location == (0, 0) and area.scroll_offset.y == 0


async def test_a_long_answer_opened_from_the_document_shows_its_first_line(
    doc_path: Path, specs: Specs
) -> None:
    _answer(doc_path, specs, "summary", LONG + "\n")  # as TOML's multi-line strings end
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        area = app.screen.query_one("#q-summary #input", TextArea)
        assert app.focused is not area  # the cursor is in the first unanswered question
        await until(pilot, lambda: _shows_start(area), "the summary's first line in view")
        assert area.text == LONG + "\n"
        assert area.wrapped_document.height > area.scrollable_content_region.height


async def test_someone_elses_long_answer_shows_its_first_line(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-team #input").focus()
        await settle(pilot)
        _answer(doc_path, specs, "summary", LONG, by="other")
        area = app.screen.query_one("#q-summary #input", TextArea)
        await until(pilot, lambda: area.text == LONG, "their summary loaded")
        await until(pilot, lambda: _shows_start(area), "its first line in view")


async def test_shift_tab_back_into_an_answer_and_typing_continues_it(
    doc_path: Path, specs: Specs
) -> None:
    _answer(doc_path, specs, "summary", "Routes tickets")
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", *" to teams")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == (
        "Routes tickets to teams"
    )


async def test_tab_into_a_one_line_answer_does_not_select_it_for_replacing(
    doc_path: Path, specs: Specs
) -> None:
    _answer(doc_path, specs, "status_updates", "weekly notes")
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-definition_of_done #input").focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*" in the channel")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].answers["status_updates"] == (
        "weekly notes in the channel"
    )
