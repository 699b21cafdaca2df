"""The prompt functions the plain face uses, behind a small interface tests can replace.

Every prompt carries a ``key`` (``step.question``) so a fake can answer by question.
Ctrl-C raises KeyboardInterrupt and Ctrl-D raises EOFError: the runner handles both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Validator = Callable[[str], str | None]


class Prompts(Protocol):
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
    """The real prompts, in the terminal."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def text(
        self, key: str, message: str, default: str, multiline: bool, validate: Validator | None
    ) -> str:
        import questionary

        def check(value: str) -> bool | str:
            problem = validate(value) if validate else None
            return problem or True

        instruction = "(Esc then Enter to finish)" if multiline else None
        answer = questionary.text(
            message, default=default, multiline=multiline, validate=check, instruction=instruction
        ).unsafe_ask()
        return str(answer)

    def select(self, key: str, message: str, choices: list[tuple[str, Any]], default: Any) -> Any:
        import questionary

        options = [questionary.Choice(title, value=value) for title, value in choices]
        chosen = next((o for o in options if o.value == default), None)
        return questionary.select(message, choices=options, default=chosen).unsafe_ask()

    def checkbox(
        self, key: str, message: str, choices: list[tuple[str, Any]], checked: list[Any]
    ) -> list[Any]:
        import questionary

        options = [
            questionary.Choice(title, value=value, checked=value in checked)
            for title, value in choices
        ]
        return list(questionary.checkbox(message, choices=options).unsafe_ask())

    def confirm(self, key: str, message: str, default: bool) -> bool:
        import questionary

        return bool(questionary.confirm(message, default=default).unsafe_ask())

    def say(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style))
