"""What a question field shows besides its prompt: the earlier answer it builds on (above
the prompt) and what a good answer covers (a dim line under it). Both wrap, never cut; the
help panel shows the earlier answer whole, first, and F1 opens it in a dialog
(``screens/earlier_dialog``). Styled in wizard.tcss."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import Static

from ...core.question_notes import EarlierAnswer, cover_line
from ...core.specs import Question

WHOLE = " (F1: whole answer)"


class AsksLine(Static):
    """``Cover: who; when; what it costs``, dim, under the prompt."""

    def __init__(self, question: Question) -> None:
        super().__init__(Text(cover_line(question)), classes="asks")


class EarlierNote(Vertical):
    """``Builds on 6. Baseline › Fallback behaviour:`` and a few lines of that answer, or
    where to answer it while it is open."""

    def __init__(self, earlier: EarlierAnswer) -> None:
        super().__init__(classes="builds-on")
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        yield Static(classes="builds-on-head")
        yield Static(classes="builds-on-answer")

    def on_mount(self) -> None:
        self.show(self.earlier)

    def show(self, earlier: EarlierAnswer) -> None:
        self.earlier = earlier
        try:
            head = self.query_one(".builds-on-head", Static)
            answer = self.query_one(".builds-on-answer", Static)
        except NoMatches:  # not composed yet (a step still being built): on_mount shows it
            return
        if not earlier.answered:
            head.update(Text.assemble(f"{earlier.heading}: ", (earlier.where, "italic")))
            answer.display = False
            return
        excerpt, shortened = earlier.excerpt()
        head.update(Text(f"{earlier.heading}:"))
        shown = Text(excerpt, style="italic")
        if shortened:
            shown.append(WHOLE, style="dim")
        answer.update(shown)
        answer.display = True
