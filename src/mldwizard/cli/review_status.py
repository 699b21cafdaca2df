"""A step's review state for ``mldwizard status``: the JSON fields and the text table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.document import Document
from ..core.health import DocumentHealth
from ..core.review_model import Thread
from ..core.review_rules import age_days, policy_of, summarise
from ..core.specs import StepSpec


def review_json(doc: Document, step: StepSpec, now: dt.datetime) -> dict[str, Any]:
    """Approvals, items met of those counted, open threads and what blocks an approval."""
    s = summarise(doc, step)
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

    def approval(a: Any) -> dict[str, Any]:
        return {"by": a.by, "at": a.at.isoformat(), "revision": a.revision}

    return {
        "items_met": len(s.met),
        "items_counted": s.counted,
        "items_not_applicable": s.not_applicable,
        "items_unmarked": s.unmarked,
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
    }


def review_rows(health: DocumentHealth) -> list[tuple[str, ...]]:
    """One row per step with a review: step, status, approvals, items met, open, blockers."""
    rows: list[tuple[str, ...]] = []
    for s in health.steps:
        if s.state.review.is_empty():
            continue
        r = summarise(health.doc, s.step)
        approvals = ", ".join(a.by for a in r.approvals) or "-"
        if r.lacking and s.state.status == "approved":
            approvals += " (lacking)"
        rows.append(
            (
                s.step.label,
                s.state.status,
                approvals,
                f"{len(r.met)}/{r.counted}",
                str(len(r.open)),
                str(len(r.blockers)),
            )
        )
    return rows
