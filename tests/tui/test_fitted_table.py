"""Tables fit the terminal: at 80 columns nothing is cut off at the right edge (F5, F9, F4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.editors import PeopleDialog
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.screens.status import StatusScreen
from mldwizard.tui.widgets.fitted_table import Column, FittedTable, cut, fit

from ..conftest import load
from .helpers import settle

COLUMNS = [
    Column("#", priority=3),
    Column("Title", flex=True, min_width=8),
    Column("Status", priority=2),
    Column("When", priority=1),
]
ROWS = [["1", "A rather long title for a step", "approved", "2026-11-30"]]


def test_everything_fits_when_there_is_room() -> None:
    layout = fit(COLUMNS, ROWS, 100, padding=1)
    assert layout.kept == (0, 1, 2, 3)
    assert layout.widths == (1, 30, 8, 10)


def test_the_flexible_column_is_cut_first() -> None:
    # 1 + 8 + 10 fixed, 2 cells of padding for each of the 4 columns: 27; 20 left.
    layout = fit(COLUMNS, ROWS, 47, padding=1)
    assert layout.kept == (0, 1, 2, 3)
    assert layout.widths == (1, 20, 8, 10)


def test_then_the_least_important_columns_are_left_out() -> None:
    layout = fit(COLUMNS, ROWS, 30, padding=1)
    assert layout.kept == (0, 1, 2)  # "When" went first
    assert layout.widths[1] == 30 - (1 + 8 + 6)  # the title takes the rest
    layout = fit(COLUMNS, ROWS, 20, padding=1)
    assert layout.kept == (0, 1)
    assert sum(layout.widths) + 2 * len(layout.kept) <= 20


def test_cut_adds_an_ellipsis_and_keeps_styles() -> None:
    assert cut("short", 10) == "short"
    cell = cut(Text("a long title", style="bold"), 6)
    assert isinstance(cell, Text)
    assert cell.plain == "a lon…" and cell.style == "bold"


def _fits(table: FittedTable) -> bool:
    return table.virtual_size.width <= table.scrollable_content_region.width


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


@pytest.mark.parametrize("width", [80, 60])
async def test_status_and_overview_fit_a_narrow_terminal(
    example: Path, specs: Specs, width: int
) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        steps = app.screen.query_one("#st-steps", FittedTable)
        assert steps.row_count == len(specs.steps)
        assert {"Step", "Status", "Freshness"} <= set(steps.shown_labels)
        assert _fits(steps) and _fits(app.screen.query_one("#st-people", FittedTable))
        await pilot.press("escape", "f9")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        table = app.screen.query_one(FittedTable)
        assert {"Step", "Required left"} <= set(table.shown_labels)
        assert _fits(table)


async def test_a_wide_terminal_shows_every_column_uncut(example: Path, specs: Specs) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        table = app.screen.query_one(FittedTable)
        assert table.shown_labels == [c.label for c in table.fitted_columns]
        titles = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert titles == [step.label for step in specs.steps]
        await pilot.resize_terminal(80, 24)  # and it fits again after a resize
        await settle(pilot)
        assert _fits(table)
        assert any(str(table.get_row_at(i)[1]).endswith("…") for i in range(table.row_count))


async def test_a_taken_handle_edits_that_person_in_plain_sight(example: Path, specs: Specs) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PeopleDialog)
        assert _fits(dialog.query_one(FittedTable))
        save = dialog.query_one("#save")
        assert str(save.label) == "Add"  # type: ignore[attr-defined]
        await pilot.press(*"jonas")
        await pilot.pause()
        name, role = dialog.query_one("#name", Input), dialog.query_one("#role", Input)
        assert (name.value, role.value) == ("Jonas Brandt", "ML engineer")
        assert str(save.label) == "Update"  # type: ignore[attr-defined]
        await pilot.press("2")  # a new handle: Jonas's details are not offered for it
        await pilot.pause()
        assert (name.value, role.value, str(save.label)) == ("", "", "Add")  # type: ignore[attr-defined]
        await pilot.press("backspace")
        await pilot.pause()
        role.value = "ML lead"
        await pilot.press("enter")
        await pilot.pause()
        assert "Updated jonas." in str(dialog.query_one("#people-note").render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    jonas = load(example, specs).person("jonas")
    assert jonas is not None and (jonas.name, jonas.role) == ("Jonas Brandt", "ML lead")


async def test_details_typed_before_the_handle_are_kept(example: Path, specs: Specs) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#name", Input).value = "Someone Else"
        dialog.query_one("#handle", Input).value = "jonas"
        await pilot.pause()
        # Not overwritten with Jonas's details: the user sees Update next to what they typed.
        assert dialog.query_one("#name", Input).value == "Someone Else"
        assert str(dialog.query_one("#save").label) == "Update"  # type: ignore[attr-defined]
