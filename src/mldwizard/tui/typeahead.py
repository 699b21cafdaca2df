"""Keys typed while the wizard has nowhere to put them yet, replayed once it has.

At start-up and while a step is being switched (or rebuilt), the field that will take the
typing is not mounted yet. A user who types straight away (or right after Ctrl+N) expects
the keys to land in it, not in the step being left and not nowhere. The screen blurs the
old field, collects what is typed (:meth:`TypeAhead.capture` from its ``on_key``) and
replays it through the app once the cursor is in the new field, so every key takes the
normal path (bindings such as backspace included).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App

KEPT = ("enter", "backspace", "delete", "space")
"""Non-printable keys that are typing, not navigation (Tab, arrows and Ctrl keys are not)."""


class TypeAhead:
    def __init__(self) -> None:
        self._keys: list[tuple[str, str | None]] | None = None

    @property
    def active(self) -> bool:
        return self._keys is not None

    def start(self) -> None:
        if self._keys is None:
            self._keys = []

    def capture(self, event: events.Key) -> bool:
        """Keep ``event`` for later (and stop it) if it is typing and keys are being held."""
        if self._keys is None or not (event.is_printable or event.key in KEPT):
            return False
        self._keys.append((event.key, event.character))
        event.stop()
        event.prevent_default()
        return True

    def replay(self, app: App[Any]) -> None:
        """Send the held keys again, in order, to whatever now has the focus."""
        keys, self._keys = self._keys or [], None
        for key, character in keys:
            app.post_message(events.Key(key, character))

    def drop(self) -> None:
        self._keys = None
