"""What the workshop shows of a step: its questions large, each with its answer so far
(labels, not stored values; a list one item a line), and the checklist's items with their
status. Only what the document's stage asks; the free notes once someone wrote them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..core.document import Document
from ..core.kinds import format_answer, is_answered
from ..core.markdown import STATUS_LABEL
from ..core.question_notes import cover_line
from ..core.shown import shown_questions
from ..core.specs import StepSpec


def step_widgets(doc: Document, step: StepSpec) -> list[Static]:
    answers = doc.step(step.slug).answers
    widgets: list[Static] = [Static(Text(step.label, style="bold"), classes="ws-title")]
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
