"""Keeping an answer's Markdown inside its place in the document, used by core/mdsafe.py.

Two parsers look at each answer followed by a probe (a ``$$`` line, then a heading): plain
CommonMark, and CommonMark with dollar math (``$$`` blocks, as GitHub and the HTML export
render them; an unclosed one would pair with a ``$$`` in a later answer and swallow all in
between). Whatever either finds is fixed, in rounds, until both agree the answer is
contained: each heading becomes a bold line, each code or math block still open at the end
is closed. When that does not settle, the caller shows the answer as a code block.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .mdlines import after_containers, headings_as_bold

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SENTINEL = "mldwizard-sentinel-heading"
# The probe placed after an answer: what follows it in the document, at its worst.
AFTER = "\n\n$$\n\n#### " + SENTINEL + "\n"
# Rewriting a heading can, rarely, make another one (a line over two underlines): a few
# rounds settle it; past them the answer is shown as a code block.
_ROUNDS = 6
# The parser stops looking past 20 levels of nesting (a quote counts one, a list two) and
# skips what is deeper: an answer that comes near, which nobody writes, is shown as code.
_DEEPEST_LEVEL = 18
_BLOCKS = frozenset({"fence", "math_block", "math_block_label"})


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # Imported here: only rendering needs it, and start-up (the wizard, `set`) is faster.
    from markdown_it import MarkdownIt

    # Only the block structure matters here; skipping inline parsing halves the cost.
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


@lru_cache(maxsize=1)
def math_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    return MarkdownIt("commonmark").use(dollarmath_plugin).disable(["inline", "text_join"])


@lru_cache(maxsize=1)
def table_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def _parsers(block: str) -> list[MarkdownIt]:
    # Only a "$$" opens a math block, and only a "|" a table (GitHub's, the page's: a
    # "```|" line over "---" is a table there, and a fence closed for CommonMark would
    # open one): without them, the plain parse says it all.
    found = [parser()]
    if "$$" in block:
        found.append(math_parser())
    if "|" in block:
        found.append(table_parser())
    return found


def contain(block: str) -> str | None:
    """``block`` with its headings made bold lines and its open code and math blocks
    closed, or None when that does not make it contained."""
    for _ in range(_ROUNDS):
        lines = block.split("\n")
        for markdown in _parsers(block):
            tokens = markdown.parse(block + AFTER)
            found = headings(tokens, len(lines))
            if found:
                headings_as_bold(lines, found)
                break
            still_open = _open_block(tokens, len(lines))
            if still_open is not None:
                lines.append(_closer(lines, still_open))
                break
            if not ends_with_sentinel(tokens):
                return None
        else:
            return block
        block = "\n".join(lines)
    return None


def is_contained(block: str) -> bool:
    """True when ``block`` holds no heading, leaves no block open and ends before a
    heading placed after it, for both parsers."""
    for markdown in _parsers(block):
        tokens = markdown.parse(block + AFTER)
        count = block.count("\n") + 1
        if headings(tokens, count) or _open_block(tokens, count) is not None:
            return False
        if not ends_with_sentinel(tokens):
            return False
    return True


def headings(tokens: list[Token], count: int) -> list[tuple[int, int, str, str]]:
    """(first line, end line, markup, text) of each heading within the first ``count``
    lines."""
    return [
        (token.map[0], min(token.map[1], count), token.markup, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None and token.map[0] < count
    ]


def _open_block(tokens: list[Token], count: int) -> Token | None:
    """A code or math block that starts in the first ``count`` lines and runs past them."""
    return next(
        (
            token
            for token in tokens
            if token.type in _BLOCKS and token.map is not None and token.map[0] < count
            if token.map[1] > count
        ),
        None,
    )


def _closer(lines: list[str], token: Token) -> str:
    """The line that closes ``token``'s block, inside the same quotes and list items."""
    assert token.map is not None
    opener = lines[token.map[0]]
    prefix = "".join(c if c == ">" else " " for c in opener[: after_containers(opener)])
    return prefix + token.markup


def ends_with_sentinel(tokens: list[Token]) -> bool:
    """True when the probe's heading is the only one, at the top level, and last."""
    if any(token.level >= _DEEPEST_LEVEL for token in tokens):
        return False
    found = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    if len(found) != 1:
        return False
    at = found[0]
    return (
        tokens[at].level == 0
        and at + 1 < len(tokens)
        and tokens[at + 1].content == SENTINEL
        and at + 3 == len(tokens)
    )
