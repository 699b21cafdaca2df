"""Adjustments to questionary's prompts (prompt_toolkit layouts and keys) so that they work
at any terminal size: a long answer or list scrolls below its question, long choice titles
and refusals wrap, the answer being typed wraps at word boundaries, and Esc then Enter acts
as Enter everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.processors import Processor
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
    """The line saying why an answer is refused wraps between words at the terminal's width,
    instead of being cut at the edge (or broken mid-word: "ht" / "tps")."""
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.formatted_text import StyleAndTextTuples, to_formatted_text
    from prompt_toolkit.layout.controls import FormattedTextControl

    app = question.application
    for window in app.layout.find_all_windows():
        content = window.content
        text = getattr(content, "text", None) if isinstance(content, FormattedTextControl) else None
        if not callable(text) or not getattr(text, "__qualname__", "").startswith(
            "ValidationToolbar."
        ):
            continue

        def wrapped(text: Callable[[], Any] = text) -> StyleAndTextTuples:
            # One column spare: a row filled to the edge makes some terminals wrap again.
            width = max(app.output.get_size().columns - 1, 20)
            # The toolbar's text is one fragment of (style, message); styles are kept.
            return [
                (fragment[0], fill_words(fragment[1], width))
                for fragment in to_formatted_text(text())
            ]

        cast("FormattedTextControl", content).text = wrapped
        window.height = None  # as many rows as the message needs
        window.wrap_lines = to_filter(True)  # a word longer than a row still shows whole


def fill_words(text: str, width: int) -> str:
    """``text`` with each of its lines wrapped between words at ``width`` columns (a word
    longer than a row is broken, as it must be)."""
    import textwrap

    return "\n".join(
        textwrap.fill(line, width, break_on_hyphens=False, drop_whitespace=True) or line
        for line in text.split("\n")
    )


def escape_enter_is_enter(question: Question) -> None:
    """Esc then Enter, the habit a long answer teaches, acts as Enter: questionary's select,
    checkbox and confirm would otherwise return an empty text (a confirm taken as "no").
    Ctrl-D ends the session there as it does on a text prompt."""
    from prompt_toolkit.key_binding import KeyBindings, KeyPress, merge_key_bindings
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def _enter(event: KeyPressEvent) -> None:
        event.app.key_processor.feed(KeyPress(Keys.ControlM, "\r"))

    @bindings.add("c-d")
    def _end(event: KeyPressEvent) -> None:
        # As on an empty text prompt: Ctrl-D stops here, answers so far kept (the choice
        # prompts ignored it, while Ctrl-C worked).
        event.app.exit(exception=EOFError, style="class:aborting")

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


def wrap_words(window: Window) -> None:
    """Wrap the answer being typed in ``window`` at word boundaries: prompt_toolkit wraps a
    long line wherever the edge falls ("ans" / "wered"). A word that would cross the edge
    starts the next row instead (a word longer than a whole row still wraps by character)."""
    from prompt_toolkit.layout.controls import BufferControl

    control = window.content
    if isinstance(control, BufferControl):
        wrap = cast("Processor", _WordWrap(window))  # duck-typed: imported only when used
        control.input_processors = [*(control.input_processors or []), wrap]


def _prefix_width(window: Window, lineno: int, wrap_count: int) -> int:
    from prompt_toolkit.formatted_text import fragment_list_width, to_formatted_text

    prefix = window.get_line_prefix
    return fragment_list_width(to_formatted_text(prefix(lineno, wrap_count))) if prefix else 0


def _word_wrap_pads(
    chars: list[str], first_row: int, next_rows: int, cwidth: Callable[[str], int]
) -> dict[int, int]:
    """Where to pad, and by how much, so that no word is split at a row's end: {index of a
    word's first character: spaces before it}. ``first_row``, ``next_rows``: the columns
    the text has on its first row and on the rows it wraps onto."""
    pads: dict[int, int] = {}
    width, col, i = first_row, 0, 0
    while i < len(chars):
        end = i
        while end < len(chars) and not chars[end].isspace():
            end += 1
        if end > i:  # a word: chars[i:end]
            length = sum(cwidth(c) for c in chars[i:end])
            # A word that ends on the row's last column takes the row below too when a
            # space follows it: that space would begin the next row (QA10a #11).
            spaced = length + (end < len(chars) and chars[end] == " ")
            if col > 0 and col + spaced > width and spaced <= next_rows:
                pads[i] = width - col
                width, col = next_rows, 0
            for c in chars[i:end]:
                if col + cwidth(c) > width:
                    width, col = next_rows, 0
                col += cwidth(c)
            i = end
        else:  # a space
            if col + cwidth(chars[i]) > width:
                width, col = next_rows, 0
            col += cwidth(chars[i])
            i += 1
    return pads


class _WordWrap:
    """A prompt_toolkit input processor: spaces shown (never stored) before a word that
    would not fit on its row, so that it starts the next one."""

    def __init__(self, window: Window) -> None:
        self.window = window

    def apply_transformation(self, ti: Any) -> Any:
        from prompt_toolkit.layout.processors import Transformation
        from prompt_toolkit.layout.utils import explode_text_fragments
        from prompt_toolkit.utils import get_cwidth

        fragments = explode_text_fragments(ti.fragments)
        chars = [text for _, text, *_ in fragments]
        first = ti.width - _prefix_width(self.window, ti.lineno, 0)
        rest = ti.width - _prefix_width(self.window, ti.lineno, 1)
        if first <= 0 or rest <= 0 or not any(c.isspace() for c in chars):
            return Transformation(ti.fragments)
        pads = _word_wrap_pads(chars, first, rest, get_cwidth)
        if not pads:
            return Transformation(ti.fragments)
        out: list[Any] = []
        for index, fragment in enumerate(fragments):
            if index in pads:
                out.append((fragment[0], " " * pads[index]))
            out.append(fragment)
        starts = sorted(pads)

        def source_to_display(i: int) -> int:
            return i + sum(pads[s] for s in starts if s <= i)

        def display_to_source(d: int) -> int:
            shift = 0
            for s in starts:
                if d < s + shift:
                    break
                if d < s + shift + pads[s]:
                    return s  # inside the padding: the word's first character
                shift += pads[s]
            return d - shift

        return Transformation(out, source_to_display, display_to_source)
