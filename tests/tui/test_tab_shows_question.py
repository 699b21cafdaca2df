"""Tab at 80x24 brings the whole question into sight, not only its input.

A tester tabbed through chapter 13 of the bundled example at 80x24: for 13 of 17 questions
the prompt (and what it builds on, and the start of its checklist) was scrolled off the top
when the cursor reached the field (Textual scrolls only the focused widget into view).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import TextArea

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.later_line import LaterLine
from mldwizard.tui.widgets.step_view import StepView

from .helpers import app_for, settle, until

SMALL = (80, 24)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def _in_sight(view: StepView, widget: Widget) -> bool:
    """Whether ``widget`` is drawn whole in the part of the view under the step's title."""
    shown = view.scrollable_content_region
    top = view.query_one("#step-top").region.bottom
    region = widget.region
    return region.height > 0 and region.y >= top and region.bottom <= shown.bottom


def _cursor_in_sight(view: StepView, widget: Widget) -> bool:
    if not isinstance(widget, TextArea):
        return _in_sight(view, widget)
    y = widget.cursor_screen_offset.y
    return view.query_one("#step-top").region.bottom <= y < view.scrollable_content_region.bottom


def _field_of(widget: Widget | None) -> QuestionField | None:
    if widget is None:
        return None
    return next((a for a in widget.ancestors if isinstance(a, QuestionField)), None)


@pytest.mark.parametrize("slug", ["integration", "error-analysis"])
async def test_every_question_reached_by_tab_shows_its_prompt(
    example: Path, specs: Specs, slug: str
) -> None:
    app = app_for(example, specs, only=slug)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every question mounted")
        first = next(f for f in view.fields if f.display)
        first.focus_input()
        seen: list[str] = []
        for _ in range(80):
            if isinstance(app.focused, LaterLine):  # a question for a later stage: one line
                line = app.focused
                await until(pilot, lambda: _in_sight(view, line), "the later line", timeout=10)  # noqa: B023
                await pilot.press("tab")
                await pilot.pause()
                continue
            field = _field_of(app.focused)
            if field is None or field.question.id in seen:
                break
            seen.append(field.question.id)
            prompt = field.query_one(".prompt")
            focused = app.focused
            assert focused is not None
            await until(
                pilot,
                lambda: _in_sight(view, prompt) and _cursor_in_sight(view, focused),  # noqa: B023
                f"{field.question.id}: its prompt and the cursor in sight",
                timeout=10,
            )
            if field.outer_size.height <= view.scrollable_content_region.height - 3:
                # It fits: all of it (what it builds on, prompt, checklist, input).
                for part in field.query(".builds-on, .asks, #input"):
                    assert _in_sight(view, part), (field.question.id, part)
            await pilot.press("tab")
            await pilot.pause()
        shown = [f.question.id for f in view.fields if f.display]
        assert seen == shown, (seen, shown)  # every question shown, the chapter notes too
