"""What the feasibility checklist and a stage gate share in the generated Markdown (and so in
HTML and docx): an item with its details each on a line of its own, and the verdict a
checklist's section states above its items.

An item's details (Evidence, Condition, Owner, Due, Rests on) end each line with a hard
break (two spaces), so GitHub, the HTML export (markdown-it) and Word (pandoc) all show one
detail to a line; a detail that is a block (a list, a table) stands apart as paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from .checklist_gaps import AnyGap, gap_line, item_name
from .document import FeasibilityItem
from .markdown_text import People
from .mdsafe import list_item

HARD_BREAK = "  "  # CommonMark's hard line break; at a paragraph's end it is dropped


def cannot_close(state: FeasibilityItem) -> bool:
    """A Not met item marked as not closable: nobody closes it, so a condition, an owner
    and a due date it was given before say nothing any more (the reader never sees them)."""
    return state.status == "not-met" and state.fatal


def item_lines(head: str, details: Sequence[Sequence[str]]) -> list[str]:
    """A list item ``head`` ("- **Partial:** ...") and its details under it, indented: each
    on a line of its own (a hard break before it); a detail that is a block (its label, a
    blank line, the block) is followed by a blank line, so the line after it is not read as
    part of it."""
    out = [head]
    after_line = True  # the line before is a one-line detail (or the head): it can break
    for lines in details:
        if after_line:  # a line of its own, or a block's label ("Evidence:") on one
            out[-1] += HARD_BREAK
        else:
            out.append("")
        out += ["  " + line if line else "" for line in lines]
        after_line = len(lines) == 1
    return out


def gap_text(gap: AnyGap, people: People) -> str:
    """A gap as a verdict lists it, a person by name: "The fallback works ... (partial):
    owner Carmen Vidal, due 2027-01-14.". Plain text, made safe by its list item."""
    line = gap_line(gap, people.plain)
    return line if line.endswith(".") else line + "."


def headline(reason: str) -> str:
    """A verdict's reason without the verdict it starts with, as a sentence of its own
    ("NO-GO: the gate says ..." -> "The gate says ...")."""
    for verdict in ("NO-GO", "CONDITIONAL", "INCOMPLETE", "PIVOT", "SCOPE-DOWN", "GO"):
        if reason.startswith(verdict + ": "):
            rest = reason[len(verdict) + 2 :]
            return rest[:1].upper() + rest[1:]
    return reason


def verdict_section(
    verdict: str,
    reasons: Sequence[str],
    blocking: Sequence[AnyGap],
    gaps: Sequence[AnyGap],
    people: People,
) -> list[str]:
    """A checklist's verdict above its items: "**Verdict: CONDITIONAL**", the verdict's
    reason as a paragraph, then one list of what it rests on (what blocks it, each gap with
    its owner and due date, what else it notes). Built from the gaps, never from the
    reasons' tool advice ("mark it closable ..."), and naming people, not handles."""
    said = {gap_line(g) for g in gaps}
    blocked = tuple(f"NO-GO: {g.item.text} " for g in blocking)
    lead: list[str] = []
    notes: list[str] = []
    for reason in reasons:
        if reason in said or reason.startswith(blocked):
            continue
        (notes if lead or not reason.startswith(verdict + ": ") else lead).append(headline(reason))
    listed = [f"{item_name(g)} ({g.reader_blocking_reason})." for g in blocking]
    listed += [gap_text(g, people) for g in gaps]
    listed += notes
    out = [f"**Verdict: {verdict}**", *lead]
    if listed:
        out.append("\n".join(list_item(line) for line in listed))
    return out
