"""The help panel and the earlier answer, by keyboard, at 80x24 (a tester's findings).

- The answer a question builds on is first in the help panel (it was below the help and the
  example, 44 lines down for ``integration.ci_checks``, in a panel that takes no keys), and
  F1 (in the footer) opens it whole in a dialog that scrolls by keys.
- Tab onto a "later" line: it is as plainly focused as any focused row (not a dim line on a
  barely different background), and the help panel shows that question's help.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from mldwizard.core.examples import example_path
from mldwizard.core.question_notes import builds_on
from mldwizard.core.shown import shown_questions
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.dialogs import DialogBody
from mldwizard.tui.screens.earlier_dialog import EarlierAnswerDialog
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.later_line import LaterLine
from mldwizard.tui.widgets.side_panel import SidePanel
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import app_for, settle, until
from .test_question_notes import drawn, squeeze

SMALL = (80, 24)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def _panel_text(app: object) -> str:
    """The help panel's whole text, scrolled into view or not."""
    panel = app.screen.query_one(SidePanel)  # type: ignore[attr-defined]
    content = panel.query_one("#side-text", Static).content
    console = Console(width=34, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def _longest_earlier(path: Path, specs: Specs) -> tuple[str, str]:
    """The step and question of the example whose earlier answer is the longest (the
    tester's ``integration.ci_checks`` built on one 44 lines down the help panel)."""
    doc = load(path, specs)
    found = [
        (len(earlier.text), step.slug, q.id)
        for step in specs.chapters
        for q in shown_questions(doc, step)  # asked at the document's stage
        if (earlier := builds_on(doc, specs, q)) is not None and earlier.answered
    ]
    _, slug, qid = max(found)
    return slug, qid


async def test_the_earlier_answer_is_first_in_the_panel_and_f1_opens_it_whole(
    example: Path, specs: Specs
) -> None:
    slug, qid = _longest_earlier(example, specs)
    app = app_for(example, specs, only=slug)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every question mounted")
        field = view.query_one(f"#q-{qid}", QuestionField)
        earlier = field.earlier
        assert earlier is not None and earlier.answered
        assert earlier.excerpt()[1]  # long: the field shows the start of it
        field.focus_input()
        await until(pilot, lambda: "Builds on" in _panel_text(app), "its help in the panel")
        await pilot.pause()
        panel = app.screen.query_one(SidePanel)
        # First in the panel, so it is in sight without scrolling the panel.
        assert drawn(app, panel).startswith(squeeze(earlier.heading)), drawn(app, panel)
        text = _panel_text(app)
        assert text.index("Builds on") < text.index("Why it matters")
        # The field says where the rest is: F1, which the footer shows.
        note = drawn(app, field.query_one(".builds-on")).replace(" ▌", "")  # its left bar
        assert note.endswith("(F1: whole answer)"), note
        binding = app.screen.active_bindings.get("f1")
        assert binding is not None and binding.enabled and binding.binding.show
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, EarlierAnswerDialog), "the dialog")
        await settle(pilot)
        dialog = app.screen
        body = dialog.query_one(DialogBody)
        shown = str(dialog.query_one("#earlier-text", Static).render())
        assert shown == earlier.text  # whole, as written
        assert body.max_scroll_y > 0  # longer than the dialog at 80x24: the keys scroll it
        if body.max_scroll_y > 0:
            await until(pilot, lambda: app.focused is body, "the cursor on the text")
            await pilot.press("end")
            await until(pilot, lambda: body.scroll_y == body.max_scroll_y, "scrolled to its end")
            await pilot.press("home")
            await until(pilot, lambda: body.scroll_y == 0, "back to its start")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, EarlierAnswerDialog), "closed")
        await until(pilot, lambda: app.focused is field.input_widget(), "the cursor back")


async def test_f1_is_not_offered_for_a_question_without_an_earlier_answer(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.focused is not None, "the cursor in a field")
        field = next(a for a in app.focused.ancestors if isinstance(a, QuestionField))  # type: ignore[union-attr]
        assert field.earlier is None
        binding = app.screen.active_bindings.get("f1")
        assert binding is None or not binding.enabled
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, EarlierAnswerDialog)


def _dim(line: LaterLine) -> bool:
    """Whether any of the line's text is drawn dim (by its own style, whatever the CSS)."""
    return "dim" in repr(line.render())


async def test_a_focused_later_line_stands_out_and_the_panel_shows_its_help(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, only="error-analysis")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every question mounted")
        curves = view.query_one("#later-learning_curves", LaterLine)
        residual = view.query_one("#later-residual_analysis", LaterLine)
        view.query_one("#q-analysis_routine #input").focus()
        await pilot.pause()
        await pilot.press("tab")
        await until(pilot, lambda: app.focused is curves, "the cursor on the later line")
        await pilot.pause()
        focused, other = curves.rich_style, residual.rich_style
        # Not a dim line on a barely different background: the cursor's own colours.
        assert not _dim(curves)
        assert focused.bgcolor is not None and other.bgcolor is not None
        assert focused.bgcolor != other.bgcolor and focused.color != other.color
        theme = app.theme_variables
        assert focused.bgcolor.name.lower() == theme["block-cursor-background"].lower()
        # The help panel shows this question's help while its line has the cursor.
        question = curves.question
        text = squeeze(_panel_text(app))
        assert squeeze(question.help)[:60] in text
        assert "Builds on" in text  # learning curves build on the analysis plan
        await pilot.press("tab")
        await until(pilot, lambda: app.focused is residual, "the next later line")
        await until(
            pilot,
            lambda: squeeze(residual.question.help)[:60] in squeeze(_panel_text(app)),
            "the next question's help",
        )
