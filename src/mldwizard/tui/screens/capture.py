"""The workshop's capture dialog: a decision, an action item or an open question."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from rich.console import Console
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
                        yield Static(cover_text(title, line), classes="asks")
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

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_covers)

    def _fit_covers(self) -> None:
        """The short layout gives the covers :data:`SHORT_COVER_LINES` lines: what shows
        there ends at the end of a sentence or a clause, with an ellipsis when something was
        left out (QA10a #11: "... version one should move," and then nothing). The tall
        layout scrolls through all of them, whole."""
        if not self.covers:
            return
        box = self.query_one("#capture-covers", VerticalScroll)
        statics = list(box.query(Static).results(Static))
        width = box.scrollable_content_region.width
        if width <= 0:
            return
        short = self.has_class("-short")
        fitted = fit_covers(self.covers, width, SHORT_COVER_LINES) if short else None
        for n, (static, (title, line)) in enumerate(zip(statics, self.covers, strict=True)):
            shown = cover_text(title, line) if fitted is None else fitted[n]
            static.display = shown is not None
            if shown is not None:
                static.update(shown)

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


SHORT_COVER_LINES = 3
"""The covers' lines in the short layout (``max-height`` of ``.dialog.-short
#capture-covers`` in wizard.tcss)."""

_PARTS = re.compile(r"(?<=[;.!?])\s+")
"""Where a cover may be cut: after a clause (``; ``) or a sentence."""


def cover_text(title: str, line: str, *, cut: bool = False) -> Text:
    """``Summary: Cover: ...`` (``cut``: something was left out, said by an ellipsis)."""
    return Text.assemble((title, "bold"), ": ", line, " …" if cut else "")


def _lines(text: Text, width: int) -> int:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    return len(text.wrap(console, width))


def fit_covers(covers: Sequence[tuple[str, str]], width: int, lines: int) -> list[Text | None]:
    """Each cover as it fits, in order, in ``lines`` lines of ``width`` cells: whole, or cut
    after its last whole clause or sentence with an ellipsis (by words, only when the first
    one shown has no such end in reach); None for a cover with no room left."""
    out: list[Text | None] = []
    left = lines
    for title, line in covers:
        whole = cover_text(title, line)
        if left > 0 and (need := _lines(whole, width)) <= left:
            out.append(whole)
            left -= need
            continue
        shown: Text | None = None
        if left > 0:
            parts = _PARTS.split(line)
            if len(parts) == 1 and not any(out):
                parts = line.split()
            for k in range(len(parts) - 1, 0, -1):
                text = cover_text(title, " ".join(parts[:k]), cut=True)
                if _lines(text, width) <= left:
                    shown = text
                    break
        out.append(shown)
        left = 0
    return out
