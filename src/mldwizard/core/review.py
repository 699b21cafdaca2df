"""Changes a reviewer or an author makes to a step's review, each checked here.

Every face marks items, comments, answers threads and approves through these functions and
saves with :mod:`mldwizard.core.storage` (under its lock, merged), so the rules hold
whatever the face. Whoever acts must be among the document's people.
"""

from __future__ import annotations

import datetime as dt

from .approved_text import content_digest
from .document import Document
from .errors import UsageError
from .names import shown_repr
from .review_model import (
    MARK_LABEL,
    MARKS,
    Action,
    Approval,
    ItemMark,
    Mark,
    Reply,
    ReviewRound,
    Thread,
    ThreadState,
)
from .review_rules import (
    approval_blockers,
    approval_refusals,
    approvals_in_force,
    approvals_lacking,
)
from .review_spec import SEVERITIES, ReviewItem, Severity
from .specs import StepSpec
from .stored_text import refuse_controls


class ReasonNeeded(UsageError):
    """A not-applicable mark without a reason (the faces say how to give one)."""


class ApprovalBlocked(UsageError):
    """``--approve`` refused: the step does not meet the rules yet (nothing was written)."""

    def __init__(self, label: str, blockers: list[str]) -> None:
        self.blockers = blockers
        lines = [f"{label} cannot be approved yet; nothing was written:"]
        lines += [f"  - {b}" for b in blockers]
        super().__init__("\n".join(lines))


def check_person(doc: Document, handle: str, what: str = "--by") -> None:
    if doc.person(handle) is None:
        people = ", ".join(p.handle for p in doc.people) or "none yet (add one with "
        people += "" if doc.people else "`mldwizard person`)"
        raise UsageError(
            f"{what} {shown_repr(handle)} is not among the document's people; "
            f"the people are: {people}"
        )


def review_item(step: StepSpec, item_id: str) -> ReviewItem:
    item = next((i for i in step.review if i.id == item_id), None)
    if item is None:
        ids = ", ".join(i.id for i in step.review) or "none (its spec has no [[review]] items)"
        raise UsageError(
            f"{step.slug}: no review item {shown_repr(item_id)}; its review items are: {ids}"
        )
    return item


def parse_mark(text: str) -> Mark:
    wanted = text.strip().lower().replace(" ", "-").replace("_", "-")
    for mark in MARKS:
        if wanted == mark:
            return mark
    raise UsageError(f"mark {shown_repr(text)} is not allowed; choose one of: {', '.join(MARKS)}")


def parse_severity(text: str) -> Severity:
    for severity in SEVERITIES:
        if text.strip().lower() == severity:
            return severity
    raise UsageError(
        f"severity {shown_repr(text)} is not allowed; choose one of: {', '.join(SEVERITIES)}"
    )


def start_round(doc: Document, step: StepSpec, by: str, at: dt.datetime) -> None:
    """The reviewer looks at the step's current revision: a round records it once a day
    (a review of the same revision on a later day, in a workshop say, is a round of its
    own: the document's "Reviewed by ... on DATE" is that day's). The answers it saw are
    stored when a change makes the next revision (see
    :func:`mldwizard.core.review_merge.keep_reviewed_answers`), not at every review; the
    digest of the text it saw is recorded on it (see :mod:`mldwizard.core.approved_text`)."""
    check_person(doc, by)
    state = doc.step(step.slug)
    review = state.review
    digest = content_digest(state)
    same = [
        r
        for r in review.rounds
        if r.by == by and r.revision == state.revision and r.at.date() == at.date()
    ]
    if not any(r.digest in (None, digest) for r in same):
        review.rounds.append(ReviewRound(by=by, at=at, revision=state.revision, digest=digest))
    state.reviewed = at


ASSESSED: frozenset[str] = frozenset({"met", "partial", "not-met"})
"""The marks that judge the item (the others say it does not apply yet)."""


def kept_note(old: ItemMark | None, new: Mark) -> str:
    """The note a re-mark keeps when it gives none: the same mark keeps its note (a reviewer
    confirming a mark keeps its evidence). A changed mark keeps nothing: a note justifies
    one verdict (the evidence for Met is not a reason for Not met), and keeping it would
    record, dated today and credited to this reviewer, a judgement nobody made."""
    if old is None:
        return ""
    return old.reason if old.mark == new else ""


def dropped_note(old: ItemMark | None, new: Mark, reason: str | None) -> str:
    """The note a re-mark without a reason of its own drops ("" when none is): the faces say
    so and ask for the new mark's reason."""
    if old is None or reason is not None or old.mark == new:
        return ""
    return old.reason


def dropped_note_line(
    item_id: str, old: ItemMark | None, new: Mark, reason: str | None, how: str
) -> str | None:
    """What the command line says when a changed mark drops the old mark's note (None when
    nothing was dropped); ``how`` says how to give the new reason ("--reason TEXT")."""
    dropped = dropped_note(old, new, reason)
    if old is None or not dropped:
        return None
    return (
        f"{item_id}: the note written for {MARK_LABEL[old.mark]} was dropped "
        f"(it was: {shown_repr(dropped)}); give {how} for {MARK_LABEL[new]}"
    )


FAILING: frozenset[str] = frozenset({"not-met", "partial"})
"""The marks of a critical item that block an approval."""


def overrule_refusal(
    doc: Document, step: StepSpec, item: ReviewItem, old: ItemMark | None, by: str
) -> str | None:
    """Why ``by`` may not mark the item again (None: they may). An owner of the step does
    not overrule another person's Not met or Partial on a critical item (not even to restate
    it: the mark would become theirs): they answer in its thread, and that reviewer, or
    another who does not own the step, marks it again."""
    if item.severity != "critical" or old is None or old.mark not in FAILING or old.by == by:
        return None
    if by not in doc.step(step.slug).owners:
        return None
    return (
        f"{step.slug}.{item.id}: {old.by} marked this critical item {MARK_LABEL[old.mark]}; "
        f"{by} owns {step.label} and does not overrule a reviewer's verdict on it: answer in "
        f"its comment thread, and {old.by} (or another reviewer who does not own the step) "
        "marks it again"
    )


def mark_item(
    doc: Document,
    step: StepSpec,
    by: str,
    at: dt.datetime,
    item_id: str,
    mark: str,
    reason: str | None = None,
) -> ItemMark:
    """Mark an item. ``reason`` is the mark's note (its evidence, or why it does not apply):
    None keeps the note the item has (see :func:`kept_note`), "" clears it, a text replaces
    it. A not-applicable mark always ends up with a reason of its own."""
    item = review_item(step, item_id)
    value = parse_mark(mark)
    old = doc.step(step.slug).review.marks.get(item.id)
    refusal = overrule_refusal(doc, step, item, old, by)
    if refusal is not None:
        raise UsageError(refusal)
    note = kept_note(old, value) if reason is None else reason.strip()
    if reason is not None and (old is None or note != old.reason):
        refuse_controls(f"{step.slug}.{item.id}: the note", note)
    if value == "not-applicable" and not note:
        raise ReasonNeeded(
            f"{step.slug}.{item.id}: not-applicable needs a reason: why it does not apply at "
            "this stage"
        )
    start_round(doc, step, by, at)
    state = doc.step(step.slug)
    held_before = not approvals_lacking(doc, step, approvals_in_force(doc, step))
    marked = ItemMark(
        mark=value,
        reason=note,
        by=by,
        at=at,
        revision=state.revision,
        digest=content_digest(state),
    )
    state.review.marks[item.id] = marked
    held_after = not approvals_lacking(doc, step, approvals_in_force(doc, step))
    if state.status == "approved" and held_before and not held_after:
        # A critical item failed after the approval: it is no longer in force, and the step
        # goes back to review (as an edit of an approved answer sends it).
        state.status = "review"
    elif (
        state.status == "review"
        and not held_before
        and held_after
        and approvals_in_force(doc, step)
        and not approval_blockers(doc, step)
    ):
        # The failing mark was taken back: the approvals of this revision hold again.
        state.status = "approved"
    return marked


def open_thread(
    doc: Document,
    step: StepSpec,
    by: str,
    at: dt.datetime,
    text: str,
    item_id: str | None = None,
    severity: str | None = None,
) -> Thread:
    """A new comment; its severity is the item's unless given (minor without an item)."""
    item = review_item(step, item_id) if item_id is not None else None
    if not text.strip():
        raise UsageError(f"{step.slug}: a comment needs text")
    refuse_controls(f"{step.slug}: the comment", text.strip())
    level: Severity = (
        parse_severity(severity)
        if severity is not None
        else item.severity
        if item is not None
        else "minor"
    )
    start_round(doc, step, by, at)
    review = doc.step(step.slug).review
    number = max((t.id for t in review.threads), default=0) + 1
    thread = Thread(
        id=number,
        item=item.id if item else None,
        severity=level,
        author=by,
        at=at,
        text=text.strip(),
    )
    review.threads.append(thread)
    return thread


def thread_of(doc: Document, step: StepSpec, number: int) -> Thread:
    thread = doc.step(step.slug).review.thread(number)
    if thread is None:
        threads = doc.step(step.slug).review.threads
        have = ", ".join(f"#{t.id} ({t.state})" for t in threads) or "none yet"
        raise UsageError(f"{step.slug}: no comment thread #{number}; its threads are: {have}")
    return thread


def reply(
    doc: Document, step: StepSpec, by: str, at: dt.datetime, number: int, text: str
) -> Thread:
    check_person(doc, by)
    thread = thread_of(doc, step, number)
    if not text.strip():
        raise UsageError(f"{step.slug}: a reply to #{number} needs text")
    refuse_controls(f"{step.slug}: the reply to #{number}", text.strip())
    thread.replies = [*thread.replies, Reply(by=by, at=at, text=text.strip())]
    return thread


THREAD_ACTIONS: tuple[Action, ...] = ("resolve", "close", "reopen")


def thread_refusal(thread: Thread, by: str, action: str, where: str) -> str | None:
    """Why ``by`` may not ``action`` the thread now (None: they may)."""
    if action == "resolve":
        if thread.state != "open":
            return f"{where} is {thread.state}; only an open thread can be resolved"
        return None
    if action == "close":
        if thread.state == "closed":
            return f"{where} is already closed (reopen it to continue)"
        if by != thread.author:
            return (
                f"{where} was opened by {thread.author}: only they close it "
                "(the author marks it resolved: --resolve)"
            )
        return None
    if action == "reopen":
        return f"{where} is already open" if thread.state == "open" else None
    return f"unknown thread action {shown_repr(action)}"


def thread_actions(thread: Thread, by: str) -> list[Action]:
    """What ``by`` may do to the thread now (besides replying, which anyone may)."""
    return [a for a in THREAD_ACTIONS if thread_refusal(thread, by, a, "") is None]


def change_thread(
    doc: Document,
    step: StepSpec,
    by: str,
    at: dt.datetime,
    number: int,
    action: str,
    text: str = "",
) -> Thread:
    """resolve (open -> resolved: the author says it is dealt with), close (open or resolved
    -> closed: only the reviewer who opened it), reopen (resolved or closed -> open)."""
    check_person(doc, by)
    thread = thread_of(doc, step, number)
    refusal = thread_refusal(thread, by, action, f"{step.slug} #{number}")
    if refusal is not None:
        raise UsageError(refusal)
    act: Action = "resolve" if action == "resolve" else "close" if action == "close" else "reopen"
    new: ThreadState = "resolved" if act == "resolve" else "closed" if act == "close" else "open"
    thread.replies = [*thread.replies, Reply(by=by, at=at, text=text.strip(), action=act)]
    thread.state = new
    return thread


def approve(doc: Document, step: StepSpec, by: str, at: dt.datetime) -> list[str]:
    """Record ``by``'s approval of the step's current revision, with the item marks.

    Raises :class:`ApprovalBlocked` listing every blocker. The step becomes approved once
    its policy is met; returns what the policy still lacks ([] when approved)."""
    check_person(doc, by)
    blockers = approval_refusals(doc, step)
    if blockers:
        raise ApprovalBlocked(step.label, blockers)
    start_round(doc, step, by, at)
    state = doc.step(step.slug)
    marks = {i: m.mark for i, m in state.review.marks.items()}
    approval = Approval(
        by=by, at=at, revision=state.revision, digest=content_digest(state), marks=marks
    )
    state.review.approvals.append(approval)
    lacking = approvals_lacking(doc, step, approvals_in_force(doc, step))
    state.status = "review" if lacking else "approved"
    return lacking
