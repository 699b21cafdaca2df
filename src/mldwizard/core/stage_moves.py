"""Moving the document's stage through its stage gates.

Moving forward past a gate that is not GO or CONDITIONAL is refused with what blocks it,
unless the author gives a reason; the reason is kept on the gate (``moved_despite``) and so
in the changelog. The move from design to prototype is guarded the same way by the gate
chapter and the feasibility checklist (:mod:`mldwizard.core.design_move`; its reason is kept
on the checklist). Moving back needs nothing, and keeps the reasons given (history).
"""

from __future__ import annotations

from .design_move import crosses_design, design_blockers, design_verdict
from .document import Document
from .errors import UsageError
from .shown import NewlyRequired
from .specs import Specs
from .stage_gate_verdicts import move_blockers
from .stages import STAGES, Stage, stage_index

REASON_MIN = 10
"""A reason is a sentence, not "ok": at least this many characters."""


class StageBlocked(UsageError):
    """A move forward that a stage gate does not let pass, given without a reason."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


def blocker_lines(doc: Document, specs: Specs, to: Stage) -> list[str]:
    """ "prototype to pilot (NO-GO): The fallback works ... Not met and not marked closable.",
    and first what blocks leaving design (:mod:`mldwizard.core.design_move`)."""
    first = design_blockers(doc, specs) if crosses_design(doc, to) else []
    return first + [f"{r.move} ({r.verdict}): {line}" for r, line in move_blockers(doc, specs, to)]


def move_stage(
    doc: Document,
    specs: Specs,
    stage: str,
    reason: str | None = None,
    *,
    what: str = "--stage",
    how: str = "--reason TEXT",
) -> list[NewlyRequired]:
    """Move ``doc`` to ``stage``; refuse a move past a gate that does not pass, unless there
    is a ``reason`` (``how`` says how to give one). Returns what became required."""
    from .edits import set_stage

    if stage not in STAGES:
        return set_stage(doc, specs, stage, what=what)  # its message names the stages
    to: Stage = STAGES[STAGES.index(stage)]
    said = (reason or "").strip()
    if to == doc.stage:
        return set_stage(doc, specs, to, what=what)
    forward = stage_index(to) > stage_index(doc.stage)
    if reason is not None and not said:
        raise UsageError(f"{how.split()[0]}: the reason is empty")
    if forward:
        results = {r.spec.slug: r for r, _ in move_blockers(doc, specs, to)}
        lines = blocker_lines(doc, specs, to)
        design = design_blockers(doc, specs) if crosses_design(doc, to) else []
        if lines and not said:
            # Each gate that blocks, by its own command (QA10a #11: a move across two gates
            # named the first one's for both).
            wheres = (["feasibility"] if design else []) + list(results) or ["feasibility"]
            marks = "; ".join(f"mldwizard set PATH {w} ITEM STATUS --note ..." for w in wheres)
            raise StageBlocked(
                f"{what} {to}: not moved; a gate on the way does not pass:\n"
                + "\n".join(f"  {line}" for line in lines)
                + f"\nMark the items ({marks}), "
                f"or move anyway with {how}: the reason goes in the changelog.",
                lines,
            )
        if lines and len(said) < REASON_MIN:
            raise UsageError(
                f"{how.split()[0]}: {said!r} is too short to tell a review board why the gate "
                f"was passed (at least {REASON_MIN} characters)"
            )
        if design:
            doc.feasibility.moved_despite = f"{design_verdict(doc, specs)}: {said}"
        for slug, result in results.items():
            doc.stage_gate(slug).moved_despite = f"{result.verdict}: {said}"
    elif said:
        raise UsageError(f"{how.split()[0]}: only a move forward past a stage gate takes a reason")
    # Moving back keeps each ``moved_despite``: it is the history of how the project got
    # there, shown with the gate; the next move forward past a gate that fails replaces it.
    return set_stage(doc, specs, to, what=what)
