"""The side panel: the focused question's help and example, or a live Markdown preview.

Both are drawn inside one Static: far cheaper to build and to update on every keystroke
than a tree of Markdown block widgets. Help is drawn by :mod:`.help_text` (instant); the
preview by rich's Markdown, imported the first time the preview is shown.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.question_notes import EarlierAnswer
from ...core.spec_text import example_markdown
from ...core.specs import Question, StepSpec
from .help_text import earlier_text, help_list, help_text, sections


class SidePanel(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="side-panel")
        self.mode = "help"
        self.border_title = "Help"

    def compose(self) -> ComposeResult:
        yield Static(id="side-text")

    def _show(self, content: RenderableType) -> None:
        self.query_one("#side-text", Static).update(content)

    def show_help(
        self,
        step: StepSpec,
        question: Question | None,
        earlier: EarlierAnswer | None = None,
        *,
        condition: str | None = None,
    ) -> None:
        """The step's introduction, or the question's help; ``earlier``: the answer the
        question builds on, shown whole and first (the field shows a few lines);
        ``condition``: when a conditional question is asked, in words
        (``core.condition_words``)."""
        if self.mode != "help":
            return
        if question is None:
            self._show(sections(help_text(step.label, step.intro)))
            return
        # The earlier answer first: the field shows a few lines of it and points here (F1
        # opens it whole); below the help and the example it was out of reach.
        parts = [earlier_text(earlier)] if earlier is not None else []
        if question.asks:
            parts.append(help_list("What to cover", question.asks))
        parts += [
            help_text("Why it matters", question.help),
            help_text("Example of a good answer", example_markdown(question)),
        ]
        if question.choices:
            labels = [question.label_of(c) for c in question.choices]
            parts.append([Text.assemble(("Choices: ", "bold"), "; ".join(labels))])
        if condition is not None:
            parts.append([Text(condition, style="italic")])
        self._show(sections(*parts))

    def show_item_help(self, step: StepSpec, text: str, critical: bool, help: str) -> None:
        """A checklist item's help (how to tell it is met), while one of its fields has the
        cursor: the item, then the step's introduction below it."""
        if self.mode != "help":
            return
        head = text + (" (critical)" if critical else "")
        self._show(
            sections(
                [Text(head, style="bold")],
                help_text("How to tell", help),
                help_text(step.label, step.intro),
            )
        )

    def show_preview(self, markdown: str) -> None:
        if self.mode == "preview":
            from rich.markdown import Markdown  # ~35 ms of imports: not before the first paint

            self._show(Markdown(markdown, hyperlinks=False))

    def toggle(self) -> str:
        self.mode = "preview" if self.mode == "help" else "help"
        self.border_title = "Preview (as exported)" if self.mode == "preview" else "Help"
        return self.mode
