"""The stage gates in the generated Markdown (and so in HTML and docx): a line each in the
Verdicts box, and a section per gate. The gate the document faces next, and the gates it has
passed, show their items; a gate of a stage not reached yet is one "later" line."""

from __future__ import annotations

from collections.abc import Callable

from .document import Document
from .markdown_items import cannot_close, item_lines, verdict_section
from .markdown_text import People, code_span, labelled, readable
from .mdsafe import inline, list_item
from .moved_anyway import PASSED_ANYWAY, stage_gate_moved_anyway
from .specs import Specs, StepSpec
from .stage_gate import StageGap, StageGateResult
from .stage_gate_verdicts import GateStanding, stage_gate_result, stage_gate_standings, standing
from .stages import STAGE_LABEL

STATUS_LABEL = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}


EARLY = "Already assessed:"
"""What leads the items of a later gate assessed before its stage."""


def later_text(spec: StepSpec) -> str:
    """ "Later: assessed at the pilot stage, before the move to production."."""
    t = spec.transition
    if t is None:
        return "Later."
    return (
        f"Later: assessed at the {STAGE_LABEL[t.from_].lower()} stage, before the move to "
        f"{STAGE_LABEL[t.to].lower()}."
    )


def marked_early(doc: Document, spec: StepSpec) -> list[str]:
    """The items of a later gate already marked, each "The A/B test ... (met)": the README
    allows answering a later step early, and what was marked is shown, not hidden."""
    state = doc.stage_gates.get(spec.slug)
    if state is None:
        return []
    return [
        f"{i.text.rstrip('.')} ({STATUS_LABEL[s].lower()})"
        for i in spec.criteria
        if (s := state.status_of(i.id)) is not None
    ]


def later_words(doc: Document, spec: StepSpec) -> str:
    """ "Later: assessed at the pilot stage, ... Already assessed: The A/B test ... (met)."."""
    early = marked_early(doc, spec)
    said = later_text(spec)
    return f"{said} {EARLY} {'; '.join(early)}." if early else said


def verdict_words(doc: Document, gate: GateStanding) -> str:
    """A stage gate's verdict and where the document stands, as plain words: "CONDITIONAL
    (the gate this document faces next)", "GO (passed)", or the later line."""
    result = gate.result
    if gate.standing == "later":
        return later_words(doc, gate.spec)
    said = result.verdict
    if gate.standing == "facing":
        return f"{said} (the gate this document faces next)"
    despite = stage_gate_moved_anyway(doc, gate.spec.slug)
    if despite and not result.passes:
        return f"{said}; passed anyway. Reason given: {despite}"
    return f"{said} (passed)"


def passed_anyway(reason: str) -> list[str]:
    """ "**Passed anyway.** Reason given: ...", the reason's Markdown kept (made safe as an
    answer is), a block of its own: the same for a stage gate and the feasibility checklist."""
    return labelled(f"**{PASSED_ANYWAY}** Reason given:", reason)


def anyway(doc: Document, gate: GateStanding) -> str:
    """The reason a passed gate that still fails was passed with ("" for any other)."""
    if gate.standing != "passed" or gate.result.passes:
        return ""
    return stage_gate_moved_anyway(doc, gate.spec.slug)


def stage_gate_box(doc: Document, specs: Specs, people: People) -> list[str]:
    """The Verdicts box's lines for the stage gates (quoted, like the rest of the box)."""
    lines: list[str] = []
    for gate in stage_gate_standings(doc, specs):
        lines.append(">")
        reason = anyway(doc, gate)
        said = gate.result.verdict if reason else verdict_words(doc, gate)
        lines.append(f"> **Stage gate {gate.result.name}:** {inline(said)}")
        if gate.standing == "later":
            continue
        result = gate.result
        for line in result.blockers():
            lines.append(f"> {list_item(blocker_label(gate) + line)}")
        for gap in result.open_gaps:
            lines.append(f"> {list_item(_gap_text(gap, people))}")
        if reason:  # after the list: a list in the reason never runs on into it
            lines += [">", *(f"> {line}".rstrip() for line in passed_anyway(reason))]
    return lines


def blocker_label(gate: GateStanding) -> str:
    """ "Blocks the move: " for the gate faced; "Still open: " for one already passed (the
    move was made: nothing blocks it any more)."""
    return "Blocks the move: " if gate.standing != "passed" else "Still open: "


def _gap_text(gap: StageGap, people: People) -> str:
    kind = "Critical gap" if gap.item.critical else "Non-critical gap"
    text = f"{kind}: {gap.item.text.rstrip('.')} ({STATUS_LABEL[gap.status].lower()})."
    if gap.state.condition.strip():
        text += f" Condition: {gap.state.condition.strip()}"
        text += "" if text.endswith(".") else "."
    if gap.state.owner:
        text += f" Owner: {people.plain(gap.state.owner)}."  # list_item makes it safe
    if gap.state.due:
        text += f" Due: {gap.state.due.isoformat()}."
    if gap.problems:
        text += f" Still lacking: {', '.join(gap.problems)}."
    return text


def stage_gate_body(
    doc: Document,
    specs: Specs,
    step: StepSpec,
    people: People,
    *,
    draft: bool,
    answer_ref: Callable[[str], str] = code_span,
) -> list[str]:
    """A stage gate's section, after its heading: a "later" line before its stage, else the
    verdict, its reasons and the items with their evidence."""
    where = standing(doc, step)
    if where == "later":
        if not marked_early(doc, step):
            return [f"*{later_text(step)}*"]
        result = stage_gate_result(doc, specs, step)
        return [
            f"*{later_text(step)} {EARLY}*",
            "\n".join(_items(doc, step, result, people, draft=draft, answer_ref=answer_ref)),
        ]
    result = stage_gate_result(doc, specs, step)
    out = verdict_section(result.verdict, result.reasons, result.blocking, result.open_gaps, people)
    reason = stage_gate_moved_anyway(doc, step.slug)
    if reason and where == "passed" and not result.passes:
        out.append("\n".join(passed_anyway(reason)))
    # A paragraph of its own: the items never run on as the same list as the verdict's.
    out.append("**Items**")
    out.append("\n".join(_items(doc, step, result, people, draft=draft, answer_ref=answer_ref)))
    return out


def _items(
    doc: Document,
    step: StepSpec,
    result: StageGateResult,
    people: People,
    *,
    draft: bool,
    answer_ref: Callable[[str], str],
) -> list[str]:
    state = doc.stage_gates.get(step.slug)
    unproven = {g.item.id: g.unevidenced for g in result.open_gaps if g.unevidenced}
    lines: list[str] = []
    for item in step.criteria:
        mark_state = state.items.get(item.id) if state else None
        unset = "TODO" if draft else "No status yet"
        mark = STATUS_LABEL[mark_state.status] if mark_state and mark_state.status else unset
        text = readable(item.text)
        if item.critical:
            text = text.rstrip(".") + " (critical)."
        head = f"- **{mark}:** {text}"
        details: list[list[str]] = []
        if mark_state is not None:
            if item.id in unproven:
                details.append([f"{unproven[item.id]}: it counts as Unknown."])
            if mark_state.note.strip():
                details.append(labelled("Evidence:", mark_state.note))
            if mark_state.status == "not-met":
                closable = "Can be closed." if mark_state.closable else "Not marked closable."
                details.append(["Cannot be closed." if mark_state.fatal else closable])
            if mark_state.status not in (None, "met") and not cannot_close(mark_state):
                if mark_state.condition.strip():
                    details.append(labelled("Condition:", mark_state.condition))
                if mark_state.owner:
                    details.append([f"Owner: {people.name(mark_state.owner)}."])
                if mark_state.due:
                    details.append([f"Due: {mark_state.due.isoformat()}."])
            if mark_state.refs:  # answers it rests on; links are links, as in the chapters
                refs = ", ".join(map(answer_ref, mark_state.refs))
                details.append([f"Rests on: {refs}."])
            if mark_state.links:
                details.append(["Links: " + ", ".join(inline(x) for x in mark_state.links) + "."])
        elif item.refs:
            details.append(["Evidence usually in: " + ", ".join(map(answer_ref, item.refs)) + "."])
        lines.extend(item_lines(head, details))
    return lines
