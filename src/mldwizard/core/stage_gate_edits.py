"""Marking a stage gate's item: the same fields and rules as a feasibility item (a gap needs
an owner and a condition unless it cannot be closed; evidence names questions; owners are
among the people), stored under ``stage_gates.<slug>.items``."""

from __future__ import annotations

import datetime as dt

from .document import Document, FeasibilityItem
from .errors import UsageError
from .item_rules import check_item, merged_item
from .names import shown_name, shown_repr
from .specs import Specs, StepSpec


def set_gate_item(
    doc: Document,
    specs: Specs,
    spec: StepSpec,
    item_id: str,
    status: str | None,
    note: str | None = None,
    owner: str | None = None,
    condition: str | None = None,
    fatal: bool | None = None,
    require_details: bool = True,
    *,
    due: dt.date | None = None,
    waiver: str | None = None,
    links: list[str] | None = None,
    refs: list[str] | None = None,
    closable: bool | None = None,
    clear_due: bool = False,
) -> FeasibilityItem:
    """Set item ``item_id`` of stage gate ``spec`` (None as status keeps only evidence)."""
    if not any(i.id == item_id for i in spec.criteria):
        ids = ", ".join(i.id for i in spec.criteria)
        raise UsageError(f"{spec.slug}: no item {shown_repr(item_id)}; the items are: {ids}")
    where = f"{spec.slug}.{shown_name(item_id)}"
    state = doc.stage_gate(spec.slug)
    old = state.items.get(item_id)
    item = merged_item(
        where,
        old,
        status,
        fatal=fatal,
        closable=closable,
        clear_due=clear_due,
        note=note,
        owner=owner,
        condition=condition,
        due=due,
        waiver=waiver,
        links=links,
        refs=refs,
    )
    check_item(where, doc, specs, item, old)
    if require_details and item.status not in (None, "met") and not item.fatal:
        lacking = [
            n
            for n, v in (("an owner", item.owner), ("a condition", item.condition))
            if not (v or "").strip()
        ]
        if lacking:
            shown = {"not-met": "not met"}.get(item.status, str(item.status))
            raise UsageError(
                f"{where}: an item that is {shown} needs {' and '.join(lacking)} (who closes "
                "the gap, and what would close it)"
            )
    state.items[item_id] = item
    return item
