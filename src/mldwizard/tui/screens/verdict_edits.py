"""Edits from the gate's override panel and the checklist's rows, applied through the core."""

from __future__ import annotations

from ...core import edits
from ...core.errors import UsageError
from ...core.feasibility import FeasibilityResult
from ...core.session import Session
from ...core.verdicts import feasibility_result

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


def apply_item(
    session: Session, item_id: str, values: tuple[str | None, str, str | None, str, bool]
) -> FeasibilityResult | None:
    """Set a checklist item from its row's values; the result if this made it a NO-GO.

    Evidence typed before a status is chosen is stored with no status (the verdict counts
    the item as open); only a row left wholly empty has no entry."""
    status, note, owner, condition, fatal = values
    doc = session.doc
    before = feasibility_result(doc, session.specs)
    if status is None and not (note.strip() or owner or condition.strip() or fatal):
        doc.feasibility.items.pop(item_id, None)
    else:
        edits.set_item(
            doc,
            session.specs,
            item_id,
            status,
            note,
            owner or "",
            condition,
            fatal,
            require_details=False,
        )
    after = feasibility_result(doc, session.specs)
    if after is None or after.verdict != "NO-GO":
        return None
    return after if before is None or before.verdict != "NO-GO" else None
