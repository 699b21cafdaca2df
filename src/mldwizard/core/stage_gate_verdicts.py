"""The stage gates of a document: each one's verdict, which the document faces next, and
what blocks a move to a later stage. Every face asks here; none decides a verdict itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .checklist_gaps import gap_line
from .context import answered_in, ref_name
from .document import Document
from .specs import Specs, StepSpec
from .stage_gate import StageGap, StageGateResult, evaluate_stage_gate
from .stages import Stage, stage_index

Standing = Literal["passed", "facing", "later"]
"""Where the document is relative to a gate: past its move, about to make it, or before."""


def stage_gate_result(doc: Document, specs: Specs, spec: StepSpec) -> StageGateResult:
    state = doc.stage_gates.get(spec.slug)
    items = state.items if state else {}
    return evaluate_stage_gate(spec, items, answered_in(doc, specs), ref_name(specs))


def standing(doc: Document, spec: StepSpec) -> Standing:
    t = spec.transition
    if t is None or stage_index(doc.stage) >= stage_index(t.to):
        return "passed"
    return "facing" if doc.stage == t.from_ else "later"


@dataclass(frozen=True)
class GateStanding:
    result: StageGateResult
    standing: Standing

    @property
    def spec(self) -> StepSpec:
        return self.result.spec


def stage_gate_standings(doc: Document, specs: Specs) -> list[GateStanding]:
    """Every stage gate, in stage order, with its verdict and where the document stands."""
    return [
        GateStanding(stage_gate_result(doc, specs, s), standing(doc, s)) for s in specs.stage_gates
    ]


def facing_gate(doc: Document, specs: Specs) -> GateStanding | None:
    """The gate the document faces next (the one leaving its stage), if any."""
    return next((g for g in stage_gate_standings(doc, specs) if g.standing == "facing"), None)


def move_blockers(doc: Document, specs: Specs, to: Stage) -> list[tuple[StageGateResult, str]]:
    """What stands between the document's stage and ``to``: every gate on the way that is not
    GO or CONDITIONAL, with each line that blocks it (nothing when moving back)."""
    out: list[tuple[StageGateResult, str]] = []
    for spec in specs.stage_gates:
        t = spec.transition
        if t is None or stage_index(t.to) <= stage_index(doc.stage):
            continue
        if stage_index(t.to) > stage_index(to):
            continue
        result = stage_gate_result(doc, specs, spec)
        out += [(result, line) for line in result.blockers()]
    return out


def overdue_gaps(result: StageGateResult, today: dt.date) -> list[StageGap]:
    return [g for g in result.open_gaps if g.overdue(today)]


def overdue_on_the_way(doc: Document, specs: Specs, to: Stage, today: dt.date) -> list[str]:
    """The gaps past their due date of each passing (CONDITIONAL) gate that a move to ``to``
    passes: the move is allowed, and says so ("prototype to pilot (CONDITIONAL): ...")."""
    out: list[str] = []
    for spec in specs.stage_gates:
        t = spec.transition
        if t is None or not stage_index(doc.stage) < stage_index(t.to) <= stage_index(to):
            continue
        result = stage_gate_result(doc, specs, spec)
        if result.passes:
            overdue = overdue_gaps(result, today)
            out += [f"{result.move} ({result.verdict}): {gap_line(g)}" for g in overdue]
    return out


def refresh_stage_gates(doc: Document, specs: Specs) -> None:
    """Store each stored gate's verdict (a gate nobody marked stays unstored)."""
    for spec in specs.stage_gates:
        state = doc.stage_gates.get(spec.slug)
        if state is not None:
            state.verdict = stage_gate_result(doc, specs, spec).verdict
