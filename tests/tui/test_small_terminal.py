"""At 80x24 nothing the author needs is out of reach: dialog buttons, the cursor in a
growing answer, the footer's keys, the verdicts, the checklist's fields (issue: readable at
80x24, usable by keyboard alone)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, TextArea
from textual.widgets._footer import FooterKey

from mldwizard.core.errors import Conflict
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog, ConflictDialog
from mldwizard.tui.screens.editors import PeopleDialog, StepDetailsDialog
from mldwizard.tui.screens.outcomes import NoGoScreen
from mldwizard.tui.widgets.checklist import ItemRow
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.gate_panel import GatePanel
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import app_for, go_to, settle
from .test_interrupting_dialogs import _approved, _until

SMALL = (80, 24)
SCREEN = Region(0, 0, *SMALL)


def _on_screen(widget: Widget) -> bool:
    region = widget.region
    return bool(region) and SCREEN.contains_region(region)


def _buttons_in_sight(screen: Widget) -> None:
    buttons = list(screen.query(Button))
    assert buttons
    for button in buttons:
        assert _on_screen(button), f"{button.label} is off the screen: {button.region}"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


async def test_dialogs_keep_their_buttons_in_sight(example: Path, specs: Specs) -> None:
    long = "A long paragraph about what the system does and for whom. " * 12
    conflicts = [
        Conflict(f"chapters.essentials.answers.{q}", long, long + " MINE", long + " THEIRS")
        for q in ("summary", "stakeholders", "milestones")
    ]
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for make in (
            lambda: ConflictDialog(conflicts),
            lambda: PeopleDialog(app.session),
            lambda: StepDetailsDialog(app.session, app.wizard_screen.step),
        ):
            dialog = make()
            app.push_screen(dialog)
            await _until(pilot, lambda d=dialog: app.screen is d)  # type: ignore[misc]
            await settle(pilot)
            _buttons_in_sight(dialog)
            await pilot.press("escape")
            await settle(pilot)


async def test_the_approval_dialog_keeps_its_buttons_in_sight(doc_path: Path, specs: Specs) -> None:
    _approved(doc_path, specs)
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        area = app.screen.query_one("#q-summary #input", TextArea)
        area.insert(" A much longer answer than before." * 20, (0, 6))
        await settle(pilot)
        app.run_worker(app.save(asked=False))
        await _until(pilot, lambda: isinstance(app.screen, ConfirmChangesDialog))
        await pilot.pause()
        _buttons_in_sight(app.screen)
        await pilot.press("escape")  # decide later: the save waiting on the dialog ends
        await settle(pilot)


async def test_the_no_go_screen_neither_quits_on_enter_nor_drops_typing(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        row.query_one(".note").focus()  # the author fills in this item
        await pilot.pause()
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        await settle(pilot)
        row.query_one(".fatal").value = True  # type: ignore[attr-defined]
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)  # not while the item is filled in
        # Leaving the item (to the next one's note) opens it, while the author types on.
        note = app.screen.query_one("#item-data_quality_known .note")
        note.focus()
        await _until(pilot, lambda: isinstance(app.screen, NoGoScreen))
        await pilot.pause()  # laid out
        assert app.screen.focused is None  # no button is pressed by a stray Enter
        _buttons_in_sight(app.screen)
        await pilot.press("enter", *"Legal says no")
        assert isinstance(app.screen, NoGoScreen)
        await pilot.press("escape")  # continue
        await settle(pilot)
        assert app.is_running
        assert note.value == "Legal says no"  # type: ignore[attr-defined]
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).feasibility.items["data_quality_known"].note == "Legal says no"


async def test_a_growing_answer_keeps_the_cursor_in_sight(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        area = app.focused
        assert isinstance(area, TextArea)
        for number in range(12):
            await pilot.press(*f"Line {number}", "enter")
        await settle(pilot)
        view = app.screen.query_one(StepView)
        cursor_y = area.region.y + area.cursor_location[0] - round(area.scroll_y)
        assert view.region.y <= cursor_y < view.region.bottom


async def test_every_footer_key_fits_at_80_columns(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        keys = sorted(app.screen.query(FooterKey), key=lambda k: k.region.x)
        shown = {key.key for key in keys if key.region.right <= SMALL[0]}
        assert {"ctrl+q", "ctrl+n", "ctrl+p", "f2", "f3", "f4", "f5", "f9"} <= shown
        for left, right in itertools.pairwise(keys):  # none drawn over another
            assert left.region.right <= right.region.x, (left.key, right.key)
        await pilot.resize_terminal(120, 36)  # wide: the palette's key is back
        await settle(pilot)
        assert any(k.key == "ctrl+k" for k in app.screen.query(FooterKey))


async def test_a_step_opens_with_its_verdict_and_the_whole_prompt_in_sight(
    example: Path, specs: Specs
) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=SMALL) as pilot:
        for slug, words in (("gate", "Verdict:"), ("feasibility", "Feasibility:")):
            await go_to(pilot, slug)
            await settle(pilot)
            verdict = app.screen.query_one("#step-verdict")
            assert words in str(verdict.render()) and _on_screen(verdict)
        await go_to(pilot, "error-analysis")  # its first question is far down the step
        await settle(pilot)
        view = app.screen.query_one(StepView)
        assert view.scroll_y > 0
        field = next(a for a in app.focused.ancestors if isinstance(a, QuestionField))  # type: ignore[union-attr]
        prompt = field.query_one(".prompt")
        below_title = view.query_one("#step-top").region.bottom
        assert prompt.region.y >= below_title  # not hidden under the title, nor cut
        assert prompt.region.bottom <= view.region.bottom


async def test_checklist_items_wrap_and_notes_get_a_whole_row(example: Path, specs: Specs) -> None:
    app = make_app(example, specs, "tester", still=True)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query(ItemRow).first()
        prompt, note = row.query_one(".prompt"), row.query_one(".note")
        assert prompt.region.height >= 2  # the long item text wraps rather than being cut
        assert note.region.width >= row.region.width - 2


async def test_an_override_without_a_reason_says_so_under_the_reason(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        panel.query_one("#override").value = "complex-model"  # type: ignore[attr-defined]
        await settle(pilot)
        assert "needs a written reason" in str(panel.query_one(".problem").render())
        panel.query_one("#override-reason").value = "Vendor data"  # type: ignore[attr-defined]
        await settle(pilot)
        assert str(panel.query_one(".problem").render()) == ""
