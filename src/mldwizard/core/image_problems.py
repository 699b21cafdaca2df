"""The local images an HTML or Word export leaves out, and why: for the CLI to say so.

The exports show each one in place, without its path (``[image "alt" not included: reason]``);
this finds the same images in the same source (`export_source`, parsed as the page parses
it) so that ``mldwizard export`` can print one warning line per image, path and all, without
the renderers changing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from markdown_it.token import Token

from .document import Document
from .export_images import ImageProblem, LocalImage, find_image, is_remote
from .export_source import export_source
from .html_export import page_parser
from .markdown import render_markdown
from .specs import Specs


def skipped_images(
    doc: Document, specs: Specs, *, base_dir: Path | None, draft: bool = False
) -> list[ImageProblem]:
    """Every local image of the export that is not embedded, in document order (a path
    named twice is reported once)."""
    md = page_parser(base_dir)
    tokens = md.parse(export_source(render_markdown(doc, specs, draft=draft)))
    problems: list[ImageProblem] = []
    seen: set[str] = set()
    for token in _images(tokens):
        src = str(token.attrGet("src") or "")
        if not src or is_remote(src) or src.lower().startswith("data:") or src in seen:
            continue
        seen.add(src)
        found = find_image(base_dir, src)
        if not isinstance(found, LocalImage):
            problems.append(found)
    return problems


def _images(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        if token.type == "image":
            yield token
        if token.children:
            yield from _images(token.children)
