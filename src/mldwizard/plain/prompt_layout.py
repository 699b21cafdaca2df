"""Adjustments to questionary's prompts (prompt_toolkit layouts and keys) so that they work
at any terminal size: a long answer or list scrolls below its question, long choice titles
and refusals wrap, and Esc then Enter acts as Enter everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prompt_toolkit.layout import Window
    from questionary import Question


def keep_rows_above(question: Question, window: Window, rows: int) -> None:
    """Let ``window`` (the answer being typed, the list of choices) scroll within the screen
    below the question rather than push the question off the top: a long answer or a long
    list keeps its question in sight (``rows``: the rows the question takes)."""
    from prompt_toolkit.layout.dimension import Dimension

    app = question.application

    def height() -> Dimension:
        # Two rows more: the answer's mark or the line saying why an answer is refused,
        # and a spare.
        return Dimension(max=max(app.output.get_size().rows - rows - 2, 3))

    window.height = height


def wrap_refusals(question: Question) -> None:
    """The line saying why an answer is refused wraps instead of being cut at the edge."""
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.layout.controls import FormattedTextControl

    for window in question.application.layout.find_all_windows():
        content = window.content
        text = getattr(content, "text", None) if isinstance(content, FormattedTextControl) else None
        if getattr(text, "__qualname__", "").startswith("ValidationToolbar."):
            window.height = None  # as many rows as the message needs
            window.wrap_lines = to_filter(True)


def escape_enter_is_enter(question: Question) -> None:
    """Esc then Enter, the habit a long answer teaches, acts as Enter: questionary's select,
    checkbox and confirm would otherwise return an empty text (a confirm taken as "no")."""
    from prompt_toolkit.key_binding import KeyBindings, KeyPress, merge_key_bindings
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def _enter(event: KeyPressEvent) -> None:
        event.app.key_processor.feed(KeyPress(Keys.ControlM, "\r"))

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])


def wrap_choices(question: Question, indent: int, rows_above: int) -> Callable[[], list[Any]]:
    """Let long choice titles wrap (questionary cuts them at the edge), continuing under the
    title, and a long list scroll under its question; returns a function that tells which
    choices are ticked."""
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from questionary.prompts.common import InquirerControl

    def prefix(line: int, wrap_count: int) -> StyleAndTextTuples:
        return [("", " " * indent)] if wrap_count else []

    controls: list[InquirerControl] = []
    for window in question.application.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            window.wrap_lines = to_filter(True)
            window.get_line_prefix = prefix
            keep_rows_above(question, window, rows_above)
            controls.append(window.content)
    return lambda: [value for control in controls for value in control.selected_options]
