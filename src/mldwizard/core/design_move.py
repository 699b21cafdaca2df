"""The move from design to prototype: what the gate chapter and the feasibility checklist
decide.

Starting to build is the first stage move, and it is guarded like the stage gates' moves:
the move is refused with what blocks it, unless the author gives a reason, when

* the feasibility checklist's verdict is NO-GO, INCOMPLETE or not given yet;
* the checklist says PIVOT or SCOPE-DOWN: the plan changed, and the reason says how;
* the gate chapter says do-not-build (its override counts, as everywhere).

The reason is kept on the feasibility state (``moved_despite``: the verdict then and the
reason) and so in the changelog; ``check`` reports a document past design whose checklist
is NO-GO without one (MLD024).
"""

from __future__ import annotations

from .document import Document
from .specs import Specs
from .stages import Stage, stage_index
from .verdicts import feasibility_result, gate_result

MOVE = "design to prototype"
PASSING: tuple[str, ...] = ("GO", "CONDITIONAL")
"""The feasibility verdicts that let the project start building without a written reason."""

_SAY: dict[str, str] = {
    "PIVOT": "the checklist says PIVOT: the plan changed; say how in the reason.",
    "SCOPE-DOWN": "the checklist says SCOPE-DOWN: only the named scope is feasible; say "
    "that the build is limited to it in the reason.",
}


def crosses_design(doc: Document, to: Stage) -> bool:
    """Whether moving ``doc`` to ``to`` leaves the design stage."""
    return stage_index(doc.stage) < stage_index("prototype") <= stage_index(to)


def design_verdict(doc: Document, specs: Specs) -> str:
    """The verdict the move rests on, as a blocker line names it: the checklist's verdict
    ("not given" when it has none), or "do-not-build" when the gate says so and the
    checklist passes."""
    feasibility = feasibility_result(doc, specs)
    verdict = feasibility.verdict if feasibility is not None else None
    if verdict is not None and verdict not in PASSING:
        return verdict
    if _gate_level(doc, specs) == "do-not-build":
        return "do-not-build"
    return verdict or "not given"


def design_blockers(doc: Document, specs: Specs) -> list[str]:
    """What stands between design and prototype, one line each (empty when the gate and the
    checklist let the project start building)."""
    lines: list[str] = []
    feasibility = feasibility_result(doc, specs)
    if feasibility is not None:
        verdict = feasibility.verdict
        head = f"{MOVE} (feasibility {verdict or 'not given'})"
        if verdict is None:
            lines.append(f"{head}: the feasibility checklist has no verdict yet: mark its items.")
        elif verdict == "NO-GO":
            lines += [f"{head}: {g.item.text} {g.blocking_reason}." for g in feasibility.fatal]
            if not feasibility.fatal:
                said = (
                    feasibility.reasons[0] if feasibility.reasons else "the checklist says NO-GO."
                )
                lines.append(f"{head}: {said}")
        elif verdict == "INCOMPLETE":
            text = {i.id: i.text for i in specs.feasibility.items} if specs.feasibility else {}
            lines += [f"{head}: {text.get(i, i)} No status yet." for i in feasibility.missing]
            if feasibility.deliverables:
                lines.append(f"{head}: not answered yet: {'; '.join(feasibility.deliverables)}.")
            if not feasibility.missing and not feasibility.deliverables:
                lines.append(f"{head}: the feasibility checklist is not complete.")
        elif verdict in _SAY:
            lines.append(f"{head}: {_SAY[verdict]}")
    if _gate_level(doc, specs) == "do-not-build":
        lines.append(
            f"{MOVE} (gate do-not-build): the gate chapter says: do not build this as planned."
        )
    return lines


def _gate_level(doc: Document, specs: Specs) -> str | None:
    gate = gate_result(doc, specs)
    return doc.gate.override or (gate.verdict if gate is not None else None)
