"""Reading answers for the lint: the prose of an answer (code and addresses left out), word
lists matched on word boundaries, and the numbers and dates in a text."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable

from .numbers import has_quantity

_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_URL = re.compile(
    r"<[a-z][a-z0-9+.-]{0,31}:[^<>\s]{0,2048}>|\b(?:https?|ftp|mailto|file):\S+|\bwww\.\S+", re.I
)
_LINK_TARGET = re.compile(r"\]\([^()\[\]\s]{0,2048}\)")  # bounded: linear on any text


def prose(text: str) -> str:
    """``text`` without code blocks, code spans, URLs and link targets (each kept as a
    space, so words on either side stay apart). Linear in the text's length, whatever it
    holds (answers can be long, and ``check`` reads every one)."""
    text = _without_code(text)
    for pattern in (_URL, _LINK_TARGET):
        text = pattern.sub(" ", text)
    return text


def _without_code(text: str) -> str:
    kept: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            kept.append("")
        elif opened:
            fence = opened.group(1)
            kept.append("")
        else:
            kept.append(line)
    return _without_spans("\n".join(kept))


def _without_spans(text: str) -> str:
    """Code spans out: a run of backticks up to the next run of the same length."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    out: list[str] = []
    done = 0  # text before this is written out
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        later = bisect.bisect_right(same, index)
        if later == len(same):
            index += 1
            continue
        closing = same[later]
        out.append(text[done:start] + " ")
        done = runs[closing][1]
        index = closing + 1
    out.append(text[done:])
    return "".join(out)


def answer_text(value: object) -> str | None:
    """The text of a text, long-text or list answer (a list one item a line); None for
    other answers."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return None


def _word_pattern(word: str) -> str:
    body = r"\s+".join(re.escape(part) for part in word.split())
    short_capitals = word.isupper() and len(word) <= 2
    return rf"(?<!\w)(?{'-i' if short_capitals else 'i'}:{body})(?!\w)"


@functools.cache
def word_matcher(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` on word boundaries; longer words first, so "neural network" wins
    over "neural". Words of one or two capitals (ML, AI) match only in capitals."""
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(_word_pattern(w) for w in ordered))


def found_words(text: str, words: Iterable[str]) -> list[str]:
    """The words of ``words`` in the prose of ``text``, as written there, each once, in
    order of appearance."""
    words = tuple(words)
    if not words:
        return []
    seen: dict[str, str] = {}
    for match in word_matcher(words).finditer(prose(text)):
        shown = " ".join(match.group().split())
        seen.setdefault(shown.casefold(), shown)
    return list(seen.values())


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


def found_phrases(text: str, words: Iterable[str], patterns: Iterable[str]) -> list[str]:
    """What ``words`` and the regular expressions ``patterns`` (case-insensitive) match in
    the prose of ``text``, as written there, each once, in order of appearance; a match
    inside a longer one is left out ("need an ML model" hides "ML model")."""
    readable = prose(text)
    spans: list[tuple[int, int]] = []
    words = tuple(words)
    if words:
        spans += [m.span() for m in word_matcher(words).finditer(readable)]
    for pattern in _compiled(tuple(patterns)):
        spans += [m.span() for m in pattern.finditer(readable) if m.end() > m.start()]
    seen: dict[str, str] = {}
    end = -1
    for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < end:
            continue
        end = stop
        shown = " ".join(readable[start:stop].split())
        seen.setdefault(shown.casefold(), shown)
    return list(seen.values())


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?<!\w)(?:"
    r"\d{4}-\d{2}(?:-\d{2})?"  # 2026-03-01, 2026-03
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"  # 01.03.2026, 3/1/26
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"  # 1 March (2026)
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"  # March 1(, 2026)
    rf"|{_MONTH}\s+\d{{4}}"  # March 2026
    r"|Q[1-4]\s?\d{4}|\d{4}\s?-?\s?Q[1-4]|H[12]\s?\d{4}"  # Q1 2027, 2027-Q1, H2 2026
    r"|(?:19|20)\d{2}"  # a year
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r")(?!\w)",
    re.I,
)
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")


def has_number(text: str) -> bool:
    """A quantity in the prose of ``text`` (:func:`mldwizard.core.numbers.has_quantity`:
    not a version, a quarter, a reference or a date)."""
    return has_quantity(prose(text))


def has_date(text: str) -> bool:
    return bool(_DATE.search(prose(text)))


def iso_dates(text: str) -> list[tuple[dt.date, str]]:
    """Each valid YYYY-MM-DD date in the prose of ``text``, with the line it is on."""
    out = []
    for line in prose(text).splitlines():
        for match in _ISO_DATE.finditer(line):
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue  # 2026-02-30: not a date
            out.append((day, line))
    return out
