"""A stage gate's verdict in the wizard: the one-line summary at the top of the step and the
banner above its rows (the rows are the feasibility checklist's, see ``checklist``)."""

from __future__ import annotations

from rich.text import Text

from ...core.stage_gate import StageGateResult
from .checklist import BANNER_STYLE


def stage_gate_summary(result: StageGateResult) -> Text:
    """ "Prototype to Pilot:  CONDITIONAL  2 to close": never scrolls away."""
    text = Text(f"{result.name}: ", style="bold")
    text.append(f" {result.verdict} ", style=BANNER_STYLE[result.verdict])
    if result.blocking:
        text.append(f" {len(result.blocking)} blocking")
    if result.missing:
        text.append(f" {len(result.missing)} without a status")
    if result.open_gaps:
        text.append(f" {len(result.open_gaps)} to close")
    return text


def stage_gate_later_summary(result: StageGateResult) -> Text:
    """ "Pilot to Production: Later": a gate of a later stage has no verdict yet (its items
    are marked from its own stage); INCOMPLETE beside the "Later" line contradicted it."""
    return Text.assemble((f"{result.name}: ", "bold"), ("Later", "dim"))


def stage_gate_banner(result: StageGateResult) -> Text:
    """The verdict, what blocks the move, and each gap with its owner and due date."""
    text = Text()
    text.append(f" {result.verdict} ", style=BANNER_STYLE[result.verdict])
    text.append(f"  {result.move}\n")
    if result.passes:
        text.append(f"  {result.reasons[0]}\n")
    for line in result.blockers():
        text.append(f"  ✗ {line}\n", style="bold red")
    for gap in result.open_gaps:
        owner = gap.state.owner or "no owner yet"
        due = gap.state.due.isoformat() if gap.state.due else "no due date yet"
        text.append(f"  • {gap.item.text} (owner: {owner}, due: {due})\n")
    text.rstrip()
    return text
