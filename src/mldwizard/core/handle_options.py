"""The people a picker offers, and the handles a stored answer names that are not among them.

A hand edit or a merge can leave a handle in an answer (``team = ["ana", "zoe"]``) or an
owner field that is not among the document's people. A picker that offered only the people
hid it, and the next tick wrote the answer without it: lost without a trace. Every face's
picker that edits handles offers the stored ones too, marked, so they stay until the author
unticks (or changes) them; the core keeps accepting a handle already stored (`check` reports
it, MLD010), and the mark says how to add them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .document import Person

NOT_AMONG = "not among the document's people"
TUI_HOW = "F4 adds them"
PLAIN_HOW = "add them with `mldwizard person`"


def unknown_label(handle: str, how: str = TUI_HOW) -> str:
    """``zoe (not among the document's people: F4 adds them)``."""
    return f"{handle} ({NOT_AMONG}: {how})"


def handle_options(
    people: Iterable[Person],
    stored: Iterable[object],
    label: Callable[[Person], str] = lambda p: p.handle,
    how: str = TUI_HOW,
) -> list[tuple[str, str]]:
    """(label, handle) for every person, then for every stored handle not among them, in
    the order they are stored."""
    options = [(label(p), p.handle) for p in people]
    known = {handle for _, handle in options}
    for value in stored:
        handle = str(value)
        if handle and handle not in known:
            known.add(handle)
            options.append((unknown_label(handle, how), handle))
    return options


def stored_handles(value: object) -> list[str]:
    """The handles an answer or field holds: a list, one handle, or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set):
        return [str(v) for v in value]
    return [str(value)]
