"""A list answer as the text a person edits, and back: the one text form every face uses
(the wizard's box, the plain prompt and its default, ``mldwizard set ... -``).

An ordinary list is one item per line. A list with an item of several lines (a nested list,
a code block, a paragraph of its own) is written as Markdown bullets: ``- `` starts an item,
the lines indented under it belong to it. :func:`parse_list_text` reads both, so
``parse_list_text(format_list_text(items)) == items`` for any list of items that are not
empty and have no space around them (the items a face can store).
"""

from __future__ import annotations

import re

BULLET_HINT = "one item per line; '- ' starts an item of several lines"
"""How to write a list answer, for the wizard's box and the plain prompt."""

_MARKER = re.compile(r"[-*+](?: +|$)")
"""A bullet at the start of a line: ``-``, ``*`` or ``+`` then spaces (or nothing more)."""

_INDENT = "  "
"""How far the lines of an item of several lines are indented under its ``- ``."""


def format_list_text(items: list[str]) -> str:
    """The text of ``items`` to edit: one item per line when every item is one line (and
    reads back as itself); otherwise each item as a bullet, ``- `` and its first line, its
    other lines indented by two spaces (empty lines stay empty)."""
    if all(_is_plain_line(item) for item in items):
        text = "\n".join(items)
        if not _is_bulleted(text.split("\n")):  # "- a" alone would lose its "- "
            return text
    return "\n".join(_bullet(item) for item in items)


def parse_list_text(text: str) -> list[str]:
    """The items in typed text. When every line that starts at the left edge (and is not
    blank) starts with a bullet (``- ``, ``* `` or ``+ ``), each bullet is an item: the
    text after its marker, and the lines under it up to the next bullet (dedented by the
    marker's width). Otherwise each line is an item. Items are trimmed; empty ones dropped."""
    lines = text.split("\n")
    if not _is_bulleted(lines):
        return [item for item in (line.strip() for line in text.splitlines()) if item]
    items: list[list[str]] = []
    width = 0
    for line in lines:
        marker = _MARKER.match(line)
        if marker is not None:
            width = _marker_width(marker.group())
            items.append([line[width:] if len(line) >= width else ""])
        else:  # indented under the bullet, or blank
            items[-1].append(_dedent(line, width))
    return [item for item in ("\n".join(lines).strip() for lines in items) if item]


def _is_plain_line(item: str) -> bool:
    """``item`` reads back as itself when written on a line of its own."""
    return bool(item) and item.splitlines() == [item] and item == item.strip()


def _is_bulleted(lines: list[str]) -> bool:
    """Every non-blank line at the left edge is a bullet, and the first non-blank line is
    one (so no line is left outside an item)."""
    edge = [line for line in lines if line.strip() and not line[0].isspace()]
    first = next((line for line in lines if line.strip()), None)
    if first is None or first[0].isspace():
        return False
    return all(_MARKER.match(line) for line in edge)


def _marker_width(marker: str) -> int:
    """How far an item's content is indented: the marker and its spaces, as in CommonMark
    (five spaces or more after the marker start an indented code block: then one counts)."""
    spaces = len(marker) - 1
    return 2 if spaces == 0 or spaces > 4 else len(marker)


def _dedent(line: str, width: int) -> str:
    strip = min(width, len(line) - len(line.lstrip(" ")))
    return line[strip:]


def _bullet(item: str) -> str:
    first, *rest = item.split("\n")
    lines = ["- " + first]
    lines += [_INDENT + line if line else "" for line in rest]
    return "\n".join(lines)
