"""A question's checklist (``asks``) and the earlier answer it builds on (``builds_on``), as
the wizard draws them: what a person sees on the screen, read back from the drawn screen,
at 80x24 as well as wider. Two small extra chapters (tests/notes_specs.py) keep this
independent of the built-in chapters' wording."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.widget import Widget

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs, load_specs
from mldwizard.tui.screens.capture import CaptureDialog
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.side_panel import SidePanel
from mldwizard.tui.widgets.step_view import StepView
from mldwizard.tui.workshop import WorkshopApp

from ..notes_specs import (
    BASICS,
    DRILL_ASKS,
    DRILLS,
    LONG_PLAN,
    OWNER_ASKS,
    PLAN_PROMPT,
    write_notes_specs,
)
from .helpers import answer, app_for, settle, until


def squeeze(text: str) -> str:
    return " ".join(text.split())


def screen_lines(app: App[None]) -> list[str]:
    """The screen as drawn, row by row (as `export_screenshot` draws it, as text)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


def drawn(app: App[None], widget: Widget) -> str:
    """What is drawn on the screen inside ``widget`` (its border and padding left out), its
    rows joined (words squeezed)."""
    region = widget.content_region.intersection(app.screen.region)
    lines = screen_lines(app)[region.y : region.bottom]
    return squeeze(" ".join(line[region.x : region.right] for line in lines))


@pytest.fixture
def notes_specs(tmp_path: Path) -> Specs:
    return load_specs(extra_dirs=[write_notes_specs(tmp_path / "extra")])


@pytest.fixture
def notes_doc(make_doc, notes_specs: Specs) -> Path:  # type: ignore[no-untyped-def]
    path: Path = make_doc()
    return path


def _answer_plan(path: Path, specs: Specs, text: str) -> None:
    storage.update_document(
        path, specs, "tester", lambda d: edits.set_answer(d, specs.get(BASICS), "plan", text)
    )


async def _drill_view(pilot, app) -> StepView:  # type: ignore[no-untyped-def]
    await settle(pilot)
    view = app.screen.query_one(StepView)
    await until(pilot, lambda: view.fields_to_come == 0, "the step's questions")
    await pilot.pause()
    return view


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_earlier_answer_and_the_checklist_are_drawn_whole(
    notes_doc: Path, notes_specs: Specs, size: tuple[int, int]
) -> None:
    _answer_plan(notes_doc, notes_specs, LONG_PLAN)
    app = app_for(notes_doc, notes_specs, only=DRILLS)
    async with app.run_test(size=size) as pilot:
        view = await _drill_view(pilot, app)
        field = view.query_one("#q-drill", QuestionField)
        note = field.query_one(".builds-on")
        asks = field.query_one(".asks")
        prompt = field.query_one(".prompt")
        # Above the prompt: which question it builds on, and the start of that answer,
        # shortened, saying where the rest is.
        assert note.region.bottom <= prompt.region.y
        assert drawn(app, note.query_one(".builds-on-head")) == (
            "Builds on Fallback basics › Fallback plan:"
        )
        shown = drawn(app, note.query_one(".builds-on-answer"))
        first_lines = LONG_PLAN.splitlines()[:2]
        assert shown.startswith(squeeze(" ".join(first_lines)))
        assert squeeze(LONG_PLAN.splitlines()[-1]) not in shown
        assert shown.endswith("(F1: whole answer)")
        # Under the prompt: the whole checklist, wrapped inside the step, nothing cut.
        assert prompt.region.bottom <= asks.region.y
        assert drawn(app, asks) == "Cover: " + "; ".join(DRILL_ASKS)
        assert asks.region.right <= view.region.right
        if size[0] == 80:
            assert asks.region.height > 1  # wrapped, not run off the edge


async def test_the_help_panel_lists_the_checklist_and_shows_the_earlier_answer_whole(
    notes_doc: Path, notes_specs: Specs
) -> None:
    _answer_plan(notes_doc, notes_specs, LONG_PLAN)
    app = app_for(notes_doc, notes_specs, only=DRILLS)
    async with app.run_test(size=(120, 60)) as pilot:
        await _drill_view(pilot, app)
        await until(
            pilot,
            lambda: (
                getattr(app.focused, "id", None) == "input"
                and app.focused in app.screen.query_one("#q-drill").walk_children()
            ),
            "the cursor in the drill question",
        )
        await pilot.pause()
        flat = drawn(app, app.screen.query_one(SidePanel).query_one("#side-text"))
        # The checklist comes first, one bullet per point, before the help.
        assert "What to cover" in flat
        for ask in DRILL_ASKS:
            assert f"• {ask}" in flat, ask
        assert flat.index("What to cover") < flat.index("Why it matters")
        # The earlier answer, whole (every line of it).
        assert "Builds on Fallback basics › Fallback plan" in flat
        for line in LONG_PLAN.splitlines():
            assert squeeze(line) in flat, line


async def test_an_open_earlier_question_says_where_to_answer_it_and_follows_typing(
    notes_doc: Path, notes_specs: Specs
) -> None:
    app = app_for(notes_doc, notes_specs, only=DRILLS)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _drill_view(pilot, app)
        drill = view.query_one("#q-drill", QuestionField)
        assert (
            "Builds on Fallback basics › Fallback plan: (not answered yet: it is in "
            "Fallback basics)"
        ) in drawn(app, drill.query_one(".builds-on"))
        # "Drill owner" builds on the drill question, in the same step: what is typed into
        # the drill shows above the owner question as it is typed.
        owner = view.query_one("#q-owner", QuestionField)
        head, earlier = owner.query_one(".builds-on-head"), owner.query_one(".builds-on-answer")
        assert "not answered yet" in str(head.render())
        await answer(pilot, "drill", "Monthly, led by on-call.")
        await until(
            pilot,
            lambda: "Monthly, led by on-call." in str(earlier.render()),
            "the drill answer above the owner question",
        )
        owner.query_one("#input").focus()
        await pilot.pause()
        view.bring_into_view(owner)
        heading = "Builds on Fallback drills › Fallback drill:"
        await until(pilot, lambda: drawn(app, head) == heading, "the owner question in view")
        assert drawn(app, earlier) == "Monthly, led by on-call."
        assert drawn(app, owner.query_one(".asks")) == "Cover: " + "; ".join(OWNER_ASKS)


async def test_the_workshop_capture_dialog_shows_the_steps_checklist(
    notes_doc: Path, notes_specs: Specs
) -> None:
    from mldwizard.core import workshops

    holder: list[str] = []

    def start(d):  # type: ignore[no-untyped-def]
        import datetime as dt

        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps(DRILLS, notes_specs), 10, None
        )
        holder.append(w.id)

    storage.update_document(notes_doc, notes_specs, "tester", start)
    app = WorkshopApp(notes_doc, notes_specs, "tester", holder[0])
    # 40 lines: below that the checklist scrolls in three lines, so that the dialog's owner,
    # due date and buttons stay in sight (tests/tui/test_workshop_capture_small.py).
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the dialog")
        await pilot.pause()
        box = app.screen.query_one(".dialog-box")
        shown = drawn(app, box)
        assert "Fallback drill: Cover: " + "; ".join(DRILL_ASKS) in shown
        assert "Drill owner: Cover: " + "; ".join(OWNER_ASKS) in shown
        assert PLAN_PROMPT not in shown
