"""The stage gates in ``status`` (text and JSON) and ``show``: each gate's verdict, where the
document stands (passed, facing, later), its reasons, and, for ``show``, its items."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..core.document import Document
from ..core.feasibility_text import item_details, item_marks
from ..core.markdown_stage_gates import EARLY, anyway, later_text, later_words, marked_early
from ..core.specs import Specs, StepSpec
from ..core.stage_gate import StageGap
from ..core.stage_gate_verdicts import GateStanding, stage_gate_result, stage_gate_standings
from ..core.stage_gate_verdicts import standing as standing_of

STATUS_LABEL = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}
VERDICT_STYLE = {
    "GO": "bold white on green",
    "CONDITIONAL": "bold black on yellow",
    "NO-GO": "bold white on red",
    "INCOMPLETE": "bold reverse",
}
STANDING_WORDS = {"passed": "passed", "facing": "next", "later": "later"}


def _gap_json(gap: StageGap) -> dict[str, Any]:
    state = gap.state
    return {
        "item": gap.item.id,
        "text": gap.item.text,
        "critical": gap.item.critical,
        "status": gap.status,
        "owner": state.owner,
        "condition": state.condition or None,
        "due": state.due.isoformat() if state.due else None,
        "lacking": gap.problems,
        "unevidenced": gap.unevidenced,
    }


def stage_gates_json(doc: Document, specs: Specs) -> list[dict[str, Any]]:
    """Every stage gate: its move, where the document stands, verdict, reasons and gaps."""
    out = []
    for gate in stage_gate_standings(doc, specs):
        result, t = gate.result, gate.spec.transition
        state = doc.stage_gates.get(gate.spec.slug)
        out.append(
            {
                "slug": gate.spec.slug,
                "from": t.from_ if t else None,
                "to": t.to if t else None,
                "standing": gate.standing,
                "verdict": result.verdict,
                "passes": result.passes,
                "reasons": result.reasons,
                "blocking": [_gap_json(g) for g in result.blocking],
                "conditions": [_gap_json(g) for g in result.conditions],
                "gaps": [_gap_json(g) for g in result.gaps],
                "items_without_status": result.missing,
                "moved_despite": (state.moved_despite or None) if state else None,
            }
        )
    return out


def _verdict_line(doc: Document, gate: GateStanding) -> Text:
    result = gate.result
    line = Text(f"Stage gate {result.name}  ", style="bold")
    if gate.standing == "later":
        line.append(later_words(doc, gate.spec), style="dim")
        return line
    line.append(f" {result.verdict} ", style=VERDICT_STYLE[result.verdict])
    line.append(f"  ({STANDING_WORDS[gate.standing]})", style="dim")
    reason = anyway(doc, gate)  # the verdict is on the line already: the reason only
    if reason:
        line.append(f"  passed anyway: {reason}", style="yellow")
    return line


def stage_gate_rows(doc: Document, specs: Specs, *, reasons: bool) -> list[RenderableType]:
    """One line per gate (and, with ``reasons``, the reasons of the gates not 'later')."""
    rows: list[RenderableType] = []
    for gate in stage_gate_standings(doc, specs):
        rows.append(_verdict_line(doc, gate))
        if reasons and gate.standing != "later":
            for reason in gate.result.reasons:
                rows.append(Text(f"  • {reason}"))
    return rows


def stage_gate_step(doc: Document, specs: Specs, step: StepSpec) -> RenderableType:
    """``show``'s section of a stage gate: a 'later' line, or the verdict and the items."""
    later = standing_of(doc, step) == "later"
    if later and not marked_early(doc, step):
        return Text(later_text(step), style="dim")
    result = stage_gate_result(doc, specs, step)
    unevidenced = {g.item.id: g.unevidenced for g in result.open_gaps if g.unevidenced}
    table = Table(expand=True, show_lines=False)
    for column in ("Item", "Status", "Owner", "Condition / note"):
        table.add_column(column)
    state = doc.stage_gates.get(step.slug)
    for item in step.criteria:
        mark = state.items.get(item.id) if state else None
        status = STATUS_LABEL[mark.status] if mark and mark.status else "—"
        if mark is not None:
            status += item_marks(mark, unevidenced.get(item.id))
        table.add_row(
            Text(item.text + (" *" if item.critical else "")),
            status,
            Text((mark.owner or "") if mark else ""),
            Text(item_details(mark) if mark else ""),
        )
    if later:  # marked early: the items, and no verdict before the gate's stage
        return Group(Text(f"{later_text(step)} {EARLY}", style="dim"), table)
    head = Text("Verdict: ", style="bold")
    head.append(f" {result.verdict} ", style=VERDICT_STYLE[result.verdict])
    return Group(head, *(Text(f"  • {r}") for r in result.reasons), table)
