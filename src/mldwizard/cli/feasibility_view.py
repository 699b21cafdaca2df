"""The feasibility verdict in ``mldwizard show``: the verdict, its reasons, what blocks it
and the conditions it rests on. Shown in the Verdicts box and in ``show DOC feasibility``."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..core.feasibility import FeasibilityResult, gap_line
from ..core.markdown import STATUS_LABEL


def feasibility_rows(feas: FeasibilityResult, styles: dict[str, str]) -> list[RenderableType]:
    """The verdict line, then its first reason, the blocking items and the conditions (each
    with its owner, due date and what it still lacks), then the other reasons."""
    line = Text("Feasibility  ", style="bold")
    if feas.verdict:
        line.append(f" {feas.verdict} ", style=styles[feas.verdict])
    else:
        line.append(f"pending ({len(feas.missing)} items without a status)", style="dim")
    gap_lines = {gap_line(g) for g in feas.open_gaps}
    said = [r for r in feas.reasons if r not in gap_lines]
    gaps = []
    for gap in feas.fatal + feas.conditions:
        owner = f" (owner: {gap.state.owner})" if gap.state.owner else ""
        what = gap.state.condition or gap.state.note or STATUS_LABEL[gap.status]
        due = f" Due {gap.state.due.isoformat()}." if gap.state.due else ""
        lacking = f" Lacking: {', '.join(gap.problems)}." if gap.problems else ""
        gaps.append(f"{gap.item.text} {what}{owner}{due}{lacking}")
    return [line, bullet_list(said[:1] + gaps + said[1:])]


def bullet_list(lines: list[str], indent: int = 2) -> Table:
    """Bullet points with a hanging indent, so wrapped lines stay readable."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + 1, justify="right")
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("•", Text(line))
    return grid
