"""The wizard's drop-down list: Textual's Select, steady under a burst of keys.

Textual's Select opens its list through a binding, which runs only once the key has bubbled
up to the app, and gives the list the cursor only after a refresh. Keys that arrived with the
Enter (typed fast, or while the app was busy) reach the closed Select meanwhile, where Down
and Enter only "open" the list again: `Enter Down Down Enter` left the list open on its first
option, and what was typed next went into the fields below. This Select opens its list as
soon as it takes the key, and while the list is open but not yet focused it passes the
list's own keys on to it, so a burst chooses what the same keys typed slowly choose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

T = TypeVar("T")


OPEN_KEYS = ("enter", "down", "space", "up")  # Select's own "show_overlay" binding


class DropDown(Select[T]):
    def _list_action(self, key: str) -> Callable[[], None] | None:
        overlay = self.query_one(SelectOverlay)
        actions: dict[str, Callable[[], None]] = {
            "down": overlay.action_cursor_down,
            "up": overlay.action_cursor_up,
            "home": overlay.action_first,
            "end": overlay.action_last,
            "pagedown": overlay.action_page_down,
            "pageup": overlay.action_page_up,
            "enter": overlay.action_select,
            "escape": overlay.action_dismiss,
        }
        return actions.get(key)

    def on_key(self, event: events.Key) -> None:
        if not self.has_focus:
            return
        if not self.expanded:
            # Open now, not when the key has bubbled up: the keys behind it find it open.
            action = self.action_show_overlay if event.key in OPEN_KEYS else None
        else:
            # The list is open but the cursor has not reached it yet: the key is the list's.
            action = self._list_action(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            action()
