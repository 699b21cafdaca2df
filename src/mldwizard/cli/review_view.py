"""A step's review as a readable checklist on the terminal (``mldwizard review`` without an
action): items and their marks, open comments, approvals, what changed since the last
review, and what blocks an approval."""

from __future__ import annotations

import difflib

from ..core.document import Document
from ..core.names import shown_name
from ..core.review_model import MARK_LABEL, ReviewPolicy, Thread
from ..core.review_rules import later_items, policy_of, reviewed_answers, summarise
from ..core.specs import StepSpec
from ..core.stages import STAGE_LABEL

BOX = {"met": "[x]", "partial": "[~]", "not-met": "[ ]", "not-applicable": "[-]"}


def _one_line(text: str) -> str:
    """The text whole, on one line: the terminal wraps it (a checklist is read to judge,
    and piped into a log or ``less`` it must not lose words)."""
    return " ".join(str(text).split())


def checklist_lines(doc: Document, step: StepSpec) -> list[str]:
    state = doc.step(step.slug)
    s = summarise(doc, step)
    policy = policy_of(doc, step)
    out = [f"{step.label}: {state.status}, revision {state.revision}"]
    need = f"{policy.approvals} approval(s)"
    if policy.roles:
        need += ", including one from each role: " + ", ".join(policy.roles)
    out.append(f"Approval takes {need}.")
    stage = STAGE_LABEL[doc.stage].lower()
    if not step.review:
        out.append("Review items: none (its spec has no [[review]] items).")
    else:
        na = f", {len(s.not_applicable)} not applicable" if s.not_applicable else ""
        out.append(f"Review items at the {stage} stage: {len(s.met)} of {s.counted} met{na}")
    marks = state.review.marks
    for item in s.applicable:
        mark = marks.get(item.id)
        box = BOX[mark.mark] if mark else "[?]"
        out.append(f"  {box} {item.id} ({item.severity}): {_one_line(item.text)}")
        if mark is None:
            out.append("      not marked yet")
        else:
            why = f": {_one_line(mark.reason)}" if mark.reason else ""
            out.append(
                f"      {MARK_LABEL[mark.mark]}{why} ({mark.by}, {mark.at.date()}, "
                f"revision {mark.revision})"
            )
    for item in later_items(doc, step):
        out.append(f"  later, from {item.from_stage}: {item.id}: {_one_line(item.text)}")
    if s.open:
        out.append(f"Open comments ({len(s.open)}):")
        out.extend(line for t in s.open for line in _thread_lines(t))
    if s.resolved:
        out.append(f"Resolved, waiting for the reviewer to close ({len(s.resolved)}):")
        out.extend(line for t in s.resolved for line in _thread_lines(t))
    for a in s.approvals:
        out.append(f"Approved by {a.by} on {a.at.date()} (revision {a.revision}).")
    for a in s.earlier:
        out.append(f"Earlier approval: {a.by} on {a.at.date()} (revision {a.revision}).")
    if s.since is not None and s.changed:
        out.append(
            f"Changed since {s.since.by}'s review of revision {s.since.revision} "
            f"({s.since.at.date()}):"
        )
        for qid in s.changed:
            before = reviewed_answers(state, s.since).get(qid)
            out.append(f"  {shown_name(qid)}:")
            out.extend(f"    {line}" for line in answer_diff(before, state.answers.get(qid)))
    if s.blockers:
        out.append("Approval is blocked by:")
        out.extend(f"  - {b}" for b in s.blockers)
    elif state.status != "approved":
        out.append("Nothing blocks an approval: --approve records one.")
    if s.lacking and state.status != "approved" and (s.approvals or policy != ReviewPolicy()):
        out.append("Still needed: " + "; ".join(s.lacking) + ".")
    return out


def answer_diff(before: object, after: object) -> list[str]:
    """What changed in an answer: its lines (a text) or items (a list) removed (-) and
    added (+); a value, before and after."""

    def parts(value: object) -> list[str]:
        if value is None:
            return []
        if isinstance(value, list):
            return [str(v) for v in value]
        return str(value).splitlines() if isinstance(value, str) else [str(value)]

    old, new = parts(before), parts(after)
    diff = difflib.ndiff(old, new)
    return [f"{line[0]} {_one_line(line[2:])}" for line in diff if line[:1] in "-+"]


def _thread_lines(t: Thread) -> list[str]:
    about = f" on {t.item}" if t.item else ""
    lines = [f"  #{t.id} {t.severity}{about}, by {t.author} on {t.at.date()}: {_one_line(t.text)}"]
    for r in t.replies:
        word = f"{r.action}d" if r.action else "replied"
        text = f": {_one_line(r.text)}" if r.text else ""
        lines.append(f"      {r.by} {word} on {r.at.date()}{text}")
    return lines
