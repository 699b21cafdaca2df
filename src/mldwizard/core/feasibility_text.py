"""How a checklist item's record reads in every face: its marks and its details."""

from __future__ import annotations

from .document import FeasibilityItem


def item_marks(
    state: FeasibilityItem, unevidenced: str | None = None, *, critical: bool = False
) -> str:
    """ " (closable)", " (fatal)", " (waived)", " (no evidence: counts as Unknown)"; a
    waiver on a critical item is marked as not counted."""
    marks = []
    if unevidenced:
        marks.append("no evidence: counts as Unknown")
    if state.status == "not-met" and state.fatal:
        marks.append("fatal")
    if state.status == "not-met" and state.closable:
        marks.append("closable")
    if state.waiver.strip():
        marks.append("waiver not counted: critical" if critical else "waived")
    if state.in_scope:
        marks.append("in scope")
    return f" ({', '.join(marks)})" if marks else ""


def item_details(state: FeasibilityItem, *, critical: bool = False) -> str:
    """The condition (or the note), the due date, the waiver and the evidence, in one text."""
    parts = [state.condition.strip() or state.note.strip()]
    if state.due is not None:
        parts.append(f"Due {state.due.isoformat()}.")
    if state.waiver.strip():
        said = "Waiver not counted (a critical item)" if critical else "Waived"
        parts.append(f"{said}: {state.waiver.strip()}")
    if state.in_scope and state.scope_note.strip():
        parts.append(f"Holds within the scope: {state.scope_note.strip()}")
    evidence = [*state.refs, *state.links]
    if evidence:
        parts.append("Evidence: " + ", ".join(evidence))
    return " ".join(p for p in parts if p)
