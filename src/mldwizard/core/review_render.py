"""A step's review in the reader's document: one line under the chapter's metadata, and
the appendix "Open review comments". A document with no review shows neither."""

from __future__ import annotations

from .approved_text import changed_after_approval
from .document import Document, StepState
from .markdown_text import People, readable
from .mdsafe import inline
from .names import and_list
from .review_model import Thread
from .review_rules import ReviewSummary, reviewed_steps, still_needed, summarise
from .specs import Specs, StepSpec


def _titles(step: StepSpec, qids: list[str]) -> str:
    titles = []
    for qid in qids:
        question = step.question(qid)
        titles.append(readable(question.title) if question else inline(qid))
    return ", ".join(titles)


def review_line(doc: Document, step: StepSpec, people: People, pointer: str = "") -> str:
    """ "*Reviewed by Ana on 2026-11-20 (revision 4): 7 of 8 items met · Approved by Ana ·
    Open: 1 critical comment*" ("" when the step has no review)."""
    if not doc.is_stored(step.slug):
        return ""
    state = doc.step(step.slug)
    if state.review.is_empty():
        return ""
    s = summarise(doc, step, blockers=False)
    bits = [_reviewed(state, s, people)]
    if s.approvals:
        approved = "Approved by " + and_list([people.name(a.by) for a in s.approvals])
        needed = still_needed(doc, step, s.approvals)
        if needed:  # approvals given, the policy not met yet: it does not read as approved
            approved += " (not enough yet; still needed: " + ", ".join(needed) + ")"
        bits.append(approved)
    elif s.last:
        # Every approver of the text approved last: a co-approver is not dropped.
        names = and_list([people.name(a.by) for a in s.last])
        bits.append(f"Approved by {names} at revision {s.last[-1].revision}")
    if s.changed and s.since is not None:
        bits.append(f"Changed since revision {s.since.revision}: " + _titles(step, s.changed))
    elif changed_after_approval(doc, step.slug) is not None:
        bits.append("Changed since that approval: the text below is not the one approved")
    open_bits = []
    for severity in ("critical", "major", "minor"):
        n = sum(1 for t in s.open if t.severity == severity)
        if n:
            open_bits.append(f"{n} {severity} comment{'s' if n > 1 else ''}")
    critical = [i.id for i in s.applicable if i.severity == "critical"]
    # Marked Partial or Not met is a verdict; not marked yet is none (said apart).
    not_met = [i for i in critical if i not in s.met + s.not_applicable + s.unmarked]
    unmarked = [i for i in critical if i in s.unmarked]
    if not_met:
        n = len(not_met)
        open_bits.append(f"{n} critical item{'s' if n > 1 else ''} not met")
    if unmarked:
        n = len(unmarked)
        open_bits.append(f"{n} critical item{'s' if n > 1 else ''} not marked yet")
    if open_bits:
        bits.append("Open: " + ", ".join(open_bits) + (f" ({pointer})" if pointer else ""))
    return "*" + " · ".join(bits) + "*"


_MARK_WORD = {"partial": "partial", "not-met": "not met"}


def _reviewed(state: StepState, s: ReviewSummary, people: People) -> str:
    counted = f"{len(s.met)} of {s.counted} items met" if s.applicable else "no review items"
    # Which ones fall short, by name: "3 of 4 items met" alone leaves the reader guessing.
    short = [i for i in s.applicable if i.id not in [*s.met, *s.not_applicable, *s.unmarked]]
    if short:
        marks = state.review.marks
        said = [
            f"{_MARK_WORD.get(marks[i.id].mark, marks[i.id].mark)}: {inline(i.text.rstrip('.'))}"
            for i in short
            if i.id in marks
        ]
        counted += f" ({'; '.join(said)})" if said else ""
    if s.not_applicable:
        counted += f", {len(s.not_applicable)} not applicable"
    if s.latest is None:
        return f"Review: {counted}"
    revision = s.latest.revision
    names = and_list(
        [
            people.name(h)
            for h in dict.fromkeys(r.by for r in state.review.rounds if r.revision == revision)
        ]
    )
    return (
        f"Reviewed by {names} on {s.latest.at.date().isoformat()} (revision {revision}): {counted}"
    )


def open_comments(doc: Document, specs: Specs, people: People) -> list[str]:
    """The appendix: per step, its threads not closed yet (open, or resolved and waiting
    for the reviewer), with their replies ([] when none). No age here: the same document
    renders the same bytes whatever the day (``check`` says it)."""
    out: list[str] = []
    for step, summary in reviewed_steps(doc, specs):
        threads = [*summary.open, *summary.resolved]
        if not threads:
            continue
        out.append(f"### {readable(step.label)}")
        out.append("\n".join(_thread(step, t, people) for t in sorted(threads, key=_id)))
    return out


def open_comments_text(doc: Document, specs: Specs) -> str:
    """ "2 open review comments (1 critical)" for the document's summary line: the threads
    the appendix lists ("" when there are none)."""
    threads = [t for _, s in reviewed_steps(doc, specs) for t in (*s.open, *s.resolved)]
    if not threads:
        return ""
    critical = sum(1 for t in threads if t.severity == "critical")
    noun = "open review comment" + ("" if len(threads) == 1 else "s")
    return f"{len(threads)} {noun}" + (f" ({critical} critical)" if critical else "")


def _id(thread: Thread) -> int:
    return thread.id


def _thread(step: StepSpec, t: Thread, people: People) -> str:
    about = ""
    if t.item:
        item = next((i for i in step.review if i.id == t.item), None)
        about = f", on *{inline(item.text)}*" if item else f", on {inline(t.item)}"
    waiting = f", resolved, waiting for {people.name(t.author)} to close it" * (
        t.state == "resolved"
    )
    lines = [
        f"- **#{t.id}** ({t.severity}{about}{waiting}) by {people.name(t.author)} on "
        f"{t.at.date().isoformat()}: {inline(t.text)}"
    ]
    for r in t.replies:
        word = f"{r.action}d" if r.action else "replied"
        text = f": {inline(r.text)}" if r.text.strip() else ""
        lines.append(f"  - {people.name(r.by)} {word} on {r.at.date().isoformat()}{text}")
    return "\n".join(lines)
