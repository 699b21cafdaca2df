"""Fixes to Textual (8.2.8, pinned) that the wizard depends on.

1. ``prevent`` is per task.

``MessagePump.prevent(*types)`` is meant to stop the messages that the code inside the
``with`` block posts (a widget given a value from the document must not report it back as
an edit). Textual keeps the prevented types in a context variable holding a *list*, and
pushes onto that list in place. Every widget's task is created from a copy of the app's
context, so they all hold the same list: while one task waits inside ``prevent`` (Textual
handles a message posted under ``prevent`` inside one, and its handler may await), a
``TextArea.Changed`` posted by any other widget meanwhile is silently dropped. In the
wizard that lost text: after someone else's change was loaded, letters typed into a field
just before Tab never reached the document (the field showed them; the file did not).

Here ``prevent`` gives the task a new list for the length of the block (``ContextVar.set``
and ``reset``): the same rule within a task, and no effect on the others.

2. A widget removed before it was composed gets no ``Mount``.

Textual starts a widget by handling ``Compose`` (mounting what ``compose`` yields) and then
``Mount``. If the widget is removed in between (its parent pruned: Ctrl+N held down
replaces a step whose fields are still starting), ``Widget.mount`` mounts nothing into a
widget being pruned, yet ``Mount`` is still handled, and every ``on_mount`` that looks up
what ``compose`` yielded fails: Textual's own ``Select._on_mount`` raised ``NoMatches`` for
its ``SelectOverlay`` (``_setup_options_renderables``), the wizard's ``EarlierNote`` for its
heading, and the app stopped on the error. A widget on its way out has nothing to set up:
here it is not sent ``Mount`` (it is unmounted and removed as before).

3. Control characters never reach the terminal (qa9b #1).

Textual writes a widget's text to the terminal as it is: an answer, a title or a name that
holds ``ESC ]0;...`` retitled the terminal, ``ESC [2J`` blanked it. Two chokepoints, for
every widget, screen, dialog, notification and the header (and ``serve``, the same app):

* ``Content``, the text of every Static, Label, Markdown, Toast, header, option and cell, is
  made from a string through one table (Textual's own, which dropped only BEL, BS, VT, FF
  and CR): here it shows every control character as ``\\xNN``, the rule of
  :mod:`mldwizard.core.visible`, so the text is laid out as it is seen.
* ``Strip.render``, where every line on screen becomes terminal output (a Rich renderable,
  an editor's line), drops a control character still in a segment's text (Textual's own
  sequences are styles and control segments, never text).
* A table's cells (DataTable, drawn with Rich) show them as ``\\xNN`` too.

An editor (Input, TextArea) draws its text with Rich, not ``Content``: there each control
character is drawn as its Unicode control picture (ESC as U+241B) and the text itself is left
as it is, so a value nobody edits is saved byte for byte. An answer's editor does better: it
holds the answer with its control characters as ``\\xNN`` (:mod:`mldwizard.tui.widgets.fields`).
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.text import Text
from textual import content, events
from textual._context import prevent_message_types_stack
from textual.message import Message
from textual.message_pump import MessagePump
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets import _data_table as data_table

from ..core.visible import CONTROL, shown_char


@contextmanager
def _prevent_in_this_task(
    self: MessagePump, *message_types: type[Message]
) -> Generator[None, None, None]:
    if not message_types:
        yield
        return
    stack = self._prevent_message_types_stack
    token = prevent_message_types_stack.set([*stack, stack[-1].union(message_types)])
    try:
        yield
    finally:
        prevent_message_types_stack.reset(token)


async def _no_mount_once_removed(self: Widget) -> bool:
    # MessagePump._pre_process of Textual 8.2.8, with the check between Compose and Mount.
    try:
        await self._dispatch_message(events.Compose())
        if self._pruning or self._closing or self._closed:
            return True  # removed meanwhile: its message loop now prunes it
        if self._prevented_messages_on_mount:
            with self.prevent(*self._prevented_messages_on_mount):
                await self._dispatch_message(events.Mount())
        else:
            await self._dispatch_message(events.Mount())
        self._post_mount()  # type: ignore[no-untyped-call]
    except Exception as error:
        self.app._handle_exception(error)
        return False
    finally:
        self._mounted_event.set()  # whoever awaits the mount goes on
        self._is_mounted = True
    return True


_original_render = Strip.render


def _render_without_controls(self: Strip, console: Console) -> str:
    if self._render_cache is None:
        segments = self._segments
        if any(control is None and CONTROL.search(text) for text, _, control in segments):
            self._segments = [
                Segment(CONTROL.sub("", text), style, control) if control is None else segment
                for segment in segments
                for text, style, control in (segment,)
            ]
    return _original_render(self, console)


# C0 as its control picture (U+2400-U+241F), DEL as U+2421, C1 (no pictures) as U+2426.
_PICTURES = {
    code: chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\u2426"
    for code in range(0xA0)
    if CONTROL.match(chr(code))
}


def _pictured(text: Text) -> Text:
    if not CONTROL.search(text.plain):
        return text
    shown = text.copy()
    shown.plain = text.plain.translate(_PICTURES)  # one for one: the styles stay in place
    return shown


_text_area_line = TextArea.get_line
_input_value = Input._value


def _text_area_line_pictured(self: TextArea, line_index: int) -> Text:
    return _pictured(_text_area_line(self, line_index))


def _input_value_pictured(self: Input) -> Text:
    return _pictured(_input_value.fget(self))  # type: ignore[attr-defined]


def _visible_text(text: Text) -> Text:
    """A Rich text with its control characters as ``\\xNN``, styles kept around them."""
    plain = text.plain
    if not CONTROL.search(plain):
        return text
    shown, start = text.blank_copy(), 0
    for found in CONTROL.finditer(plain):
        shown.append_text(text[start : found.start()])
        shown.append(shown_char(found.group()), text.get_style_at_offset(_CONSOLE, found.start()))
        start = found.end()
    shown.append_text(text[start:])
    return shown


_CONSOLE = Console()
_cell_formatter = data_table.default_cell_formatter


def _visible_cell(obj: object, wrap: bool = True, height: int = 0) -> RenderableType:
    cell = _cell_formatter(obj, wrap, height)
    return _visible_text(cell) if isinstance(cell, Text) else cell


def _show_controls_in_content() -> None:
    table: dict[int, str | None] = content._CONTROL_STRIP_TRANSLATE  # type: ignore[assignment]
    table.clear()
    table.update({code: shown_char(chr(code)) for code in range(0xA0) if CONTROL.match(chr(code))})


def apply() -> None:
    """Install the fixes (idempotent); done when the Textual face is imported."""
    _show_controls_in_content()
    Strip.render = _render_without_controls  # type: ignore[method-assign]
    TextArea.get_line = _text_area_line_pictured  # type: ignore[method-assign]
    Input._value = property(_input_value_pictured)  # type: ignore[method-assign,assignment]
    data_table.default_cell_formatter = _visible_cell
    MessagePump.prevent = _prevent_in_this_task  # type: ignore[method-assign]
    Widget._pre_process = _no_mount_once_removed  # type: ignore[method-assign,assignment]
