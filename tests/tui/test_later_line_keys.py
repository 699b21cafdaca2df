"""Keys typed in a burst around a "later" line go where the cursor was when they were typed.

A tester sent ``DDD Tab EEE Tab FFF BTab BTab GGG`` in one write on chapter 9 (error
analysis) and got ``analysis_routine = "DDDGGGEEEFFF"``: the letters typed on the later
lines bubbled up to the screen after the cursor was back in the field, and the screen typed
them there. And ``DDD Tab Enter LLL`` opened the later question but dropped ``LLL``: the
keys typed right after Enter belong to the question it opens.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from mldwizard.core.specs import Specs

from ..conftest import load
from .helpers import SIZE, app_for, settle, until
from .test_typing_on_no_field import _notices


def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue the keys all at once, as a terminal delivers keys that arrived together."""
    for key in keys:
        character = key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))


def _answers(app: object, slug: str = "error-analysis") -> dict[str, object]:
    return dict(app.session.doc.step(slug).answers)  # type: ignore[attr-defined]


async def _at_first_field(pilot: Pilot[None]) -> None:
    app = pilot.app
    await settle(pilot)
    await until(pilot, lambda: isinstance(app.focused, TextArea), "the cursor in a field")
    await until(pilot, lambda: app.focused.id == "input", "the first question's field")  # type: ignore[union-attr]


async def test_keys_typed_on_later_lines_are_not_typed_into_the_field_left(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, "error-analysis")
    async with app.run_test(size=SIZE) as pilot:
        await _at_first_field(pilot)
        keys = [*"AAA", "tab", *"BBB", "tab", *"CCC", "tab", *"DDD", "tab", *"EEE", "tab"]
        _burst(pilot, *keys, *"FFF", "shift+tab", "shift+tab", *"GGG")
        routine = lambda: str(_answers(app).get("analysis_routine"))  # noqa: E731
        await until(pilot, lambda: "GGG" in routine(), "GGG typed")
        await until(pilot, lambda: "Not typed" in _notices(app), "the notice", timeout=10)
        assert routine() == "DDDGGG"
        assert "Not typed: 'EEEFFF'" in _notices(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).step("error-analysis").answers
    assert answers["analysis_plan"] == "AAA"
    assert answers["analysis_routine"] == "DDDGGG"
    assert "learning_curves" not in answers and "residual_analysis" not in answers


async def test_keys_typed_right_after_enter_on_a_later_line_go_into_its_question(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, "error-analysis")
    async with app.run_test(size=SIZE) as pilot:
        await _at_first_field(pilot)
        for _ in range(3):
            await pilot.press("tab")
        await until(
            pilot,
            lambda: app.focused is app.screen.query_one("#q-analysis_routine #input"),
            "the cursor in analysis_routine",
        )
        _burst(pilot, *"DDD", "tab", "enter", *"LLL", "tab", "enter", *"RRR")
        await until(pilot, lambda: _answers(app).get("residual_analysis") == "RRR", "RRR typed")
        await settle(pilot)
        assert "Not typed" not in _notices(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    answers = load(doc_path, specs).step("error-analysis").answers
    assert answers["analysis_routine"] == "DDD"
    assert answers["learning_curves"] == "LLL"
    assert answers["residual_analysis"] == "RRR"
