"""The verdicts in the generated Markdown: the NO-GO box, the verdict box at the top, the
gate's summary and the feasibility checklist. Reasons, evidence, conditions and owners read
as sentences: each ends with a stop, each on a line of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from .document import Document
from .feasibility import FeasibilityResult, Gap, evidence_problem
from .gate import GateResult
from .markdown_text import People, code_span, labelled, readable
from .mdsafe import inline, list_item
from .specs import Specs, StepSpec
from .verdicts import gate_advice, gate_pending, gate_verdict_text, level_label

STATUS_LABEL = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}
# How the evidence, the condition and the owner of an item are labelled, everywhere.
CONDITION = "Condition"
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
        lines.append(f"> - **{readable(gap.item.text)}** {gap.blocking_reason}.")
        lines.extend(_indented(_gap_details(gap, people), ">   "))
    if not feas.fatal:  # the gate's level, or non-critical gaps adding up
        lines.extend(f"> {list_item(headline(r))}" for r in feas.reasons if r.startswith("NO-GO"))
    return "\n".join(lines)


def headline(reason: str) -> str:
    """A verdict's reason without the verdict it starts with, as a sentence of its own
    ("NO-GO: the gate says ..." -> "The gate says ...")."""
    for verdict in ("NO-GO", "CONDITIONAL", "INCOMPLETE", "PIVOT", "SCOPE-DOWN", "GO"):
        if reason.startswith(verdict + ": "):
            rest = reason[len(verdict) + 2 :]
            return rest[:1].upper() + rest[1:]
    return reason


def _indented(lines: list[str], prefix: str) -> list[str]:
    """``lines`` under a list item (or in a quote): each behind ``prefix``, a blank line as
    the prefix without its trailing spaces (``>`` in a quote, nothing in a list)."""
    return [prefix + line if line else prefix.rstrip() for line in lines]


def _joined(details: list[list[str]]) -> list[str]:
    """Details one to a line; one that is a block (several lines) set apart by blank lines,
    so the line after it is not read as part of it."""
    out: list[str] = []
    for i, lines in enumerate(details):
        if len(lines) > 1 and out and out[-1]:
            out.append("")
        out.extend(lines)
        if len(lines) > 1 and i + 1 < len(details):
            out.append("")
    return out


def verdict_box(
    doc: Document,
    gate: GateResult | None,
    feas: FeasibilityResult | None,
    people: People,
    specs: Specs,
) -> str:
    lines: list[str] = []
    if gate is not None:
        lines += _gate_lines(doc, gate, specs)
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
            if feas.verdict == "INCOMPLETE" and feas.deliverable_groups:
                lines += _incomplete_lines(feas)
            elif feas.verdict in ("INCOMPLETE", "PIVOT", "SCOPE-DOWN"):
                lines.append(f"> {list_item(headline(feas.reasons[0]))}")
            for gap in feas.fatal + feas.conditions:
                lines.extend(_gap_line(gap, people, "Critical gap"))
            for gap in feas.gaps:
                lines.extend(_gap_line(gap, people, "Non-critical gap"))
    return "\n".join(lines)


def _incomplete_lines(feas: FeasibilityResult) -> list[str]:
    """INCOMPLETE with everything still to answer, one chapter to a line."""
    then = (
        "the verdict is PIVOT"
        if "then the verdict is PIVOT" in feas.reasons[0]
        else "the checklist gives its verdict"
    )
    lines = [
        f"> - No verdict on a project nobody has described. Answer first "
        f"({len(feas.deliverables)}); then {then}:"
    ]
    for label, titles in feas.deliverable_groups:
        lines.append(">   " + list_item(f"{label}: {', '.join(titles)}."))
    return lines


def _gate_lines(doc: Document, gate: GateResult, specs: Specs) -> list[str]:
    head = "> **Should this be ML at all?**"
    if doc.gate.override:
        return [
            f"{head} {gate_verdict_text(doc.gate.override, gate.verdict)}",
            *_indented(labelled("Why:", doc.gate.override_reason or ""), "> "),
        ]
    if gate.verdict:
        # The warning is a paragraph of its own, never glued to the verdict's line.
        warning = [">", f"> **{gate.opinion_only}**", ">"] if gate.opinion_only else []
        reasons = [f"> {list_item(r)}" for r in gate.reasons]
        return [f"{head} {level_label(gate.verdict)}", *warning, *reasons]
    return [f"{head} {gate_pending(doc, specs, gate)}"]


def _gap_line(gap: Gap, people: People, kind: str) -> list[str]:
    """A gap in the verdict box: a quoted list item, its details under it."""
    state = gap.state
    status = STATUS_LABEL[gap.status].lower()
    fatal = ", cannot be closed" if state.status == "not-met" and state.fatal else ""
    fatal = ", closable" if state.status == "not-met" and state.closable else fatal
    fatal += ", Met without evidence" if gap.unevidenced else ""
    first = f"- {kind}: {readable(gap.item.text.rstrip('.'))} ({status}{fatal})."
    details: list[list[str]] = []
    if state.condition.strip():
        details.append(labelled(CONDITION + ":", state.condition))
    if state.owner:
        details.append([f"Owner: {people.name(state.owner)}."])
    details += _closing(gap)
    if all(len(lines) == 1 for lines in details):  # one line, as it reads best
        return [" ".join(["> " + first, *(lines[0] for lines in details)])]
    return [f"> {first}", *_indented(_joined(details), ">   ")]


def _gap_details(gap: Gap, people: People) -> list[str]:
    state = gap.state
    details: list[list[str]] = []
    if state.note.strip():
        details.append(labelled("Evidence:", state.note))
    if state.condition.strip():
        details.append(labelled(CONDITION + ":", state.condition))
    if state.owner:
        details.append([f"Owner: {people.name(state.owner)}."])
    details += _closing(gap)
    return _joined(details)


def _closing(gap: Gap) -> list[list[str]]:
    """The due date, the waiver, and what the record of the gap still lacks."""
    state = gap.state
    out: list[list[str]] = []
    if state.due is not None:
        out.append([f"Due: {state.due.isoformat()}."])
    if gap.waived:
        out.append(labelled("Waived:", state.waiver))
    elif state.waiver.strip():
        out.append(labelled("Waiver not counted (a critical item):", state.waiver))
    lacking = gap.problems
    if lacking and state.status != "met":
        out.append([f"Still lacking: {', '.join(lacking)}."])
    return out


def gate_summary(doc: Document, gate: GateResult, specs: Specs) -> str:
    if gate.verdict is None:
        return f"**Verdict:** {gate_pending(doc, specs, gate)}"
    lines = [f"**Verdict: {level_label(gate.verdict)}**", ""]
    if gate.opinion_only:
        lines += [f"**{gate.opinion_only}**", ""]
    lines.extend(list_item(r) for r in gate.reasons)
    if gate.against:
        lines += ["", "Pointing the other way:", ""]
        lines.extend(list_item(r) for r in gate.against)
    if doc.gate.override:
        label = f"**Overridden: {level_label(doc.gate.override)}.**"
        lines += ["", *labelled(label, doc.gate.override_reason or "")]
    else:
        advice = gate_advice(gate)
        if advice:
            lines += ["", advice]
    return "\n".join(lines)


def checklist(
    step: StepSpec,
    doc: Document,
    people: People,
    *,
    draft: bool,
    answered: Callable[[str], bool] = lambda ref: False,
    answer_ref: Callable[[str], str] = code_span,
    named: Callable[[str], str] = str,
) -> list[str]:
    """The checklist by axis; a reader's document leaves out items with nothing recorded.
    ``answer_ref`` shows an answer an item rests on (by default, its id); ``named`` names
    one in a sentence (a Met without evidence)."""
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
                closable = "Can be closed." if state.closable else "Not marked closable."
                details.append("Cannot be closed." if state.fatal else closable)
            if state.status != "met":
                details += _gap_details(Gap(item, state), people)
            else:
                why = evidence_problem(state, answered, named)
                if why:
                    details.append(f"{why}: it counts as Unknown.")
                if state.note.strip():
                    details += labelled("Evidence:", state.note)
            # Answers it rests on, by title; links are links, as in the stage gates.
            if state.refs:
                details.append("Rests on: " + ", ".join(map(answer_ref, state.refs)) + ".")
            if state.links:
                details.append("Links: " + ", ".join(inline(x) for x in state.links) + ".")
            lines.extend(_indented(details, "  "))
        if lines:
            out.append("\n".join([f"**{AXIS_LABEL[axis]}**", "", *lines]))
    return out
