"""Links in an answer whose target is unsafe (core/link_schemes.py) lose the link, keep their
text, and say so: ``[click me](javascript:alert(1))`` becomes ``click me (unsafe javascript:
link removed)``. The Markdown is the source of the web page and the Word file too, so every
format shows the same words and none has the link. Code (spans, fenced and indented blocks)
is left as written. Should a link still be there afterwards (a form this does not take
apart), `neutralise_unsafe_links` says so and the caller shows the answer as code.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .link_schemes import unsafe_scheme
from .markdown_links import _CODE_SPAN, _code_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_OPENING = re.compile(r"\]\(")
# After a destination: an optional title, then the closing parenthesis.
_TAIL = re.compile(
    r"[ \t]*"
    r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\((?:[^()\\\n]|\\.)*\))?"""
    r"[ \t]*\)"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")


def neutralise_unsafe_links(text: str) -> str | None:
    """``text`` with every link and image to an unsafe target made plain text with a note;
    ``text`` itself when it has none; None when one is left that this cannot take apart."""
    if not _may_have_unsafe_links(text):
        return text
    code = _code_lines(text)
    lines = text.split("\n")
    changed = False
    for number, line in enumerate(lines):
        if number in code or ("](" not in line and "<" not in line):
            continue
        fixed = _line(line)
        if fixed != line:
            lines[number] = fixed
            changed = True
    result = "\n".join(lines) if changed else text
    return result if not unsafe_links_in(result) else None


def _may_have_unsafe_links(text: str) -> bool:
    """Whether a destination after "](" or an autolink could be unsafe (without a parse:
    most answers with links have only safe ones)."""
    for opening in _OPENING.finditer(text):
        after = text[opening.end() : opening.end() + 200].lstrip(" \t\n").lstrip("<")
        target = _ESCAPED.sub(r"\1", html.unescape(after))
        if unsafe_scheme(target) is not None:
            return True
    return any(unsafe_scheme(m.group(1)) is not None for m in _AUTOLINK.finditer(text))


def _line(line: str) -> str:
    return _links(_autolinks(line))


def _masked(line: str) -> str:
    """``line`` with its code spans blanked out (a "](" in one is no link)."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def _autolinks(line: str) -> str:
    """``<javascript:...>`` shown as text, with the note."""
    masked, out = _masked(line), line
    for auto in reversed(list(_AUTOLINK.finditer(masked))):
        scheme = unsafe_scheme(auto.group(1))
        if scheme is not None and not _is_escaped(masked, auto.start()):
            start, end = auto.span()
            shown = f"\\<{out[start + 1 : end - 1]}\\>"
            out = out[:start] + shown + f" (unsafe {scheme}: link removed)" + out[end:]
    return out


def _links(line: str) -> str:
    """Inline links and images to unsafe targets as their text, with the note."""
    masked, out = _masked(line), line
    # From the end, so that earlier positions stay valid.
    for opening in reversed(list(_OPENING.finditer(masked))):
        close = opening.start()  # the "]"
        found = _destination(masked, opening.end())
        if found is None:
            continue
        target, end = found
        start = _matching_bracket(masked, close)
        image = start is not None and start > 0 and masked[start - 1] == "!"
        scheme = unsafe_scheme(_ESCAPED.sub(r"\1", html.unescape(target)))
        if scheme is None or (image and scheme == "data"):
            continue  # a data: image is the export's to embed (core/export_images.py)
        note = f" (unsafe {scheme}: {'image' if image else 'link'} removed)"
        if start is None:  # link text over several lines: keep the bracket, lose the link
            out = out[:close] + "\\]" + note + out[end:]
        else:
            first = start - 1 if image else start
            out = out[:first] + out[start + 1 : close] + note + out[end:]
    return out


def _destination(line: str, at: int) -> tuple[str, int] | None:
    """The destination starting at ``at`` (after "](") and where the link ends."""
    i = at
    while i < len(line) and line[i] in " \t":
        i += 1
    if i < len(line) and line[i] == "<":
        close = line.find(">", i)
        if close < 0 or "<" in line[i + 1 : close]:
            return None
        target, i = line[i + 1 : close], close + 1
    else:
        start, depth = i, 0
        while i < len(line):
            char = line[i]
            if char == "\\" and i + 1 < len(line):
                i += 2
                continue
            if char in " \t" or ord(char) < 32:
                break
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        target = line[start:i]
    tail = _TAIL.match(line, i)
    return None if tail is None else (target, tail.end())


def _matching_bracket(line: str, close: int) -> int | None:
    """Where the "[" that the "]" at ``close`` closes is (None: not on this line)."""
    depth = 0
    for i in range(close, -1, -1):
        if _is_escaped(line, i):
            continue
        if line[i] == "]":
            depth += 1
        elif line[i] == "[":
            depth -= 1
            if depth == 0:
                return i
    return None


def _is_escaped(line: str, i: int) -> bool:
    slashes = 0
    while i - slashes - 1 >= 0 and line[i - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def unsafe_links_in(markdown: str) -> bool:
    """Whether a CommonMark parser (one that keeps every link) finds a link or image to an
    unsafe target in ``markdown`` (data: images aside)."""
    return bool(unsafe_schemes_in(markdown))


def unsafe_schemes_in(markdown: str) -> list[str]:
    """The unsafe schemes of the links and images a CommonMark parser finds in ``markdown``
    (data: images aside), in order: what an author's text would link to."""
    if "](" not in markdown and "<" not in markdown:
        return []
    found: list[str] = []
    for token in _permissive().parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                scheme = unsafe_scheme(str(child.attrGet("href") or ""))
            elif child.type == "image":
                scheme = unsafe_scheme(str(child.attrGet("src") or ""))
                scheme = None if scheme == "data" else scheme
            else:
                continue
            if scheme is not None:
                found.append(scheme)
    return found


@lru_cache(maxsize=1)
def _permissive() -> MarkdownIt:
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark")
    markdown.validateLink = lambda url: True  # type: ignore[method-assign]
    return markdown
