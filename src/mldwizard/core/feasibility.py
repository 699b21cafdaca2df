"""The feasibility verdict: computed, never averaged, and never given on opinion alone.

In order, the strongest finding first (the first that applies):

* the gate's level is NO-GO material (``stop_levels``, "do not build") -> NO-GO;
* the gate says a different approach works (``pivot_levels``) and the problem is real (the
  ``problem_items`` Met with evidence), but a critical item on an axis any approach needs
  (``any_approach_axes``: value, law, organisation) is Not met and cannot be closed ->
  NO-GO, which says the pivot is blocked too;
* the same, with no such item Not met or without a status -> PIVOT (INCOMPLETE while the
  deliverables are not answered; items still open are named). While one is Not met but
  closable, or has no status, the checks below decide and say that the pivot waits for it;
* a critical item Not met that is not closable with an owner, a condition and a due date,
  or ``no_go_gaps`` non-critical items Not met and not each waived with a reason -> NO-GO
  (this decides even before the rest is filled in);
* an item without a status -> no verdict yet;
* a required question (at the document's stage) of a deliverable step unanswered ->
  INCOMPLETE, with the whole list by chapter;
* any critical gap (Partial, Unknown, Not met but closable) or ``conditional_gaps``
  non-critical items Not met -> CONDITIONAL; each gap without an owner, a condition or a
  due date is named;
* else GO.

A CONDITIONAL or NO-GO becomes SCOPE-DOWN when the checklist names a scope and the items
marked as holding within it, each with a scope note saying why it holds there, counted as
Met, make it better (see :mod:`.feasibility_scope`); a scope that does not is explained.

A Met needs evidence: a note, a link, or a reference to an answered question. Without it
the item counts as Unknown and says why (once; it needs its evidence, not an owner). The
thresholds and names are data (``[verdict_rules]`` in ``feasibility.toml``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .document import FeasibilityItem, FeasibilityVerdict
from .feasibility_gaps import (
    NO_EVIDENCE,
    FeasibilityResult,
    Gap,
    evidence_problem,
    gap_line,
    item_name,
)
from .feasibility_scope import scope_down
from .specs import LEVEL_LABEL, FeasibilityRules, StepSpec

__all__ = [
    "NO_EVIDENCE",
    "FeasibilityResult",
    "Gap",
    "VerdictContext",
    "evaluate_feasibility",
    "evidence_problem",
    "gap_line",
    "item_name",
]


@dataclass(frozen=True)
class VerdictContext:
    """What the verdict reads beyond the marks (built from the document by
    :func:`mldwizard.core.verdicts.feasibility_result`)."""

    missing_deliverables: list[str] = field(default_factory=list)
    """ "2. Problem: Problem statement", one per required question unanswered."""
    gate_level: str | None = None
    """The gate's effective level (the override if any)."""
    answered: Callable[[str], bool] = lambda ref: False
    """Whether ``'step-slug.question_id'`` names an answered question."""
    scope: str = ""
    """The checklist's named scope (for SCOPE-DOWN)."""
    deliverable_groups: list[tuple[str, list[str]]] = field(default_factory=list)
    """The same questions by chapter: ("2. Problem", ["Problem statement", ...]); when
    empty, ``missing_deliverables`` is listed as it is."""
    named: Callable[[str], str] = str
    """How the verdict's sentences name an answer an item rests on (its title and chapter,
    :func:`mldwizard.core.context.ref_name`; by default its id)."""


def _label(level: str) -> str:
    label = LEVEL_LABEL.get(level, level)
    return label[:1].lower() + label[1:]


def _sort(
    spec: StepSpec, items: Mapping[str, FeasibilityItem], ctx: VerdictContext, scoped: bool
) -> tuple[list[Gap], list[Gap], list[Gap], list[str]]:
    fatal: list[Gap] = []
    conditions: list[Gap] = []
    gaps: list[Gap] = []
    missing: list[str] = []
    for item in spec.items:
        state = items.get(item.id)
        if state is None or state.status is None:
            missing.append(item.id)
            continue
        unevidenced = None
        if scoped and state.in_scope and state.status != "met" and state.scope_note.strip():
            continue  # holds within the scope, for the reason its scope note gives
        if state.status == "met":
            unevidenced = evidence_problem(state, ctx.answered, ctx.named)
            if unevidenced is None:
                continue
        gap = Gap(item, state, unevidenced)
        {"blocking": fatal, "condition": conditions, "gap": gaps}[gap.counts_as].append(gap)
    return fatal, conditions, gaps, missing


def evaluate_feasibility(
    spec: StepSpec,
    items: Mapping[str, FeasibilityItem],
    ctx: VerdictContext | None = None,
) -> FeasibilityResult:
    ctx = ctx or VerdictContext()
    result = _evaluate(spec, items, ctx, scoped=False)
    scope = ctx.scope.strip()
    if scope and result.verdict in ("CONDITIONAL", "NO-GO"):
        within = _evaluate(spec, items, ctx, scoped=True)
        return scope_down(spec, items, scope, result, within)
    return result


def _deliverables_text(ctx: VerdictContext) -> str:
    """Every unanswered deliverable, by chapter: "2. Problem: Problem statement, Risks;
    5. Metrics: Target values"."""
    if not ctx.deliverable_groups:
        return "; ".join(ctx.missing_deliverables)
    return "; ".join(f"{label}: {', '.join(titles)}" for label, titles in ctx.deliverable_groups)


def _evaluate(
    spec: StepSpec, items: Mapping[str, FeasibilityItem], ctx: VerdictContext, scoped: bool
) -> FeasibilityResult:
    """The checks in order, the strongest finding first: the gate says stop; a gap no
    approach survives; PIVOT; a gap that cannot be closed or too many non-critical gaps;
    items without a status; deliverables unanswered; gaps to close; GO."""
    rules = spec.verdict_rules or FeasibilityRules()
    fatal, conditions, gaps, missing = _sort(spec, items, ctx, scoped)
    deliverables = list(ctx.missing_deliverables)
    level = ctx.gate_level
    pivot = level is not None and level in rules.pivot_levels and _problem_real(rules, items, ctx)
    # A critical gap on an axis any approach needs (the value, the law, the organisation)
    # that is Not met or unchecked holds for the gate's approach too: no PIVOT past it. A
    # gap in labels or technique does not stop a rule.
    any_approach = {i.id for i in spec.items if i.critical and i.axis in rules.any_approach_axes}
    blocked = [
        f"{item_name(g)} (not met)"
        for g in [*fatal, *conditions]
        if g.item.id in any_approach and g.status == "not-met"
    ] + [f"{_text(spec, i)} (no status)" for i in missing if i in any_approach]
    pivot_note = []
    if pivot and blocked:
        pivot_note = [
            f"No PIVOT (the gate says {_label(level or '')}) while a critical item any approach "
            f"needs is Not met or unchecked: {'; '.join(blocked)}."
        ]

    def result(
        verdict: FeasibilityVerdict | None, reasons: list[str], listed: bool = False
    ) -> FeasibilityResult:
        # A Met without evidence is said once: in its gap's line when the gaps are listed.
        notes = [] if listed else [f"{g.item.text} {g.unevidenced}." for g in unevidenced]
        return FeasibilityResult(
            verdict,
            fatal,
            conditions,
            gaps,
            missing,
            deliverables,
            reasons + notes,
            deliverable_groups=list(ctx.deliverable_groups),
        )

    unevidenced = [g for g in [*conditions, *gaps] if g.unevidenced]

    def incomplete(then: str) -> FeasibilityResult:
        return result(
            "INCOMPLETE",
            [
                f"INCOMPLETE: no verdict on a project nobody has described. Answer first "
                f"({len(deliverables)}): {_deliverables_text(ctx)}; {then}",
                *pivot_note,
            ],
        )

    if level is not None and level in rules.stop_levels:
        return result(
            "NO-GO",
            [
                f"NO-GO: the gate says {_label(level)}. Stop here, or override the gate with a "
                "reason if the answers behind it have changed."
            ],
        )
    stops_any = [g for g in fatal if g.item.axis in rules.any_approach_axes]
    if pivot and stops_any:
        return result(
            "NO-GO",
            [
                f"NO-GO: {g.item.text} {g.blocking_reason}. This holds for any approach: no "
                f"PIVOT, although the gate says {_label(level or '')}."
                for g in stops_any
            ],
        )
    if pivot and not blocked:
        if deliverables:
            return incomplete("then the verdict is PIVOT.")
        reasons = [
            f"PIVOT: the problem is real, but the gate says {_label(level or '')}. Build that "
            "instead of a new model: measure it against the targets of the metrics chapter, "
            "and come back to this checklist only if it falls short."
        ]
        still = [
            f"{item_name(g)} ({g.status})"
            for g in conditions
            if g.item.id in any_approach and not g.unevidenced
        ]
        if still:
            reasons.append(f"Still to close, whatever is built: {'; '.join(still)}.")
        if missing:
            names = "; ".join(_text(spec, i) for i in missing)
            reasons.append(f"Still to check, whatever is built: {names}.")
        return result("PIVOT", reasons)
    not_met = [g for g in gaps if g.status == "not-met"]
    unwaived = [g for g in not_met if not g.waived]
    too_many = len(not_met) >= rules.no_go_gaps and bool(unwaived)
    if fatal or too_many:
        reasons = [
            f"NO-GO: {g.item.text} {g.blocking_reason}. Close it, or mark it closable with "
            "an owner, a condition and a due date."
            for g in fatal
        ]
        if too_many:
            names = "; ".join(item_name(g) for g in unwaived)
            reasons.append(
                f"NO-GO: {len(not_met)} non-critical items Not met (NO-GO from "
                f"{rules.no_go_gaps}). Close them, or waive each with a reason: {names}."
            )
        return result("NO-GO", reasons + pivot_note)
    if missing:
        count = len(missing)
        return result(
            None,
            [f"No verdict yet: {count} items have no status.", *pivot_note],
        )
    if deliverables:
        return incomplete("then the checklist gives its verdict.")
    if conditions or len(not_met) >= rules.conditional_gaps:
        reasons = [
            "CONDITIONAL: go ahead on condition that these gaps are closed, each by its "
            "owner and due date."
        ]
        reasons.extend(gap_line(g) for g in [*conditions, *gaps])
        if len(not_met) >= rules.conditional_gaps:
            reasons.append(
                f"{len(not_met)} non-critical items Not met (CONDITIONAL from "
                f"{rules.conditional_gaps})."
            )
        return result("CONDITIONAL", reasons + pivot_note, listed=True)
    return result("GO", ["GO: every critical item is Met with evidence."])


def _problem_real(
    rules: FeasibilityRules, items: Mapping[str, FeasibilityItem], ctx: VerdictContext
) -> bool:
    """The ``problem_items`` are Met with evidence: a different approach is worth it."""
    return bool(rules.problem_items) and all(
        (s := items.get(i)) is not None
        and s.status == "met"
        and evidence_problem(s, ctx.answered) is None
        for i in rules.problem_items
    )


def _text(spec: StepSpec, item_id: str) -> str:
    return next((i.text.rstrip(".") for i in spec.items if i.id == item_id), item_id)
