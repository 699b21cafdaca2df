"""The stage gates in the web page's verdict banner: a box for each gate the document has
reached (its verdict, what blocks the move, each gap), one line for the gates still later."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .document import Document
from .markdown_stage_gates import later_words
from .specs import Specs
from .stage_gate_verdicts import stage_gate_standings

InlineRenderer = Callable[[str], str]
STATUS_TEXT = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}


def stage_gate_boxes(doc: Document, specs: Specs, inline: InlineRenderer) -> list[str]:
    boxes: list[str] = []
    for gate in stage_gate_standings(doc, specs):
        result = gate.result
        title = f"Stage gate {result.name}"
        if gate.standing == "later":
            boxes.append(_box("verdict verdict-stage-gate verdict-pending", title, "later",
                              [escape(later_words(doc, gate.spec))]))  # fmt: skip
            continue
        items = [escape(f"Blocks the move: {line}") for line in result.blockers()]
        for gap in result.open_gaps:
            state = gap.state
            parts = [f"<strong>{escape(gap.item.text)}</strong> ({STATUS_TEXT[gap.status]})."]
            if state.condition.strip():
                parts.append(f"What would close it: {inline(state.condition)}")
            if state.owner:
                parts.append(f"Owner: {escape(state.owner)}.")
            if state.due is not None:
                parts.append(f"Due: {state.due.isoformat()}.")
            if gap.problems:
                parts.append(escape(f"Still lacking: {', '.join(gap.problems)}."))
            items.append(" ".join(parts))
        stored = doc.stage_gates.get(gate.spec.slug)
        if gate.standing == "passed" and stored and stored.moved_despite and not result.passes:
            items.insert(0, f"Passed anyway. Reason given: {inline(stored.moved_despite)}")
        css = f"verdict verdict-stage-gate verdict-{result.verdict.lower()}"
        boxes.append(_box(css, title, result.verdict, items))
    return boxes


def _box(css: str, question: str, verdict: str, items: list[str]) -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="{css}">'
        f'<p class="verdict-head"><span class="verdict-question">{escape(question)}</span> '
        f'<span class="verdict-value">{escape(verdict)}</span></p>'
        + (f"<ul>{listed}</ul>" if listed else "")
        + "</div>"
    )
