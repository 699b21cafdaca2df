"""The feasibility verdict as a face shows it while the checklist is filled in: a short
summary ("NO-GO, 1 blocking, 2 to close"), what blocks, and the lines under the verdict
(its reasons, each gap with what closes it). Every line stands alone: it names its item
and says what the text after it is ("Condition: ..."), so a face can print it anywhere.

The wizard (tui/widgets/checklist.py) and plain mode (plain/checklist.py) both show these,
so the two faces say the same thing in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .feasibility import FeasibilityResult, Gap, gap_line
from .markdown_verdicts import headline

LineKind = Literal["reason", "blocking", "detail", "condition", "gaps"]


@dataclass(frozen=True)
class VerdictLine:
    kind: LineKind
    """``blocking``: what stops the project; ``detail``: more about the line before it;
    ``condition``: a gap and what closes it; ``gaps``: the non-critical gaps in one line."""
    text: str


def verdict_word(result: FeasibilityResult) -> str:
    return result.verdict or "PENDING"


def summary(result: FeasibilityResult) -> str:
    """What follows the verdict in one line: the counts that matter."""
    if result.verdict is None:
        return f"{len(result.missing)} item(s) without a status"
    bits = []
    if result.fatal:
        bits.append(f"{len(result.fatal)} blocking")
    if result.conditions:
        bits.append(f"{len(result.conditions)} to close")
    return ", ".join(bits)


def sentence(text: str) -> str:
    """A reason without its verdict label, starting with a capital letter."""
    said = headline(text)
    return said[:1].upper() + said[1:]


def blocking_lines(result: FeasibilityResult) -> list[str]:
    """What the verdict rests on when it is not the plan going ahead: the items that
    block a NO-GO, or the reason of a NO-GO from non-critical gaps, a PIVOT or a
    SCOPE-DOWN (what to do next). Empty for GO, CONDITIONAL, INCOMPLETE and no verdict."""
    if result.verdict not in ("NO-GO", "PIVOT", "SCOPE-DOWN"):
        return []
    if result.fatal:
        return [blocking_line(gap) for gap in result.fatal]
    return [sentence(r) for r in result.reasons[:1]]


def verdict_lines(result: FeasibilityResult) -> list[VerdictLine]:
    """The lines under the verdict: its reasons (those not said again by a line below),
    what blocks, each gap with its condition, owner and due date, the non-critical gaps."""
    lines: list[VerdictLine] = []
    said = {gap_line(g) for g in result.open_gaps}
    for reason in result.reasons:
        if reason not in said and not reason.startswith(("NO-GO: ", "CONDITIONAL: ")):
            lines.append(VerdictLine("reason", reason))
    for gap in result.fatal:
        lines.append(VerdictLine("blocking", blocking_line(gap)))
        if gap.state.condition.strip():
            lines.append(VerdictLine("detail", f"What would change this: {gap.state.condition}"))
    for gap in result.conditions:
        owner = gap.state.owner or "no owner yet"
        condition = gap.state.condition.strip() or "no condition yet"
        due = gap.state.due.isoformat() if gap.state.due else "no due date yet"
        lines.append(
            VerdictLine(
                "condition",
                f"{gap.item.text} Condition: {condition} (owner: {owner}, due: {due})",
            )
        )
    for reason in result.reasons:
        if reason.startswith("NO-GO: ") and "non-critical" in reason:
            lines.append(VerdictLine("blocking", sentence(reason)))
    if result.gaps:
        names = "; ".join(g.item.text for g in result.gaps)
        lines.append(VerdictLine("gaps", f"Non-critical gaps: {names}"))
    return lines


def blocking_line(gap: Gap) -> str:
    """A critical gap that stops the project: the item, and why it blocks."""
    return f"{gap.item.text} {gap.blocking_reason}."
