"""A stage gate's row edited in the wizard: stored through the core like a checklist item
(evidence before a status is kept; a row left wholly empty has no entry)."""

from __future__ import annotations

from ...core.session import Session
from ...core.stage_gate_edits import set_gate_item
from ..widgets.checklist import RowValues


def apply_stage_item(session: Session, slug: str, item_id: str, values: RowValues) -> None:
    doc, spec = session.doc, session.specs.get(slug)
    if spec is None:
        return
    typed = (values.note, values.condition, values.waiver, values.due)
    state = doc.stage_gate(slug)
    if values.status is None and not (
        any(t.strip() for t in typed) or values.owner or values.fatal or values.closable
    ):
        state.items.pop(item_id, None)
        return
    stored = state.items.get(item_id)
    due = values.due_date() if values.due.strip() else None
    if values.due.strip() and due is None:
        due = stored.due if stored else None  # half typed: keep the stored date
    set_gate_item(
        doc,
        session.specs,
        spec,
        item_id,
        values.status,
        values.note,
        values.owner or "",
        values.condition,
        values.fatal,
        require_details=False,
        closable=values.closable,
        waiver=values.waiver,
        due=due,
        clear_due=due is None,
    )
