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
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from textual import events
from textual._context import prevent_message_types_stack
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget


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


def apply() -> None:
    """Install the fixes (idempotent); done when the Textual face is imported."""
    MessagePump.prevent = _prevent_in_this_task  # type: ignore[method-assign]
    Widget._pre_process = _no_mount_once_removed  # type: ignore[method-assign,assignment]
