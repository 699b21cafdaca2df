"""Keys typed while the wizard has nowhere to put them yet, replayed once it has.

At start-up and while a step is being switched (or rebuilt), the field that will take the
typing is not mounted yet. A user who types straight away (or right after Ctrl+N) expects
the keys to land in it, not in the step being left and not nowhere. The screen blurs the
old field, collects what is typed (:meth:`TypeAhead.capture` from its ``on_key``) and
replays it through the app once the cursor is in the new field, so every key takes the
normal path (bindings such as backspace included).

Keys belong to the step they were typed on (:meth:`TypeAhead.hold_for`): held keys never
follow the author into another step. If that step's first unanswered question is a choice,
text goes to its first unanswered text question instead (see ``StepView.first_unanswered``);
what cannot be placed is dropped with a notice that shows it (:func:`not_kept`).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input, TextArea

KEPT = ("enter", "backspace", "delete", "space")
"""Non-printable keys that are typing, not navigation (Tab, arrows and Ctrl keys are not)."""


class TypeAhead:
    def __init__(self) -> None:
        self._keys: list[tuple[str, str | None]] | None = None
        self._step: str | None = None

    @property
    def active(self) -> bool:
        return self._keys is not None

    def start(self) -> None:
        if self._keys is None:
            self._keys = []

    def hold_for(self, step: str) -> str:
        """Hold keys for ``step`` from now on. Keys held for another step were typed there,
        not here: they are dropped, and their text is returned (for a notice)."""
        lost = ""
        if self._step != step:
            lost, self._keys, self._step = self.text, None, step
        self.start()
        return lost

    @property
    def text(self) -> str:
        """What the held keys would type (empty if they type nothing)."""
        return "".join(c for _, c in self._keys or [] if c and c.isprintable()).strip()

    def capture(self, event: events.Key) -> bool:
        """Keep ``event`` for later (and stop it) if it is typing and keys are being held."""
        if self._keys is None or not (event.is_printable or event.key in KEPT):
            return False
        self._keys.append((event.key, event.character))
        event.stop()
        event.prevent_default()
        return True

    def replay(self, app: App[Any]) -> None:
        """Send the held keys again, in order, to whatever now has the focus (each marked
        with the step it was typed on: see :func:`sent_again`)."""
        keys, self._keys = self._keys or [], None
        for key, character in keys:
            app.post_message(sent_again(events.Key(key, character), self._step))

    def type_into(self, editor: Widget | None) -> str:
        """Type the held keys into ``editor`` now, without the event loop (the terminal is
        gone: nothing sent again would arrive). Returns the text of the keys that could not
        be typed (``editor`` is not a text box), or "" when all were."""
        keys, self._keys = self._keys or [], None
        if not isinstance(editor, (Input, TextArea)):
            return "".join(c for _, c in keys if c and c.isprintable()).strip()
        for key, character in keys:
            if key == "backspace":
                editor.action_delete_left()
            elif key == "delete":
                editor.action_delete_right()
            elif key == "enter" and isinstance(editor, TextArea):
                editor.insert("\n")
            elif character and character.isprintable():
                if isinstance(editor, Input):
                    editor.insert_text_at_cursor(character)
                else:
                    editor.insert(character)
        return ""

    def drop(self) -> None:
        self._keys = None

    def give_up(self) -> str:
        """Stop holding keys; return the text of those held (dropped: nowhere to go)."""
        lost, self._keys = self.text, None
        return lost


def sent_again(event: events.Key, step: str | None) -> events.Key:
    """``event``, sent again through the app, marked with the step it was typed on.

    A key sent again waits behind every key already queued, Ctrl+N/Ctrl+P included; if the
    step changed meanwhile, the wizard does not type it there (``WizardScreen.stray``)."""
    event.typed_on = step  # type: ignore[attr-defined]
    return event


def typed_on(event: events.Key) -> str | None:
    """The step a key sent again was typed on (None: a key as the terminal sent it)."""
    step = getattr(event, "typed_on", None)
    return step if isinstance(step, str) else None


def mark_typed_at(event: events.Key, focused: Widget | None) -> None:
    """Note on ``event`` the widget that had the cursor when the app took the key.

    A key the focused widget does not take bubbles up to the screen through every parent's
    queue, while the app goes on handing out the keys behind it (Tab moves the cursor at
    once: ``focus_keys``). By the time the screen reads the key the cursor may be elsewhere:
    a letter typed on a "later" line reached the screen after Shift+Tab had put the cursor
    back in a text field, and was typed there (a tester's burst gave "DDDGGGEEEFFF")."""
    event.typed_at = focused  # type: ignore[attr-defined]


def typed_at(event: events.Key) -> Widget | None:
    """The widget that had the cursor when ``event`` was typed (see :func:`mark_typed_at`);
    None when no widget had it or the key was not marked."""
    widget = getattr(event, "typed_at", None)
    return widget if isinstance(widget, Widget) else None


def not_kept(text: str, where: str) -> str:
    """The notice for keys typed ahead on ``where`` that had nowhere to go there."""
    return (
        f"Not kept: {text!r}, typed on {where} with no text question ready to take it. "
        "Type it again there if you meant it."
    )


def not_taken(text: str, label: str) -> str:
    """The notice for keys typed into a conflict dialog for a field whose version on disk
    the author then chose: their words were for their own version, not for that one."""
    return (
        f"Not kept: {text!r}, typed for {label!r} while the conflict dialog was open; you "
        "chose the version on disk there. Type it again if you still mean it."
    )


async def drained(pump: Widget, timeout: float = 1.0) -> None:
    """Wait until ``pump`` has handled the messages (keys) already sent to it (bounded)."""
    done = asyncio.Event()
    if pump.call_later(done.set):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), timeout=timeout)
