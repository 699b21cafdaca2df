"""A list answer whose items hold several lines (a nested list, a code block) stays whole
when an author edits the list in the wizard: the box shows them as Markdown bullets and
reads them back as the same items."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from mldwizard.core import edits, storage
from mldwizard.core.list_text import BULLET_HINT
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import SIZE, app_for, settle, until

LEGAL = "Legal team:\n- must sign off\n  - in writing"
DATA = "Data team, who run:\n```python\n# nightly job\nrun()\n```"


def _focused_question(app: object) -> str | None:
    focused = app.focused  # type: ignore[attr-defined]
    if focused is None:
        return None
    field = next((a for a in focused.ancestors if isinstance(a, QuestionField)), None)
    return field.question.id if field else None


async def test_typing_into_a_list_of_multi_line_items_keeps_them(
    doc_path: Path, specs: Specs
) -> None:
    essentials = specs.resolve("essentials")
    storage.update_document(
        doc_path,
        specs,
        "tester",
        lambda d: edits.set_answer(d, essentials, "stakeholders", [LEGAL, DATA]),
    )
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "the fields")
        for _ in range(40):  # Tab to Stakeholders, as the author does
            if _focused_question(app) == "stakeholders":
                break
            await pilot.press("tab")
            await pilot.pause()
        assert _focused_question(app) == "stakeholders"
        area = app.focused
        assert isinstance(area, TextArea)
        hint = area.border_subtitle
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running, "the wizard closed", timeout=60)
    answers = load(doc_path, specs).step("essentials").answers
    assert answers["stakeholders"] == [LEGAL, DATA + "x"]
    assert hint == BULLET_HINT  # the box says how to write such an item
