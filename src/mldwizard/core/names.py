"""Names and values typed by a user, quoted in a message: never more than a line.

A key of a million characters is still named in the message about it, by its start and its
length, so the message stays readable and the key can be found.
"""

from __future__ import annotations

LIMIT = 60


def shown_name(text: str, limit: int = LIMIT) -> str:
    """``text`` as it is when it is short; else its first ``limit`` characters, then how
    long it is: ``aaaa…(1,048,576 characters)``."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…({len(text):,} characters)"


def shown_repr(value: object, limit: int = LIMIT) -> str:
    """``repr`` of ``value`` for a message (text quoted, escapes visible), shortened the
    same way: ``'aaaa'…(1,048,576 characters)``."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}…({len(value):,} characters)"
    return shown_name(repr(value), limit)


def and_list(items: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C`` ("" for none)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
