"""A cheap look at TOML text before (or after) it is parsed: how deep it nests, and what is
still open where it ends.

``tomllib`` recurses once per nested array or inline table (a RecursionError past a few
hundred) and takes time and memory quadratic in the number of parts of a dotted key
(20,000 parts: 10 s and 2.4 GB); every walk over the parsed data recurses too. One linear
pass over the text, token by token (strings and comments skipped whole), finds the first
place that nests more than :data:`MAX_DEPTH` levels, with its line and key, so such a file
is refused before any of that runs. The same pass says which string, array, inline table
or table header is still open at the end of the text, for errors "at end of document", and
where a number too long for Python to read is.

The pass trusts the text to be TOML: on text that is not, what it says may be off, and the
parser's own error is the one that counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import shown_name

# A document nests about 6 levels deep (chapters.metrics.answers.x, workshops); nothing
# legitimate comes near this, and every recursive walk stays far from Python's limit.
MAX_DEPTH = 32
# Python refuses to read an integer of more digits (a ValueError inside tomllib).
# (The string patterns below take runs of plain characters whole, possessively: a 2 MB
# answer is one step of the regex engine per escape, not one per character.)
LONG_NUMBER = 4301

_TOKEN = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?P<mlb>"{3,5})?'
    r"|'''(?:[^']++|'(?!''))*+(?P<mll>'{3,5})?"
    r'|"(?:[^"\\\n]++|\\.)*+(?P<basic>")?'
    r"|'[^'\n]*(?P<literal>')?"
    r"|#[^\n]*"
    r"|[\n\[\]{}=,.]"
    rf"|(?<![0-9_])[0-9][0-9_]{{{LONG_NUMBER - 1},}}"
)
_CLOSE = ("mlb", "mll", "basic", "literal")

# States: where the scan is in a line.
_LINE, _KEY, _HEADER, _VALUE, _AFTER = range(5)


@dataclass(frozen=True)
class Spot:
    """A place in the text: 1-based line and column, and the key or table written there
    (as written, shortened for a message; empty when there is none)."""

    line: int
    column: int
    field: str


@dataclass(frozen=True)
class Scan:
    too_deep: Spot | None  # the first key or value nested more than MAX_DEPTH levels
    open_at_end: tuple[Spot, str] | None  # what is still open where the text ends
    long_number: Spot | None = None  # the first number of LONG_NUMBER digits or more


def spot(text: str, at: int, field: str = "") -> Spot:
    line_start = text.rfind("\n", 0, at) + 1
    return Spot(text.count("\n", 0, at) + 1, at - line_start + 1, field)


def end_spot(text: str) -> Spot:
    """The last line that holds something (the end of the text, for an error there)."""
    body = text.rstrip()
    return spot(text, len(body))


def scan(text: str) -> Scan:
    """One pass over ``text``, stopping at the first place nested too deeply."""
    state = _LINE
    stack: list[tuple[str, int, int, int]] = []  # open "[" or "{": char, level, where, key
    table_level = 0  # how deep the current [table] is
    table = ""  # its name, as written
    base = 0  # the level the key being read starts from
    parts = 1  # parts of the key (or header) being read
    key_start = 0  # where that key starts
    level = 0  # the level of the value being read
    long_number: Spot | None = None

    def here(at: int, start: int) -> Spot:
        """A spot named by the key its line starts with (inside a value, the outermost)."""
        start = stack[0][3] if stack else start
        return spot(text, at, _qualified(table, _key_at(text, start)))

    for m in _TOKEN.finditer(text):
        char = m.group()[0]
        if char == "#":
            continue
        if char.isdigit():  # a number too long to read
            if state == _VALUE and long_number is None:
                long_number = here(m.start(), key_start)
            continue
        if char in "\"'":
            if m.lastgroup is None and not text[m.end() :].strip():  # open at the very end
                field = _qualified(table, _key_at(text, key_start)) if state == _VALUE else table
                return Scan(None, (spot(text, m.start(), field), "string"), long_number)
            if state == _LINE:
                state, base, parts, key_start = _KEY, table_level, 1, m.start()
            continue
        if char == "\n":
            if state == _HEADER:
                break  # an unclosed table header: the parser says where
            if not stack:
                state = _LINE
            continue
        if state == _LINE and char == "[":
            # [a.b] is two tables deep, its keys one more; [[a.b]] adds a list
            state, key_start = _HEADER, m.start()
            base, parts = (1 if text.startswith("[[", key_start) else 0), 1
        elif state == _HEADER:
            if char == ".":
                parts += 1
                if base + parts + 1 > MAX_DEPTH:
                    return Scan(spot(text, m.start(), _key_at(text, key_start)), None)
            elif char == "]":
                table, table_level = _key_at(text, key_start), base + parts
                state = _AFTER
        elif state in (_LINE, _KEY):
            if state == _LINE:
                state, base, parts, key_start = _KEY, table_level, 1, _line_start(text, m.start())
            if char == ".":
                parts += 1
                if base + parts > MAX_DEPTH:
                    return Scan(here(m.start(), key_start), None)
            elif char == "=":
                state, level = _VALUE, base + parts
            elif char == "}" and stack:  # an empty inline table: {}
                state, level = _VALUE, stack.pop()[1]
        elif state == _VALUE:
            if char in "[{":
                stack.append((char, level, m.start(), key_start))
                if level + 1 > MAX_DEPTH:
                    return Scan(here(m.start(), key_start), None)
                if char == "[":
                    level += 1
                else:
                    state, base, parts, key_start = _KEY, level, 1, m.end()
            elif char in "]}" and stack:
                level = stack.pop()[1]
            elif char == "," and stack:
                opener, outer, _, _ = stack[-1]
                if opener == "{":
                    state, base, parts, key_start = _KEY, outer, 1, m.end()
                else:
                    level = outer + 1
    else:
        if state == _HEADER:
            opened = spot(text, key_start, _key_at(text, key_start))
            return Scan(None, (opened, "table header"), long_number)
        if stack:
            opener, _, at, start = stack[0]
            what = "array" if opener == "[" else "inline table"
            return Scan(None, (here(at, start), what), long_number)
    return Scan(None, None, long_number)


def _key_at(text: str, start: int) -> str:
    """The key (or table header) written at ``start``, shortened for a message."""
    end = text.find("\n", start)
    raw = text[start : end if end >= 0 else len(text)]
    if raw.startswith("["):
        return shown_name(raw.strip("[ \t").split("]", 1)[0].strip())
    return shown_name(raw.split("=", 1)[0].strip())


def _line_start(text: str, at: int) -> int:
    start = text.rfind("\n", 0, at) + 1
    return start + len(text[start:at]) - len(text[start:at].lstrip())


def _qualified(table: str, key: str) -> str:
    return f"{table}.{key}" if table and key else table or key
