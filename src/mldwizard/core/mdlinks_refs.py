"""An answer's reference-style links, resolved within the answer (qa10c #9).

A link reference definition (``[d]: https://example.com/doc``) in an answer must never
define a link for the rest of the document: mdsafe escapes every one it finds, so it shows
as text. But the author's own links should work: before that, each reference in the answer
to a definition in the same answer (full ``[the doc][d]``, collapsed ``[d][]`` and shortcut
``[d]``, and images ``![alt][d]``) becomes an inline link (``[the doc](https://...)``), and
the definitions so used are dropped. A definition nothing uses stays, shown as text; one
nested in a quote or a list item stays too (its line holds the container's marker), its
references resolved all the same. Footnotes (``[^1]``) are not references: mdsafe renames
them per answer. Code (blocks and spans) is left as written. An unsafe target
(``javascript:``) becomes an inline link like any other, which mdlinks_unsafe then turns into
text with a note, as it does for a link written inline.
"""

from __future__ import annotations

import re
from typing import Any

from .markdown_links import _CODE_SPAN, _code_lines

# A bracketed text, then an optional second bracket (a label or empty): not after "\" or
# "]" (the label of "[a][b]" is matched with its text), not followed by "(" (an inline
# link) or ":" (a definition left in place).
_REFERENCE = re.compile(
    r"(?<![\\\]])(?P<bang>!?)\[(?P<text>(?:[^\[\]\\\n]|\\.){0,999})\]"
    r"(?:\[(?P<label>(?:[^\[\]\\\n]|\\.){0,999})\])?(?![(:\[])"
)
_TOP_LEVEL_DEFINITION = re.compile(r" {0,3}\[")


def resolve_references(text: str) -> str:
    """``text`` with its references to its own link definitions as inline links, and the
    top-level definitions they used removed."""
    if "]:" not in text:
        return text
    definitions = _definitions(text)
    if not definitions:
        return text
    lines = text.split("\n")
    code = _code_lines(text)
    used: set[str] = set()
    for number, line in enumerate(lines):
        if number not in code and "[" in line:
            lines[number] = _resolve_line(line, definitions, used)
    drop: set[int] = set()
    for label in used:
        start, end = definitions[label]["map"]
        if _TOP_LEVEL_DEFINITION.match(lines[start]):
            drop.update(range(start, end))
    kept = [line for number, line in enumerate(lines) if number not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def _definitions(text: str) -> dict[str, dict[str, Any]]:
    """The link reference definitions a CommonMark parser finds in ``text``, by normalised
    label (footnotes' ``^`` labels left out), whatever their target: which targets are
    safe is decided once they are inline links, with every other link."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").disable(["inline", "text_join"])
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    env: dict[str, Any] = {}
    parser.parse(text, env)
    found: dict[str, dict[str, Any]] = env.get("references", {})
    return {
        label: value
        for label, value in found.items()
        if not label.startswith("^") and value.get("map") is not None
    }


def _resolve_line(line: str, definitions: dict[str, dict[str, Any]], used: set[str]) -> str:
    from markdown_it.common.utils import normalizeReference

    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
    pieces: list[str] = []
    at = 0
    for found in _REFERENCE.finditer(masked):
        start, end = found.span()
        text = line[found.start("text") : found.end("text")]
        label_span = found.span("label")
        label = line[label_span[0] : label_span[1]] if label_span[0] >= 0 else ""
        key = normalizeReference(label or text) if (label or text).strip() else ""
        if not key or key not in definitions:
            continue
        used.add(key)
        pieces += [line[at:start], f"{found['bang']}[{text}]({_destination(definitions[key])})"]
        at = end
    return "".join(pieces) + line[at:] if pieces else line


def _destination(definition: dict[str, Any]) -> str:
    # Normalised by the parser: no space, "<" or ">" is left in it (they are %-encoded),
    # so it needs no angle brackets; parentheses get a backslash unless they are balanced.
    href = str(definition.get("href", ""))
    target = href if _balanced(href) else re.sub(r"([()])", r"\\\1", href)
    title = str(definition.get("title", ""))
    if not title:
        return target
    escaped = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'{target} "{escaped}"'


def _balanced(href: str) -> bool:
    depth = 0
    for char in href:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
