"""The footer of the wizard and the workshop: compact, and the palette's key only where
there is room for it."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

PALETTE_HINT_COLUMNS = 100
"""Below this width the palette's key (Ctrl+K) gives its place to the wizard's own keys."""


class WizardFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        wanted = event.size.width >= PALETTE_HINT_COLUMNS
        if self.show_command_palette != wanted:
            self.show_command_palette = wanted
            self.refresh(recompose=True)
