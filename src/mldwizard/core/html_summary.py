"""What a reviewer sees first on the HTML page: the verdict banner and the chapters' status.

Both come from the document and the verdict logic (`verdicts.py`), never from parsing the
Markdown. Every piece of text is escaped here; author text (evidence, conditions) goes
through ``inline``, a markdown-it inline renderer that lets no HTML through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from .approved_text import shown_status
from .document import Document, StepState
from .feasibility import FeasibilityResult, Gap
from .gate import GateResult
from .html_gaps import full_text_link, gap_record, person_name
from .html_stage_gates import stage_gate_boxes
from .markdown_verdicts import headline, incomplete_lines, no_go_lead
from .moved_anyway import PASSED_ANYWAY, feasibility_moved_anyway, one_line
from .progress import step_progress
from .specs import Specs, StepSpec
from .stage_gate_verdicts import standing
from .verdicts import feasibility_result, gate_pending, gate_result, gate_verdict_text, plural

InlineRenderer = Callable[[str], str]
"""Author text (one paragraph of Markdown) to safe inline HTML."""

VERDICTS_ID = "verdicts"
"""The banner's id: the page's Verdicts section (the Markdown's own is not repeated), which
the contents and the checklist's "listed under Verdicts" link to."""

STATUS_TEXT = {"met": "met", "partial": "partial", "not-met": "not met", "unknown": "unknown"}
STEP_STATUS = {
    "empty": "Empty",
    "draft": "Draft",
    "review": "In review",
    "approved": "Approved",
    "changed": "Changed since its approval",
    "later": "Later",
}


def verdict_banner(
    doc: Document, specs: Specs, inline: InlineRenderer, anchors: Mapping[str, str] | None = None
) -> str:
    """The gate and feasibility verdicts; a NO-GO comes first, in red, and cannot be missed.
    Short: each gap by name with its owner and due date, and a link to the section with its
    evidence and conditions (``anchors``: a step's label to its section's id), which the
    page prints there only. It is the page's Verdicts section (``id="verdicts"``)."""
    anchors = anchors or {}
    boxes: list[str] = []
    gate = gate_result(doc, specs)
    feas = feasibility_result(doc, specs)
    if feas is not None and specs.feasibility is not None:
        more = full_text_link(specs.feasibility.label, anchors)
        boxes.append(_feasibility_box(doc, specs, feas, inline, more))
    if gate is not None and specs.gate is not None:
        boxes.append(_gate_box(doc, specs, gate, inline))
    if feas is None or feas.verdict != "NO-GO":
        boxes.reverse()  # the gate is asked first; only a NO-GO jumps the queue
    boxes += stage_gate_boxes(doc, specs, inline, anchors)
    if not boxes:
        return ""
    return (
        f'<section class="verdicts" id="{VERDICTS_ID}" aria-label="Verdicts">\n'
        + "\n".join(boxes)
        + "\n</section>"
    )


def _gate_box(doc: Document, specs: Specs, gate: GateResult, inline: InlineRenderer) -> str:
    step = specs.gate
    assert step is not None
    label = gate_verdict_text(doc.gate.override, gate.verdict)
    items: list[str] = []
    if doc.gate.override:
        items.append(f"Overridden by the authors: {inline(doc.gate.override_reason or '')}")
    elif gate.verdict:
        if gate.opinion_only:
            items.append(f"<strong>{escape(gate.opinion_only)}</strong>")
        items.extend(escape(reason) for reason in gate.reasons)
    else:
        pending = gate_pending(doc, specs, gate).removeprefix("pending: ")
        items.append(escape(pending[:1].upper() + pending[1:]))
    state = "pending" if not (doc.gate.override or gate.verdict) else "given"
    return _box(f"verdict verdict-gate verdict-{state}", step.title, label, items)


def _feasibility_box(
    doc: Document, specs: Specs, feas: FeasibilityResult, inline: InlineRenderer, more: str
) -> str:
    step = specs.feasibility
    assert step is not None
    if feas.verdict is None:
        items = [f"{plural(len(feas.missing), 'item')} without a status yet."]
        return _box("verdict verdict-feasibility verdict-pending", step.title, "Pending", items)
    items = [_gap(doc, gap) for gap in feas.fatal + feas.conditions]
    if feas.verdict == "INCOMPLETE" and feas.deliverable_groups:
        items.insert(0, _owed(feas))
    elif feas.verdict in ("INCOMPLETE", "PIVOT", "SCOPE-DOWN") or (
        feas.verdict == "NO-GO" and not feas.fatal
    ):
        items.insert(0, escape(headline(feas.reasons[0])))
    if feas.verdict == "NO-GO":
        lead = f"This project should not go ahead as planned. {no_go_lead(doc.stage)}"
        items.insert(0, escape(lead))
    # Each gap by name, owner and due date, a non-critical one as a critical one.
    for gap in feas.gaps:
        waived = f" Waived: {inline(one_line(gap.state.waiver))}" if gap.waived else ""
        items.append(f"Non-critical gap: {_gap(doc, gap)}{waived}")
    if more and (feas.fatal or feas.open_gaps):
        items.append(more)
    reason = feasibility_moved_anyway(doc, specs)
    if reason:  # first thing after the verdict: the project moved on all the same
        items.insert(0, f"{PASSED_ANYWAY} Reason given: {inline(one_line(reason))}")
    css = f"verdict verdict-feasibility verdict-{feas.verdict.lower()}"
    role = ' role="alert"' if feas.verdict == "NO-GO" else ""
    return _box(css, step.title, feas.verdict, items, role)


def _owed(feas: FeasibilityResult) -> str:
    """INCOMPLETE with everything still to answer: the lead, then one chapter to a line, as
    the Markdown's Verdicts box lists them (the checklist's section points here)."""
    lead, groups = incomplete_lines(feas)
    listed = "".join(f"<li>{escape(line)}</li>" for line in groups)
    return f"{escape(lead)}<ul>{listed}</ul>"


def _gap(doc: Document, gap: Gap) -> str:
    """A gap in one line: the item, its status, who closes it and by when (its evidence and
    condition are in the checklist the box links to)."""
    state = gap.state
    fatal = ", cannot be closed" if state.status == "not-met" and state.fatal else ""
    fatal = ", closable" if state.status == "not-met" and state.closable else fatal
    fatal += ", Met without evidence" if gap.unevidenced else ""
    parts = [
        f"<strong>{escape(gap.item.text.rstrip('.'))}</strong> ({STATUS_TEXT[gap.status]}{fatal})."
    ]
    return " ".join(parts + gap_record(doc, gap))


def _box(css: str, question: str, verdict: str, items: list[str], role: str = "") -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f'<div class="{css}"{role}>'
        f'<p class="verdict-head"><span class="verdict-question">{escape(question)}</span> '
        f'<span class="verdict-value">{escape(shown_value(verdict))}</span></p>'
        + (f"<ul>{listed}</ul>" if listed else "")
        + "</div>"
    )


def shown_value(verdict: str) -> str:
    """A banner's verdict as the Markdown writes it, the same convention for every box: a
    verdict's code in capitals (GO, NO-GO), anything else in sentence case ("Pending",
    "Later", "A simple model")."""
    return verdict[:1].upper() + verdict[1:]


def status_table(doc: Document, specs: Specs, anchors: dict[str, str]) -> str:
    """One row per step: its status, how much is answered, its owners and last update.
    ``anchors`` maps a step's label to the id of its section on the page."""
    rows: list[str] = []
    for step in specs.steps:
        state = _stored(doc, step)
        progress = step_progress(doc, step)
        label = escape(step.label)
        anchor = anchors.get(step.label)
        cell = f'<a href="#{escape(anchor)}">{label}</a>' if anchor else label
        status = shown_status(doc, step.slug) if state is not None else "empty"
        if step.kind == "stage-gate" and standing(doc, step) == "later":
            status = "later"  # as its section says: not asked before its stage
        owners = ", ".join(person_name(doc, h) for h in state.owners) if state else ""
        updated = state.updated.date().isoformat() if state and state.updated else ""
        # Nothing asked yet (a stage gate the document has not reached): no "0 of 0".
        answered = f"{progress.answered} of {progress.shown}" if progress.shown else "—"
        rows.append(
            f'<tr class="status-{status}"><td data-label="Step">{cell}</td>'
            f'<td data-label="Status">{STEP_STATUS[status]}</td>'
            f'<td data-label="Answered">{answered}</td>'
            f'<td data-label="Owners">{escape(owners) or "—"}</td>'
            f'<td data-label="Updated">{updated or "—"}</td></tr>'
        )
    return (
        '<section class="chapter-status" aria-labelledby="chapter-status">\n'
        '<h2 id="chapter-status">Chapter status</h2>\n'
        '<div class="table-scroll"><table>\n'
        "<thead><tr><th>Step</th><th>Status</th><th>Answered</th><th>Owners</th>"
        "<th>Updated</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        "</table></div>\n</section>"
    )


def _stored(doc: Document, step: StepSpec) -> StepState | None:
    """The step's stored state, without creating one (rendering never changes a document)."""
    if step.kind == "gate":
        return doc.gate
    if step.kind == "feasibility":
        return doc.feasibility
    if step.kind == "stage-gate":
        return doc.stage_gates.get(step.slug)
    return doc.chapters.get(step.slug)
