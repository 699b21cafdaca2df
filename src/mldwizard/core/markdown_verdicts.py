"""The verdicts in the generated Markdown: the NO-GO box, the verdict box at the top, the
gate's summary and the feasibility checklist. Reasons, evidence, conditions and owners read
as sentences: each ends with a stop, each on a line of its own.
"""

from __future__ import annotations

from itertools import groupby

from .document import Document
from .feasibility import FeasibilityResult, Gap
from .gate import GateResult
from .markdown_text import People, readable, sentence
from .mdsafe import list_item
from .specs import StepSpec
from .verdicts import gate_verdict_text, level_label

STATUS_LABEL = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}
AXIS_LABEL = {
    "value": "Value",
    "data": "Data",
    "technical": "Technical",
    "organisation": "Organisation",
    "ethics-legal": "Ethics and legal",
}


def no_go_box(feas: FeasibilityResult, people: People) -> str:
    lines = [
        "> **NO-GO: the feasibility checklist says this project should not go ahead as planned.**",
        ">",
        "> Finding this now, before the months of work it would have cost, is the method "
        "working. Why, with the evidence and what would change the verdict:",
        ">",
    ]
    for gap in feas.fatal:
        lines.append(f"> - **{readable(gap.item.text)}** Not met, cannot be closed as planned.")
        lines.extend(f">   {line}" for line in _gap_details(gap, people, "What would change this"))
    return "\n".join(lines)


def verdict_box(
    doc: Document, gate: GateResult | None, feas: FeasibilityResult | None, people: People
) -> str:
    lines: list[str] = []
    if gate is not None:
        lines += _gate_lines(doc, gate)
    if feas is not None:
        if lines:
            lines.append(">")
        if feas.verdict is None:
            count = len(feas.missing)
            lines.append(
                f"> **Feasibility:** pending: {count} item{'' if count == 1 else 's'} "
                "without a status."
            )
        else:
            lines.append(f"> **Feasibility:** {feas.verdict}")
            for gap in feas.fatal + feas.conditions:
                lines.append(f"> - {_gap_line(gap, people)}")
            for gap in feas.gaps:
                lines.append(f"> - Non-critical gap: {_gap_line(gap, people)}")
    return "\n".join(lines)


def _gate_lines(doc: Document, gate: GateResult) -> list[str]:
    head = "> **Should this be ML at all?**"
    if doc.gate.override:
        return [
            f"{head} {gate_verdict_text(doc.gate.override, gate.verdict)}",
            f"> Why: {sentence(doc.gate.override_reason or '')}",
        ]
    if gate.verdict:
        return [f"{head} {level_label(gate.verdict)}"] + [f"> {list_item(r)}" for r in gate.reasons]
    count = len(gate.missing)
    return [
        f"{head} pending: {count} required question{'' if count == 1 else 's'} not answered yet."
    ]


def _gap_line(gap: Gap, people: People) -> str:
    state = gap.state
    status = STATUS_LABEL[gap.status].lower()
    fatal = ", cannot be closed" if state.status == "not-met" and state.fatal else ""
    line = f"{readable(gap.item.text.rstrip('.'))} ({status}{fatal})."
    if state.condition.strip():
        line += f" Condition: {sentence(state.condition)}"
    if state.owner:
        line += f" Owner: {people.name(state.owner)}."
    return line


def _gap_details(gap: Gap, people: People, condition_label: str) -> list[str]:
    state = gap.state
    lines = []
    if state.note.strip():
        lines.append(f"Evidence: {sentence(state.note)}")
    if state.condition.strip():
        lines.append(f"{condition_label}: {sentence(state.condition)}")
    if state.owner:
        lines.append(f"Owner: {people.name(state.owner)}.")
    return lines


def gate_summary(doc: Document, gate: GateResult) -> str:
    if gate.verdict is None:
        leaning = f", leaning {gate.leaning}" if gate.leaning else ""
        count = len(gate.missing)
        return (
            f"**Verdict:** pending{leaning}: {count} required question"
            f"{'' if count == 1 else 's'} not answered yet."
        )
    lines = [f"**Verdict: {level_label(gate.verdict)}**", ""]
    lines.extend(list_item(r) for r in gate.reasons)
    if gate.against:
        lines += ["", "Pointing the other way:", ""]
        lines.extend(list_item(r) for r in gate.against)
    if doc.gate.override:
        lines += [
            "",
            f"**Overridden: {level_label(doc.gate.override)}.** "
            f"{sentence(doc.gate.override_reason or '')}",
        ]
    elif gate.verdict == "heuristic":
        lines += [
            "",
            "A rule will do: make it the baseline, and let a model earn its place by beating it.",
        ]
    return "\n".join(lines)


def checklist(step: StepSpec, doc: Document, people: People, *, draft: bool) -> list[str]:
    """The checklist by axis; a reader's document leaves out items with nothing recorded."""
    out: list[str] = []
    ordered = sorted(step.items, key=lambda i: list(AXIS_LABEL).index(i.axis))
    for axis, items in groupby(ordered, key=lambda i: i.axis):
        lines: list[str] = []
        for item in items:
            state = doc.feasibility.items.get(item.id)
            if not draft and (state is None or (state.status is None and not state.note.strip())):
                continue
            unset = "TODO" if draft else "No status yet"
            mark = STATUS_LABEL[state.status] if state and state.status else unset
            text = readable(item.text)
            if item.critical:
                text = text.rstrip(".") + " (critical)."
            lines.append(f"- **{mark}:** {text}")
            if state is None:
                continue
            details: list[str] = []
            if state.status == "not-met":
                details.append("Cannot be closed." if state.fatal else "Can be closed.")
            if state.status != "met":
                details += _gap_details(Gap(item, state), people, "Condition")
            elif state.note.strip():
                details.append(f"Evidence: {sentence(state.note)}")
            lines.extend(f"  {line}" for line in details)
        if lines:
            out.append("\n".join([f"**{AXIS_LABEL[axis]}**", "", *lines]))
    return out
