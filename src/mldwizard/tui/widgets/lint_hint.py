"""The lint's hints under an answer: one dim line per finding not silenced (``MLD101 a
placeholder ...: TBD. Write what is known now ...``), hidden when there is none. The step
view works them out from the document (``core/lint``) a moment after typing stops.
Styled in wizard.tcss."""

from __future__ import annotations

from rich.text import Text
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
