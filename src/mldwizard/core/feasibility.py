"""The feasibility verdict: computed, never averaged, and never given on opinion alone.

In order, the first that applies:

* the gate's level is NO-GO material (``stop_levels``, "do not build") -> NO-GO;
* the gate says a different approach works (``pivot_levels``), the problem is real (the
  ``problem_items`` Met with evidence) -> PIVOT, unless a critical gap on an axis any
  approach needs (``any_approach_axes``: value, law, organisation) cannot be closed (NO-GO)
  (INCOMPLETE while the deliverables are not answered; items without a status are named);
* a critical item Not met that is not closable with an owner, a condition and a due date,
  or ``no_go_gaps`` non-critical items Not met and not each waived with a reason -> NO-GO
  (this decides even before the rest is filled in);
* an item without a status -> no verdict yet;
* a required question (at the document's stage) of a deliverable step unanswered ->
  INCOMPLETE, with the list;
* any critical gap (Partial, Unknown, Not met but closable) or ``conditional_gaps``
  non-critical items Not met -> CONDITIONAL; each gap without an owner, a condition or a
  due date is named;
* else GO.

A CONDITIONAL or NO-GO becomes SCOPE-DOWN when the checklist names a scope and the items
marked as holding within it, counted as Met, give a GO.

A Met needs evidence: a note, a link, or a reference to an answered question. Without it
the item counts as Unknown and says why. The thresholds and names are data
(``[verdict_rules]`` in ``feasibility.toml``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from .document import FeasibilityItem, FeasibilityVerdict, ItemStatus
from .specs import LEVEL_LABEL, FeasibilityItemSpec, FeasibilityRules, StepSpec


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


def evidence_problem(state: FeasibilityItem, answered: Callable[[str], bool]) -> str | None:
    """Why a Met does not count as Met (None when its evidence stands)."""
    if state.note.strip() or state.links:
        return None
    if not state.refs:
        return "Met without evidence: add a note, a link or an answer it rests on"
    if any(answered(ref) for ref in state.refs):
        return None
    names = ", ".join(state.refs)
    return f"Met without evidence: {names} has no answer yet"


@dataclass(frozen=True)
class Gap:
    item: FeasibilityItemSpec
    state: FeasibilityItem
    unevidenced: str | None = None
    """Why a Met counts as Unknown (None for a gap marked as such)."""

    @property
    def status(self) -> ItemStatus:
        """A gap is an item with a status other than met (a Met without evidence is
        unknown; one without a status is missing)."""
        if self.unevidenced:
            return "unknown"
        return self.state.status or "unknown"

    @property
    def waived(self) -> bool:
        return bool(self.state.waiver.strip())

    @property
    def problems(self) -> list[str]:
        """What the record of a gap still lacks: an owner, a condition, a due date."""
        if self.waived and not self.item.critical:
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
        """Why a critical item Not met is a NO-GO."""
        if self.state.fatal:
            return "Not met, marked as not closable"
        if not self.state.closable:
            return "Not met and not marked closable"
        return "Not met, closable but " + ", ".join(self.problems)


@dataclass(frozen=True)
class FeasibilityResult:
    verdict: FeasibilityVerdict | None
    fatal: list[Gap] = field(default_factory=list)
    """Critical items Not met and not closable (or lacking what closes them): NO-GO."""
    conditions: list[Gap] = field(default_factory=list)
    """Critical items Not met but closable, Partial or Unknown (or Met without evidence)."""
    gaps: list[Gap] = field(default_factory=list)
    """Non-critical items not met."""
    missing: list[str] = field(default_factory=list)
    """Ids of items with no status yet."""
    deliverables: list[str] = field(default_factory=list)
    """Required questions of the deliverable steps not answered yet."""
    reasons: list[str] = field(default_factory=list)
    """The verdict in sentences: why, and what to do next."""
    scoped: list[Gap] = field(default_factory=list)
    """SCOPE-DOWN: the gaps that the named scope leaves out."""

    @property
    def not_met_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.status == "not-met"]

    @property
    def unevidenced(self) -> list[Gap]:
        return [g for g in [*self.conditions, *self.gaps] if g.unevidenced]

    @property
    def open_gaps(self) -> list[Gap]:
        """The gaps a CONDITIONAL verdict rests on, each of which needs an owner, a
        condition and a due date."""
        return [*self.conditions, *self.gaps]


def gap_line(gap: Gap) -> str:
    """ "Using the data ... is allowed. (partial): no due date" or "... owner devika, due
    2026-12-04": what a gap still lacks, or what closes it."""
    state = gap.state
    waived = f", waived: {state.waiver}" if gap.waived else ""
    said = f"{gap.item.text.rstrip('.')} ({gap.status}{waived})"
    lacking = gap.problems
    if lacking:
        return f"{said}: " + ", ".join(lacking)
    if gap.waived and not state.owner:
        return said
    due = f", due {state.due.isoformat()}" if state.due else ""
    return f"{said}: owner {state.owner}{due}"


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
        if state.status == "met" or (scoped and state.in_scope):
            unevidenced = evidence_problem(state, ctx.answered)
            if unevidenced is None:
                continue
        gap = Gap(item, state, unevidenced)
        if not item.critical:
            gaps.append(gap)
        elif gap.status == "not-met" and (not state.closable or gap.problems):
            fatal.append(gap)
        else:
            conditions.append(gap)
    return fatal, conditions, gaps, missing


def evaluate_feasibility(
    spec: StepSpec,
    items: Mapping[str, FeasibilityItem],
    ctx: VerdictContext | None = None,
) -> FeasibilityResult:
    ctx = ctx or VerdictContext()
    result = _evaluate(spec, items, ctx, scoped=False)
    if ctx.scope.strip() and result.verdict in ("CONDITIONAL", "NO-GO"):
        within = _evaluate(spec, items, ctx, scoped=True)
        if within.verdict == "GO":
            left_out = [
                Gap(i, s)
                for i in spec.items
                if (s := items.get(i.id)) is not None and s.in_scope and s.status != "met"
            ]
            names = "; ".join(g.item.text for g in left_out)
            reasons = [
                f"SCOPE-DOWN: GO for {ctx.scope.strip()} only. Build that first; the whole "
                f"project stays {result.verdict} until these hold beyond it: {names}",
                *within.reasons[1:],
            ]
            return replace(within, verdict="SCOPE-DOWN", reasons=reasons, scoped=left_out)
    return result


def _evaluate(
    spec: StepSpec, items: Mapping[str, FeasibilityItem], ctx: VerdictContext, scoped: bool
) -> FeasibilityResult:
    rules = spec.verdict_rules or FeasibilityRules()
    fatal, conditions, gaps, missing = _sort(spec, items, ctx, scoped)
    deliverables = list(ctx.missing_deliverables)

    def result(verdict: FeasibilityVerdict | None, reasons: list[str]) -> FeasibilityResult:
        notes = [f"{g.item.text} {g.unevidenced}." for g in [*conditions, *gaps] if g.unevidenced]
        return FeasibilityResult(
            verdict, fatal, conditions, gaps, missing, deliverables, reasons + notes
        )

    def incomplete(then: str) -> FeasibilityResult:
        shown = "; ".join(deliverables[:6]) + ("; …" if len(deliverables) > 6 else "")
        return result(
            "INCOMPLETE",
            [
                f"INCOMPLETE: no verdict on a project nobody has described. Answer first "
                f"({len(deliverables)}): {shown}; {then}"
            ],
        )

    level = ctx.gate_level
    if level is not None and level in rules.stop_levels:
        return result(
            "NO-GO",
            [
                f"NO-GO: the gate says {_label(level)}. Stop here, or override the gate with a "
                "reason if the answers behind it have changed."
            ],
        )
    problem_real = rules.problem_items and all(
        (s := items.get(i)) is not None
        and s.status == "met"
        and evidence_problem(s, ctx.answered) is None
        for i in rules.problem_items
    )
    # A critical gap that cannot be closed on an axis any approach needs (the value, the
    # law, the organisation) stops a different approach too; one in labels or technique
    # does not stop a rule.
    stops_any = [g for g in fatal if g.item.axis in rules.any_approach_axes]
    if level is not None and level in rules.pivot_levels and problem_real and stops_any:
        return result(
            "NO-GO",
            [
                f"NO-GO: {g.item.text} {g.blocking_reason}. This holds for any approach, the "
                f"gate's {_label(level)} included."
                for g in stops_any
            ],
        )
    if level is not None and level in rules.pivot_levels and problem_real:
        if deliverables:
            return incomplete("then the verdict is PIVOT.")
        reasons = [
            f"PIVOT: the problem is real, but the gate says {_label(level)}. Build that "
            "instead of a new model: measure it against the targets of the metrics chapter, "
            "and come back to this checklist only if it falls short."
        ]
        if missing:
            text = {i.id: i.text.rstrip(".") for i in spec.items}
            names = "; ".join(text.get(i, i) for i in missing)
            reasons.append(f"Still to check, whatever is built: {names}.")
        return result("PIVOT", reasons)
    not_met = [g for g in gaps if g.status == "not-met"]
    unwaived = [g for g in not_met if not g.waived]
    if fatal or (len(not_met) >= rules.no_go_gaps and unwaived):
        reasons = [
            f"NO-GO: {g.item.text} {g.blocking_reason}. Close it, or mark it closable with "
            "an owner, a condition and a due date."
            for g in fatal
        ]
        if len(not_met) >= rules.no_go_gaps and unwaived:
            names = ", ".join(g.item.id for g in unwaived)
            reasons.append(
                f"NO-GO: {len(not_met)} non-critical items Not met (NO-GO from "
                f"{rules.no_go_gaps}); close them, or waive each with a reason ({names})."
            )
        return result("NO-GO", reasons)
    if missing:
        return result(None, [f"No verdict yet: {len(missing)} items have no status."])
    if deliverables:
        return incomplete("then the checklist gives its verdict.")
    if conditions or len(not_met) >= rules.conditional_gaps:
        reasons = [
            "CONDITIONAL: go ahead only while these gaps are closed, each by its owner "
            "and due date."
        ]
        reasons.extend(gap_line(g) for g in [*conditions, *gaps])
        if len(not_met) >= rules.conditional_gaps:
            reasons.append(
                f"{len(not_met)} non-critical items Not met (CONDITIONAL from "
                f"{rules.conditional_gaps})."
            )
        return result("CONDITIONAL", reasons)
    return result("GO", ["GO: every critical item is Met with evidence."])
