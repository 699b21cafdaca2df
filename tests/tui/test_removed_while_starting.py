"""A field removed before it has started (Ctrl+N held down replaces a step whose fields are
still being mounted) fails nothing: Textual 8.2.8 handled ``Mount`` for a widget whose
``compose`` had mounted nothing, and ``Select`` raised ``NoMatches`` for its overlay (see
``tui/textual_fixes.py``)."""

from __future__ import annotations

from pathlib import Path

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Select, Static

from mldwizard.core.question_notes import builds_on
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.checklist import Checklist
from mldwizard.tui.widgets.drop_down import DropDown
from mldwizard.tui.widgets.gate_panel import GatePanel
from mldwizard.tui.widgets.question_notes import EarlierNote
from mldwizard.tui.widgets.stage_gate_step import stage_gate_checklist
from mldwizard.tui.widgets.step_view import StepView

from .helpers import SIZE, app_for, settle


async def test_every_field_removed_before_it_started_fails_nothing(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.wizard_screen
        doc = app.session.doc
        outer = Vertical()
        await screen.query_one("#body").mount(outer)
        parts: list[list[Widget]] = []
        for step in specs.steps:
            # What the step shows, every kind of field (StepView builds them so).
            widgets = StepView(step, specs, doc)._make_fields(step.questions)
            if step.kind == "gate":
                widgets.append(GatePanel(doc.gate))
            if step.kind == "feasibility":
                widgets.append(Checklist(step.items, doc))
            if step.kind == "stage-gate":
                widgets.append(stage_gate_checklist(step, doc))
            parts.append(widgets)
        parts.append([Select([("a", "a"), ("b", "b")]), DropDown([("a", "a"), ("b", "b")])])
        boxes = [Vertical() for _ in parts]
        await outer.mount_all(boxes)
        for box, widgets in zip(boxes, parts, strict=True):
            box.mount(*widgets)  # registered and starting ...
        outer.remove()  # ... and removed before any of them handled a message
        await settle(pilot)
        await pilot.pause(0.2)
        assert not outer.is_attached
        assert screen.query(StepView)  # the wizard goes on
    assert app.return_code in (0, None)


async def test_an_earlier_answer_given_to_a_note_still_starting_is_shown_once_it_has(
    doc_path: Path, specs: Specs
) -> None:
    # A refresh after a save can reach a step's fields while the last of them are still
    # being mounted (``StepView._mount_later``): their note has not composed its lines yet.
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        question = next(q for s in specs.steps for q in s.questions if q.builds_on)
        earlier = builds_on(app.session.doc, specs, question)
        assert earlier is not None
        box = Vertical()
        await app.wizard_screen.query_one("#body").mount(box)
        note = EarlierNote(earlier)
        box.mount(note)  # starting, not composed yet
        note.show(earlier)
        await settle(pilot)
        head = note.query_one(".builds-on-head", Static)
        assert earlier.heading in str(head.render())
    assert app.return_code in (0, None)
