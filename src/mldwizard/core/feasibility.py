"""The feasibility verdict: GO, CONDITIONAL or NO-GO. Computed, never averaged.

* a critical item Not met and fatal -> NO-GO;
* else any critical item not Met (Unknown never counts as Met) -> CONDITIONAL, with each
  condition and its owner;
* else GO, listing the non-critical gaps.

No verdict is given while an item has no status at all (an item may hold evidence before its
status is chosen: it still counts as without a status).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .document import FeasibilityItem, FeasibilityVerdict, ItemStatus
from .specs import FeasibilityItemSpec, StepSpec


@dataclass(frozen=True)
class Gap:
    item: FeasibilityItemSpec
    state: FeasibilityItem

    @property
    def status(self) -> ItemStatus:
        """A gap is an item with a status other than met (one without is missing)."""
        return self.state.status or "unknown"

    @property
    def problems(self) -> list[str]:
        """What the record of a gap still lacks: an owner and a condition."""
        lacking = []
        if not self.state.owner:
            lacking.append("no owner")
        if not self.state.condition.strip():
            lacking.append("no condition that would close it")
        return lacking


@dataclass(frozen=True)
class FeasibilityResult:
    verdict: FeasibilityVerdict | None
    fatal: list[Gap] = field(default_factory=list)
    """Critical items not met and fatal: the reasons for a NO-GO."""
    conditions: list[Gap] = field(default_factory=list)
    """Critical items not met (closable), partial or unknown."""
    gaps: list[Gap] = field(default_factory=list)
    """Non-critical items not met."""
    missing: list[str] = field(default_factory=list)
    """Ids of items with no status yet."""


def evaluate_feasibility(spec: StepSpec, items: Mapping[str, FeasibilityItem]) -> FeasibilityResult:
    fatal: list[Gap] = []
    conditions: list[Gap] = []
    gaps: list[Gap] = []
    missing: list[str] = []
    for item in spec.items:
        state = items.get(item.id)
        if state is None or state.status is None:
            missing.append(item.id)
            continue
        if state.status == "met":
            continue
        gap = Gap(item, state)
        if not item.critical:
            gaps.append(gap)
        elif state.status == "not-met" and state.fatal:
            fatal.append(gap)
        else:
            conditions.append(gap)
    verdict: FeasibilityVerdict | None
    if fatal:
        # A fatal critical gap decides even before the rest is filled in.
        verdict = "NO-GO"
    elif missing:
        verdict = None
    elif conditions:
        verdict = "CONDITIONAL"
    else:
        verdict = "GO"
    return FeasibilityResult(verdict, fatal, conditions, gaps, missing)
