"""The answer a question builds on, whole, in a dialog (F1 on the wizard).

The field shows a few lines of it and the help panel shows it first, but the panel takes no
keys: a long earlier answer (``integration.ci_checks`` is dozens of lines) is read here,
scrolled with the arrow keys and Page Up/Down; Escape, F1 or Close goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...core.question_notes import EarlierAnswer
from .dialogs import DialogBody


class EarlierAnswerDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="earlier-close"),
        Binding("f1", "close", "Close", id="earlier-close-f1", show=False),
    ]

    def __init__(self, earlier: EarlierAnswer) -> None:
        super().__init__(classes="dialog", id="earlier-dialog")
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        earlier = self.earlier
        with Vertical(classes="dialog-box"):
            yield Static(Text(f"{earlier.heading}:", style="bold"), id="earlier-heading")
            with DialogBody(classes="dialog-body", id="earlier-body"):
                text = earlier.text if earlier.answered else earlier.where
                yield Static(Text(text), id="earlier-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="earlier-close", variant="primary")

    def on_mount(self) -> None:
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        body = self.query_one(DialogBody)
        # The text, when it scrolls (the arrow keys and Page Up/Down move it); else Close.
        self.set_focus(body if body.allow_focus() else self.query_one(Button))

    @on(Button.Pressed, "#earlier-close")
    def action_close(self) -> None:
        self.dismiss(None)
