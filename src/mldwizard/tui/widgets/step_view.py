"""The main pane: one step's introduction, metadata, questions (and gate or checklist)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.document import Document
from ...core.kinds import is_answered
from ...core.specs import PARTS, Specs, StepSpec
from ...core.verdicts import feasibility_result, gate_result
from .checklist import Checklist, ItemRow
from .fields import QuestionField
from .gate_panel import GatePanel


class StepView(VerticalScroll):
    def __init__(self, step: StepSpec, specs: Specs, doc: Document) -> None:
        super().__init__(id="step-view")
        self.step = step
        self.specs = specs
        self._doc = doc
        self.handles = [p.handle for p in doc.people]
        """The people its person pickers offer: rebuild the view when they change."""

    def compose(self) -> ComposeResult:
        step, doc = self.step, self._doc
        yield Static(Text(step.label, style="bold"), id="step-title")
        yield Static(Text(PARTS[self.specs.parts[step.slug]], style="dim"), id="step-part")
        yield Static(Text(" ".join(step.intro.split())), id="step-intro")
        yield Static(id="step-meta")
        if step.kind == "gate":
            yield GatePanel(doc.gate)
        if step.kind == "feasibility":
            yield Checklist(step.items, doc)
        answers = doc.step(step.slug).answers
        for question in step.questions:
            yield QuestionField(question, answers.get(question.id), doc.people)

    def on_mount(self) -> None:
        self.refresh_from(self._doc)

    @property
    def fields(self) -> list[QuestionField]:
        return list(self.query(QuestionField))

    def refresh_from(self, doc: Document, *, values: bool = False) -> None:
        """Show what depends on the answers: visibility, verdicts, metadata (and values)."""
        self._doc = doc
        state = doc.step(self.step.slug)
        for field in self.fields:
            value = state.answers.get(field.question.id)
            field.display = field.question.visible(state.answers) or is_answered(value)
            if values:
                field.show(value)
        if values and self.step.kind == "gate":
            self.query_one(GatePanel).show_values(doc.gate)
        if values and self.step.kind == "feasibility":
            for row in self.query(ItemRow):
                row.show(doc.feasibility.items.get(row.item.id))
        self.query_one("#step-meta", Static).update(self._meta(doc))
        if self.step.kind == "gate":
            result = gate_result(doc, self.specs)
            if result is not None:
                self.query_one(GatePanel).show_result(result, doc.gate)
        if self.step.kind == "feasibility":
            feas = feasibility_result(doc, self.specs)
            if feas is not None:
                self.query_one(Checklist).show_result(feas)

    def _meta(self, doc: Document) -> Text:
        state = doc.step(self.step.slug)
        owners = ", ".join(state.owners) or "nobody yet"
        bits = [f"status {state.status}", f"owners {owners}", f"revision {state.revision}"]
        if state.updated:
            bits.append(f"updated {state.updated.date().isoformat()}")
        return Text(" · ".join(bits) + "   (F3: owners, status, code paths, links)", style="dim")

    def first_unanswered(self) -> QuestionField | None:
        state = self._doc.step(self.step.slug)
        shown = [f for f in self.fields if f.display]
        for field in shown:
            if not is_answered(state.answers.get(field.question.id)):
                return field
        return shown[0] if shown else None

    def answers(self) -> dict[str, Any]:
        return dict(self._doc.step(self.step.slug).answers)
