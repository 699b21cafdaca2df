"""The first frame holds the step's first questions; the rest are mounted just after it."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from mldwizard.core import edits, storage
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.step_view import FIRST_FRAME_QUESTIONS, StepView

from .helpers import SIZE, app_for, settle


async def test_every_question_is_mounted_once_the_screen_settles(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        step = app.wizard_screen.step
        assert len(step.questions) > FIRST_FRAME_QUESTIONS  # the test means something
        ids = [f.question.id for f in app.screen.query_one(StepView).fields]
        assert ids == [q.id for q in step.questions]  # all of them, in spec order


async def test_the_cursor_reaches_a_gap_among_the_later_questions(
    doc_path: Path, specs: Specs
) -> None:
    step = specs.resolve("problem")
    first = step.questions[:FIRST_FRAME_QUESTIONS]
    assert all(q.kind == "long_text" for q in first)

    def fill(doc):  # type: ignore[no-untyped-def]
        for question in first:
            edits.set_answer(doc, step, question.id, "Answered already.")

    storage.update_document(doc_path, specs, "tester", fill)
    app = app_for(doc_path, specs, only="problem")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = app.focused
        assert focused is not None and focused.parent is not None
        gap = step.questions[FIRST_FRAME_QUESTIONS]  # drawn after the first frame
        assert focused.parent.id == f"q-{gap.id}"
        await pilot.press(*"Typed")
        await settle(pilot)
        assert app.session.doc.chapters["problem"].answers[gap.id] == "Typed"


async def test_leaving_a_step_before_its_later_questions_arrive_changes_nothing(
    tmp_path: Path, specs: Specs
) -> None:
    # The example answers every question, so fields echo their values when mounted.
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    before = path.read_bytes()
    app = make_app(path, specs, "tester", still=True)
    seen: dict[str, object] = {}

    async def at_once(pilot: Pilot[None]) -> None:
        # As soon as the app runs (before the first step is drawn), go to another step.
        await app.go_to(specs.resolve("metrics"))
        await settle(pilot)
        seen["step"] = app.wizard_screen.step.slug
        seen["state"] = app.save_state
        seen["fields"] = [f.question.id for f in app.screen.query(QuestionField)]
        app.exit()

    await app.run_async(headless=True, size=SIZE, auto_pilot=at_once)
    assert seen["step"] == "metrics"
    assert seen["state"] == "saved"  # no answer went to the wrong step
    assert seen["fields"] == [q.id for q in specs.resolve("metrics").questions]
    assert path.read_bytes() == before
