"""A question left for a later stage, collapsed to one dim line in its place.

It is not missing and not counted (``core.shown`` says which questions are later); an author
who already knows the answer opens it with Enter or a click and answers it early.

Enter is a priority binding that opens the question at once, in the app's task: the keys
typed right after it (one burst: "Enter LLL") are handed out after the cursor is in the
question's field, so they are typed there. Had the line posted a message to be opened
later, they would have reached the line itself and been lost.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...core.specs import Question
from ...core.stages import STAGE_LABEL


class LaterLine(Static, can_focus=True):
    """Opens its question (``open``, given by the step view) on Enter or a click; posts
    :class:`LaterLine.Focused` when it gets the cursor (the help panel shows the question)."""

    BINDINGS = [Binding("enter", "open", "Answer now", id="later-open", priority=True)]

    class Focused(Message):
        def __init__(self, line: LaterLine) -> None:
            super().__init__()
            self.line = line

    def __init__(self, question: Question, open: Callable[[LaterLine], None]) -> None:
        super().__init__(later_text(question), id=f"later-{question.id}", classes="later")
        self.question = question
        self._open = open

    def action_open(self) -> None:
        self._open(self)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self._open(self)

    def on_focus(self) -> None:
        self.post_message(self.Focused(self))


def later_text(question: Question) -> Text:
    """ "▸ later (from prototype): Learning curves  (Enter: answer it now)"; dim by its
    style (wizard.tcss), bright while it has the cursor."""
    stage = STAGE_LABEL[question.from_stage].lower()
    return Text.assemble(
        "▸ ",
        (f"later (from {stage}): ", "italic"),
        question.title,
        "  (Enter: answer it now)",
    )
