"""Help and examples as rich Text: the little Markdown the chapter specs use.

Specs write help and examples as short Markdown: paragraphs (lines wrapped in the file),
``- `` or ``1. `` lists, ``code`` and **bold**. Drawing that directly is instant; rich's
full Markdown renderer costs a markdown-it import (~35 ms) before the first screen, so it
is kept for the preview, which shows the exported document. Anything else (a heading, a
link) is shown as written, which is still readable.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...core.question_notes import EarlierAnswer

_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
_INLINE = re.compile(r"`([^`\n]+)`|\*\*([^*\n]+)\*\*")
CODE_STYLE = "bold"
HEADING_STYLE = "bold"


def _inline(text: str, base: str = "") -> Text:
    """``code`` and **bold** spans; the rest as it is."""
    out = Text(style=base)
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(text[pos : match.start()])
        code, bold = match.groups()
        if code is not None:
            out.append(code, style=CODE_STYLE)
        else:
            out.append(bold, style="bold")
        pos = match.end()
    out.append(text[pos:])
    return out


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) for each paragraph and list item; wrapped lines joined with spaces."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    kind = "para"

    def close() -> None:
        if current:
            blocks.append((kind, " ".join(current)))
            current.clear()

    for raw in markdown.strip().splitlines():
        line = raw.strip()
        item = _ITEM.match(raw)
        if not line:
            close()
            kind = "para"
        elif item:
            close()
            marker = item.group(2)
            kind = "•" if marker in "-*+" else marker
            current.append(item.group(3).strip())
        else:
            current.append(line)
    close()
    return blocks


def help_text(heading: str, markdown: str) -> list[RenderableType]:
    """A bold heading, then ``markdown``: paragraphs, and list items with a hanging indent."""
    out: list[RenderableType] = [Text(heading, style=HEADING_STYLE)]
    items: Table | None = None
    for kind, text in _blocks(markdown):
        if kind == "para":
            items = None
            out += [Text(""), _inline(text)]
            continue
        if items is None:  # one grid per list, so its items are not spaced apart
            items = Table.grid(padding=(0, 1, 0, 0))
            items.add_column(style="dim", no_wrap=True)
            items.add_column(ratio=1)
            out += [Text(""), items]
        items.add_row(kind, _inline(text))
    return out


def sections(*parts: list[RenderableType]) -> Group:
    """Sections one blank line apart, as one renderable for a Static."""
    joined: list[RenderableType] = []
    for part in parts:
        if joined:
            joined.append(Text(""))
        joined.extend(part)
    return Group(*joined)


def help_list(heading: str, items: list[str]) -> list[RenderableType]:
    """A bold heading, then ``items`` as a bulleted list (a question's ``asks``)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", _inline(item))
    return [Text(heading, style=HEADING_STYLE), Text(""), grid]


def earlier_text(earlier: EarlierAnswer) -> list[RenderableType]:
    """The answer a question builds on, whole, as written; or where to answer it."""
    if not earlier.answered:
        return [Text(earlier.heading, style=HEADING_STYLE), Text(""), Text(earlier.where)]
    return [Text(earlier.heading, style=HEADING_STYLE), Text(""), Text(earlier.text)]
