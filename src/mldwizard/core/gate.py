"""The gate verdict: should this be ML at all? Computed from the answers and the spec's rules.

Points from every matched rule are summed per level; the level with most points wins and a
tie goes to the simpler level (start simple); a matched rule with ``max_level`` caps the
verdict. The result always carries the reasons that drove it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .shown import missing_at
from .specs import LEVELS, Level, StepSpec
from .stages import Stage


@dataclass(frozen=True)
class GateResult:
    verdict: Level | None
    """None until every required gate question is answered."""
    leaning: Level | None
    """The verdict the answers so far point to (for a live display)."""
    scores: dict[str, int]
    reasons: list[str]
    """Reasons for the verdict, strongest first: a cap that lowered it, the rules that gave
    the verdict's level points, and caps at the verdict's level."""
    against: list[str] = field(default_factory=list)
    """Reasons that pointed elsewhere, so the author sees both sides."""
    missing: list[str] = field(default_factory=list)
    """Ids of required questions still unanswered."""


def evaluate_gate(
    spec: StepSpec, answers: Mapping[str, Any], stage: Stage = "design"
) -> GateResult:
    """The verdict from ``answers`` (the gate's own; pass a ``core.context.StepAnswers``
    for rules and conditions naming other steps' questions) at the document's ``stage``."""
    if spec.verdict is None:
        raise ValueError(f"step {spec.slug!r} has no verdict rules")
    scores: dict[str, int] = {level: 0 for level in LEVELS}
    matched = [rule for rule in spec.verdict.rules if rule.when.holds(answers)]
    cap_index = len(LEVELS) - 1
    cap_reasons: list[str] = []
    for rule in matched:
        for level, points in rule.points.items():
            scores[level] += points
        if rule.max_level is not None:
            index = LEVELS.index(rule.max_level)
            if index < cap_index:
                cap_index = index
            cap_reasons.append(rule.reason)
    missing = [q.id for q in missing_at(spec, answers, stage)]
    if not matched:
        return GateResult(None, None, scores, [], [], missing)
    # Highest score wins; on a tie the simpler level (lower index) wins.
    best = max(range(len(LEVELS)), key=lambda i: (scores[LEVELS[i]], -i))
    capped = min(best, cap_index)
    leaning = LEVELS[capped]
    pro = sorted(
        (r for r in matched if r.points.get(leaning, 0) > 0),
        key=lambda r: -r.points.get(leaning, 0),
    )
    reasons = [r.reason for r in pro]
    if capped < best:
        # The cap decided: say so first.
        reasons = cap_reasons + [r for r in reasons if r not in cap_reasons]
    else:
        # A cap at the verdict's own level supports it, even when it did not bind.
        reasons += [r.reason for r in matched if r.max_level == leaning and r.reason not in reasons]
    against = [
        r.reason
        for r in matched
        if r.reason not in reasons and any(p > 0 for lv, p in r.points.items() if lv != leaning)
    ]
    verdict = leaning if not missing else None
    return GateResult(verdict, leaning, scores, reasons, against, missing)
