"""Question kinds and the values they accept.

One place decides what an answer of each kind looks like, used by spec loading (defaults),
document loading, ``mldwizard set`` and every face.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Literal, get_args

from .list_text import parse_list_text
from .names import shown_repr

Kind = Literal[
    "text",
    "long_text",
    "choice",
    "multi_choice",
    "number",
    "bool",
    "list",
    "person",
    "people",
    "date",
]
KINDS: tuple[str, ...] = get_args(Kind)
LIST_KINDS = frozenset({"multi_choice", "list", "people"})
CHOICE_KINDS = frozenset({"choice", "multi_choice"})

# What an answer may be once stored; TOML holds each of these natively.
Answer = str | int | float | bool | dt.date | list[str]

# ASCII digits only (int() and float() also take other scripts' digits, and "5_");
# an underscore may group digits, as in TOML: 1_000.
_DIGITS = r"[0-9](?:_?[0-9])*"
MAX_NUMBER_CHARS = 4000
"""The longest number text accepted (Python's int() refuses more than 4,300 digits)."""

_NUMBER = re.compile(
    rf"[+-]?(?:{_DIGITS}(?P<fraction>\.(?:{_DIGITS})?)?|(?P<bare>\.{_DIGITS}))"
    rf"(?P<exponent>[eE][+-]?{_DIGITS})?"
)
_TRUE = {"yes", "y", "true", "1", "on"}
_FALSE = {"no", "n", "false", "0", "off"}


class ValueProblem(ValueError):
    """A value does not fit its question; the message says why (without location)."""


def normalize_newlines(text: str) -> str:
    """Every line ending becomes ``\\n``: TOML cannot keep a CR LF pair apart from LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def describe_choices(choices: list[str], labels: Mapping[str, str] | None = None) -> str:
    """The allowed values for a message: ``value ("Label")`` where a label says more."""
    shown = []
    for value in choices:
        label = (labels or {}).get(value, value)
        shown.append(f'{value} ("{label}")' if label != value else value)
    return ", ".join(shown)


def check_value(
    kind: str,
    value: object,
    choices: list[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Answer:
    """Return ``value`` if it is a valid stored answer for ``kind``, else raise ValueProblem.

    Strict: no coercion from strings (use :func:`parse_text` for user-typed text); only line
    endings are normalised. ``labels`` (value -> label) only make messages readable.
    """
    if isinstance(value, str):
        value = normalize_newlines(value)
    elif isinstance(value, list):
        value = [normalize_newlines(v) if isinstance(v, str) else v for v in value]
    if kind in ("text", "long_text", "person", "choice"):
        if not isinstance(value, str):
            raise ValueProblem(f"expected text, got {_type_name(value)}")
        if kind == "person" and not value.strip():
            raise ValueProblem("expected a person's handle, got empty text")
        if kind == "choice" and choices is not None and value not in choices:
            raise ValueProblem(
                f"{value!r} is not one of the choices: {describe_choices(choices, labels)}"
            )
        return value
    if kind in LIST_KINDS:
        if not isinstance(value, list):
            raise ValueProblem(f"expected a list of text, got {_type_name(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ValueProblem(f"expected a list of text; item {i + 1} is {_type_name(item)}")
        if kind == "multi_choice" and choices is not None:
            bad = [v for v in value if v not in choices]
            if bad:
                raise ValueProblem(
                    f"{', '.join(map(repr, bad))} not among the choices: "
                    f"{describe_choices(choices, labels)}"
                )
        if len(set(value)) != len(value):
            raise ValueProblem("the list repeats an item")
        return list(value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueProblem(f"expected a number, got {_type_name(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueProblem("expected a finite number")
        if isinstance(value, int) and not -(2**63) <= value <= 2**63 - 1:
            raise ValueProblem("the number is too large to store (64-bit integers only)")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueProblem(f"expected true or false, got {_type_name(value)}")
        return value
    if kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValueProblem(f"expected a date (YYYY-MM-DD), got {_type_name(value)}")
        return value
    raise ValueProblem(f"unknown kind {kind!r}")


def parse_text(
    kind: str,
    raw: list[str],
    choices: list[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Answer:
    """Turn what a user typed (one or more strings) into an answer of ``kind``.

    List kinds take several strings, or one string with items separated by newlines; a
    ``list`` answer also takes Markdown bullets for items of several lines (see
    :mod:`.list_text`).
    """
    if kind in LIST_KINDS:
        items: list[str] = []
        for part in raw:
            if kind == "list":
                items.extend(parse_list_text(normalize_newlines(part)))
            else:
                items.extend(line.strip() for line in part.splitlines())
        return check_value(kind, [i for i in items if i], choices, labels)
    if len(raw) != 1:
        raise ValueProblem(f"a {kind} question takes one value, got {len(raw)}")
    text = raw[0]
    if kind == "number":
        found = _NUMBER.fullmatch(text.strip())
        if found is None:
            raise ValueProblem(
                f"expected a number, got {shown_repr(text)} (write it with the digits 0-9, "
                "e.g. 42, -0.5, 1_000 or 2.5e3)"
            )
        digits = found.group().replace("_", "")
        if len(digits) > MAX_NUMBER_CHARS:  # Python refuses ints of over 4,300 digits
            raise ValueProblem(
                f"a number of {len(digits):,} characters is too long (at most {MAX_NUMBER_CHARS:,})"
            )
        if found["fraction"] is None and found["bare"] is None and found["exponent"] is None:
            return check_value(kind, int(digits), choices)
        return check_value(kind, float(digits), choices)
    if kind == "bool":
        low = text.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueProblem(f"expected yes or no, got {text!r}")
    if kind == "date":
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise ValueProblem(f"expected a date as YYYY-MM-DD, got {text!r}") from None
    if kind in ("person",):
        text = text.strip()
    return check_value(kind, text, choices, labels)


def is_answered(value: object) -> bool:
    """An answer counts when it is not empty text or an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    return True


def format_answer(value: Answer) -> str:
    """A short single-line text for tables and messages."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
