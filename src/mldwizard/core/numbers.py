"""What counts as a number in an answer: a measurement (a score, a rate, a count of cases),
not a digit that is part of a name, a version or a date.

Shared by the gate (a measured result counts only once it carries its number) and by the
lint (MLD103: a target without a number). "0.87 top-1 on 2,400 tickets", "81% precision",
"12 of 300" and "ninety percent" carry one; "version 2", "Q3", "v1.2", "MLR-57",
"2026-12-06" and "September 2026" do not.
"""

from __future__ import annotations

import re

from .lint_text import prose

# A number standing on its own: not glued to a word, an identifier or a dash before it
# (Q3, MLR-57, v2), nor to letters after it (3rd, 2x is kept: '2x faster' is a measure).
_DIGITS = re.compile(
    r"(?<![\w.\-/])(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.,]\d+)?)(?P<after>%|x\b|(?![\w\-/]))",
    re.I,
)
_DECIMAL = re.compile(r"(?<![\w\-/])\.\d+(?![\w\-/])")  # .87
# Words that make the number after them a name, not a measurement.
_NAMING = re.compile(
    r"(?:\b(?:version|release|v|phase|step|stage|sprint|iteration|chapter|section|page|"
    r"issue|ticket|pr|no|number|item|q|h|fy|week|day|month|year|room|level|tier|gen|"
    r"generation|model|gpt|llama|python|rule)\.?|#)\s*$",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    "june|july|august|september|october|november|december"
)
_DATE_AROUND = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.I)
_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundred"
)
_WORDED = re.compile(
    rf"\b(?:{_UNITS})(?:[- ](?:{_UNITS}))*\s+(?:percent|per\s+cent|out\s+of|in\s+(?:{_UNITS}))\b",
    re.I,
)


def has_number(text: str) -> bool:
    """Whether the prose of ``text`` (code and addresses left out) carries a measurement:
    a number that stands on its own ("0.87", "2,400", "81%", "12 of 300"), or one written
    out with what it counts ("ninety percent", "three out of ten")."""
    body = prose(text)
    if _WORDED.search(body) or _DECIMAL.search(body):
        return True
    for match in _DIGITS.finditer(body):
        before = body[: match.start()]
        if _NAMING.search(before):
            continue
        if match.group("after") != "%" and _is_date(body, match):
            continue
        return True
    return False


def _is_date(body: str, match: re.Match[str]) -> bool:
    """A year (2026), a day or year next to a month name, or part of a dated form
    (2026-12-06, 06.12.2026)."""
    number = match.group("n")
    end = match.end("n")
    after = body[end : end + 12]
    if _YEAR.fullmatch(number):
        return True
    if re.fullmatch(r"\d{1,2}", number):
        if _DATE_AROUND.search(body[: match.start()]):
            return True
        if re.match(rf"\s*(?:{_MONTHS})\b", after, re.I):
            return True
    return False
