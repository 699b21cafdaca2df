"""A review session in a workshop: the room walks a step's review items one at a time.

What the session walks, what the room sees of an item (the answers it looks at), the
progress line and the summary are text made here; every mark, comment and approval goes
through :mod:`mldwizard.core.review` (the same calls as ``mldwizard review --item ID --mark``)
and is noted in the workshop's ``reviews`` entry, so the rules and threads stay in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import review
from .document import Document, WorkshopReview
from .errors import UsageError
from .kinds import format_answer, is_answered
from .mdsafe import inline
from .names import shown_repr
from .review_model import MARK_LABEL, MARKS, Mark
from .review_rules import applicable_items, later_items, summarise
from .review_spec import DIMENSIONS, ReviewItem
from .specs import Specs, StepSpec
from .stages import STAGE_LABEL

MARK_KEYS: dict[str, Mark] = {"m": "met", "p": "partial", "n": "not-met", "x": "not-applicable"}
"""The workshop's one key per mark (``a`` is the workshop's action item, so Not applicable
is ``x``)."""

SHORT_MARK: dict[str, str] = {
    "met": "met",
    "partial": "partial",
    "not-met": "not met",
    "not-applicable": "not applicable",
}


def check_session(doc: Document, specs: Specs, chapter: str, by: str | None) -> StepSpec:
    """The step ``--review CHAPTER`` names, checked before the view opens: it exists, has
    review items that apply at the document's stage, and the reviewer is one of the people."""
    step = specs.resolve(chapter)
    if by is None:
        people = ", ".join(p.handle for p in doc.people) or "none yet (mldwizard person)"
        raise UsageError(
            "--review needs a reviewer of record: --by HANDLE (you are not among the "
            f"document's people); the people are: {people}"
        )
    review.check_person(doc, by)
    if not applicable_items(doc, step):
        stage = STAGE_LABEL[doc.stage].lower()
        later = later_items(doc, step)
        why = (
            f"its {len(later)} review item(s) apply from a later stage"
            if later
            else "its spec has no [[review]] items"
            if not step.review
            else "none of its review items applies to its answers"
        )
        raise UsageError(f"{step.label}: nothing to review at the {stage} stage: {why}")
    return step


def session_items(doc: Document, step: StepSpec) -> list[ReviewItem]:
    """The items the room walks: those that apply at the document's stage, in spec order."""
    return applicable_items(doc, step)


@dataclass(frozen=True)
class LookedAt:
    """An answer an item looks at, as the room reads it."""

    title: str
    answer: str
    """The answer's text (labels, not stored values; a list one item a line); "" if none."""
    where: str = ""
    """The step's label when the question is another step's."""


def looked_at(doc: Document, specs: Specs, step: StepSpec, item: ReviewItem) -> list[LookedAt]:
    out = []
    for ref in item.questions:
        slug, _, qid = ref.rpartition(".")
        other = specs.get(slug) if slug else step
        question = other.question(qid) if other is not None else None
        if other is None or question is None:
            continue  # the spec loader checks references; a missing one shows nothing
        value = doc.step(other.slug).answers.get(qid) if doc.is_stored(other.slug) else None
        text = ""
        if value is not None and is_answered(value):
            shown = question.labelled(value)
            text = (
                "\n".join(f"• {v}" for v in shown)
                if isinstance(shown, list)
                else format_answer(shown)
            )
        where = other.label if other.slug != step.slug else ""
        out.append(LookedAt(question.title, text, where))
    return out


def item_heading(item: ReviewItem) -> str:
    """``CRITICAL · Cost of mistakes``."""
    return f"{item.severity.upper()} · {DIMENSIONS[item.dimension]}"


def progress_line(doc: Document, step: StepSpec, index: int | None) -> str:
    """``Item 3 of 8 · 2 met · 1 not met · 5 not marked`` (``index`` counts from 0; None:
    the summary). Counts are of the marks the step's review holds now."""
    items = session_items(doc, step)
    marks = doc.step(step.slug).review.marks
    counts = {m: sum(1 for i in items if i.id in marks and marks[i.id].mark == m) for m in MARKS}
    parts = [f"{counts[m]} {SHORT_MARK[m]}" for m in MARKS if counts[m]]
    unmarked = sum(1 for i in items if i.id not in marks)
    if unmarked:
        parts.append(f"{unmarked} not marked")
    where = f"Item {index + 1} of {len(items)}" if index is not None else "Summary"
    return " · ".join([where, *parts]) if parts else where


def mark_text(doc: Document, step: StepSpec, item: ReviewItem) -> str:
    """The item's mark as the room sees it: ``Not met (bo, 2026-12-06)`` or not marked."""
    mark = doc.step(step.slug).review.marks.get(item.id)
    if mark is None:
        return "Not marked yet"
    why = f": {mark.reason}" if mark.reason else ""
    return f"{MARK_LABEL[mark.mark]}{why} ({mark.by}, {mark.at.date().isoformat()})"


def short_mark(doc: Document, step: StepSpec, item: ReviewItem) -> str:
    """``not met``, or ``not marked``."""
    mark = doc.step(step.slug).review.marks.get(item.id)
    return SHORT_MARK[mark.mark] if mark is not None else "not marked"


def thread_lines(doc: Document, step: StepSpec, item: ReviewItem) -> list[str]:
    """The item's comment threads, one line each: ``#2 open, major (bo): text``."""
    threads = [t for t in doc.step(step.slug).review.threads if t.item == item.id]
    return [f"#{t.id} {t.state}, {t.severity} ({t.author}): {t.text}" for t in threads]


@dataclass(frozen=True)
class SessionSummary:
    lines: list[str]
    """Each item with its mark."""
    blockers: list[str]
    """What blocks an approval now (the core's rules); [] when nothing does."""
    lacking: list[str]
    """What the step's policy still needs after the approvals given."""
    approved_by: list[str]
    """Who approved the step's current revision."""


def session_summary(doc: Document, step: StepSpec) -> SessionSummary:
    s = summarise(doc, step)
    marks = doc.step(step.slug).review.marks
    lines = []
    for item in s.applicable:
        mark = marks.get(item.id)
        shown = SHORT_MARK[mark.mark] if mark else "not marked"
        lines.append(f"{item.id} ({item.severity}): {shown}")
    return SessionSummary(lines, s.blockers, s.lacking, sorted(a.by for a in s.approvals))


def session_of(doc: Document, wid: str, step: StepSpec, by: str) -> WorkshopReview:
    """The workshop's entry for ``by``'s review of ``step``, made on first use."""
    w = next((w for w in doc.workshops if w.id == wid), None)
    if w is None:
        raise UsageError(f"no workshop {shown_repr(wid)} in the document")
    found = next((r for r in w.reviews if r.step == step.slug and r.by == by), None)
    if found is None:
        found = WorkshopReview(step=step.slug, by=by, revision=doc.step(step.slug).revision)
        w.reviews.append(found)
    return found


def record_mark(
    doc: Document,
    wid: str,
    step: StepSpec,
    by: str,
    at: dt.datetime,
    item_id: str,
    mark: str,
    reason: str | None = None,
) -> None:
    """The room's verdict on an item, recorded by the reviewer of record (without a reason,
    the item's note is kept as :func:`mldwizard.core.review.mark_item` says)."""
    marked = review.mark_item(doc, step, by, at, item_id, mark, reason)
    entry = session_of(doc, wid, step, by)
    entry.marks = {**entry.marks, item_id: marked.mark}


def record_comment(
    doc: Document, wid: str, step: StepSpec, by: str, at: dt.datetime, item_id: str, text: str
) -> int:
    """A comment from the room: a thread on the item (its severity is the item's)."""
    thread = review.open_thread(doc, step, by, at, text, item_id)
    entry = session_of(doc, wid, step, by)
    entry.threads = [*entry.threads, thread.id]
    return thread.id


def record_approval(doc: Document, wid: str, step: StepSpec, by: str, at: dt.datetime) -> list[str]:
    """The reviewer approves; refused by the core (:class:`review.ApprovalBlocked`) while
    something blocks. Returns what the step's policy still lacks."""
    lacking = review.approve(doc, step, by, at)
    session_of(doc, wid, step, by).approved = True
    return lacking


def summary_markdown_lines(
    doc: Document, specs: Specs, sessions: list[WorkshopReview]
) -> list[str]:
    """The ``### Reviews`` part of a workshop's summary (nothing without a session)."""
    if not sessions:
        return []
    names = {p.handle: p.name or p.handle for p in doc.people}
    lines = ["", "### Reviews", ""]
    for entry in sessions:
        step = specs.get(entry.step)
        label = inline(step.label if step is not None else entry.step)
        marked = ", ".join(f"`{i}` {SHORT_MARK[m]}" for i, m in entry.marks.items())
        parts = [f"marked {marked}" if marked else "nothing marked"]
        if entry.threads:
            parts.append("comments " + ", ".join(f"#{n}" for n in entry.threads))
        if entry.approved:
            parts.append("approved")
        who = inline(names.get(entry.by, entry.by))
        lines.append(f"- {label} (reviewer {who}, revision {entry.revision}): {'; '.join(parts)}")
    return lines
