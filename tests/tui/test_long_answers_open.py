"""Long answers open at their first line, and just looking changes nothing (80x24).

128 of 146 long answers in the bundled example end with a newline (TOML's multi-line
strings): the box opened with the cursor on the empty last line, so a short box hid the
first lines. They now open at the first line; the stored text, the step's revision, its
``updated`` and the changelog stay as they were after Tab through every question and quit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import TextArea

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.core.storage import markdown_path
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import app_for, settle, until

SMALL = (80, 24)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def _first_line_in_view(area: TextArea) -> bool:
    return area.cursor_location == (0, 0) and area.scroll_offset.y == 0


def _all_in_view(area: TextArea) -> bool:
    return area.wrapped_document.height <= area.scrollable_content_region.height


@pytest.mark.parametrize("slug", ["integration", "error-analysis"])
async def test_visiting_long_answers_shows_their_start_and_changes_nothing(
    example: Path, specs: Specs, slug: str
) -> None:
    before = load(example, specs)
    text_before = example.read_text(encoding="utf-8")
    markdown_before = (
        markdown_path(example).read_bytes() if markdown_path(example).exists() else None
    )
    app = app_for(example, specs, only=slug)
    tall = 0
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every question mounted")
        answers = before.step(slug).answers
        seen: set[str] = set()
        for _ in range(80):
            await pilot.press("tab")
            await pilot.pause()
            area = app.focused
            if not isinstance(area, TextArea):
                continue
            field = next(a for a in area.ancestors if isinstance(a, QuestionField))
            if field.question.id in seen:
                break
            seen.add(field.question.id)
            stored = answers.get(field.question.id)
            if not isinstance(stored, str) or not stored.endswith("\n"):
                continue
            assert area.text == stored  # the box holds the stored text, newline included
            await until(
                pilot,
                lambda: _first_line_in_view(area) or _all_in_view(area),  # noqa: B023
                f"{field.question.id}: its first line in view",
                timeout=10,
            )
            if not _all_in_view(area):
                tall += 1
                assert _first_line_in_view(area), field.question.id
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert tall > 0  # the case the tester met: answers taller than their box
    after = load(example, specs)
    assert after.step(slug).revision == before.step(slug).revision
    assert after.step(slug).updated == before.step(slug).updated
    assert after.step(slug).answers == before.step(slug).answers
    assert example.read_text(encoding="utf-8") == text_before  # the changelog too
    if markdown_before is not None:
        assert markdown_path(example).read_bytes() == markdown_before
