"""The workshop's header title, fitted so the step beside it stays whole."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

HEADER_SIDES = 20
"""Columns the header's icon and clock take beside its title."""
SEPARATOR = " — "


def fitted_title(title: str, sub_title: str, width: int) -> str:
    """``title`` cut with "…" so that "title — sub_title" fits ``width`` columns: at 80 columns
    the project's title gives way ("Workshop: Routing support ti… — 1/6: 1. Essentials"),
    not the step (it was cut to "1.…")."""
    room = width - HEADER_SIDES - cell_len(sub_title) - len(SEPARATOR)
    text = Text(title)
    text.truncate(max(room, len("Workshop…")), overflow="ellipsis")
    return text.plain
