"""What the workshop shows of a step: for the gate and the checklist, the verdict first
(with its reasons, or what blocks), as the wizard shows it; then its questions large, each
with its answer so far (labels, not stored values; a list one item a line), and the
checklist's items with their status. Only what the document's stage asks; the free notes
once someone wrote them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..core.document import Document
from ..core.feasibility_lines import verdict_lines
from ..core.kinds import format_answer, is_answered
from ..core.markdown import STATUS_LABEL
from ..core.question_notes import cover_line
from ..core.shown import shown_questions
from ..core.specs import Specs, StepSpec
from ..core.verdicts import feasibility_result, gate_result
from .widgets.checklist import LINE_LOOK, Checklist
from .widgets.gate_panel import GatePanel


def verdict_widgets(doc: Document, specs: Specs, step: StepSpec) -> list[Static]:
    """The gate's or the checklist's verdict, for the room to see: the word, then its
    reasons (the gate) or what blocks and what is to close (the checklist)."""
    if step.kind == "gate" and (gate := gate_result(doc, specs)) is not None:
        text = GatePanel.summary(gate, doc.gate)
        for reason in gate.reasons:
            text.append(f"\n  • {reason}")
        return [Static(text, classes="ws-verdict")]
    if step.kind == "feasibility" and (result := feasibility_result(doc, specs)) is not None:
        text = Checklist.summary(result)
        blocking = {line for line in text.plain.split("\n")[1:]}
        for line in verdict_lines(result):
            mark, style = LINE_LOOK[line.kind]
            if f"✗ {line.text}" not in blocking:
                text.append(f"\n  {mark}{line.text}", style=style)
        return [Static(text, classes="ws-verdict")]
    return []


def step_widgets(doc: Document, specs: Specs, step: StepSpec) -> list[Static]:
    answers = doc.step(step.slug).answers
    widgets: list[Static] = [Static(Text(step.label, style="bold"), classes="ws-title")]
    widgets += verdict_widgets(doc, specs, step)
    for q in shown_questions(doc, step):  # what the document's stage asks
        # The free notes are not a question for the room: shown once someone wrote them.
        if q.is_notes and not is_answered(answers.get(q.id)):
            continue
        value = answers.get(q.id)
        value = q.labelled(value) if value is not None else None  # labels, not slugs
        if isinstance(value, list) and is_answered(value):
            shown = "\n".join(f"• {item}" for item in value)  # one per line, as typed
        elif value is not None and is_answered(value):
            shown = format_answer(value)
        else:
            shown = "(not answered yet)"
        widgets.append(Static(Text(" ".join(q.prompt.split()), style="bold"), classes="ws-prompt"))
        if q.asks:  # the room's checklist for the question
            widgets.append(Static(Text(cover_line(q), style="dim"), classes="ws-cover"))
        widgets.append(
            Static(Text(shown, style="" if is_answered(value) else "dim"), classes="ws-answer")
        )
    if step.kind == "feasibility":
        for item in step.items:
            state = doc.feasibility.items.get(item.id)
            status = STATUS_LABEL[state.status] if state and state.status else "no status"
            widgets.append(
                Static(
                    Text.assemble(
                        (item.text, "bold"),
                        "  ",
                        (status, "dim"),
                    ),
                    classes="ws-prompt",
                )
            )
    return widgets
