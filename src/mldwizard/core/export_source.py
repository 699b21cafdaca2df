"""The Markdown that the HTML and Word exports are built from.

It is :func:`~mldwizard.core.markdown.render_markdown`'s output (one source, so every format
says the same thing) without what only a ``.md`` file needs: the "generated" comment at the
top (an HTML comment that the exports would otherwise show as text) and the document's own
table of contents, which both exports build themselves (a linked ``<nav>``, a Word field).

The table of contents is found by its shape, not its wording: a second-level section that
holds nothing but a list whose every item links inside the document.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .markdown import GENERATED_MARK


def export_source(markdown: str) -> str:
    """``markdown`` without the generated mark and without its own table of contents."""
    lines = markdown.split("\n")
    if lines and lines[0].startswith(GENERATED_MARK):
        lines = lines[1:]
    span = contents_span("\n".join(lines))
    if span is not None:
        start, end = span
        lines = lines[:start] + lines[end:]
    return "\n".join(lines).lstrip("\n")


def contents_span(markdown: str) -> tuple[int, int] | None:
    """The source lines ``[start, end)`` of the first section whose whole body is a list of
    same-document links (heading included), or None."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    total = len(markdown.split("\n"))
    headings = [(i, t) for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    for n, (index, heading) in enumerate(headings):
        end_index = headings[n + 1][0] if n + 1 < len(headings) else len(tokens)
        body = tokens[index + 3 : end_index]  # after heading_open, inline, heading_close
        if heading.map is None or not _only_internal_links(body):
            continue
        end_line = tokens[end_index].map if end_index < len(tokens) else None
        return heading.map[0], end_line[0] if end_line else total
    return None


def _only_internal_links(body: list[Token]) -> bool:
    """A bullet list (nested lists allowed) whose items are each exactly one ``#`` link."""
    if not body or body[0].type != "bullet_list_open" or body[-1].type != "bullet_list_close":
        return False
    depth = 0
    for token in body:
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
            if depth == 0 and token is not body[-1]:
                return False
        elif token.type == "inline":
            children = token.children or []
            kinds = [c.type for c in children]
            if kinds[:1] != ["link_open"] or kinds[-1:] != ["link_close"]:
                return False
            if kinds.count("link_open") != 1:
                return False
            if not str(children[0].attrGet("href") or "").startswith("#"):
                return False
        elif token.type not in (
            "list_item_open",
            "list_item_close",
            "paragraph_open",
            "paragraph_close",
        ):
            return False
    return True
