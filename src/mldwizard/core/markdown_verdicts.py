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
from .markdown_anchors import VERDICTS
from .markdown_items import cannot_close, item_lines, verdict_section
from .markdown_items import headline as headline  # importable from here, as before
from .markdown_stage_gates import passed_anyway
from .markdown_text import People, code_span, labelled, readable
from .mdsafe import inline, list_item
from .moved_anyway import feasibility_moved_anyway
from .specs import Specs, StepSpec
from .stages import Stage
from .verdicts import gate_advice, gate_pending, gate_verdict_text, level_label, override_entry

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


def no_go_box(feas: FeasibilityResult, people: People, stage: Stage = "design") -> str:
    lines = [
        "> **NO-GO: the feasibility checklist says this project should not go ahead as planned.**",
        ">",
        f"> {no_go_lead(stage)} Why, with the evidence{_and_what_changes_it(feas)}:",
        ">",
    ]
    for gap in feas.fatal:
        head = f"- **{readable(gap.item.text)}** {gap.blocking_reason}."
        lines.extend(_indented(item_lines(head, _gap_details(gap, people)), "> "))
    if not feas.fatal:  # the gate's level, or non-critical gaps adding up
        lines.extend(f"> {list_item(headline(r))}" for r in feas.reasons if r.startswith("NO-GO"))
    return "\n".join(lines)


def _and_what_changes_it(feas: FeasibilityResult) -> str:
    """ " and what would change the verdict", unless no item shown can be closed (then
    nothing would, and none shows a condition)."""
    if feas.fatal and all(cannot_close(g.state) for g in feas.fatal):
        return ""
    return " and what would change the verdict"


def no_go_lead(stage: Stage) -> str:
    """Why a NO-GO is good news, as true at the document's stage: before any model exists
    it saves the months of work; later, the work still to come."""
    if stage == "design":
        return (
            "Finding this now, before the months of work it would have cost, is the method working."
        )
    return "Finding this now, before more work goes into it, is the method working."


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
            reason = feasibility_moved_anyway(doc, specs)
            if reason:  # after the list: a list in the reason never runs on into it
                lines += [">", *_indented(passed_anyway(reason), "> ")]
    return "\n".join(lines)


def _incomplete_lines(feas: FeasibilityResult) -> list[str]:
    """INCOMPLETE with everything still to answer, one chapter to a line."""
    lead, groups = incomplete_lines(feas)
    return [f"> - {lead}", *(">   " + list_item(line) for line in groups)]


def incomplete_lines(feas: FeasibilityResult) -> tuple[str, list[str]]:
    """INCOMPLETE with everything still to answer, as plain text: the lead ("No verdict on
    a project nobody has described. ...:") and one line a chapter."""
    then = (
        "the verdict is PIVOT"
        if "then the verdict is PIVOT" in feas.reasons[0]
        else "the checklist gives its verdict"
    )
    lead = (
        f"No verdict on a project nobody has described. Answer first "
        f"({len(feas.deliverables)}); then {then}:"
    )
    return lead, [f"{label}: {', '.join(titles)}." for label, titles in feas.deliverable_groups]


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
    details = _record(gap, people)
    if all(len(lines) == 1 for lines in details):  # one line, as it reads best
        return [" ".join(["> " + first, *(lines[0] for lines in details)])]
    return [f"> {first}", *_indented(_joined(details), ">   ")]


def _gap_details(gap: Gap, people: People) -> list[list[str]]:
    """A gap's evidence and record, a detail (its lines) each."""
    details: list[list[str]] = []
    if gap.state.note.strip():
        details.append(labelled("Evidence:", gap.state.note))
    return details + _record(gap, people)


def _record(gap: Gap, people: People) -> list[list[str]]:
    """What closes a gap, who and by when, and what its record lacks; none of it for an
    item that cannot be closed (a condition or due date it had before no longer holds)."""
    state = gap.state
    details: list[list[str]] = []
    if not cannot_close(state):
        if state.condition.strip():
            details.append(labelled(CONDITION + ":", state.condition))
        if state.owner:
            details.append([f"Owner: {people.name(state.owner)}."])
    return details + _closing(gap)


def _closing(gap: Gap) -> list[list[str]]:
    """The due date, the waiver, and what the record of the gap still lacks."""
    state = gap.state
    out: list[list[str]] = []
    if state.due is not None and not cannot_close(state):
        out.append([f"Due: {state.due.isoformat()}."])
    if gap.waived:
        out.append(labelled("Waived:", state.waiver))
    elif state.waiver.strip():
        out.append(labelled("Waiver not counted (a critical item):", state.waiver))
    lacking = gap.problems
    if lacking and state.status != "met" and not cannot_close(state):
        out.append([f"Still lacking: {', '.join(lacking)}."])
    return out


def feasibility_verdict(
    feas: FeasibilityResult, people: People, verdicts: str = "", moved: str = ""
) -> str:
    """The checklist's own verdict above its items, as the gate and a stage gate state
    theirs: "**Verdict: CONDITIONAL**", why, and each gap with its owner and due date.
    INCOMPLETE points at ``verdicts`` (the Verdicts section's anchor), which lists the
    answers still owed, rather than listing them a second time. ``moved``: the reason the
    project left design all the same (:func:`feasibility_moved_anyway`), said after it."""
    said = _feasibility_verdict(feas, people, verdicts)
    if not moved:
        return said
    return "\n\n".join([said, "\n".join(passed_anyway(moved))])


def _feasibility_verdict(feas: FeasibilityResult, people: People, verdicts: str) -> str:
    if feas.verdict is None:
        count = len(feas.missing)
        return f"**Verdict:** pending: {count} item{'' if count == 1 else 's'} without a status."
    if feas.verdict == "INCOMPLETE" and feas.deliverables:
        count = len(feas.deliverables)
        where = f"[{VERDICTS}]({verdicts})" if verdicts else VERDICTS
        said = (
            f"No verdict on a project nobody has described: {count} required "
            f"answer{'' if count == 1 else 's'} first, listed under {where}."
        )
        return "\n\n".join([f"**Verdict: {feas.verdict}**", said])
    # A reason that is advice for the tool ("mldwizard set ... --in-scope") is for the faces.
    reasons = [r for r in feas.reasons if "mldwizard " not in r]
    parts = verdict_section(feas.verdict, reasons, feas.fatal, feas.open_gaps, people)
    return "\n\n".join(parts)


def gate_summary(doc: Document, gate: GateResult, specs: Specs) -> str:
    """The gate's verdict in its own section. An override is the verdict in force: it comes
    first, with who set it and why, and what the answers say follows under its own label
    (qa10c #4: the section never contradicts the Verdicts box)."""
    if doc.gate.override:
        return _overridden_summary(doc, gate, specs)
    if gate.verdict is None:
        return f"**Verdict:** {gate_pending(doc, specs, gate)}"
    lines = [f"**Verdict: {level_label(gate.verdict)}**", "", *_answers_say(gate)]
    advice = gate_advice(gate)
    if advice:
        lines += ["", advice]
    return "\n".join(lines)


def _answers_say(gate: GateResult) -> list[str]:
    """The computed verdict's warning, reasons and the reasons pointing the other way."""
    lines = [f"**{gate.opinion_only}**", ""] if gate.opinion_only else []
    lines.extend(list_item(r) for r in gate.reasons)
    if gate.against:
        lines += ["", "Pointing the other way:", ""]
        lines.extend(list_item(r) for r in gate.against)
    return lines


def _overridden_summary(doc: Document, gate: GateResult, specs: Specs) -> str:
    override = doc.gate.override
    entry = override_entry(doc)
    by = ""
    if entry is not None:
        by = f"by {People(doc).name(entry.by)} on {entry.at.date().isoformat()}"
    head = gate_verdict_text(override, gate.verdict, by)
    level, _, rest = head.partition(" (")
    lines = [f"**Verdict: {level}** ({rest}", ""]
    lines += [*labelled("**Reason for the override:**", doc.gate.override_reason or ""), ""]
    advice = gate_advice(gate, override)
    if advice:
        lines += [advice, ""]
    if gate.verdict is None:
        lines.append(f"**What the answers say:** {gate_pending(doc, specs, gate)}")
    else:
        lines += [f"**What the answers say: {level_label(gate.verdict)}**", ""]
        lines += _answers_say(gate)
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
            head = f"- **{mark}:** {text}"
            if state is None:
                lines.append(head)
                continue
            details: list[list[str]] = []
            if state.status == "not-met":
                closable = "Can be closed." if state.closable else "Not marked closable."
                details.append(["Cannot be closed." if state.fatal else closable])
            if state.status != "met":
                details += _gap_details(Gap(item, state), people)
            else:
                why = evidence_problem(state, answered, named)
                if why:
                    details.append([f"{why}: it counts as Unknown."])
                if state.note.strip():
                    details.append(labelled("Evidence:", state.note))
            # Answers it rests on, by title; links are links, as in the stage gates.
            if state.refs:
                details.append(["Rests on: " + ", ".join(map(answer_ref, state.refs)) + "."])
            if state.links:
                details.append(["Links: " + ", ".join(inline(x) for x in state.links) + "."])
            lines.extend(item_lines(head, details))
        if lines:
            out.append("\n".join([f"**{AXIS_LABEL[axis]}**", "", *lines]))
    return out
