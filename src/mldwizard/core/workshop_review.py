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
from .kinds import is_answered
from .mdsafe import inline
from .names import shown_repr
from .review_model import MARK_LABEL, MARKS, Mark, Thread
from .review_rules import BLOCKING_SEVERITIES, applicable_items, later_items, summarise
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
    if not step.review:
        raise UsageError(f"{step.label} has no review items for the room to walk{_instead(step)}")
    if not applicable_items(doc, step):
        stage = STAGE_LABEL[doc.stage].lower()
        later = later_items(doc, step)
        why = (
            f"its {len(later)} review item(s) apply from a later stage"
            if later
            else "none of its review items applies to its answers"
        )
        raise UsageError(f"{step.label}: nothing to review at the {stage} stage: {why}")
    return step


def _instead(step: StepSpec) -> str:
    if step.kind == "stage-gate":
        return (
            ": a stage gate is decided by marking its own items (in the wizard, or "
            f"`mldwizard workshop PATH --steps {step.slug}`), and approved with "
            f"`mldwizard review PATH {step.slug} --by HANDLE --approve`"
        )
    return ""


def session_items(doc: Document, step: StepSpec) -> list[ReviewItem]:
    """The items the room walks: those that apply at the document's stage, in spec order."""
    return applicable_items(doc, step)


@dataclass(frozen=True)
class LookedAt:
    """An answer an item looks at, as the room reads it."""

    title: str
    answer: str
    """The answer as the reader's document has it (Markdown: a face renders it); "" if
    none."""
    where: str = ""
    """The step's label when the question is another step's."""


def looked_at(doc: Document, specs: Specs, step: StepSpec, item: ReviewItem) -> list[LookedAt]:
    from .markdown import answer_markdown  # the document's renderer imports this module

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
            text = answer_markdown(doc, question, value, f"{other.slug}-{qid}")
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


SHORT = 60
"""How much of an item's or a comment's text a summary line shows."""


def shortened(text: str, width: int = SHORT) -> str:
    """The text on one line, cut at a word with "…" past ``width`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0] if " " in flat[: width - 1] else flat[: width - 1]
    return cut.rstrip(" ,;:.") + "…"


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


THREAD_KEYS: dict[str, str] = {"R": "resolve", "C": "close", "O": "reopen"}
"""The session's keys for the comment threads of the page shown (the item's; on the
summary, the chapter's), acting as the reviewer of record."""

THREAD_DONE = {"resolve": "resolves", "close": "closes", "reopen": "reopens"}


def page_threads(doc: Document, step: StepSpec, item: ReviewItem | None) -> list[Thread]:
    """The threads the page's keys act on: the item's; on the summary (None), every thread
    of the chapter."""
    threads = doc.step(step.slug).review.threads
    return [t for t in threads if item is None or t.item == item.id]


def thread_choices(
    doc: Document, step: StepSpec, item: ReviewItem | None, by: str, action: str
) -> list[Thread]:
    """The page's threads that ``by`` may ``action`` now (the core's rules)."""
    return [
        t for t in page_threads(doc, step, item) if review.thread_refusal(t, by, action, "") is None
    ]


def thread_refused(
    doc: Document, step: StepSpec, item: ReviewItem | None, by: str, action: str
) -> str:
    """Why nothing on the page can be ``action``-ed by ``by``, in the room's words."""
    threads = page_threads(doc, step, item)
    where = "this item" if item is not None else "this chapter"
    if not threads:
        return f"There is no comment on {where} to {action}."
    why = []
    for t in threads:
        if action == "close" and t.state != "closed":
            why.append(f"#{t.id} was opened by {t.author}: only they close it (R resolves it)")
        elif action == "resolve":
            why.append(f"#{t.id} is {t.state}: only an open comment can be resolved")
        else:
            why.append(f"#{t.id} is {'already ' if t.state != 'open' else ''}{t.state}")
    return f"Nothing on {where} to {action}: " + "; ".join(why) + "."


def thread_keys(thread: Thread, by: str) -> str:
    """``R resolves it, C closes it``: the keys that clear an open thread for ``by``."""
    keys = [
        f"{key} {THREAD_DONE[action]} it"
        for key, action in THREAD_KEYS.items()
        if action != "reopen" and review.thread_refusal(thread, by, action, "") is None
    ]
    return ", ".join(keys)


def record_thread_action(
    doc: Document, step: StepSpec, by: str, at: dt.datetime, number: int, action: str
) -> Thread:
    """The room resolves, closes or reopens a thread, as the reviewer of record."""
    return review.change_thread(doc, step, by, at, number, action)


def session_summary(doc: Document, step: StepSpec, by: str | None = None) -> SessionSummary:
    """``by``: the reviewer of record; a blocker that is an open thread then says which
    session key clears it."""
    s = summarise(doc, step)
    marks = doc.step(step.slug).review.marks
    lines = []
    for item in s.applicable:
        mark = marks.get(item.id)
        shown = SHORT_MARK[mark.mark] if mark else "not marked"
        lines.append(f"{shortened(item.text)} ({item.severity}): {shown}")
    blockers = list(s.blockers)
    if by is not None:
        for thread in s.open:
            said = f"{thread.severity} comment #{thread.id}"
            keys = thread_keys(thread, by) if thread.severity in BLOCKING_SEVERITIES else ""
            for n, blocker in enumerate(blockers):
                if keys and blocker.startswith(f"{said} "):
                    blockers[n] = f"{blocker} ({keys})"
    return SessionSummary(lines, blockers, s.lacking, sorted(a.by for a in s.approvals))


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
            stored = doc.is_stored(entry.step)
            review_threads = doc.step(entry.step).review.threads if stored else []
            said = {t.id: t.text for t in review_threads}
            parts.append(
                "comments "
                + ", ".join(
                    f"#{n} ({inline(shortened(said[n]))})" if n in said else f"#{n}"
                    for n in entry.threads
                )
            )
        if entry.approved:
            parts.append("approved")
        who = inline(names.get(entry.by, entry.by))
        lines.append(f"- {label} (reviewer {who}, revision {entry.revision}): {'; '.join(parts)}")
    return lines
