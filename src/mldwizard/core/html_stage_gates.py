"""The stage gates in the web page's verdict banner: a box for each gate the document has
reached (its verdict, what blocks the move, each gap), one line for the gates still later."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from .document import Document
from .html_gaps import full_text_link, gap_record
from .markdown_stage_gates import anyway, blocker_label, later_words
from .moved_anyway import PASSED_ANYWAY, one_line
from .specs import Specs
from .stage_gate_verdicts import stage_gate_standings

InlineRenderer = Callable[[str], str]
STATUS_TEXT = {"met": "met", "partial": "partial", "not-met": "not met", "unknown": "unknown"}


def stage_gate_boxes(
    doc: Document, specs: Specs, inline: InlineRenderer, anchors: Mapping[str, str]
) -> list[str]:
    """A box per gate reached: its verdict, what blocks the move, each gap by name with its
    owner (a name, as the feasibility box gives it) and due date, and a link to the gate's
    section, where its evidence and conditions are."""

    boxes: list[str] = []
    for gate in stage_gate_standings(doc, specs):
        result = gate.result
        title = f"Stage gate {result.name}"
        if gate.standing == "later":
            boxes.append(_box("verdict verdict-stage-gate verdict-pending", title, "Later",
                              [escape(later_words(doc, gate.spec))]))  # fmt: skip
            continue
        label = blocker_label(gate)
        items = [escape(f"{label}{line}") for line in result.blockers()]
        for gap in result.open_gaps:
            head = (
                f"<strong>{escape(gap.item.text.rstrip('.'))}</strong> ({STATUS_TEXT[gap.status]})."
            )
            items.append(" ".join([head, *gap_record(doc, gap)]))
        more = full_text_link(gate.spec.label, anchors)
        if more and (result.blocking or result.open_gaps):
            items.append(more)
        reason = anyway(doc, gate)
        if reason:
            items.insert(0, f"{PASSED_ANYWAY} Reason given: {inline(one_line(reason))}")
        css = f"verdict verdict-stage-gate verdict-{result.verdict.lower()}"
        boxes.append(_box(css, title, result.verdict, items))
    return boxes


def _box(css: str, question: str, verdict: str, items: list[str]) -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="{css}">'
        f'<p class="verdict-head"><span class="verdict-question">{escape(question)}</span> '
        f'<span class="verdict-value">{escape(verdict[:1].upper() + verdict[1:])}</span></p>'
        + (f"<ul>{listed}</ul>" if listed else "")
        + "</div>"
    )
