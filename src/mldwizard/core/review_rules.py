"""The review rules, in one place: which items apply, what blocks an approval, what a
step's policy asks, and the summary every face shows.

A step can be approved only when it is in review with its required answers given, every
critical item that applies at the document's stage is Met (or Not applicable, which always
carries a reason), no thread on a major or critical matter is open, and no mark is stale
(see :mod:`mldwizard.core.review_staleness`). A step is approved once the approvals of its
current revision satisfy its policy: the most approvals and every role asked by the
document, the step's spec and the step itself, and one of them by someone who does not own
the step (nobody approves their own work alone). An approval by a handle that is not among
the document's people, or of a revision the step has not reached (a hand edit, a bad
merge), counts for nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .approved_text import approval_counts, content_digest
from .context import StepAnswers
from .document import Document, StepState
from .review_model import MARK_LABEL, Approval, ReviewPolicy, ReviewRound, Thread
from .review_spec import ReviewItem
from .review_staleness import changed_since_revision, marks_to_confirm, revision_answers
from .shown import missing_questions
from .specs import Specs, StepSpec
from .stages import reached

BLOCKING_SEVERITIES = ("critical", "major")


def applicable_items(doc: Document, step: StepSpec) -> list[ReviewItem]:
    """The step's review items that apply: from their stage on; an overlay's when the overlay
    applies; and one naming questions of its own step only when one of those is shown by
    the answers (a classic model's training pipeline is not reviewed on a prompted model).
    Questions of other steps (``'step.question'``) do not count for that."""
    answers = StepAnswers(doc, step.slug)
    return [
        item
        for item in step.review
        if reached(doc.stage, item.from_stage)
        and (item.applies_to is None or item.applies_to.holds(answers))
        and _asks_its_questions(step, item, answers)
    ]


def _asks_its_questions(step: StepSpec, item: ReviewItem, answers: StepAnswers) -> bool:
    own = [q for q in (step.question(qid) for qid in item.questions if "." not in qid) if q]
    return not own or any(q.visible(answers) for q in own)


def later_items(doc: Document, step: StepSpec) -> list[ReviewItem]:
    """Items left for a later stage (shown, never counted)."""
    return [i for i in step.review if not reached(doc.stage, i.from_stage)]


def policy_of(doc: Document, step: StepSpec) -> ReviewPolicy:
    """What approving the step takes: the most approvals, and every role, asked by the
    document, the step's spec and the step's own policy."""
    policies = [doc.review_policy, step.review_policy, doc.step(step.slug).review.policy]
    given = [p for p in policies if p is not None]
    roles: list[str] = []
    for policy in given:
        roles += [r for r in policy.roles if r.casefold() not in map(str.casefold, roles)]
    return ReviewPolicy(approvals=max(p.approvals for p in given), roles=roles)


def has_role(doc: Document, handle: str, role: str) -> bool:
    """Whether the person's role names ``role`` as a word, in any case ("Product" is met by
    "Product manager" and "Head of product", not by "Production engineer")."""
    person = doc.person(handle)
    if person is None:
        return False
    return re.search(rf"(?<!\w){re.escape(role.strip())}(?!\w)", person.role, re.I) is not None


def current_approvals(state: StepState) -> list[Approval]:
    """The approvals of the step as it stands, one per reviewer (the latest): of its text
    (by digest), or for an approval without one, of its current revision."""
    digest = content_digest(state)
    latest: dict[str, Approval] = {}
    for approval in state.review.approvals:
        if approval_counts(approval, state, digest):
            latest[approval.by] = approval
    return list(latest.values())


def failed_critical_since(doc: Document, step: StepSpec) -> dt.datetime | None:
    """When the latest critical item that applies was marked Not met or Partial (None when
    none is): an approval given before that is no longer in force."""
    marks = doc.step(step.slug).review.marks
    failed = [
        marks[i.id].at
        for i in applicable_items(doc, step)
        if i.severity == "critical" and i.id in marks and marks[i.id].mark in ("not-met", "partial")
    ]
    return max(failed, default=None)


def recorded_by_a_person(doc: Document, state: StepState, approval: Approval) -> bool:
    """Whether an approval can count at all: by one of the document's people, of a revision
    the step has reached (else a hand edit or a bad merge made it; ``check`` says so)."""
    return doc.person(approval.by) is not None and approval.revision <= state.revision


def approvals_in_force(doc: Document, step: StepSpec) -> list[Approval]:
    """The current revision's approvals less those a later critical Not met or Partial mark
    withdrew (the reviewer failed the step after it was approved), and those that cannot
    count (see :func:`recorded_by_a_person`)."""
    state = doc.step(step.slug)
    approvals = [a for a in current_approvals(state) if recorded_by_a_person(doc, state, a)]
    failed = failed_critical_since(doc, step)
    return approvals if failed is None else [a for a in approvals if a.at > failed]


def earlier_approvals(state: StepState) -> list[Approval]:
    """Approvals of an earlier text (or revision): kept and shown, no longer counted."""
    digest = content_digest(state)
    return [a for a in state.review.approvals if not approval_counts(a, state, digest)]


def last_approved(state: StepState) -> list[Approval]:
    """Every approval of the text approved last, once it no longer counts (the step changed
    since): the newest earlier approval and those of the same text (its digest; for an
    approval without one, its revision), one per reviewer, in order of approval. [] when
    no earlier approval is kept. A co-approver of that text is named as much as the last."""
    earlier = earlier_approvals(state)
    if not earlier:
        return []
    newest = max(earlier, key=lambda a: a.at)
    same: dict[str, Approval] = {}
    for approval in sorted(earlier, key=lambda a: a.at):
        if _same_text(approval, newest):
            same.pop(approval.by, None)
            same[approval.by] = approval
    return list(same.values())


def _same_text(approval: Approval, newest: Approval) -> bool:
    if newest.digest is not None:
        return approval.digest == newest.digest
    return approval.digest is None and approval.revision == newest.revision


def approvals_lacking(doc: Document, step: StepSpec, approvals: list[Approval]) -> list[str]:
    """What the policy still needs beyond ``approvals`` ([] when they satisfy it)."""
    policy = policy_of(doc, step)
    out = []
    reviewers = {a.by for a in approvals}
    if len(reviewers) < policy.approvals:
        out.append(
            f"{policy.approvals} approval{'s' if policy.approvals > 1 else ''} needed, "
            f"{len(reviewers)} given "
            f"({', '.join(sorted(reviewers)) or 'none'})"
        )
    for role in policy.roles:
        if not any(has_role(doc, handle, role) for handle in reviewers):
            out.append(f"an approval from a person with role {role!r}")
    if _owners_only(doc, step, reviewers):
        owners = ", ".join(dict.fromkeys(doc.step(step.slug).owners))
        out.append(f"{NOT_AN_OWNER} (its owners: {owners})")
    return out


NOT_AN_OWNER = "an approval from someone who does not own the step"


def _owners_only(doc: Document, step: StepSpec, reviewers: set[str]) -> bool:
    """Approvals given, all by owners of the step: nobody approves their own work alone."""
    return bool(reviewers) and reviewers <= set(doc.step(step.slug).owners)


def still_needed(doc: Document, step: StepSpec, approvals: list[Approval]) -> list[str]:
    """What the policy still needs beyond ``approvals``, in a reader's words ("1 more
    approval", "an approval from a person with role 'sponsor'"); [] when they satisfy it."""
    policy = policy_of(doc, step)
    reviewers = {a.by for a in approvals}
    out = []
    more = policy.approvals - len(reviewers)
    if more > 0:
        out.append(f"{more} more approval{'s' if more > 1 else ''}")
    for role in policy.roles:
        if not any(has_role(doc, handle, role) for handle in reviewers):
            out.append(f"an approval from a person with role {role!r}")
    if _owners_only(doc, step, reviewers):
        out.append(NOT_AN_OWNER)
    return out


def needed_after(doc: Document, step: StepSpec, by: str) -> list[str]:
    """What the policy would still need once ``by`` approved the current revision."""
    state = doc.step(step.slug)
    mine = Approval(
        by=by,
        at=dt.datetime.now(dt.UTC),
        revision=state.revision,
        digest=content_digest(state),
    )
    return still_needed(doc, step, [*approvals_in_force(doc, step), mine])


def open_threads(state: StepState) -> list[Thread]:
    return [t for t in state.review.threads if t.state == "open"]


NOT_MARKED = "not marked"
""":func:`unmet_critical`'s word for a critical item without a mark."""


def unmet_critical(doc: Document, step: StepSpec) -> list[tuple[ReviewItem, str]]:
    """Critical items that apply and are neither Met nor Not applicable, with their mark."""
    marks = doc.step(step.slug).review.marks
    out = []
    for item in applicable_items(doc, step):
        mark = marks.get(item.id)
        done = mark is not None and mark.mark in ("met", "not-applicable")
        if item.severity == "critical" and not done:
            out.append((item, NOT_MARKED if mark is None else MARK_LABEL[mark.mark].lower()))
    return out


def approval_refusals(doc: Document, step: StepSpec) -> list[str]:
    """Why an approval by anyone would be refused now: what blocks it
    (:func:`approval_blockers`) and, for a step approved already whose approvals still meet
    its policy, that it is not in review. The faces' approve action and
    :func:`mldwizard.core.review.approve` ask this; the summaries show the blockers (an
    approved step says who approved it instead)."""
    state = doc.step(step.slug)
    out = approval_blockers(doc, step)
    if state.status == "approved":
        approvals = approvals_in_force(doc, step)
        if approvals and not approvals_lacking(doc, step, approvals):
            who = ", ".join(dict.fromkeys(a.by for a in approvals))
            out.insert(
                0,
                f"it is approved already (revision {state.revision}, by {who}): only a step "
                "in review can be approved; a change to its answers sends it back to review",
            )
    return out


def approval_blockers(doc: Document, step: StepSpec) -> list[str]:
    """Why the step cannot be approved now, each said so the author knows what to do."""
    state = doc.step(step.slug)
    out = []
    if state.status not in ("review", "approved"):
        out.append(
            f"it is {state.status}: only a step in review can be approved "
            "(set its status to review first: F3 in the wizard, set --status review on the command "
            "line)"
        )
    missing = [q.id for q in missing_questions(doc, step)]
    if step.kind == "feasibility":
        missing += [i.id for i in step.items if doc.feasibility.status_of(i.id) is None]
    if missing:
        out.append("required answers missing: " + ", ".join(missing))
    for item, mark in unmet_critical(doc, step):
        out.append(f"critical item {item.id} is {mark}: {item.text}")
    for thread in open_threads(state):
        if thread.severity in BLOCKING_SEVERITIES:
            about = f" on {thread.item}" if thread.item else ""
            out.append(f"{thread.severity} comment #{thread.id}{about} is open: {thread.text}")
    out += [m.blocker for m in marks_to_confirm(doc, step, applicable_items(doc, step))]
    return out


def latest_round(state: StepState) -> ReviewRound | None:
    return max(state.review.rounds, key=lambda r: r.at, default=None)


def diff_base(state: StepState) -> ReviewRound | None:
    """The review a change is shown against: the approved revision's, when the step was
    approved and changed since (no approval of the current revision); else the latest
    review of an earlier revision, until someone marks an item of the current one (a look
    alone does not hide what changed). None when there is nothing to compare."""
    rounds = state.review.rounds
    stale = earlier_approvals(state)
    if stale and not current_approvals(state):
        approved = max(stale, key=lambda a: a.at).revision
        seen = [r for r in rounds if r.revision == approved]
        if seen:
            return max(seen, key=lambda r: r.at)
    if any(m.revision == state.revision for m in state.review.marks.values()):
        return None
    earlier = [r for r in rounds if r.revision != state.revision]
    return max(earlier, key=lambda r: r.at) if earlier else None


def reviewed_answers(state: StepState, reviewed: ReviewRound) -> dict[str, Any]:
    """The answers as the round saw them (stored on one round of its revision, when a change
    made the next revision; {} while none has)."""
    return reviewed.answers or revision_answers(state, reviewed.revision)


def changed_since(state: StepState, reviewed: ReviewRound) -> list[str]:
    """The question ids whose answers differ from what the round reviewed ([] for a round of
    the current revision: its answers were never stored, a change by hand or a merge made
    no new revision, and which answers it changed is not known). The same rule makes a
    mark stale (:func:`mldwizard.core.review_staleness.marks_to_confirm`)."""
    return changed_since_revision(state, reviewed.revision, reviewed_answers(state, reviewed))


@dataclass
class ReviewSummary:
    """A step's review state, as status, check and the document show it."""

    applicable: list[ReviewItem]
    met: list[str]
    not_applicable: list[str]
    unmarked: list[str]
    open: list[Thread]
    resolved: list[Thread]
    approvals: list[Approval]
    earlier: list[Approval]
    lacking: list[str]
    blockers: list[str]
    latest: ReviewRound | None
    since: ReviewRound | None = None
    """The review the changes are against (see :func:`diff_base`)."""
    changed: list[str] = field(default_factory=list)
    last: list[Approval] = field(default_factory=list)
    """Every approval of the text approved last, while none counts (see
    :func:`last_approved`)."""

    @property
    def counted(self) -> int:
        """Items that count towards "n of m met": those that apply, less not applicable."""
        return len(self.applicable) - len(self.not_applicable)


def summarise(doc: Document, step: StepSpec, *, blockers: bool = True) -> ReviewSummary:
    """The step's review state; ``blockers=False`` leaves out what blocks an approval and
    what the policy lacks (the document's line does not show them, and is rendered on
    every save)."""
    state = doc.step(step.slug)
    items = applicable_items(doc, step)
    marks = state.review.marks
    approvals = approvals_in_force(doc, step)
    latest = latest_round(state)
    since = diff_base(state)
    return ReviewSummary(
        applicable=items,
        met=[i.id for i in items if i.id in marks and marks[i.id].mark == "met"],
        not_applicable=[
            i.id for i in items if i.id in marks and marks[i.id].mark == "not-applicable"
        ],
        unmarked=[i.id for i in items if i.id not in marks],
        open=open_threads(state),
        resolved=[t for t in state.review.threads if t.state == "resolved"],
        approvals=approvals,
        earlier=earlier_approvals(state),
        lacking=approvals_lacking(doc, step, approvals) if blockers else [],
        blockers=approval_blockers(doc, step) if blockers else [],
        latest=latest,
        since=since,
        changed=changed_since(state, since) if since is not None else [],
        last=[] if approvals else last_approved(state),
    )


def reviewed_steps(doc: Document, specs: Specs) -> list[tuple[StepSpec, ReviewSummary]]:
    """Steps with any review recorded, in wizard order (a step without one costs nothing:
    every save renders the document)."""
    out = []
    for step in specs.steps:
        if doc.is_stored(step.slug) and not doc.step(step.slug).review.is_empty():
            out.append((step, summarise(doc, step, blockers=False)))
    return out


def age_days(since: dt.datetime, now: dt.datetime) -> int:
    return max(0, (now - since).days)
