"""A fix to Textual (8.2.8, pinned) that the wizard depends on: ``prevent`` is per task.

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
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from textual._context import prevent_message_types_stack
from textual.message import Message
from textual.message_pump import MessagePump


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


def apply() -> None:
    """Install the fix (idempotent); done when the Textual face is imported."""
    MessagePump.prevent = _prevent_in_this_task  # type: ignore[method-assign]
