"""What a view shows as it opens (QA on issue 10): the feasibility step's first item with
its focused status at 80x24, and every field of the F3 dialog at 120x36."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Button, Select, TextArea

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.editors import StepDetailsDialog
from mldwizard.tui.widgets.checklist import ItemRow
from mldwizard.tui.widgets.step_view import StepView

from .helpers import SIZE, settle, until


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def _within(part: Widget, top: int, bottom: int) -> bool:
    region = part.region
    return bool(region) and top <= region.y and region.bottom <= bottom


async def test_the_checklist_opens_on_its_first_item_in_sight_at_80x24(
    doc_path: Path, specs: Specs
) -> None:
    """`mldwizard chapter doc feasibility` at 80x24 scrolled the first item's question and
    its focused status select above the top edge (measured while the narrow layout's
    widths were not applied yet)."""
    app = make_app(doc_path, specs, "tester", only=specs.resolve("feasibility"))
    async with app.run_test(size=(80, 24)) as pilot:
        row = app.screen.query(ItemRow).first()
        status = row.query_one(".status", Select)
        await until(pilot, lambda: app.screen.focused is status, "the first status focused")
        await settle(pilot)
        await pilot.pause(0.2)  # any scroll still to come is made
        view = app.screen.query_one(StepView)
        under_title = view.query_one("#step-top").region.bottom
        for part in (row.query_one(".prompt"), status):
            assert _within(part, under_title, view.region.bottom), (part, part.region)


async def test_the_step_details_dialog_shows_every_field_at_120x36(
    example: Path, specs: Specs
) -> None:
    """F3 at 120x36: the Links field was cut off above the buttons."""
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "F3 open")
        await settle(pilot)
        dialog = app.screen
        body = dialog.query_one(".dialog-body")
        buttons_top = min(b.region.y for b in dialog.query(Button))
        bottom = min(body.region.bottom, buttons_top)
        for field in dialog.query(TextArea):
            assert _within(field, body.region.y, bottom), (field.id, field.region, bottom)
        assert _within(dialog.query_one("#status"), body.region.y, bottom)
