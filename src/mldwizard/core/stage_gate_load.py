"""What loading checks of stage gates beyond their shape: the slug, the transition, unique
item ids, one gate per move, and that each item's evidence names a question."""

from __future__ import annotations

from pathlib import Path

from .errors import SpecError
from .specs import STAGE_GATE_PREFIX, Specs, StepSpec


def check_stage_gate(path: Path, step: StepSpec) -> None:
    """One file: a stage gate has its slug, transition and items, and nothing else has."""
    if step.kind != "stage-gate":
        if step.slug.startswith(STAGE_GATE_PREFIX):
            raise SpecError(
                f"{path}: slug {step.slug!r}: slugs starting with {STAGE_GATE_PREFIX!r} are "
                'kept for stage gates (kind = "stage-gate")'
            )
        if step.transition is not None or step.criteria:
            raise SpecError(f"{path}: only a stage gate has 'transition' and [[criteria]]")
        return
    if not step.slug.startswith(STAGE_GATE_PREFIX):
        raise SpecError(
            f"{path}: slug {step.slug!r}: a stage gate's slug starts with {STAGE_GATE_PREFIX!r} "
            f"(e.g. {STAGE_GATE_PREFIX}pilot)"
        )
    if step.transition is None:
        raise SpecError(
            f'{path}: a stage gate needs a transition, e.g. transition = {{ from = "prototype", '
            'to = "pilot" }'
        )
    if not step.criteria:
        raise SpecError(f"{path}: a stage gate needs [[criteria]]: what must hold before the move")
    if step.questions or step.items or step.verdict or step.verdict_rules:
        raise SpecError(
            f"{path}: a stage gate has [[criteria]] only: no questions, [[items]], [verdict] "
            "or [verdict_rules]"
        )
    seen: set[str] = set()
    for item in step.criteria:
        if item.id in seen:
            raise SpecError(f"{path}: item {item.id!r}: duplicate id")
        seen.add(item.id)


def check_stage_gates(specs: Specs, where_of: dict[str, str]) -> None:
    """All files: one gate per move, and every item's evidence names a question."""
    into: dict[str, str] = {}
    for step in specs.stage_gates:
        where = where_of.get(step.slug, step.slug)
        assert step.transition is not None  # checked per file
        to = step.transition.to
        if to in into:
            raise SpecError(
                f"{where}: the move to {to!r} already has a stage gate ({into[to]!r}); one per move"
            )
        into[to] = step.slug
        for item in step.criteria:
            for ref in item.refs:
                if specs.question_at(ref) is None:
                    raise SpecError(
                        f"{where}: item {item.id!r}: refs: {ref!r} names no question "
                        "(give it as step-slug.question_id, e.g. metrics.target_values)"
                    )
