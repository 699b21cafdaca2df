"""The workshop's capture dialog: a decision, an action item or an open question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...core.context import StepAnswers
from ...core.document import Document
from ...core.kinds import is_answered
from ...core.question_notes import cover_line
from ...core.specs import StepSpec
from ..widgets.drop_down import DropDown
from .dialogs import SHORT_BELOW
from .focus_keys import FOCUS_BINDINGS

Capture = tuple[str, str | None, dt.date | None]
"""What a capture dialog records: the text, and for an action item its owner and due date."""


class CaptureDialog(ModalScreen[Capture | None]):
    """One line of text (and, for an action, an owner and a due date)."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="capture-cancel")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]
    """A short terminal (80x24) gives the step's checklist fewer lines (it scrolls): the
    owner, the due date and the problem line were drawn under the buttons."""

    def __init__(
        self, kind: str, people: list[str], step: str, covers: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.kind = kind
        self.people = people
        self.step = step
        """The step the capture is made on."""
        self.covers = list(covers)
        """(title, "Cover: ...") of the step's questions: the checklist the room works to."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Text(f"New {self.kind}", style="bold"))
            if self.covers:
                with VerticalScroll(id="capture-covers"):
                    for title, line in self.covers:
                        yield Static(Text.assemble((title, "bold"), ": ", line), classes="asks")
            yield Input(placeholder=f"the {self.kind}, in one sentence", id="text")
            if self.kind == "action item":
                with Horizontal(classes="row"):
                    yield DropDown([(h, h) for h in self.people], prompt="(owner)", id="owner")
                    yield Input(placeholder="due YYYY-MM-DD", id="due")
            yield Static("", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record", variant="primary", id="record")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._record()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        else:
            self._record()

    def _owner(self) -> str | None:
        if self.kind != "action item":
            return None
        value = self.query_one("#owner", Select).value
        return None if value is Select.NULL else str(value)

    def _due_text(self) -> str:
        return self.query_one("#due", Input).value.strip() if self.kind == "action item" else ""

    def _record(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        owner = self._owner()
        due: dt.date | None = None
        problem = self.query_one(".problem", Static)
        if not text:
            problem.update("Type the text first.")
            return
        if self.kind == "action item":
            raw = self._due_text()
            if raw:
                try:
                    due = dt.date.fromisoformat(raw)
                except ValueError:
                    problem.update(f"{raw!r} is not a date like 2026-12-31")
                    return
            if owner is None or due is None:
                problem.update("An action item needs an owner and a due date.")
                return
        self.dismiss((text, owner, due))

    def take_typed(self) -> tuple[str, Capture] | None:
        """The terminal is going: what was typed, as something to record, and the dialog
        is emptied (taken once). A decision or an open question as typed; a complete action
        item as one; an action item without a valid owner and due date becomes an open
        question that says so and keeps what was given. None: nothing typed."""
        text = self.query_one("#text", Input).value.strip()
        if not text:
            return None
        self.query_one("#text", Input).value = ""
        if self.kind != "action item":
            return self.kind, (text, None, None)
        owner, raw = self._owner(), self._due_text()
        try:
            due = dt.date.fromisoformat(raw) if raw else None
        except ValueError:
            due = None
        if owner is not None and due is not None:
            return self.kind, (text, owner, due)
        given = [f"owner {owner}"] if owner else []
        given += [f"due {raw}"] if raw else []
        note = f" ({', '.join(given)})" if given else ""
        return "open question", (f"Action item (no owner/due yet): {text}{note}", None, None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def step_covers(step: StepSpec, doc: Document) -> list[tuple[str, str]]:
    """What the step's shown questions ask an answer to cover, for the capture dialog."""
    answers = StepAnswers(doc, step.slug)
    return [
        (q.title, cover_line(q))
        for q in step.questions
        if q.asks and (q.visible(answers) or is_answered(answers.get(q.id)))
    ]
