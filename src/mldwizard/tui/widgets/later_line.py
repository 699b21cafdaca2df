"""A question left for a later stage, collapsed to one dim line in its place.

It is not missing and not counted (``core.shown`` says which questions are later); an author
who already knows the answer opens it with Enter or a click and answers it early.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...core.specs import Question
from ...core.stages import STAGE_LABEL


class LaterLine(Static, can_focus=True):
    """Posts :class:`LaterLine.Opened` on Enter or a click."""

    BINDINGS = [Binding("enter", "open", "Answer now", id="later-open")]

    class Opened(Message):
        def __init__(self, line: LaterLine) -> None:
            super().__init__()
            self.line = line

    def __init__(self, question: Question) -> None:
        super().__init__(later_text(question), id=f"later-{question.id}", classes="later")
        self.question = question

    def action_open(self) -> None:
        self.post_message(self.Opened(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Opened(self))


def later_text(question: Question) -> Text:
    """ "▸ later (from prototype): Learning curves  (Enter: answer it now)"."""
    stage = STAGE_LABEL[question.from_stage].lower()
    return Text.assemble(
        ("▸ ", "dim"),
        (f"later (from {stage}): ", "dim italic"),
        (question.title, "dim"),
        ("  (Enter: answer it now)", "dim"),
    )
