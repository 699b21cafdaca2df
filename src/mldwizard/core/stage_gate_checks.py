"""``mldwizard check`` on the stage gates (the gate the document faces and those it passed;
a gate of a stage not reached yet is not checked):

* MLD020: the document's stage is past a stage gate that is not GO or CONDITIONAL (an
  error; a warning when the move was made with a written reason, which it quotes); the move
  from design to prototype counts as one: past design while the feasibility checklist is
  NO-GO (chapter ``feasibility``; see :mod:`mldwizard.core.design_move`);
* MLD024: the stage gate the document faces is NO-GO (a warning: the move it guards will be
  refused without a reason);
* MLD021: a stage-gate gap without an owner, a closing condition or a due date (an error
  when the gate is CONDITIONAL, whose promise those make; else a warning);
* MLD022: a stage-gate gap past its due date (an error);
* MLD023: a stage-gate item Met without evidence (it counts as Unknown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from .document import Document
from .specs import Specs
from .stage_gate_verdicts import stage_gate_standings
from .stages import stage_index
from .verdicts import feasibility_result

Severity = Literal["error", "warning", "info"]
Add = Callable[..., None]
"""``add(code, severity, chapter_slug, message, **details)``."""


def stage_gate_findings(doc: Document, specs: Specs, today: dt.date, add: Add) -> None:
    for gate in stage_gate_standings(doc, specs):
        if gate.standing == "later":
            continue
        result, slug = gate.result, gate.spec.slug
        if gate.standing == "passed" and not result.passes:
            state = doc.stage_gates.get(slug)
            reason = state.moved_despite if state else ""
            add(
                "MLD020",
                "warning" if reason else "error",
                slug,
                f"the document is at stage {doc.stage}, past the {result.move} gate, which is "
                f"{result.verdict}: " + " ".join(result.blockers()[:3]) + _moved(reason),
                verdict=result.verdict,
                reasons=result.reasons,
                moved_despite=reason or None,
            )
        if gate.standing == "facing" and result.verdict == "NO-GO":
            add(
                "MLD024",
                "warning",
                slug,
                f"the {result.move} gate the document faces is NO-GO: "
                + " ".join(result.blockers())
                + " The move will be refused without a reason.",
                verdict=result.verdict,
            )
        for gap in result.open_gaps:
            if gap.problems:
                severity: Severity = "error" if result.verdict == "CONDITIONAL" else "warning"
                add(
                    "MLD021",
                    severity,
                    slug,
                    f"{_named(gap.item.text)} ({gap.status}): {', '.join(gap.problems)}; "
                    "every gap needs an owner, a condition that would close it and a due date",
                    item=gap.item.id,
                    lacking=gap.problems,
                )
        for gap in [*result.blocking, *result.open_gaps]:
            due = gap.state.due
            if due is not None and due < today and not gap.waived:
                add(
                    "MLD022",
                    "error",
                    slug,
                    f"{_named(gap.item.text)} ({gap.status}) was due on {due.isoformat()}: "
                    "close it, or set a new date with the reason in its condition",
                    item=gap.item.id,
                    due=due.isoformat(),
                )
        for gap in result.open_gaps:
            if gap.unevidenced:
                add(
                    "MLD023",
                    "warning",
                    slug,
                    f"{_named(gap.item.text)}: {gap.unevidenced}; it counts as Unknown",
                    item=gap.item.id,
                )
    design_move_finding(doc, specs, add)


def design_move_finding(doc: Document, specs: Specs, add: Add) -> None:
    """MLD020 for the move from design to prototype: past design, feasibility NO-GO."""
    if stage_index(doc.stage) <= stage_index("design"):
        return
    result = feasibility_result(doc, specs)
    if result is None or result.verdict != "NO-GO":
        return
    reason = doc.feasibility.moved_despite
    blocks = [f"{g.item.text} {g.blocking_reason}." for g in result.fatal]
    add(
        "MLD020",
        "warning" if reason else "error",
        "feasibility",
        f"the document is at stage {doc.stage}, past the design to prototype move, while the "
        "feasibility checklist is NO-GO: " + " ".join(blocks[:3]) + _moved(reason),
        verdict=result.verdict,
        reasons=result.reasons,
        moved_despite=reason or None,
    )


def _named(text: str) -> str:
    """An item as a finding names it: its statement, without the closing stop."""
    return text.rstrip(".")


def _moved(reason: str) -> str:
    """ " Moved on with the reason: ..." (the stored verdict then, e.g. "NO-GO: ", is said
    as "when it was NO-GO")."""
    if not reason:
        return ""
    verdict, sep, said = reason.partition(": ")
    if sep and verdict in (
        "GO",
        "CONDITIONAL",
        "NO-GO",
        "INCOMPLETE",
        "PIVOT",
        "SCOPE-DOWN",
        "do-not-build",
        "not given",
    ):
        return f" Moved on when it was {verdict}, with the reason: {said}"
    return f" Moved on with the reason: {reason}"
