"""What the F3 (chapter details) and F4 (people) dialogs, and the review screen's text
dialogs (a comment, a reply, a reason), hold when the wizard stops.

Ctrl+Q is "save and quit": what is typed in an open dialog and not yet applied is saved
with the rest, as Apply or Add would; if it cannot be (a handle that is not valid), the
dialog says why and nothing quits. When the terminal closes nobody can be asked: what can
be applied is, and the rest is kept in a rescue copy.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from ..core.document import Document
from .screens.editors import PeopleDialog, StepDetailsDialog, add_typed_person
from .screens.review_dialogs import TextDialog, ThreadDialog


def apply_open_dialogs(screens: Iterable[Screen[object]]) -> str | None:
    """Apply what the open dialogs hold; the first problem, or None when all is applied."""
    for screen in screens:
        typed = PeopleDialog | StepDetailsDialog | TextDialog | ThreadDialog
        dialog = screen if isinstance(screen, typed) else None
        if dialog is not None and (problem := dialog.apply_typed()) is not None:
            return problem
    return None


def take_open_dialogs(screens: Iterable[Screen[object]], doc: Document) -> dict[str, str]:
    """Apply what can be without asking; returns what could not ("where" -> text) for a
    rescue copy."""
    unkept: dict[str, str] = {}
    for screen in screens:
        if isinstance(screen, PeopleDialog) and (typed := screen.take_typed()):
            unkept.update(add_typed_person(doc, typed))
        elif isinstance(screen, StepDetailsDialog) and (problem := screen.apply_typed()):
            unkept[f"{screen.step.slug}.details"] = screen.typed_text(problem)
        elif isinstance(screen, TextDialog | ThreadDialog) and screen.apply_typed():
            unkept[screen.where] = screen.typed
    return unkept
