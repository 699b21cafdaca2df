"""The side panel: the focused question's help and example, or a live Markdown preview.

Rendered with rich's Markdown inside one Static: far cheaper to build and to update on
every keystroke than a tree of Markdown block widgets.
"""

from __future__ import annotations

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.specs import Question, StepSpec


class SidePanel(VerticalScroll):
    def __init__(self) -> None:
        super().__init__(id="side-panel")
        self.mode = "help"
        self.border_title = "Help"

    def compose(self) -> ComposeResult:
        yield Static(id="side-text")

    def _show(self, text: str) -> None:
        self.query_one("#side-text", Static).update(Markdown(text, hyperlinks=False))

    def show_help(self, step: StepSpec, question: Question | None) -> None:
        if self.mode != "help":
            return
        if question is None:
            text = f"**{step.label}**\n\n{' '.join(step.intro.split())}"
        else:
            text = (
                f"**Why it matters**\n\n{question.help.strip()}\n\n"
                f"**Example of a good answer**\n\n{question.example.strip()}"
            )
            if question.choices:
                text += "\n\n**Choices:** " + ", ".join(f"`{c}`" for c in question.choices)
        self._show(text)

    def show_preview(self, markdown: str) -> None:
        if self.mode == "preview":
            self._show(markdown)

    def toggle(self) -> str:
        self.mode = "preview" if self.mode == "help" else "help"
        self.border_title = "Preview (as exported)" if self.mode == "preview" else "Help"
        return self.mode
