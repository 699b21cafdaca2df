"""The lint's hints under an answer: one dim line per finding not silenced (``MLD101 a
placeholder ...: TBD. Write what is known now ...``), hidden when there is none. The step
view works them out from the document (``core/lint``) a moment after typing stops.
Styled in wizard.tcss (height auto: a long hint wraps). When a hint appears or changes under
the answer being typed, the view scrolls so all of it is on the screen (at 80x24 it would
otherwise sit below the bottom edge, its fix cut off)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...core.lint import LintFinding


class LintHint(Static):
    def __init__(self) -> None:
        super().__init__("", classes="lint-hint")
        self.display = False
        self.codes: tuple[str, ...] = ()
        """The codes shown."""
        self._text = ""

    def show(self, findings: list[LintFinding]) -> None:
        shown = [f for f in findings if f.silenced is None]
        codes = tuple(f.code for f in shown)
        text = "\n".join(f.hint() for f in shown)
        if (codes, text) == (self.codes, self._text):
            return
        self.codes, self._text = codes, text
        self.update(Text(text))
        self.display = bool(shown)
        parent = self.parent
        if shown and isinstance(parent, Widget) and parent.has_focus_within:
            self.call_after_refresh(self.scroll_visible, animate=False)
