"""Edits from the gate's override panel and the checklist's rows, applied through the core."""

from __future__ import annotations

from ...core import edits
from ...core.checklist_items import set_checklist_item
from ...core.errors import UsageError
from ...core.feasibility import FeasibilityResult
from ...core.session import Session
from ...core.specs import StepSpec
from ...core.verdicts import feasibility_result
from ..widgets.checklist import RowValues
from .outcomes import OUTCOMES

NEEDS_LEVEL = "pick the level to override to (or clear the reason)"


def apply_override(session: Session, level: str | None, reason: str) -> str | None:
    """Set the gate override in the working copy; the problem if it is not valid yet (the
    document then keeps what it had, and the screen keeps the draft)."""
    if level is None and reason.strip():
        return NEEDS_LEVEL
    try:
        edits.set_override(session.doc, level, reason or None)
    except UsageError as exc:
        return str(exc)
    return None


def apply_item(session: Session, item_id: str, values: RowValues) -> FeasibilityResult | None:
    """Set a checklist item from its row's values (see :func:`store_row`); the result if
    this made it a NO-GO, a PIVOT or a SCOPE-DOWN (the outcome screen opens)."""
    doc, step = session.doc, session.specs.feasibility
    if step is None:  # no checklist, no rows
        return None
    before = feasibility_result(doc, session.specs)
    store_row(session, step, item_id, values)
    after = feasibility_result(doc, session.specs)
    if after is None or after.verdict not in OUTCOMES:
        return None
    return after if before is None or before.verdict != after.verdict else None


def store_row(session: Session, step: StepSpec, item_id: str, values: RowValues) -> None:
    """Store a row of checklist step ``step`` (the feasibility checklist, or a stage gate)
    through the core.

    Evidence typed before a status is chosen is stored with no status (the verdict counts
    the item as open); only a row left wholly empty has no entry. A due date half typed
    keeps the one stored (the row says it is not a date yet)."""
    doc = session.doc
    items = doc.stage_gate(step.slug).items if step.kind == "stage-gate" else doc.feasibility.items
    typed = (values.note, values.condition, values.waiver, values.due)
    if values.status is None and not (
        any(t.strip() for t in typed) or values.owner or values.fatal or values.closable
    ):
        items.pop(item_id, None)
        return
    stored = items.get(item_id)
    due = values.due_date() if values.due.strip() else None
    if values.due.strip() and due is None:
        due = stored.due if stored else None
    set_checklist_item(
        doc,
        session.specs,
        step,
        item_id,
        values.status,
        note=values.note,
        owner=values.owner or "",
        condition=values.condition,
        fatal=values.fatal,
        require_details=False,
        closable=values.closable,
        waiver=values.waiver,
        due=due,
        clear_due=due is None,
    )
