"""The help panel follows the cursor: a question's help while its field has the cursor, and
while the "later" line standing for it has (the author deciding whether to answer it early
reads what it asks). F1 opens the answer the question builds on, whole, in a dialog: the
help panel shows it first, but the panel takes no keys."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.events import DescendantFocus
from textual.widget import Widget

from ...core.question_notes import EarlierAnswer
from ...core.specs import Question
from ..widgets.checklist import ItemRow
from ..widgets.fields import QuestionField
from ..widgets.later_line import LaterLine
from ..widgets.side_panel import SidePanel
from ..widgets.step_view import StepView
from .earlier_dialog import EarlierAnswerDialog
from .typed_ahead import KeysTypedAhead

HELP_BINDINGS = [
    Binding(
        "f1",
        "earlier_answer",
        "Builds on",
        id="earlier-answer",
        tooltip="The earlier answer this question builds on, whole",
    ),
]


class QuestionHelp(KeysTypedAhead):
    def _current(self, widget: Widget) -> bool:
        """False for a message from a step being left (queued while the view was replaced)."""
        views = self.query(StepView)
        return len(views) == 1 and views.first() in widget.ancestors

    def _show_question_help(self, question: Question, earlier: EarlierAnswer | None) -> None:
        note = self.query_one(StepView).condition_of(question)
        self.query_one(SidePanel).show_help(self.step, question, earlier, condition=note)
        self.refresh_bindings()  # F1 shows in the footer when there is an earlier answer

    @on(QuestionField.Focused)
    def _question_focused(self, event: QuestionField.Focused) -> None:
        if self._current(event.field):
            self._show_question_help(event.field.question, event.field.earlier)

    @on(DescendantFocus)
    def _item_focused(self, event: DescendantFocus) -> None:
        """A checklist's or a stage gate's field took the cursor: its item's help."""
        row = next((n for n in event.widget.ancestors_with_self if isinstance(n, ItemRow)), None)
        if row is not None and self._current(row):
            item = row.item
            panel = self.query_one(SidePanel)
            panel.show_item_help(self.step, item.text, item.critical, item.help)

    @on(LaterLine.Focused)
    def _later_focused(self, event: LaterLine.Focused) -> None:
        if self._current(event.line):
            field = self.query_one(StepView).field(event.line.question.id)
            self._show_question_help(event.line.question, field.earlier if field else None)

    def _earlier_in_focus(self) -> EarlierAnswer | None:
        """The earlier answer of the question whose field (or later line) has the cursor."""
        focused = self.focused
        if focused is None:
            return None
        for node in (focused, *focused.ancestors):
            if isinstance(node, QuestionField):
                return node.earlier
            if isinstance(node, LaterLine):
                field = self.query_one(StepView).field(node.question.id)
                return field.earlier if field is not None else None
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "earlier_answer":
            return self._earlier_in_focus() is not None
        return True

    def action_earlier_answer(self) -> None:
        earlier = self._earlier_in_focus()
        if earlier is not None:
            self.app.push_screen(EarlierAnswerDialog(earlier))
