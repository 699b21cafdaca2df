"""The prompt functions the plain face uses, behind a small interface tests can replace.

Every prompt carries a ``key`` (``step.question``) so a fake can answer by question.
Ctrl-C (and SIGTERM or SIGHUP while a prompt is open) raises :class:`Interrupted`, a
KeyboardInterrupt carrying what the open prompt held; Ctrl-D raises EOFError. The runner
handles both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ..core.mdsafe import visible_controls
from . import prompt_layout

if TYPE_CHECKING:
    from questionary import Question

Validator = Callable[[str], str | None]

# What the prompt line shows; the question itself is printed above it, wrapped (a prompt
# as wide as the terminal leaves prompt_toolkit no room to draw anything).
MARK = "›"
HINT_TEXT = "Enter to finish"
HINT_MULTILINE = "Esc then Enter to finish; Enter alone starts a new line"
HINT_SELECT = "↑/↓ to move, Enter to choose"
HINT_CHECKBOX = "↑/↓ to move, Space to tick or untick, Enter to confirm"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, SIGHUP) in an open prompt. ``typed`` is what the prompt held at
    that moment: the text (text prompts) or the values ticked (checkbox); None when there is
    nothing to keep."""

    def __init__(self, typed: str | list[Any] | None = None) -> None:
        super().__init__()
        self.typed = typed


class Prompts(Protocol):
    """``message`` is the question, on its first line; any further line says more about it
    (what a good answer covers) and is shown under it, dim."""

    def text(
        self, key: str, message: str, default: str, multiline: bool, validate: Validator | None
    ) -> str: ...

    def select(
        self, key: str, message: str, choices: list[tuple[str, Any]], default: Any
    ) -> Any: ...

    def checkbox(
        self, key: str, message: str, choices: list[tuple[str, Any]], checked: list[Any]
    ) -> list[Any]: ...

    def confirm(self, key: str, message: str, default: bool) -> bool: ...

    def say(self, text: str, style: str = "") -> None: ...


class QuestionaryPrompts:
    """The real prompts, in the terminal.

    The question and how to answer it are printed through rich, which wraps at word
    boundaries; questionary gets only a short mark, so the line being typed has the
    terminal's whole width and every character typed stays visible, however long.
    Everything shown passes through :func:`visible_controls`: text from a spec or a
    document never sends control sequences to the terminal.
    """

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def text(
        self, key: str, message: str, default: str, multiline: bool, validate: Validator | None
    ) -> str:
        import questionary

        def check(value: str) -> bool | str:
            problem = validate(value) if validate else None
            return visible_controls(problem) if problem else True

        shown = self._question(message, HINT_MULTILINE if multiline else HINT_TEXT)
        question = questionary.text(
            MARK,
            qmark="",
            default=default,
            multiline=multiline,
            validate=check,
            instruction="",
            # Wrapped lines of the answer start under its first character.
            prompt_continuation=" " * (len(MARK) + 2),
        )
        window = question.application.layout.current_window
        prompt_layout.keep_rows_above(question, window, shown)
        prompt_layout.wrap_words(window)
        prompt_layout.wrap_refusals(question)
        return str(_ask(question, lambda: _typed_text(question)))

    def select(self, key: str, message: str, choices: list[tuple[str, Any]], default: Any) -> Any:
        import questionary

        shown = self._question(message, HINT_SELECT)
        # questionary takes a value of None for "use the title": offer indexes instead.
        options = [
            questionary.Choice(title, value=index)
            for index, title in enumerate(self._titles(choices, indent=3))
        ]
        chosen = next((options[i] for i, (_, v) in enumerate(choices) if _same(v, default)), None)
        question = questionary.select(
            MARK, choices=options, default=chosen, qmark="", instruction=" "
        )
        prompt_layout.wrap_choices(question, indent=3, rows_above=shown)
        prompt_layout.escape_enter_is_enter(question)
        return choices[_ask(question, lambda: None)][1]

    def checkbox(
        self, key: str, message: str, choices: list[tuple[str, Any]], checked: list[Any]
    ) -> list[Any]:
        import questionary

        shown = self._question(message, HINT_CHECKBOX)
        options = [
            questionary.Choice(title, value=index, checked=choices[index][1] in checked)
            for index, title in enumerate(self._titles(choices, indent=5))
        ]
        question = questionary.checkbox(MARK, choices=options, qmark="", instruction="")
        ticked = prompt_layout.wrap_choices(question, indent=5, rows_above=shown)
        prompt_layout.escape_enter_is_enter(question)
        indexes = _ask(question, lambda: [choices[index][1] for index in ticked()])
        return [choices[index][1] for index in indexes]

    def confirm(self, key: str, message: str, default: bool) -> bool:
        import questionary

        self._question(message, "")
        question = questionary.confirm(MARK, default=default, qmark="")
        prompt_layout.escape_enter_is_enter(question)
        return bool(_ask(question, lambda: None))

    def say(self, text: str, style: str = "") -> None:
        """Print a paragraph, wrapped; leading spaces indent every line of it."""
        from rich.padding import Padding
        from rich.text import Text

        body = text.lstrip(" ")
        shown = Text(visible_controls(body), style=style)
        indent = len(text) - len(body)
        self.console.print(Padding(shown, (0, 0, 0, indent), expand=False) if indent else shown)

    def _titles(self, choices: list[tuple[str, Any]], indent: int) -> list[str]:
        """Choice titles wrapped at word boundaries to the terminal's width, each further
        line under the title's first character (``indent``: the pointer and tick before it)."""
        import textwrap

        width = max(self.console.width - indent - 1, 20)
        return [
            ("\n" + " " * indent).join(textwrap.wrap(visible_controls(t), width) or [""])
            for t, _ in choices
        ]

    def _question(self, message: str, hint: str) -> int:
        """Print the question, what more it says (indented, wrapped under itself) and how to
        answer it; the number of rows they take."""
        from rich.console import RenderableType
        from rich.padding import Padding
        from rich.text import Text

        first, *more = message.split("\n")
        shown: list[RenderableType] = [
            Text.assemble(("? ", "bold green"), (line, "bold"))
            if row == 0
            else Text(line, style="bold")
            for row, line in enumerate(_wrap_question(visible_controls(first), self.console.width))
        ]
        for line in more:
            note = Text(visible_controls(line), style="dim")
            shown.append(Padding(note, (0, 0, 0, 2), expand=False))
        if hint:
            shown.append(Text(f"  ({hint})", style="dim"))
        for part in shown:
            self.console.print(part)
        return sum(len(self.console.render_lines(part, pad=False)) for part in shown)


REQUIRED = " *"
_GLUE = "\u00a0"  # textwrap breaks lines only at ASCII whitespace


def _wrap_question(question: str, width: int) -> list[str]:
    """The question's lines (after the "? " it starts with) wrapped at word boundaries;
    the required mark stays with the last word instead of wrapping onto a line alone."""
    import textwrap

    glued = question[: -len(REQUIRED)] + _GLUE + "*" if question.endswith(REQUIRED) else question
    lines = textwrap.wrap(glued, max(width, 10), initial_indent="? ", break_on_hyphens=False) or [
        "? "
    ]
    return [line.replace(_GLUE, " ") for line in [lines[0][2:], *lines[1:]]]


def _same(value: Any, default: Any) -> bool:
    """The choice that is the current answer (``False`` is not ``0``, nor ``None``)."""
    return type(value) is type(default) and bool(value == default)


def _ask(question: Question, held: Callable[[], Any]) -> Any:
    """Run the prompt. Ctrl-C, and SIGTERM or SIGHUP (``kill``, a closed terminal or ssh
    connection) while it is open, raise :class:`Interrupted` with what it ``held``."""
    import signal

    app = question.application
    signalled: list[int] = []

    def stop() -> None:
        if app.future is not None and not app.future.done():
            app.exit(exception=KeyboardInterrupt, style="class:aborting")

    def on_signal(signum: int, frame: object) -> None:
        signalled.append(signum)
        if app.loop is None:
            raise KeyboardInterrupt  # not running yet: nothing typed
        app.loop.call_soon_threadsafe(stop)

    catch = [signal.SIGTERM, signal.SIGHUP] if hasattr(signal, "SIGHUP") else [signal.SIGTERM]
    before = {sig: signal.signal(sig, on_signal) for sig in catch}
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt:
        raise Interrupted(held()) from None
    except OSError:
        if not signalled:
            raise
        raise Interrupted(held()) from None  # the terminal is gone: keep what was typed
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _typed_text(question: Question) -> str:
    """What the text prompt's buffer held when it was interrupted."""
    return str(question.application.current_buffer.text)
