"""Which comment the room resolves, closes or reopens, when the page has more than one
that the action applies to (Enter or a click picks; Escape changes nothing)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.review_model import Thread
from .screens.focus_keys import FOCUS_BINDINGS


class ThreadPickDialog(ModalScreen[int | None]):
    """One of ``threads``, by number."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="wr-pick-cancel")]

    def __init__(self, action: str, threads: list[Thread]) -> None:
        super().__init__(classes="dialog", id="wr-thread-pick")
        self.action = action
        self.threads = threads

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(f"Which comment to {self.action}?", style="bold"))
            yield OptionList(
                *(
                    Option(f"#{t.id} {t.state}, {t.severity} ({t.author}): {t.text}", id=str(t.id))
                    for t in self.threads
                ),
                id="wr-thread-list",
            )
            yield Static(Text("Enter picks, Escape changes nothing.", style="dim"))

    def on_mount(self) -> None:
        chooser = self.query_one(OptionList)
        chooser.highlighted = 0
        chooser.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
