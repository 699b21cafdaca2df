"""The one rule for text a person, a script or an agent stores in a document: tabs and line
breaks are text; every other control character (C0, DEL, C1, as :mod:`.visible` defines
them) is refused, with the field named.

A control character is never an answer: in a terminal it runs (``ESC ]0;`` retitles the
window, ``ESC [2J`` clears it) and it reaches whoever opens the document. A document that
already holds one still loads, and every face shows it as ``\\xNN``; the entry points
(``set`` values and ``--from``, ``person``, ``review`` comments and notes, the MCP
``propose_answer``, the wizard's fields and paste) call :func:`refuse_controls` and store
nothing instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import UsageError
from .visible import CONTROL

_NAMES = {
    0x00: "a NUL",
    0x07: "a bell",
    0x08: "a backspace",
    0x0D: "a carriage return, e.g. Windows line endings",
    0x1B: "an escape, the start of a terminal command",
    0x7F: "a delete",
    0x9B: "a terminal command on its own",
}


def control_problem(text: str) -> str | None:
    """What is wrong with ``text`` as stored text, or None: the first control character it
    holds, shown as ``\\xNN`` with where it is."""
    found = CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    where = f"line {line}, column {column}" if "\n" in text else f"character {column}"
    name = _NAMES.get(code, "a control character")
    return (
        f"holds \\x{code:02x} ({name}) at {where}: text may hold tabs and line breaks, no "
        "other control characters (a terminal would run them); remove it and try again"
    )


def refuse_controls(field: str, value: Any) -> None:
    """Raise :class:`UsageError` naming ``field`` when ``value`` (text, or a list or table
    of them, any depth) holds a control character other than tab and newline."""
    if isinstance(value, str):
        problem = control_problem(value)
        if problem is not None:
            raise UsageError(f"{field}: {problem}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            refuse_controls(f"{field}.{key}", item)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            refuse_controls(f"{field}[{index}]", item)
