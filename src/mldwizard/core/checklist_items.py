"""An item of either checklist (the feasibility checklist, a stage gate), for a face that
asks both the same way: a step's items, their stored marks, and one setter that stores an
item where its step keeps it (:func:`.edits.set_item`, :func:`.stage_gate_edits.set_gate_item`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import edits
from .document import Document, FeasibilityItem
from .specs import FeasibilityItemSpec, Specs, StageGateItemSpec, StepSpec
from .stage_gate_edits import set_gate_item


def checklist_items(step: StepSpec) -> Sequence[FeasibilityItemSpec | StageGateItemSpec]:
    """The items a checklist step asks: the feasibility checklist's, or a stage gate's."""
    return step.criteria if step.kind == "stage-gate" else step.items


def checklist_marks(doc: Document, step: StepSpec) -> Mapping[str, FeasibilityItem]:
    """The stored marks of a step's items: a stage gate's, or the feasibility checklist's."""
    if step.kind != "stage-gate":
        return doc.feasibility.items
    state = doc.stage_gates.get(step.slug)
    return state.items if state is not None else {}


def set_checklist_item(
    doc: Document, specs: Specs, step: StepSpec, item_id: str, status: str | None, **fields: Any
) -> FeasibilityItem:
    """Set item ``item_id`` of checklist step ``step`` with ``fields``, the keyword arguments
    both setters take (note, owner, condition, fatal, require_details, due, waiver, links,
    refs, closable, clear_due; a feasibility item's in_scope and scope_note too)."""
    if step.kind == "stage-gate":
        return set_gate_item(doc, specs, step, item_id, status, **fields)
    return edits.set_item(doc, specs, item_id, status, **fields)
