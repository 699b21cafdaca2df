"""The footer of the wizard and the workshop: compact, and the palette's key only where
there is room for it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_HINT_COLUMNS = 100
"""Below this width the palette's key (Ctrl+K) gives its place to the wizard's own keys."""
GIVE_WAY = ("review",)
"""Keys left out of the footer (they still work) when all of them do not fit: F8 at 80
columns with the previous/next step keys (the README lists it)."""


class WizardFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._room: bool | None = None

    def on_resize(self, event: events.Resize) -> None:
        wanted = event.size.width >= PALETTE_HINT_COLUMNS
        room = self._fits(event.size.width)
        if self.show_command_palette != wanted or room != self._room:
            self.show_command_palette = wanted
            self.refresh(recompose=True)

    def _fits(self, width: int) -> bool:
        """Whether every key the screen shows fits in ``width`` columns ("f2 Preview ")."""
        shown = [b for (_, b, _, _) in self.screen.active_bindings.values() if b.show]
        needed = sum(len(self.app.get_key_display(b)) + len(b.description) + 2 for b in shown)
        return needed <= width

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self._room = self._fits(self.size.width or self.app.size.width)
        for key in keys:
            if self._room or not (isinstance(key, FooterKey) and key.action in GIVE_WAY):
                yield key
