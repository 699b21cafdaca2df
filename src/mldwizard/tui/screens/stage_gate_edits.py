"""A stage gate's row edited in the wizard: stored through the core like a checklist item
(evidence before a status is kept; a row left wholly empty has no entry)."""

from __future__ import annotations

from ...core.session import Session
from ..widgets.checklist import RowValues
from .verdict_edits import store_row


def apply_stage_item(session: Session, slug: str, item_id: str, values: RowValues) -> None:
    spec = session.specs.get(slug)
    if spec is not None:
        store_row(session, spec, item_id, values)
