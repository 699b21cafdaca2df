"""Which approvals a change voids: one rule for every face that saves a change and says so.

An approval counts while the step's text is the one it approved (its digest; see
:mod:`mldwizard.core.approved_text`). A change to the text (an answer, a checklist item, the
gate's override) leaves the approvals recorded, visible, but no longer counting: the step
needs a new review. ``mldwizard set`` (one answer, or a whole ``--from`` file) names them
after "Saved", so nobody learns it first from ``check``'s MLD006.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from .approved_text import approval_counts, changed_after_approval, content_digest
from .document import Document
from .markdown_text import reader_name
from .names import and_list
from .review_model import Approval
from .review_rules import approvals_in_force
from .specs import Specs, StepSpec


@dataclass(frozen=True)
class VoidedApprovals:
    """The approvals of ``step`` that counted before a change and no longer do."""

    step: StepSpec
    approvals: list[Approval]
    """One per reviewer, in order of approval."""
    still_approved: bool
    """The step's status is still ``approved`` (a change through ``set`` leaves it so):
    ``check`` reports MLD006 until it is approved again or the change is undone."""


def voided_approvals(before: Document, after: Document, specs: Specs) -> list[VoidedApprovals]:
    """Per step, in wizard order, the approvals in force in ``before`` that ``after`` (the
    document as saved) no longer counts because the step's text changed ([] when none)."""
    out = []
    for step in specs.steps:
        if not (before.is_stored(step.slug) and after.is_stored(step.slug)):
            continue
        held = approvals_in_force(before, step)
        if not held:
            continue
        state = after.step(step.slug)
        digest = content_digest(state)
        gone = [a for a in held if not approval_counts(a, state, digest)]
        if gone:
            still = changed_after_approval(after, step.slug) is not None
            out.append(VoidedApprovals(step, gone, still))
    return out


def voided_lines(voided: list[VoidedApprovals], doc: Document, path: str) -> list[str]:
    """What a save says about the approvals it voided, a line a step: "1. Essentials was
    approved by Mira Okafor at revision 6; its text changed since, so that approval no
    longer counts: it needs a new review (mldwizard review ex.toml essentials --by HANDLE;
    until then check reports MLD006)."."""
    out = []
    for v in voided:
        names = and_list([reader_name(doc, a.by) for a in v.approvals])
        counts = "that approval no longer counts"
        if len(v.approvals) > 1:
            counts = "their approvals no longer count"
        command = shlex.join(["mldwizard", "review", path, v.step.slug, "--by", "HANDLE"])
        until = "; until then check reports MLD006" if v.still_approved else ""
        out.append(
            f"{v.step.label} was approved by {names} at revision {v.approvals[-1].revision}; "
            f"its text changed since, so {counts}: it needs a new review ({command}{until})."
        )
    return out
