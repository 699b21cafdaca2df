"""Relative links and images in answers, rebased for a Markdown file written elsewhere.

An author writes ``![plot](img/plot.png)`` relative to the folder of the TOML file (the
``.md`` beside it shows the image as written). An export written to another folder gets
the path rewritten so that it still points at the same file: ``../../docs/img/plot.png``
from ``other/dir/out.md``. Absolute URLs (``https:``, ``data:``, ``mailto:``), absolute
paths and same-document anchors (``#business-metric``) stay as written, and so does
anything in code (code spans, fenced or indented code blocks).
"""

from __future__ import annotations

import posixpath
import re

# An inline link or image destination: "](" then "<...>" or a run without spaces. Link text
# with nested brackets is rare enough; such a link is left as written.
_DESTINATION = re.compile(r"\]\([ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>]+))")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def rebase_links(markdown: str, base: str) -> str:
    """``markdown`` with relative link and image destinations prefixed by ``base`` (a
    relative POSIX path from the output's folder to the TOML's folder; "" changes nothing)."""
    if not base or base == "." or "](" not in markdown:
        return markdown
    code = _code_lines(markdown)
    return "\n".join(
        line if number in code else _rebase_line(line, base)
        for number, line in enumerate(markdown.split("\n"))
    )


def _code_lines(markdown: str) -> set[int]:
    """Numbers of the lines in code blocks (fenced or indented, at any nesting)."""
    from markdown_it import MarkdownIt  # only exports to another folder need it

    lines: set[int] = set()
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("fence", "code_block") and token.map is not None:
            lines.update(range(*token.map))
    return lines


def _rebase_line(line: str, base: str) -> str:
    if "](" not in line:
        return line
    # Where code spans are, blanked out, so that a "](" inside one is not taken for a link.
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
    pieces: list[str] = []
    at = 0
    for found in _DESTINATION.finditer(masked):
        group = "angled" if found.group("angled") is not None else "bare"
        start, end = found.span(group)
        target = line[start:end]
        if not _is_relative(target):
            continue
        pieces += [line[at:start], rebase(target, base)]
        at = end
    pieces.append(line[at:])
    return "".join(pieces)


def _is_relative(target: str) -> bool:
    return bool(target) and not (
        target.startswith(("#", "/", "\\", "?")) or _SCHEME.match(target) is not None
    )


def rebase_target(target: str, base: str) -> str:
    """One link's destination rebased (an absolute URL, a path or an anchor as it is)."""
    if not base or base == "." or not _is_relative(target):
        return target
    return rebase(target, base)


def rebase(target: str, base: str) -> str:
    """``target`` (relative to the TOML's folder) as seen from the output's folder."""
    return posixpath.normpath(posixpath.join(base, target)) + ("/" if target.endswith("/") else "")
