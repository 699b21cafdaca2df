"""A stage gate's verdict: may the project move to its next stage?

The feasibility checklist's rules, where they mean the same thing:

* a critical item Not met that is not closable with an owner, a condition and a due date
  -> NO-GO (this decides even before the rest is marked);
* an item without a status -> INCOMPLETE, naming them;
* any gap (a critical item Partial, Unknown or Not met but closable; a non-critical item not
  Met) -> CONDITIONAL, each gap with what it still lacks (an owner, a condition, a due date);
* else GO.

A Met needs evidence (:func:`mldwizard.core.feasibility.evidence_problem`): a note, a link or
an answered question it rests on; without it the item counts as Unknown and says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .document import FeasibilityItem, ItemStatus, StageGateVerdict
from .feasibility import evidence_problem
from .specs import StageGateItemSpec, StepSpec
from .stages import STAGE_LABEL

PASSING: tuple[StageGateVerdict, ...] = ("GO", "CONDITIONAL")
"""The verdicts that let the project move on without a written reason."""


@dataclass(frozen=True)
class StageGap:
    item: StageGateItemSpec
    state: FeasibilityItem
    unevidenced: str | None = None
    """Why a Met counts as Unknown (None for a gap marked as such)."""

    @property
    def status(self) -> ItemStatus:
        if self.unevidenced:
            return "unknown"
        return self.state.status or "unknown"

    @property
    def waived(self) -> bool:
        return bool(self.state.waiver.strip()) and not self.item.critical

    @property
    def problems(self) -> list[str]:
        """What the record of the gap still lacks: an owner, a condition, a due date."""
        if self.waived:
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
    def blocking_reason(self) -> str:
        if self.state.fatal:
            return "Not met, marked as not closable"
        if not self.state.closable:
            return "Not met and not marked closable"
        return "Not met, closable but " + ", ".join(self.problems)

    def overdue(self, today: dt.date) -> bool:
        return self.state.due is not None and self.state.due < today

    def line(self) -> str:
        """ "The fallback works ... (partial): owner jonas, due 2026-12-04", or what it lacks."""
        waived = f", waived: {self.state.waiver}" if self.waived else ""
        said = f"{self.item.text.rstrip('.')} ({self.status}{waived})"
        if self.problems:
            return f"{said}: " + ", ".join(self.problems)
        if self.waived and not self.state.owner:
            return said
        due = f", due {self.state.due.isoformat()}" if self.state.due else ""
        return f"{said}: owner {self.state.owner}{due}"


@dataclass(frozen=True)
class StageGateResult:
    spec: StepSpec
    verdict: StageGateVerdict
    blocking: list[StageGap] = field(default_factory=list)
    """Critical items Not met and not closable (or lacking what closes them): NO-GO."""
    conditions: list[StageGap] = field(default_factory=list)
    """Critical gaps that can close: Partial, Unknown, Not met but closable, Met unproven."""
    gaps: list[StageGap] = field(default_factory=list)
    """Non-critical items not Met."""
    missing: list[str] = field(default_factory=list)
    """Ids of items with no status yet."""
    reasons: list[str] = field(default_factory=list)

    @property
    def passes(self) -> bool:
        """GO or CONDITIONAL: the move needs no written reason."""
        return self.verdict in PASSING

    @property
    def open_gaps(self) -> list[StageGap]:
        return [*self.conditions, *self.gaps]

    @property
    def move(self) -> str:
        """ "prototype to pilot"."""
        t = self.spec.transition
        return f"{t.from_} to {t.to}" if t else self.spec.slug

    @property
    def name(self) -> str:
        """ "Prototype to Pilot": how faces name the gate in one line."""
        t = self.spec.transition
        return f"{STAGE_LABEL[t.from_]} to {STAGE_LABEL[t.to]}" if t else self.spec.title

    def blockers(self) -> list[str]:
        """What stands in the way of the move, one line each (empty when it passes)."""
        if self.passes:
            return []
        text = {i.id: i.text for i in self.spec.criteria}
        lines = [f"{g.item.text} {g.blocking_reason}." for g in self.blocking]
        lines += [f"{text.get(i, i)} No status yet." for i in self.missing]
        lines += [f"{g.item.text} {g.unevidenced}." for g in self.open_gaps if g.unevidenced]
        return lines


def evaluate_stage_gate(
    spec: StepSpec,
    items: Mapping[str, FeasibilityItem],
    answered: Callable[[str], bool] = lambda ref: False,
) -> StageGateResult:
    blocking: list[StageGap] = []
    conditions: list[StageGap] = []
    gaps: list[StageGap] = []
    missing: list[str] = []
    for item in spec.criteria:
        state = items.get(item.id)
        if state is None or state.status is None:
            missing.append(item.id)
            continue
        unevidenced = None
        if state.status == "met":
            unevidenced = evidence_problem(state, answered)
            if unevidenced is None:
                continue
            if item.refs and not state.refs:
                unevidenced += f" (such as {', '.join(item.refs)})"
        gap = StageGap(item, state, unevidenced)
        if not item.critical:
            gaps.append(gap)
        elif gap.status == "not-met" and (not state.closable or gap.problems):
            blocking.append(gap)
        else:
            conditions.append(gap)
    notes = [f"{g.item.text} {g.unevidenced}." for g in [*conditions, *gaps] if g.unevidenced]

    def result(verdict: StageGateVerdict, reasons: list[str]) -> StageGateResult:
        return StageGateResult(spec, verdict, blocking, conditions, gaps, missing, reasons + notes)

    t = spec.transition
    to = STAGE_LABEL[t.to].lower() if t else "the next stage"
    if blocking:
        return result(
            "NO-GO",
            [
                f"NO-GO: {g.item.text} {g.blocking_reason}. Close it, or mark it closable "
                "with an owner, a condition and a due date."
                for g in blocking
            ],
        )
    if missing:
        text = {i.id: i.text.rstrip(".") for i in spec.criteria}
        names = "; ".join(text.get(i, i) for i in missing)
        return result(
            "INCOMPLETE",
            [f"INCOMPLETE: {len(missing)} of {len(spec.criteria)} items have no status: {names}."],
        )
    if conditions or gaps:
        reasons = [
            f"CONDITIONAL: move to {to} only while these gaps are closed, each by its owner "
            "and due date."
        ]
        reasons.extend(g.line() for g in [*conditions, *gaps])
        return result("CONDITIONAL", reasons)
    return result("GO", [f"GO: every item is Met with evidence; the project may move to {to}."])
