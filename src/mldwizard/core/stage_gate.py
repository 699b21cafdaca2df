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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .checklist_gaps import ChecklistGap, gap_line
from .document import FeasibilityItem, StageGateVerdict
from .feasibility import evidence_problem
from .specs import StageGateItemSpec, StepSpec
from .stages import STAGE_LABEL

PASSING: tuple[StageGateVerdict, ...] = ("GO", "CONDITIONAL")
"""The verdicts that let the project move on without a written reason."""


class StageGap(ChecklistGap[StageGateItemSpec]):
    """A gap of a stage gate: every gap that is not waived needs a record, and its line
    names what the record lacks (the verdict adds a Met without evidence as a note)."""

    records_every_gap = True


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
    named: Callable[[str], str] = str,
) -> StageGateResult:
    """The gate's verdict from its items' marks; ``named`` names an answer an item rests on
    in the reasons (see :func:`mldwizard.core.context.ref_name`)."""
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
            unevidenced = evidence_problem(state, answered, named)
            if unevidenced is None:
                continue
            if item.refs and not state.refs:
                unevidenced += f" (such as {', '.join(map(named, item.refs))})"
        gap = StageGap(item, state, unevidenced)
        {"blocking": blocking, "condition": conditions, "gap": gaps}[gap.counts_as].append(gap)
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
            f"CONDITIONAL: move to {to} on condition that these gaps are closed, each by its "
            "owner and due date."
        ]
        reasons.extend(gap_line(g) for g in [*conditions, *gaps])
        return result("CONDITIONAL", reasons)
    return result("GO", [f"GO: every item is Met with evidence; the project may move to {to}."])
