"""A conditional question revealed while its step is shown gets its full height at once:
the same as when the step is opened with the condition already holding."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size
from textual.widgets import Select

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp

from .helpers import app_for, go_to, settle, until

ANSWER = "It beat the rule on March data.\nBy how much: 4 points of recall.\n" + "word " * 40


def _sizes(app: WizardApp, qid: str) -> tuple[bool, Size, Size, Size]:
    field = app.screen.query_one(f"#q-{qid}")
    prompt, editor = field.query_one(".prompt"), field.query_one("#input")
    return bool(field.display), field.size, prompt.size, editor.size


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pytest.mark.parametrize("revealed_by", ["the author", "someone else"])
async def test_a_revealed_question_has_the_height_it_has_when_the_step_opens(
    doc_path: Path, specs: Specs, size: tuple[int, int], revealed_by: str
) -> None:
    gate = specs.resolve("gate")
    app = app_for(doc_path, specs)
    async with app.run_test(size=size) as pilot:
        await go_to(pilot, "gate")
        await settle(pilot)
        assert not app.screen.query_one("#q-heuristic_result").display
        if revealed_by == "the author":
            select = app.screen.query_one("#q-heuristic_tried #input", Select)
            select.value = "falls-short"
            await settle(pilot)
            await pilot.press("tab", *"It beat the rule")
        else:

            def change(d):  # type: ignore[no-untyped-def]
                edits.set_answer(d, gate, "heuristic_tried", "falls-short")
                edits.set_answer(d, gate, "heuristic_result", ANSWER)

            storage.update_document(doc_path, specs, "other", change)
        field = app.screen.query_one("#q-heuristic_result")
        await until(pilot, lambda: field.display, "the question revealed")
        await settle(pilot)
        await pilot.pause(0.2)
        revealed = _sizes(app, "heuristic_result")
        await go_to(pilot, "essentials")
        await go_to(pilot, "gate")
        await settle(pilot)
        await pilot.pause(0.2)
        assert _sizes(app, "heuristic_result") == revealed
        assert revealed[3].height >= 2  # the editor shows more than its first line
