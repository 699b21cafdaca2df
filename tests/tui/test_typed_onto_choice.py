"""Text typed right after Ctrl+N/Ctrl+P reaches the new step whole, however late the keys come.

One terminal write ("Ctrl+N NNN") is one burst of keys, but on a loaded machine the keys
behind Ctrl+N can reach the app only after the new step is shown and the cursor is on its
first question. On the gate that question is a choice: the text is for the gate's first
unanswered text question (its notes). The app had handed every key of the burst to the
choice before the first one bubbled up to the screen, and the screen moved the cursor on
that first key only: the others then arrived "typed on another widget" and were shown in a
notice that vanished, so "NNN" left "N" in the notes (tests/tui/test_typeahead_tmux.py under
two workers). Here the late keys are delivered the same way, deterministically: all queued
at once, after the cursor has been put on the choice.

The other ways into a step are checked the same way: a step that starts with a text
question, and keys typed ahead from a "later" line, with Ctrl+N and with Ctrl+P.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.widgets import TextArea

from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp
from mldwizard.tui.widgets.drop_down import DropDown

from ..conftest import load
from .helpers import SIZE, app_for, go_to, settle, until
from .test_typing_on_no_field import _notices


def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue the keys all at once, as a terminal delivers the keys of one write."""
    for key in keys:
        character = {"space": " "}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))


def _keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


def _on_choice(app: WizardApp, slug: str, qid: str) -> bool:
    """Whether step ``slug`` is shown with the cursor put on its choice ``qid``."""
    focused = app.focused
    return (
        app.wizard_screen.step.slug == slug
        and isinstance(focused, DropDown)
        and focused.parent is not None
        and focused.parent.id == f"q-{qid}"
    )


def _in_field(app: WizardApp, slug: str, qid: str) -> bool:
    focused = app.focused
    return (
        app.wizard_screen.step.slug == slug
        and isinstance(focused, TextArea)
        and focused.parent is not None
        and focused.parent.id == f"q-{qid}"
    )


def _cursor_in_sight(app: WizardApp) -> bool:
    """Whether the text field with the cursor is drawn where its cursor is (not scrolled
    out of the step's view)."""
    focused = app.focused
    if not isinstance(focused, TextArea):
        return False
    try:
        under, _ = app.screen.get_widget_at(*focused.cursor_screen_offset)
    except NoWidget:
        return False
    return under is focused


def _answer(app: WizardApp, slug: str, qid: str) -> object:
    return app.session.doc.step(slug).answers.get(qid)


async def _quit(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+q")
    await settle(pilot)


@pytest.mark.parametrize(
    ("start", "move", "text"),
    [("problem", "ctrl+n", "No rule fits"), ("research", "ctrl+p", "PPP")],
    ids=["ctrl+n", "ctrl+p"],
)
async def test_text_reaching_the_gate_after_its_choice_has_the_cursor_goes_whole_into_its_notes(
    doc_path: Path, specs: Specs, start: str, move: str, text: str
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, start)
        _burst(pilot, move)
        await until(pilot, lambda: _on_choice(app, "gate", "expert_rule"), "the gate's choice")
        _burst(pilot, *_keys(text))  # the rest of the write, handed over late
        await until(pilot, lambda: app.session.doc.gate.answers.get("notes"), "the notes typed")
        await settle(pilot)
        assert app.session.doc.gate.answers.get("notes") == text
        assert _in_field(app, "gate", "notes")
        assert _cursor_in_sight(app)
        assert "Not" not in _notices(app)
        await _quit(pilot)
    gate = load(doc_path, specs).step("gate").answers
    assert gate.get("notes") == text
    assert "expert_rule" not in gate  # the space did not open the choice's list


async def test_text_typed_in_the_same_write_as_ctrl_n_onto_the_gate_is_in_sight(
    doc_path: Path, specs: Specs
) -> None:
    """The keys of the write reach the screen after the cursor was put on the gate's first
    choice: the view was brought to that choice once more after it had been brought to the
    notes (Textual scrolls at the next refresh, so the request for the notes, made in
    between, saw them in view already). The notes held "NNN" and nobody could see it."""
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "problem")
        _burst(pilot, "ctrl+n", *"NNN")
        await until(pilot, lambda: _answer(app, "gate", "notes") == "NNN", "NNN in the notes")
        await settle(pilot)
        await until(pilot, lambda: _cursor_in_sight(app), "the notes in sight", timeout=10)
        assert _in_field(app, "gate", "notes")
        await _quit(pilot)
    assert load(doc_path, specs).step("gate").answers.get("notes") == "NNN"


async def test_text_typed_on_after_the_first_letters_went_to_the_notes_follows_them(
    doc_path: Path, specs: Specs
) -> None:
    """Keys handed over in two parts: the second part comes after the first is typed into
    the notes, and joins it there (not a second start on the choice)."""
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "gate")
        await until(pilot, lambda: _on_choice(app, "gate", "expert_rule"), "the gate's choice")
        _burst(pilot, *"AB")
        await until(pilot, lambda: _in_field(app, "gate", "notes"), "the cursor in the notes")
        _burst(pilot, *"CD")
        await until(pilot, lambda: app.session.doc.gate.answers.get("notes") == "ABCD", "ABCD")
        await _quit(pilot)
    assert load(doc_path, specs).step("gate").answers.get("notes") == "ABCD"


async def test_text_reaching_a_step_that_starts_with_a_text_question_late_goes_into_it(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "gate")
        _burst(pilot, "ctrl+n")
        await until(
            pilot, lambda: _in_field(app, "research", "internal_solutions"), "research's field"
        )
        _burst(pilot, *_keys("RRR SSS"))
        await until(
            pilot, lambda: _answer(app, "research", "internal_solutions") == "RRR SSS", "RRR SSS"
        )
        await _quit(pilot)
    doc = load(doc_path, specs)
    assert doc.step("research").answers.get("internal_solutions") == "RRR SSS"
    assert "notes" not in doc.step("gate").answers


@pytest.mark.parametrize(
    ("start", "move", "text", "to", "qid", "untouched"),
    [
        # (Chapters whose neighbour starts with a text question: after error analysis comes
        # the prototype-to-pilot stage gate, a checklist.)
        ("training-pipeline", "ctrl+n", "TTT", "features", "candidate_features", "full_run_hours"),
        ("baseline", "ctrl+p", "BBB", "validation", "split_unit", "simple_model_score"),
    ],
    ids=["ctrl+n", "ctrl+p"],
)
async def test_text_typed_with_ctrl_n_and_ctrl_p_from_a_later_line_goes_to_the_new_step(
    doc_path: Path,
    specs: Specs,
    start: str,
    move: str,
    text: str,
    to: str,
    qid: str,
    untouched: str,
) -> None:
    """The cursor on a "later" line (Tab to it): keys typed in the same write as Ctrl+N go
    into the next step's first question, and after Ctrl+P into the step before's."""
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, start)
        line = app.wizard_screen.query_one("LaterLine")
        line.focus()
        await until(pilot, lambda: app.focused is line, "the cursor on the later line")
        _burst(pilot, move, *text)
        await until(pilot, lambda: _answer(app, to, qid) == text, f"{text} typed on {to}")
        await settle(pilot)
        assert "Not" not in _notices(app)
        await _quit(pilot)
    doc = load(doc_path, specs)
    assert doc.step(to).answers.get(qid) == text
    assert untouched not in doc.step(start).answers
