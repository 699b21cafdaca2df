"""Line-level rewriting of an answer's Markdown, used by core/mdsafe.py.

Each function changes only what could break the surrounding document and leaves no visible
escape in the rendered text: a ``<`` that could open raw HTML and a ``[`` that could start a
link reference definition get a backslash (which renders as nothing), and a heading becomes a
bold line of its own. Which lines are code (and so kept byte for byte) and which are headings
is decided by a CommonMark parser (core/mdsafe.py), not guessed here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# What may follow the container markers (block quotes, list items) at the start of a line.
_LIST_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]+")
# A list item that may follow a paragraph line without a blank line between (CommonMark).
_INTERRUPTING_ITEM = re.compile(r"(?:[-+*]|1[.)])[ \t]+\S")
# A "<" that could open raw HTML at the start of a line (an HTML block): a tag name then a
# space, "/", ">" or the end of the line, a closing tag, a comment, a declaration or a
# processing instruction. Anywhere: a complete tag, or one that goes on over the next line.
# Not "$a<b$" nor "a<b c" in a formula: never HTML, left as written.
_BLOCK_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|/[A-Za-z][A-Za-z0-9-]*(?=[\s>]|$)|[!?])"
)
_ATTRIBUTE = (
    r"\s+[A-Za-z_:][A-Za-z0-9:._-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?"
)
_INLINE_HTML = re.compile(
    r"<(?:[!?]"
    r"|/[A-Za-z][A-Za-z0-9-]*\s*(?:>|$)"
    rf"|[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*"
    r"(?:\s*/?>|(?:\s+[A-Za-z_:][A-Za-z0-9:._-]*\s*(?:=\s*(?:'[^']*|\"[^\"]*)?)?)?\s*$))"
)
_RUN = re.compile(r"`+")
# CommonMark autolinks (URI and e-mail): kept, they are links, not HTML.
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>\x00-\x20]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>"
)
# A line that starts with an inline link ("[text](url)" or "[text][ref]"): the label holds no
# bracket and is followed by "(" or "[", never by the ":" a definition needs.
_INLINE_LINK = re.compile(r"\[(?:[^\[\]\\\n]|\\.)*\][(\[]")


def escape_lines(lines: list[str], verbatim: set[int], keep: str = "") -> list[str]:
    """``lines`` with raw HTML and link reference definitions escaped, except the lines in
    ``verbatim`` (code blocks), which stay as they are. A line outside any container that
    starts with ``keep`` (``[^summary-`` for an answer's own footnote definitions) keeps its
    bracket."""
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in verbatim:
            out.append(line)
            continue
        at = after_containers(line)
        at += len(line) - at - len(line[at:].lstrip(" \t"))
        own = bool(keep) and line.startswith(keep, at) and not line[:at].strip()
        if line.startswith("[", at) and not _INLINE_LINK.match(line, at) and not own:
            out.append(line[:at] + "\\" + escape_html(line[at:], 1))  # never a definition
        else:
            out.append(line[:at] + escape_html(line[at:]))
    return out


def escape_html(text: str, block_start: int = 0) -> str:
    """``text`` with every ``<`` that could start raw HTML escaped, outside code spans and
    autolinks (linear in the length: each backtick run is looked up, never rescanned).
    At ``block_start`` (where the line's content starts) an HTML block could open too."""
    if "<" not in text:
        return text
    runs: dict[int, list[int]] = {}  # backtick run length -> where such runs start
    for found in _RUN.finditer(text):
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
            pattern = _BLOCK_HTML if i == block_start else _INLINE_HTML
            out.append("\\<" if char == "<" and pattern.match(text, i) else char)
            i += 1
    return "".join(out)


def after_containers(line: str) -> int:
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


def headings_as_bold(lines: list[str], headings: Iterable[tuple[int, int, str, str]]) -> None:
    """Turn each heading (first line, end line, markup, text) into a bold line of its own, in
    place: ``## Inner sources`` and ``Inner sources`` over ``===`` both become
    ``**Inner sources**``, with a blank line either side so that it is neither joined to the
    paragraph above nor the line below joined to it. ``headings`` must not overlap. One
    pass, linear in the number of lines however many headings there are."""
    out: list[str] = []
    done = 0  # lines before this one are in out
    for start, end, markup, text in sorted(headings):
        out.extend(lines[done:start])
        first = lines[start]
        at = after_containers(first)
        if markup.startswith("#"):
            found = first.find("#", at)
            at = found if found >= 0 else at
        prefix = first[:at]
        body = escape_html(" ".join(text.split()), -1)  # (from a parse of the unescaped text)
        blank = "".join(c for c in prefix if c == ">")  # stays inside the same quote
        # A blank line above, unless the heading opens a list item (which a paragraph
        # cannot take in); below, unless a list item follows: lists stay tight.
        if out and out[-1].strip(" \t>") and not prefix.strip(" \t>"):
            out.append(blank)
        out.append((prefix + f"**{body}**") if body else prefix.rstrip())
        after = lines[end].lstrip(" \t>") if end < len(lines) else ""
        if after and not _INTERRUPTING_ITEM.match(after):
            out.append(blank)
        done = end
    out.extend(lines[done:])
    lines[:] = out
