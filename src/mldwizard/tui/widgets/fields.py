"""One question, with the widget its kind calls for.

A field only reports: it posts :class:`QuestionField.Changed` with a typed value (or
:class:`QuestionField.Invalid` with the problem) and :class:`QuestionField.Focused`; the
screen applies changes through the core.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea

from ...core.document import Person, person_label
from ...core.handle_options import handle_options, stored_handles, unknown_label
from ...core.kinds import ValueProblem, format_answer, is_answered, parse_text
from ...core.list_text import BULLET_HINT, format_list_text
from ...core.question_notes import EarlierAnswer
from ...core.specs import Question, StepSpec
from ...core.visible import visible_control_chars
from .drop_down import DropDown
from .lint_hint import LintHint
from .question_notes import AsksLine, EarlierNote
from .toggles import ChoiceList

TEXT_INPUT_KINDS = ("text", "number", "date")
CONTROLS_SHOWN = (
    "This answer holds control characters, shown as \\xNN (a terminal would run them). "
    "Left alone, the document keeps it as it is; once you edit it, it is saved as you see "
    "it here, \\x1b as four characters."
)
PLACEHOLDER = {"number": "a number, e.g. 0.85", "date": "YYYY-MM-DD"}


class QuestionField(Vertical):
    """A question's prompt, its input widget, and a line for problems."""

    class Changed(Message):
        def __init__(self, field: QuestionField, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

    class Invalid(Message):
        def __init__(self, field: QuestionField, problem: str, raw: str) -> None:
            super().__init__()
            self.field = field
            self.problem = problem
            self.raw = raw

    class Focused(Message):
        def __init__(self, field: QuestionField) -> None:
            super().__init__()
            self.field = field

    def __init__(
        self,
        step: StepSpec,
        question: Question,
        value: Any,
        people: list[Person],
        earlier: EarlierAnswer | None = None,
        required: bool | None = None,
    ) -> None:
        # "notes": the step's free notes get a taller box (wizard.tcss), room for a paragraph
        classes = "question notes" if question.is_notes else "question"
        super().__init__(id=f"q-{question.id}", classes=classes)
        self.step = step
        """The step it belongs to: its messages may arrive after the screen moved on."""
        self.question = question
        self._initial = value
        self._people = people
        self._stored = stored_handles(value) if question.kind in ("person", "people") else []
        """Handles the answer held that are not among the people: offered too, never
        dropped unseen (see ``handle_options``)."""
        self.earlier = earlier
        """What the question builds on (``builds_on``), as the document has it."""
        self.required = question.required if required is None else required
        """Required at the document's stage: the prompt's red ``*``."""
        self._untouched: tuple[str, Any] | None = None
        """The editor's text as filled from an answer that holds control characters (shown
        as ``\\xNN``) and that answer, until the author edits it: while the editor holds
        just that text, it reads as the answer itself, kept byte for byte."""

    def compose(self) -> ComposeResult:
        q = self.question
        if self.earlier is not None:
            yield EarlierNote(self.earlier)
        yield Label(self._prompt(), classes="prompt")
        if q.asks:
            yield AsksLine(q)
        yield self._make_input()
        if self._untouched is not None:
            yield Static(CONTROLS_SHOWN, classes="hint controls-shown")
        yield LintHint()
        if q.kind in ("person", "people") and not self._people:
            yield Static("No people in the document yet: press F4 to add them.", classes="hint")
        yield Static("", classes="problem")

    def _prompt(self) -> Text:
        mark = " *" if self.required else ""
        return Text.assemble((" ".join(self.question.prompt.split()), "bold"), (mark, "bold red"))

    def mark_required(self, required: bool) -> None:
        """The document's stage changed what it requires: the ``*`` follows."""
        if required != self.required:
            self.required = required
            for label in self.query(".prompt").results(Label):
                label.update(self._prompt())

    def on_mount(self) -> None:
        prepare_editors(self)

    def _make_input(self) -> Widget:
        q, value = self.question, self._initial
        if q.kind in TEXT_INPUT_KINDS:
            text = self._filled(format_answer(value) if is_answered(value) else "", value)
            return Input(text, placeholder=PLACEHOLDER.get(q.kind, ""), id="input")
        if q.kind in ("long_text", "list"):
            text = self._filled(_editable_text(value), value)
            area = AnswerBox(
                text, soft_wrap=True, show_line_numbers=False, id="input", tab_behavior="focus"
            )
            if q.kind == "list":
                area.border_subtitle = BULLET_HINT
            return area
        if q.kind in ("choice", "person", "bool"):
            options = [(Text(label), key) for label, key in self._options()]
            return DropDown(
                options, value=_select_value(value), id="input", prompt="(not answered)"
            )
        selected = set(value or [])
        return ChoiceList(
            *[(Text(label), key, key in selected) for label, key in self._options()], id="input"
        )

    def _options(self) -> list[tuple[str, Any]]:
        q = self.question
        if q.kind == "bool":
            return [("Yes", True), ("No", False)]
        if q.kind in ("person", "people"):
            return handle_options(self._people, self._stored, person_label)
        return [(q.label_of(c), c) for c in q.choices or []]

    def _filled(self, text: str, value: Any) -> str:
        """``text``, answer ``value`` as text, as its editor holds it (see ``_untouched``)."""
        shown = visible_control_chars(text)
        self._untouched = (shown, value) if shown != text else None
        return shown

    # -- reading ---------------------------------------------------------------------------

    def raw_text(self) -> str:
        widget = self.query_one("#input")
        if isinstance(widget, Input):
            return widget.value
        return widget.text if isinstance(widget, TextArea) else ""

    def show_raw(self, raw: str, problem: str) -> None:
        """Show text that did not parse (kept while the author moves around)."""
        widget = self.query_one("#input")
        with self.prevent(Input.Changed, TextArea.Changed):
            if isinstance(widget, Input):
                widget.value = raw
            elif isinstance(widget, TextArea):
                widget.text = raw
            place_cursor(widget)
        self.query_one(".problem", Static).update(problem)
        self.add_class("invalid")

    def read(self) -> Any:
        """The typed value in the widget; raises ValueProblem when it does not parse."""
        widget = self.query_one("#input")
        kind = self.question.kind
        if self._untouched is not None and self.raw_text() == self._untouched[0]:
            return self._untouched[1]  # as the document has it, control characters and all
        if isinstance(widget, Input):
            text = widget.value
            return parse_text(kind, [text], self.question.choices) if text.strip() else None
        if isinstance(widget, TextArea):
            text = widget.text
            if kind == "list":
                return parse_text(kind, [text]) if text.strip() else None
            return text if text.strip() else None
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, SelectionList):
            order = [key for _, key in self._options()]
            chosen = set(widget.selected)
            return [key for key in order if key in chosen] or None
        raise TypeError(type(widget))

    def report(self) -> None:
        """Post what the widget holds now: Changed with its value, or Invalid."""
        problem = self.query_one(".problem", Static)
        try:
            value = self.read()
        except ValueProblem as exc:
            problem.update(str(exc))
            self.add_class("invalid")
            self.post_message(self.Invalid(self, str(exc), self.raw_text()))
            return
        problem.update("")
        self.remove_class("invalid")
        self.post_message(self.Changed(self, value))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: Message) -> None:
        event.stop()
        if self._untouched is not None and self.raw_text() != self._untouched[0]:
            self._untouched = None  # edited: saved as shown (CONTROLS_SHOWN says so)
        self.report()
        if isinstance(event, TextArea.Changed) and event.text_area.has_focus:
            # A growing answer pushes its last lines below the step's edge: follow it, so
            # the author never types blind.
            self.call_after_refresh(event.text_area.scroll_visible, animate=False)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.post_message(self.Focused(self))

    def input_widget(self) -> Widget | None:
        """The widget that takes the answer (None while the field is being removed)."""
        return next(iter(self.query("#input")), None)

    def focus_input(self) -> None:
        widget = self.input_widget()
        if widget is not None and self.is_attached:  # else its step was left meanwhile
            widget.focus()

    def cursor(self) -> object:
        """Where the text cursor is (None for widgets without one)."""
        widget = self.query_one("#input")
        if isinstance(widget, Input):
            return widget.cursor_position
        if isinstance(widget, TextArea):
            return widget.cursor_location
        return None

    def restore_cursor(self, where: object) -> None:
        """Put the text cursor back where :meth:`cursor` found it (clamped to the text)."""
        widget = self.query_one("#input")
        if isinstance(widget, Input) and isinstance(where, int):
            widget.cursor_position = min(where, len(widget.value))
        elif isinstance(widget, TextArea) and isinstance(where, tuple):
            row = min(where[0], widget.document.line_count - 1)
            column = min(where[1], len(widget.document.get_line(row)))
            widget.cursor_location = (row, column)
            if isinstance(widget, AnswerBox):
                widget.hold_cursor()  # the author's cursor, not one placed for reading

    # -- writing (from the document, without echoing a change) ------------------------------

    def show_earlier(self, earlier: EarlierAnswer | None) -> None:
        """The answer the question builds on, as the document has it now."""
        self.earlier = earlier
        note = next(iter(self.query(EarlierNote)), None)
        if note is not None and earlier is not None:
            note.show(earlier)

    def show(self, value: Any) -> None:
        """Show a value that came from the document (another writer, a revert)."""
        widget = self.input_widget()
        if widget is None:  # mounted, not yet composed: compose will show this value
            self._initial = value
            return
        try:
            if self.read() == value:
                return
        except ValueProblem:
            pass
        with self.prevent(
            Input.Changed, TextArea.Changed, Select.Changed, SelectionList.SelectedChanged
        ):
            self._offer_stored(widget, value)
            if isinstance(widget, Input):
                shown = format_answer(value) if is_answered(value) else ""
                widget.value = self._filled(shown, value)
            elif isinstance(widget, TextArea):
                widget.text = self._filled(_editable_text(value), value)
            elif isinstance(widget, Select):
                widget.value = _select_value(value)
            elif isinstance(widget, SelectionList):
                widget.deselect_all()
                for key in value or []:
                    widget.select(key)
        place_cursor(widget)
        self.query_one(".problem", Static).update("")
        self.remove_class("invalid")

    def _offer_stored(self, widget: Widget, value: Any) -> None:
        """A value from the document naming a handle the picker does not offer yet (not
        among the people): offer it, so it shows and is kept."""
        if self.question.kind not in ("person", "people"):
            return
        offered = {key for _, key in self._options()}
        new = [h for h in stored_handles(value) if h not in offered]
        if not new:
            return
        self._stored.extend(new)
        if isinstance(widget, SelectionList):
            widget.add_options([(Text(unknown_label(h)), h, False) for h in new])
        elif isinstance(widget, Select):
            widget.set_options([(Text(label), key) for label, key in self._options()])


def prepare_editors(widget: Widget) -> None:
    """The text editors in ``widget``, set up alike everywhere in the wizard: the cursor
    blinks as the app says (not for snapshots and screenshots); Tab into an Input does not
    select its text (typing would replace the whole answer); and the cursor is placed as
    :func:`place_cursor` says."""
    blink = bool(getattr(widget.app, "cursor_blink", True))
    for editor in widget.query("Input, TextArea"):
        editor.cursor_blink = blink  # type: ignore[attr-defined]
        if isinstance(editor, Input):
            editor.select_on_focus = False
        place_cursor(editor)


def place_cursor(editor: Widget) -> None:
    """Put the cursor of an editor filled from the document where the author reads on: at
    the end of a one-line answer (Tab into it and typing continues it, never goes in front
    of it or replaces it); in a long answer, as :class:`AnswerBox` says."""
    if isinstance(editor, AnswerBox):
        editor.show_from_document()
    elif isinstance(editor, TextArea):
        editor.cursor_location = editor.document.end
        editor.call_after_refresh(editor.scroll_cursor_visible)
    elif isinstance(editor, Input):
        editor.cursor_position = len(editor.value)


class AnswerBox(TextArea):
    """The box of a long answer (long text, list), filled from the document.

    When its whole text fits, the cursor is after the last character: all of it is in view,
    and typing continues it. When it is taller than the box, the cursor is on its first line
    and the box shows its start: it is read from the top. (Most long answers end with a
    newline, TOML's multi-line strings: with the cursor at the end, the box showed the empty
    last line and hid the first ones.) Whether it fits is known once the box is laid out
    and its text wrapped, which may change after the first frame: so it is worked out again
    on every resize, until the author presses a key or clicks in the box. Only the cursor
    moves: the text, and so the document, stay as they were. A value from the document that
    arrives while the author is in the box leaves the cursor at its end, as it was."""

    def __init__(self, text: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self._reading = True
        """The author has not pressed a key or clicked in the box since it was filled."""

    def show_from_document(self) -> None:
        self.cursor_location = self.document.end
        if self.has_focus:
            self._reading = False
            self.call_after_refresh(self.scroll_cursor_visible)
            return
        self._reading = True
        self.call_after_refresh(self._fit)

    def hold_cursor(self) -> None:
        """The cursor is where the author had it (a rebuilt step): leave it there."""
        self._reading = False

    def _fit(self) -> None:
        if not self._reading or not self.is_attached:
            return
        if self.wrapped_document.height > self.scrollable_content_region.height:
            self.cursor_location = (0, 0)
            self.scroll_home(animate=False, immediate=True)
        else:
            self.cursor_location = self.document.end
            self.scroll_cursor_visible()

    def on_resize(self) -> None:
        if self._reading:
            self.call_after_refresh(self._fit)

    def on_key(self) -> None:
        self._reading = False

    def on_mouse_down(self) -> None:
        self._reading = False


def _editable_text(value: Any) -> str:
    """A long text or list answer as the text its box holds (a list in the core's text
    form: items of several lines stay whole)."""
    if isinstance(value, list):
        return format_list_text([str(item) for item in value])
    return str(value or "")


def _select_value(value: Any) -> Any:
    return Select.NULL if value is None or value == "" else value
