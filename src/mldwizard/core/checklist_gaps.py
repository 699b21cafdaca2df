"""A gap of either checklist (the feasibility checklist, a stage gate): an item marked other
than Met, or Met without evidence; what its record (an owner, a condition, a due date) still
lacks, and the line a verdict gives it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Generic, Literal, TypeVar

from .document import FeasibilityItem, ItemStatus
from .feasibility_spec import FeasibilityItemSpec
from .stage_gate_spec import StageGateItemSpec

ItemSpec = TypeVar("ItemSpec", FeasibilityItemSpec, StageGateItemSpec)

UNEVIDENCED_MET = (
    "A Met without evidence counts as Unknown: give a note, a link, or an answer it rests on."
)
"""What a face tells whoever marks an item Met and gives no evidence."""


@dataclass(frozen=True)
class ChecklistGap(Generic[ItemSpec]):
    item: ItemSpec
    state: FeasibilityItem
    unevidenced: str | None = None
    """Why a Met counts as Unknown (None for a gap marked as such)."""

    records_every_gap: ClassVar[bool] = False
    """Whether every gap that is not waived needs a record, a Met without evidence and one
    that cannot be closed too (a stage gate), rather than only a gap someone is to close
    (the feasibility checklist: see :attr:`needs_record`)."""

    @property
    def status(self) -> ItemStatus:
        """A gap is an item with a status other than met (a Met without evidence is
        unknown; one without a status is missing)."""
        if self.unevidenced:
            return "unknown"
        return self.state.status or "unknown"

    @property
    def waived(self) -> bool:
        """A non-critical gap accepted as it is. A waiver on a critical item counts for
        nothing (``set`` refuses one; ``check`` names one an older document holds)."""
        return bool(self.state.waiver.strip()) and not self.item.critical

    @property
    def needs_record(self) -> bool:
        """Whether the gap needs an owner, a condition and a due date: a gap someone is to
        close. Not a waived gap; unless :attr:`records_every_gap`, not a Met without evidence
        (it needs its evidence), one that cannot be closed, or a critical Not met the author
        has not marked closable (the honest NO-GO: nobody closes it)."""
        if self.waived:
            return False
        if self.records_every_gap:
            return True
        if self.unevidenced or self.state.fatal:
            return False
        return not (
            self.state.status == "not-met" and self.item.critical and not self.state.closable
        )

    @property
    def problems(self) -> list[str]:
        """What the record of a gap still lacks: an owner, a condition, a due date."""
        if not self.needs_record:
            return []
        lacking = []
        if not self.state.owner:
            lacking.append("no owner")
        if not self.state.condition.strip():
            lacking.append("no condition that would close it")
        if self.state.due is None:
            lacking.append("no due date")
        return lacking

    @property
    def counts_as(self) -> Literal["blocking", "condition", "gap"]:
        """Where a verdict counts the gap: a critical item Not met that is not closable, or
        lacks what closes it, blocks (NO-GO); any other gap of a critical item is a
        condition; a non-critical item's is a gap."""
        if not self.item.critical:
            return "gap"
        if self.status == "not-met" and (not self.state.closable or self.problems):
            return "blocking"
        return "condition"

    @property
    def reader_blocking_reason(self) -> str:
        """Why it blocks, as a reader's document says it (no advice on what to mark)."""
        if self.state.fatal:
            return "not met, cannot be closed"
        if not self.state.closable:
            return "not met, with no plan to close it"
        return "not met; closable, but " + ", ".join(self.problems)

    @property
    def blocking_reason(self) -> str:
        """Why a critical item Not met is a NO-GO."""
        if self.state.fatal:
            return "Not met, marked as not closable"
        if not self.state.closable:
            return "Not met and not marked closable"
        return "Not met, closable but " + ", ".join(self.problems)

    def overdue(self, today: dt.date) -> bool:
        return self.state.due is not None and self.state.due < today


AnyGap = ChecklistGap[FeasibilityItemSpec] | ChecklistGap[StageGateItemSpec]


def item_name(gap: AnyGap) -> str:
    """The item as a reader names it: its statement without the closing stop."""
    return gap.item.text.rstrip(".")


def gap_line(gap: AnyGap, name: Callable[[str], str] = str) -> str:
    """ "Using the data ... is allowed (partial): no due date" or "... owner devika, due
    2026-12-04": what a gap still lacks, or what closes it; a Met without evidence says why,
    unless its record is asked too (:attr:`ChecklistGap.records_every_gap`). ``name`` shows
    the owner (a reader's document gives the person's name, not the handle)."""
    state = gap.state
    if gap.unevidenced and not gap.records_every_gap:
        return f"{item_name(gap)} ({gap.status}): {gap.unevidenced}"
    waived = f", waived: {state.waiver}" if gap.waived else ""
    said = f"{item_name(gap)} ({gap.status}{waived})"
    lacking = gap.problems
    if lacking:
        return f"{said}: " + ", ".join(lacking)
    if not state.owner:
        return said
    due = f", due {state.due.isoformat()}" if state.due else ""
    return f"{said}: owner {name(state.owner)}{due}"
