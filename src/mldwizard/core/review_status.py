"""A step's review state as ``status`` and the wizard's status screen (F5) show it: who
approved which revision, items met, critical items not met, open threads, and whether an
approval is possible. One place, so the CLI, its JSON and F5 say the same thing; the rules
themselves are :mod:`mldwizard.core.review_rules`'."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .approved_text import changed_after_approval
from .document import Document
from .health import DocumentHealth
from .review_model import Approval, Thread
from .review_rules import ReviewSummary, age_days, policy_of, summarise, unmet_critical
from .specs import StepSpec

ApprovalState = Literal["approved", "blocked", "more needed", "can approve"]
"""``approved``: the approvals of the current revision satisfy the policy; ``blocked``: an
approval would be refused (the blockers say why); ``more needed``: approved by some, the
policy asks for more; ``can approve``: nothing blocks an approval, none given yet."""


@dataclass(frozen=True)
class StepReviewState:
    step: StepSpec
    status: str
    summary: ReviewSummary
    critical_not_met: list[str]
    """The ids of critical items that apply and are neither Met nor Not applicable."""
    revision: int = 0
    """The step's current revision."""

    @property
    def approval(self) -> ApprovalState:
        s = self.summary
        if s.approvals and not s.lacking:
            return "approved"
        if s.blockers:
            return "blocked"
        return "more needed" if s.approvals else "can approve"

    @property
    def approved_by(self) -> str:
        """``carmen, mira (r9)``: who approved the current revision (9); when the step
        changed since its last approval, ``mira (r5, earlier)``; ``-`` for none."""
        s = self.summary
        shown = s.approvals or s.last
        if not shown:
            return "-"
        revision = (s.approvals or s.last[-1:])[0].revision  # the newest, when none counts
        who = ", ".join(dict.fromkeys(a.by for a in shown))
        if s.approvals:
            return f"{who} (r{revision})"
        # The same revision, yet no longer counted: its text changed outside mldwizard.
        return f"{who} (r{revision}, {'changed since' if revision == self.revision else 'earlier'})"


def step_review_state(doc: Document, step: StepSpec) -> StepReviewState:
    return StepReviewState(
        step=step,
        status=doc.step(step.slug).status,
        summary=summarise(doc, step),
        critical_not_met=[item.id for item, _ in unmet_critical(doc, step)],
        revision=doc.step(step.slug).revision,
    )


def review_states(health: DocumentHealth) -> list[StepReviewState]:
    """The steps with a review recorded, in wizard order ([] for a document without one)."""
    return [
        step_review_state(health.doc, s.step) for s in health.steps if not s.state.review.is_empty()
    ]


def review_json(doc: Document, step: StepSpec, now: dt.datetime) -> dict[str, Any]:
    """Approvals, items met of those counted, open threads and what blocks an approval."""
    state = step_review_state(doc, step)
    s = state.summary
    policy = policy_of(doc, step)

    def thread(t: Thread) -> dict[str, Any]:
        return {
            "id": t.id,
            "item": t.item,
            "severity": t.severity,
            "author": t.author,
            "opened": t.at.isoformat(),
            "age_days": age_days(t.at, now),
            "text": t.text,
            "replies": len(t.replies),
        }

    def approval(a: Approval) -> dict[str, Any]:
        return {"by": a.by, "at": a.at.isoformat(), "revision": a.revision}

    return {
        "approval": state.approval,
        "items_met": len(s.met),
        "items_counted": s.counted,
        "items_not_applicable": s.not_applicable,
        "items_unmarked": s.unmarked,
        "critical_not_met": state.critical_not_met,
        "open_threads": [thread(t) for t in s.open],
        "resolved_threads": [thread(t) for t in s.resolved],
        "approvals": [approval(a) for a in s.approvals],
        "earlier_approvals": [approval(a) for a in s.earlier],
        "required": {"approvals": policy.approvals, "roles": policy.roles},
        "approvals_lacking": s.lacking,
        "blockers": s.blockers,
        "last_review": None
        if s.latest is None
        else {"by": s.latest.by, "at": s.latest.at.isoformat(), "revision": s.latest.revision},
        "changed_since_review": s.changed,
        "changed_since_approval": changed_after_approval(doc, step.slug) is not None,
    }
