"""Making user text safe to place inside the generated Markdown.

An answer keeps its ordinary Markdown (lists, emphasis, code blocks), but can never become a
heading of the document, turn the line above it into one, swallow what follows (an
unclosed code fence or HTML block), or define a link (``[evil]: https://...`` would turn
every ``[evil]`` in the document into a link to it). Lines that would do so are escaped;
the result is then checked with a CommonMark parser, and anything still unsafe is shown as
a code block.
Control characters (terminal escape sequences) and invisible bidirectional controls are
shown as ``\\xNN`` and ``\\uNNNN`` (core/visible.py), so the Markdown is safe to print and
reads the same to every reviewer.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .visible import visible_controls as visible_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# What may follow the container markers (block quotes, list items) at the start of a line.
_ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
# A "<" that could open an HTML tag, comment, declaration or processing instruction.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_RUN = re.compile(r"`+")
_UNESCAPED_HTML_START = re.compile(r"(?<!\\)(?:\\\\)*<[A-Za-z/!?]")
# CommonMark autolinks (URI and e-mail): kept, they are links, not HTML.
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>\x00-\x20]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>"
)
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_SENTINEL = "mldwizard-sentinel-heading"
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")


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
    escaped = _escape_lines(text)
    if is_contained(escaped) and not _has_raw_html(escaped) and not _defines_links(escaped):
        return escaped
    return as_code_block(text)


def _escape_lines(text: str) -> str:
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not (opened["fence"][0] == "`" and "`" in opened["info"]):
            fence = opened["fence"]
            out.append(line)
            continue
        at = _after_containers(line)
        if any(pattern.match(line, at) for pattern in (_ATX, _SETEXT)):
            line = line[:at] + "\\" + line[at:]
        if line.startswith((" ", "\t"), at):
            out.append(line)  # likely indented code, shown as is; if not, the check below
        elif line.startswith("[", at):  # a link reference definition starts so: never one
            out.append(line[:at] + "\\" + _escape_html(line[at:]))
        else:  # finds any raw HTML left in it
            out.append(line[:at] + _escape_html(line[at:]))
    if fence is not None:
        out.append(fence)
    return "\n".join(out)


def _escape_html(text: str) -> str:
    """``text`` with every ``<`` that could start raw HTML escaped, outside code spans and
    autolinks (linear in the length: each backtick run is looked up, never rescanned)."""
    if "<" not in text:
        return text
    runs: dict[int, list[int]] = {}  # backtick run length -> where such runs start
    for found in re.finditer(r"`+", text):
        runs.setdefault(len(found.group()), []).append(found.start())
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            out.append(text[i : i + 2])  # an escape: the next character stays as it is
            i += 2
        elif char == "`":
            run = _RUN.match(text, i)
            assert run is not None
            length = len(run.group())
            starts = runs.get(length, [])  # (after an escaped backtick: none)
            after = bisect.bisect_right(starts, i)
            end = starts[after] + length if after < len(starts) else run.end()
            out.append(text[i:end])  # a code span (or an unmatched run) as it is
            i = end
        elif char == "<" and (link := _AUTOLINK.match(text, i)) is not None:
            out.append(link.group())
            i = link.end()
        else:
            out.append("\\<" if char == "<" and _HTML_START.match(text, i) else char)
            i += 1
    return "".join(out)


def _after_containers(line: str) -> int:
    """Where a line's content starts after block-quote and list markers (one greedy pass,
    no backtracking: linear in the line's length)."""
    at = 0
    while True:
        start = at + _indent(line, at, 3)
        if line.startswith(">", start):
            at = start + 1
            if line.startswith((" ", "\t"), at):
                at += 1
            continue
        marker = _LIST_MARKER.match(line, start)
        if marker is None:
            return start
        at = marker.end()


def _indent(line: str, at: int, most: int) -> int:
    count = 0
    while count < most and line.startswith(" ", at + count):
        count += 1
    return count


def is_contained(block: str) -> bool:
    """True when ``block`` holds no heading and ends before a heading placed after it."""
    tokens = _parser().parse(block + "\n\n#### " + _SENTINEL + "\n")
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
