"""``mldwizard check`` on the stage gates (the gate the document faces and those it passed;
a gate of a stage not reached yet is not checked):

* MLD020: the document's stage is past a stage gate that is not GO or CONDITIONAL (an
  error; a warning when the move was made with a written reason, which it quotes);
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
            blocks = result.blockers()
            said = f"; moved on with the reason: {reason}" if reason else ""
            add(
                "MLD020",
                "warning" if reason else "error",
                slug,
                f"the document is at stage {doc.stage}, past the {result.move} gate, which is "
                f"{result.verdict}: " + " ".join(blocks[:3]) + said,
                verdict=result.verdict,
                reasons=result.reasons,
                moved_despite=reason or None,
            )
        for gap in result.open_gaps:
            if gap.problems:
                severity: Severity = "error" if result.verdict == "CONDITIONAL" else "warning"
                add(
                    "MLD021",
                    severity,
                    slug,
                    f"{slug} item {gap.item.id} ({gap.status}): {', '.join(gap.problems)}; "
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
                    f"{slug} item {gap.item.id} ({gap.status}) was due on {due.isoformat()}: "
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
                    f"{slug} item {gap.item.id}: {gap.unevidenced}; it counts as Unknown",
                    item=gap.item.id,
                )
