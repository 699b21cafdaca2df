"""``check`` findings about reviews (MLD030-MLD032), for one step at a time.

* MLD030: a critical review item that applies is marked Not met or Partial on a step in
  review (warning) or approved (error); on an approved step with approvals recorded, a
  critical item not marked at all (added to the spec since?) too;
* MLD031: a comment thread still open, with its age (an error when it is critical or major
  on an approved step: the approval rules say it blocks);
* MLD032: an approved step whose approvals lack what its policy asks (a count, a role, one
  by someone who does not own the step); an approval that cannot count (see
  :func:`mldwizard.core.review_rules.recorded_by_a_person`) is left out;
* and the records no person made through mldwizard (:mod:`mldwizard.core.review_record_checks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .document import Document
from .review_model import MARK_LABEL, ReviewPolicy
from .review_record_checks import record_findings
from .review_rules import (
    BLOCKING_SEVERITIES,
    age_days,
    applicable_items,
    approvals_lacking,
    policy_of,
    recorded_by_a_person,
)
from .specs import StepSpec

Add = Callable[..., None]


def review_findings(doc: Document, step: StepSpec, now: dt.datetime, add: Add) -> None:
    """Report through ``add(code, severity, message, **details)``."""
    if not doc.is_stored(step.slug):
        return
    state = doc.step(step.slug)
    review, label, status = state.review, step.label, state.status
    if status in ("review", "approved"):
        for item in applicable_items(doc, step):
            if item.severity != "critical":
                continue
            mark = review.marks.get(item.id)
            if mark is None and not (status == "approved" and review.approvals):
                continue
            if mark is not None and mark.mark in ("met", "not-applicable"):
                continue
            shown = "not marked" if mark is None else MARK_LABEL[mark.mark].lower()
            add(
                "MLD030",
                "error" if status == "approved" else "warning",
                f"{label} ({status}): critical review item {item.id} is {shown}: {item.text}",
                item=item.id,
                mark=None if mark is None else mark.mark,
            )
    for thread in review.threads:
        if thread.state != "open":
            continue
        days = age_days(thread.at, now)
        blocking = thread.severity in BLOCKING_SEVERITIES and status == "approved"
        about = f" on {thread.item}" if thread.item else ""
        add(
            "MLD031",
            "error" if blocking else "warning",
            f"{label}: {thread.severity} comment #{thread.id}{about} by {thread.author} "
            f"open for {days} day(s): {thread.text}",
            thread=thread.id,
            item=thread.item,
            comment_severity=thread.severity,
            age_days=days,
        )
    if status == "approved" and (review.approvals or policy_of(doc, step) != ReviewPolicy()):
        latest: dict[str, Any] = {
            a.by: a for a in review.approvals if recorded_by_a_person(doc, state, a)
        }
        lacking = approvals_lacking(doc, step, list(latest.values()))
        if lacking:
            add(
                "MLD032",
                "error",
                f"{label} is approved, but its approvals lack: " + "; ".join(lacking),
                lacking=lacking,
            )
    record_findings(doc, step, now, add)
