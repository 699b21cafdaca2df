"""Making user text safe to place inside the generated Markdown.

An answer keeps the author's Markdown as written: emphasis, code spans, links, images,
math (``$...$``, backslashes and all), strike-through, autolinks, nested lists, tables, fenced
code blocks and quotes. What could break the document's structure is made harmless without
a visible escape: a heading the author writes (``#### Inner sources``, or a line over ``===``)
becomes a bold line (``**Inner sources**``), so an answer never adds, removes or changes a
heading of the document (nor an anchor of its contents); an unclosed code fence is closed;
raw HTML and link reference definitions (``[evil]: https://...`` would turn every ``[evil]``
in the document into a link to it) are backslash-escaped, which shows them as the text they
are; the answer's own references to its definitions are made inline links first, and the
definitions they used left out (core/mdlinks_refs.py). Footnotes stay (GitHub and the HTML
export put them at the end of the document): an answer's labels are renamed to be its own
(``[^1]`` in the summary is ``[^essentials-summary-1]``), so no answer can define or take
over another's; a footnote that would not stay contained is escaped like a link reference
definition. A CommonMark parser decides what is a heading or code; the result is then
checked with it, and anything still unsafe is shown as a code block.

List answers get one bullet per item; an item keeps its Markdown too, several lines (a code
block, a nested list) staying inside its bullet as a continuation.

Control characters (terminal escape sequences) and invisible bidirectional controls are
shown as ``\\xNN`` and ``\\uNNNN`` (core/visible.py), so the Markdown is safe to print and
reads the same to every reviewer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .mdcontain import AFTER, contain, ends_with_sentinel, headings, math_parser, parser
from .mdcontain import is_contained as is_contained
from .mdlines import escape_lines, headings_as_bold
from .mdlinks_refs import resolve_references
from .mdlinks_unsafe import neutralise_unsafe_links
from .visible import visible_controls as visible_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&])")
_UNESCAPED_HTML_START = re.compile(r"(?<!\\)(?:\\\\)*<[A-Za-z/!?]")
# A bullet the author pasted at the start of a list answer's item ("- item").
_PASTED_BULLET = re.compile(r"(?:[-+*][ \t]+)+")
# What would open a nested list at the start of an item's first line.
_BULLET_START = re.compile(r"\A[-+*](?=[ \t]|$)")
_ORDERED_START = re.compile(r"\A(\d{1,9})([.)])(?=[ \t]|$)")
# A footnote definition at the top level ("[^1]: text"), and a footnote label anywhere.
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([A-Za-z0-9_-]{1,40})\]:", re.MULTILINE)
_FOOTNOTE_LABEL = re.compile(r"\[\^([A-Za-z0-9_-]{1,40})\]")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    text = visible_controls(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


@lru_cache(maxsize=4096)
def safe_block(text: str, footnotes: str = "") -> str:
    """Markdown for a block of user text, safe to place between two headings (remembered:
    a document is rendered on every save, and most of its answers did not change).

    With ``footnotes`` (a prefix unique to the answer, ``essentials-summary``), the
    author's footnotes are kept: each label the text defines is renamed ``[^prefix-label]``
    in its references and its definition, so two answers' ``[^1]`` cannot collide (GitHub
    and the HTML export show footnotes at the end of the document). Should the footnotes
    not check out as contained, they are escaped like any other definition."""
    text = resolve_references(normalise(text))
    if not text.strip():
        return ""
    if footnotes and _FOOTNOTE_DEFINITION.search(text):
        kept = _safe_links(_with_footnotes(text, footnotes))
        if kept is not None:
            return kept
    block = _safe_links(contain(_prepare(text)))
    if block is not None and not _leaks(block):
        return block
    return as_code_block(text)


def _safe_links(block: str | None) -> str | None:
    """``block`` with its links to unsafe targets made text (core/mdlinks_unsafe.py); None
    when that leaves one, or changes what the block contains."""
    if block is None or ("](" not in block and "<" not in block):
        return block
    safe = neutralise_unsafe_links(block)
    if safe is None or (safe != block and not is_contained(safe)):
        return None
    return safe


def _with_footnotes(text: str, prefix: str) -> str | None:
    labels = set(_FOOTNOTE_DEFINITION.findall(text))
    renamed = _FOOTNOTE_LABEL.sub(lambda m: f"[^{prefix}-{m[1]}]" if m[1] in labels else m[0], text)
    own = f"[^{prefix}-"
    block = contain(_prepare(renamed, own))
    if block is None or _leaks(block, own) or not footnotes_contained(block):
        return None
    return block


def _prepare(text: str, keep: str = "") -> str:
    """``text`` with raw HTML and link reference definitions escaped outside its code (and
    math) blocks, and its headings made bold lines, as one parse finds them (``contain``
    then checks, and fixes what escaping revealed)."""
    lines = text.split("\n")
    tokens = parser().parse(text + AFTER)
    if escape_lines(lines, set()) != lines:  # something to escape: where is the code?
        verbatim: set[int] = set()
        for token in tokens:
            if token.map is not None and token.type in ("fence", "code_block"):
                first = token.map[0] + (token.type == "fence")
                verbatim.update(range(first, min(token.map[1], len(lines))))
        if "$$" in text:  # a formula's "a<b" is left as written; HTML in it, checked later
            for token in math_parser().parse(text + AFTER):
                if token.map is not None and token.type.startswith("math_block"):
                    verbatim.update(range(token.map[0] + 1, min(token.map[1] - 1, len(lines))))
        lines = escape_lines(lines, verbatim, keep)
    found = headings(tokens, len(lines))
    if found:
        headings_as_bold(lines, found)
    return "\n".join(lines)


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
    if first.startswith((" ", "\t")):  # spaces after "- " would move the item's content:
        first, rest = "", [first, *rest]  # the bullet on a line of its own, all indented
    lines = ["- " + first if first else "-"]
    lines += [("  " + expand_indent(line)) if line else "" for line in rest]
    return "\n".join(lines)


def _dedent(line: str, width: int) -> str:
    line = expand_indent(line)
    strip = min(width, len(line) - len(line.lstrip(" ")))
    return line[strip:]


def expand_indent(line: str) -> str:
    """Tabs in a line's indentation as spaces (tab stops of 4, as CommonMark counts them):
    the indentation then means the same once the line is indented under a bullet."""
    body = line.lstrip(" \t")
    if "\t" not in line[: len(line) - len(body)]:
        return line
    return line[: len(line) - len(body)].expandtabs(4) + body


def _checks_out(block: str) -> bool:
    return bool(block) and is_contained(block) and not _leaks(block)


def _leaks(block: str, own: str = "") -> bool:
    """True when a CommonMark parser (or one with math or footnotes) finds raw HTML, a link
    reference definition or a footnote definition in ``block`` (but the answer's own
    footnotes, whose labels start with ``own``, ``[^prefix-``). Only parsed when a "<" that
    could start HTML (in code, say) or a "]:" (as every definition has) is left."""
    if _UNESCAPED_HTML_START.search(block) is None and "]:" not in block:
        return False
    label = own[1:]  # "^prefix-"
    for markdown in _full_parsers(block):
        env: dict[str, Any] = {}
        tokens = markdown.parse(block, env)
        references = [
            r for r in env.get("references", {}) if not (own and r.startswith(label.upper()))
        ]
        footnotes = [
            f
            for f in env.get("footnotes", {}).get("refs", {})
            if not (own and f.startswith(":" + label[1:]))
        ]
        if (
            references
            or footnotes
            or any(
                token.type in ("html_block", "html_inline")
                for block_token in tokens
                for token in [block_token, *(block_token.children or [])]
            )
        ):
            return True
    return False


def _full_parsers(block: str) -> list[MarkdownIt]:
    """CommonMark; with dollar math when a "$" could open a formula (a "$$" block hides the
    code fences the plain parse sees, an inline "$...$" the code spans); with footnotes
    when a "[^" could define one (the HTML export renders them)."""
    found = [_full_parser("")]
    if "$" in block:
        found.append(_full_parser("math"))
    if "[^" in block:
        found.append(_full_parser("footnotes"))
    return found


@lru_cache(maxsize=4)
def _full_parser(plugin: str) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    markdown = MarkdownIt("commonmark")
    if "math" in plugin:
        markdown.use(dollarmath_plugin)
    if "footnotes" in plugin:
        markdown.use(footnote_plugin)
    return markdown


def footnotes_contained(block: str) -> bool:
    """True when, for a parser with footnotes (and dollar math, should a "$$" be there),
    ``block`` followed by the probe holds no heading and leaves nothing open: the probe's
    heading alone, at the top level, last but the footnotes the parser moves to the end,
    which hold no heading either."""
    plugins = ("footnotes", "footnotes+math") if "$$" in block else ("footnotes",)
    for plugin in plugins:
        tokens = _full_parser(plugin).parse(block + AFTER)
        tail = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), None)
        main, notes = (tokens, []) if tail is None else (tokens[:tail], tokens[tail:])
        if not ends_with_sentinel(main) or any(t.type == "heading_open" for t in notes):
            return False
    return True


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
