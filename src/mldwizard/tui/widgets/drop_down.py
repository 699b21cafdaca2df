"""The wizard's drop-down list: Textual's Select, steady under a burst of keys.

Textual's Select (8.2.8) opens its list through a binding, which runs only once the key has
bubbled up to the app, and moves the cursor into the list, and back after a choice, only
after a refresh. Keys that arrived together (typed fast, or while the app was busy) are
handed on in between: `Enter Down Down Enter` reached the closed Select, where Down and
Enter only "open" the list again, so the list stayed open on its first option and what was
typed next went into the fields below; and a Tab right behind a choice was undone when the
late focus pulled the cursor back into the list.

This Select opens its list as soon as it takes the key, and moves the cursor at once: into
the list when it opens, back to the field when a choice or Esc closes it, and not at all if
the author has meanwhile moved on. While the list is open, keys that still reach the field
are passed to the list, so a burst chooses what the same keys typed slowly choose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

T = TypeVar("T")

OPEN_KEYS = ("enter", "down", "space", "up")  # Select's own "show_overlay" binding


class _List(SelectOverlay):
    def focus(self, scroll_visible: bool = True) -> _List:
        # At once, not after the next refresh; only from its own field (a Tab in the same
        # burst may have moved the cursor on already: the list then gets its keys through
        # the field, and the cursor stays where the author sent it).
        field = self.parent
        if isinstance(field, DropDown) and field.expanded and self.screen.focused is field:
            self.screen.set_focus(self, scroll_visible=scroll_visible)
        return self


class DropDown(Select[T]):
    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _List(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

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
        if not self.expanded:
            # Open now, not when the key has bubbled up: the keys behind it find it open.
            action = self.action_show_overlay if event.key in OPEN_KEYS else None
        else:
            # A key handed to the field before the list took the cursor is the list's.
            action = self._list_action(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            action()

    def _take_back_cursor(self) -> None:
        """From the list back to the field, at once; not if the author moved on meanwhile
        (a Tab right behind the choice), so the keys after it stay where they went."""
        try:
            overlay = self.query_one(SelectOverlay)
        except NoMatches:
            return
        if self.screen.focused is overlay:
            self.screen.set_focus(self, scroll_visible=False)

    @on(SelectOverlay.UpdateSelection)
    def _chosen(self, event: SelectOverlay.UpdateSelection) -> None:
        event.stop()
        event.prevent_default()  # instead of Select's own handler, which focuses later
        value = self._options[event.option_index][1]
        if value != self.value:
            self.value = value
        self._take_back_cursor()
        self.expanded = False

    @on(SelectOverlay.Dismiss)
    def _dismissed(self, event: SelectOverlay.Dismiss) -> None:
        event.stop()
        event.prevent_default()
        if not event.lost_focus:
            self._take_back_cursor()
        self.expanded = False
