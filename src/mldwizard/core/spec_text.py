"""A spec's help and examples as people read them, on any face.

Specs write help and examples as a little Markdown: paragraphs (lines wrapped in the file),
``- `` or ``1. `` list items, and blank lines between paragraphs. A list question's example
is written as it is typed: one item per line, or ``- `` bullets with the lines of an
item indented under it. Faces that print plain lines (the
specs listing, plain mode) use :func:`readable_lines`; the wizard's help panel renders the
Markdown of :func:`example_markdown` itself.
"""

from __future__ import annotations

import re

from .list_text import parse_list_text
from .specs import Question

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")


def example_markdown(question: Question) -> str:
    """The question's example; a list's items marked as Markdown list items."""
    if question.kind != "list":
        return question.example
    # Read as an answer is read (an item of several lines is one item: a wrapped milestone's
    # second line is not a milestone of its own), then each item a bullet.
    return "\n".join(
        "- " + item.replace("\n", "\n  ") for item in parse_list_text(question.example.strip())
    )


def readable_lines(markdown: str) -> list[str]:
    """Lines as they read: wrapped lines joined, each list item on a line of its own, one
    empty line between paragraphs (never two, never at either end)."""
    out: list[str] = []
    for line in markdown.strip().splitlines():
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
        elif out and out[-1] != "" and not _LIST_ITEM.match(line):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(" ".join(line.split()) if not _LIST_ITEM.match(line) else line.strip())
    return out
