"""Making user text safe to place inside the generated Markdown.

An answer keeps the author's Markdown as written: emphasis, code spans, links, images,
math (``$...$``, backslashes and all), strike-through, autolinks, nested lists, tables, fenced
code blocks and quotes. What could break the document's structure is made harmless without
a visible escape: a heading the author writes (``#### Inner sources``, or a line over ``===``)
becomes a bold line (``**Inner sources**``), so an answer never adds, removes or changes a
heading of the document (nor an anchor of its contents); an unclosed code fence is closed;
raw HTML and link reference definitions (``[evil]: https://...`` would turn every ``[evil]``
in the document into a link to it) are backslash-escaped, which shows them as the text they
are. A CommonMark parser decides what is a heading or code; the result is then checked with
it, and anything still unsafe is shown as a code block.

List answers get one bullet per item; an item keeps its Markdown too, several lines (a code
block, a nested list) staying inside its bullet as a continuation.

Control characters (terminal escape sequences) and invisible bidirectional controls are
shown as ``\\xNN`` and ``\\uNNNN`` (core/visible.py), so the Markdown is safe to print and
reads the same to every reviewer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .mdlines import escape_lines, headings_as_bold
from .visible import visible_controls as visible_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SENTINEL = "mldwizard-sentinel-heading"
_AFTER = "\n\n#### " + _SENTINEL + "\n"
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
_UNESCAPED_HTML_START = re.compile(r"(?<!\\)(?:\\\\)*<[A-Za-z/!?]")
# Rewriting a heading can, rarely, make another one (a line over two underlines): a few
# rounds settle it; past them the answer is shown as a code block.
_ROUNDS = 4
# The parser stops looking past 20 levels of nesting (a quote counts one, a list two) and
# skips what is deeper: an answer that comes near, which nobody writes, is shown as code.
_DEEPEST_LEVEL = 18
# A bullet the author pasted at the start of a list answer's item ("- item").
_PASTED_BULLET = re.compile(r"(?:[-+*][ \t]+)+")
# What would open a nested list at the start of an item's first line.
_BULLET_START = re.compile(r"\A[-+*](?=[ \t]|$)")
_ORDERED_START = re.compile(r"\A(\d{1,9})([.)])(?=[ \t]|$)")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported here: only rendering needs it, and start-up (the wizard, `set`) is faster.
    from markdown_it import MarkdownIt

    # Only the block structure matters here; skipping inline parsing halves the cost.
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    text = visible_controls(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def safe_block(text: str) -> str:
    """Markdown for a block of user text, safe to place between two headings."""
    text = normalise(text)
    if not text.strip():
        return ""
    block = _without_headings(_escape_lines(text))
    if block is not None and not _has_raw_html(block) and not _defines_links(block):
        return block
    return as_code_block(text)


def _escape_lines(text: str) -> str:
    """``text`` with raw HTML and link reference definitions escaped outside its code blocks,
    and an unclosed code fence closed (it would swallow the rest of the document)."""
    lines = text.split("\n")
    verbatim: set[int] = set()
    closer = ""
    for token in _parser().parse(text + _AFTER):
        if token.map is None or token.type not in ("fence", "code_block"):
            continue
        first, end = token.map
        if token.type == "fence":
            first += 1
            if token.level == 0 and end > len(lines):
                closer = token.markup
        verbatim.update(range(first, min(end, len(lines))))
    out = escape_lines(lines, verbatim)
    return "\n".join([*out, closer] if closer else out)


def _without_headings(block: str) -> str | None:
    """``block`` with every heading made a bold line, or None when it cannot be contained
    (it would still hold a heading, or not end before the heading that follows it)."""
    for _ in range(_ROUNDS):
        lines = block.split("\n")
        tokens = _parser().parse(block + _AFTER)
        found = _headings(tokens, len(lines))
        if not found:
            return block if _ends_with_sentinel(tokens) else None
        headings_as_bold(lines, found)
        block = "\n".join(lines)
    return None


def _headings(tokens: list[Token], count: int) -> list[tuple[int, int, str, str]]:
    """(first line, end line, markup, text) of each heading within the first ``count``
    lines."""
    return [
        (token.map[0], min(token.map[1], count), token.markup, tokens[i + 1].content)
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.map is not None and token.map[0] < count
    ]


def _ends_with_sentinel(tokens: list[Token]) -> bool:
    if any(token.level >= _DEEPEST_LEVEL for token in tokens):
        return False
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    if len(headings) != 1:
        return False
    at = headings[0]
    return (
        tokens[at].level == 0
        and at + 1 < len(tokens)
        and tokens[at + 1].content == _SENTINEL
        and at + 3 == len(tokens)
    )


def list_answer(items: list[str]) -> str:
    """A list answer: one bullet per item, each keeping its Markdown (an item of several
    lines, a code block or a nested list in it, stays one bullet). Should the whole list
    not check out as safe, the items are shown flat, as plain text."""
    entries = [_list_entry(item) for item in items]
    block = "\n".join(entry for entry in entries if entry)
    if _checks_out(block):
        return block
    return "\n".join(list_item(item) for item in items if normalise(item).strip())


def _list_entry(text: str) -> str:
    text = normalise(text)
    pasted = _PASTED_BULLET.match(text)
    if pasted is not None:  # "- item" pasted as an item: one bullet, not two
        width = pasted.end()
        rest = [_dedent(line, width) for line in text[width:].split("\n")]
        text = "\n".join(rest)
    block = safe_block(text)
    if not block:
        return ""
    first, *rest = block.split("\n")
    if not rest:  # a single line starting "1." or "*" is text, not a nested list
        first = _ORDERED_START.sub(r"\1\\\2", first, count=1)
        first = _BULLET_START.sub(r"\\\g<0>", first, count=1)
    lines = ["- " + first]
    lines += [("  " + _expand_indent(line)) if line else "" for line in rest]
    return "\n".join(lines)


def _dedent(line: str, width: int) -> str:
    line = _expand_indent(line)
    strip = min(width, len(line) - len(line.lstrip(" ")))
    return line[strip:]


def _expand_indent(line: str) -> str:
    """Tabs in a line's indentation as spaces (tab stops of 4, as CommonMark counts them):
    the indentation then means the same once the line is indented under a bullet."""
    body = line.lstrip(" \t")
    if "\t" not in line[: len(line) - len(body)]:
        return line
    return line[: len(line) - len(body)].expandtabs(4) + body


def is_contained(block: str) -> bool:
    """True when ``block`` holds no heading and ends before a heading placed after it."""
    return _ends_with_sentinel(_parser().parse(block + _AFTER))


def _checks_out(block: str) -> bool:
    return (
        bool(block)
        and is_contained(block)
        and not _has_raw_html(block)
        and not _defines_links(block)
    )


def _has_raw_html(block: str) -> bool:
    """True when a CommonMark parser finds raw HTML in ``block`` (only parsed when a "<"
    that could start some is left: in a code span, say, or an indented code block)."""
    if _UNESCAPED_HTML_START.search(block) is None:
        return False
    return any(
        token.type in ("html_block", "html_inline")
        for block_token in _full_parser().parse(block)
        for token in [block_token, *(block_token.children or [])]
    )


def _defines_links(block: str) -> bool:
    """True when a CommonMark parser finds a link reference definition in ``block`` (only
    parsed when a "]:" is left, as every definition has)."""
    if "]:" not in block:
        return False
    env: dict[str, object] = {}
    _full_parser().parse(block, env)
    return bool(env.get("references"))


@lru_cache(maxsize=1)
def _full_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def as_code_block(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def inline(text: str) -> str:
    """User text on one line inside generated Markdown (a list item, a table, a heading)."""
    flat = " ".join(normalise(text).split())
    return _INLINE_SPECIAL.sub(r"\\\1", flat)


def list_item(text: str) -> str:
    """A bullet whose text cannot turn into a nested list, quote or rule."""
    return "- " + re.sub(r"^([-+]|\d{1,9}[.)])", r"\\\1", inline(text))


def github_anchor(heading: str, seen: dict[str, int]) -> str:
    """The anchor GitHub gives a heading, unique within a document."""
    slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"
