"""A spec's help and examples as people read them, on any face.

Specs write help and examples as a little Markdown: paragraphs (lines wrapped in the file),
``- `` or ``1. `` list items, and blank lines between paragraphs. A list question's example
is one item per line, without markers, as it is typed. Faces that print plain lines (the
specs listing, plain mode) use :func:`readable_lines`; the wizard's help panel renders the
Markdown of :func:`example_markdown` itself.
"""

from __future__ import annotations

import re

from .specs import Question

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")


def example_markdown(question: Question) -> str:
    """The question's example; a list's items marked as Markdown list items."""
    if question.kind != "list":
        return question.example
    lines = [line.strip() for line in question.example.strip().splitlines() if line.strip()]
    return "\n".join(line if _LIST_ITEM.match(line) else f"- {line}" for line in lines)


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
