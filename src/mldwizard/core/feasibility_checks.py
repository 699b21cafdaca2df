"""``mldwizard check`` on the feasibility checklist: the gaps a verdict rests on.

* MLD017: a gap the verdict rests on lacks an owner, a condition or a due date (an error
  when the verdict is CONDITIONAL or SCOPE-DOWN, whose promise those make; else a warning);
  or a critical item holds a waiver, which counts for nothing (a warning: set refuses one
  today, an older document may hold one);
* MLD018: a gap not closed by its due date (an error);
* MLD019: a Met without evidence (it counts as Unknown), evidence naming no question, or an
  evidence link that is neither a web address nor a path in the repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from .document import Document
from .evidence_links import link_problem
from .feasibility import FeasibilityResult
from .specs import Specs

Severity = Literal["error", "warning", "info"]
Add = Callable[..., None]
"""``add(code, severity, message, **details)``."""

PROMISING = ("CONDITIONAL", "SCOPE-DOWN")


def feasibility_findings(
    doc: Document, specs: Specs, result: FeasibilityResult, today: dt.date, add: Add
) -> None:
    for gap in result.open_gaps:
        item = gap.item.id
        lacking = gap.problems
        if lacking:
            severity: Severity = "error" if result.verdict in PROMISING else "warning"
            add(
                "MLD017",
                severity,
                f"feasibility item {item} ({gap.status}): {', '.join(lacking)}; every gap "
                "needs an owner, a condition that would close it and a due date",
                item=item,
                lacking=lacking,
            )
    if specs.feasibility is not None:
        for spec in specs.feasibility.items:
            state = doc.feasibility.items.get(spec.id)
            if spec.critical and state is not None and state.waiver.strip():
                add(
                    "MLD017",
                    "warning",
                    f"feasibility item {spec.id} is critical: its waiver "
                    f"({state.waiver.strip()!r}) counts for nothing; close the gap or mark it "
                    "closable with an owner, a condition and a due date, and remove the waiver "
                    f"(set PATH feasibility {spec.id} --waive '')",
                    item=spec.id,
                )
    for gap in [*result.fatal, *result.open_gaps]:
        due = gap.state.due
        if due is not None and due < today and not gap.waived:
            add(
                "MLD018",
                "error",
                f"feasibility item {gap.item.id} ({gap.status}) was due on {due.isoformat()}: "
                "close it, or set a new date with the reason in its condition",
                item=gap.item.id,
                due=due.isoformat(),
            )
    for gap in result.unevidenced:
        add(
            "MLD019",
            "warning",
            f"feasibility item {gap.item.id}: {gap.unevidenced}; it counts as Unknown",
            item=gap.item.id,
        )
    for item_id, state in doc.feasibility.items.items():
        for link in state.links:
            problem = link_problem(link)
            if problem is not None:
                add(
                    "MLD019",
                    "warning",
                    f"feasibility item {item_id}: {problem}; it is not counted as evidence",
                    item=item_id,
                    link=link,
                )
        for ref in state.refs:
            if specs.question_at(ref) is None:
                add(
                    "MLD019",
                    "warning",
                    f"feasibility item {item_id}: evidence {ref!r} names no question",
                    item=item_id,
                    ref=ref,
                )


def details_of(result: FeasibilityResult) -> dict[str, Any]:
    """The verdict's reasons, for a finding's details."""
    return {"verdict": result.verdict, "reasons": result.reasons}
