"""The feasibility checklist: one row per item, and the live verdict banner.

Stage gates reuse it: their items have the same marks (a ``Checklist`` given the gate's
``slug`` and stored ``marks``), and their banner is drawn by ``stage_gate_banner``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...core.document import Document, FeasibilityItem, Person
from ...core.feasibility import FeasibilityResult
from ...core.feasibility_lines import blocking_lines, summary, verdict_lines, verdict_word
from ...core.handle_options import handle_options
from .drop_down import DropDown
from .fields import place_cursor, prepare_editors
from .toggles import MarkedCheckbox

STATUS_OPTIONS = [
    ("Met", "met"),
    ("Partial", "partial"),
    ("Not met", "not-met"),
    ("Unknown", "unknown"),
]
BANNER_STYLE = {
    "GO": "bold white on green",
    "CONDITIONAL": "bold black on yellow",
    "NO-GO": "bold white on red",
    "INCOMPLETE": "bold reverse",
    "PIVOT": "bold white on blue",
    "SCOPE-DOWN": "bold black on yellow",
}
LINE_LOOK = {  # kind of line -> (mark, style)
    "reason": ("", ""),
    "blocking": ("✗ ", "bold red"),
    "detail": ("  ", ""),
    "condition": ("• ", ""),
    "gaps": ("", "dim"),
}
SUMMARY_BLOCKERS = 2
"""Blocking items shown under the verdict at the step's top (the rest: in the banner)."""


class CheckItem(Protocol):
    """An item a row shows: a feasibility item's spec, or a stage gate's."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def critical(self) -> bool: ...
    @property
    def help(self) -> str: ...


class ItemGap(Protocol):
    """What a row says of its item's gap: a feasibility ``Gap`` or a stage gate's."""

    @property
    def unevidenced(self) -> str | None: ...
    @property
    def problems(self) -> list[str]: ...


class RowValues(NamedTuple):
    """What a checklist row holds, as typed (the due date as text: it may be half typed)."""

    status: str | None
    note: str
    owner: str | None
    condition: str
    fatal: bool
    closable: bool = False
    due: str = ""
    waiver: str = ""

    def due_date(self) -> dt.date | None:
        """The due date, None while it is blank or not a date yet."""
        try:
            return dt.date.fromisoformat(self.due.strip())
        except ValueError:
            return None


class ItemRow(Vertical):
    class Changed(Message):
        def __init__(self, row: ItemRow) -> None:
            super().__init__()
            self.row = row

    class Focused(Message):
        """The row took the cursor when its step opened: the step brings it into view."""

        def __init__(self, row: ItemRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self,
        item: CheckItem,
        state: FeasibilityItem | None,
        people: list[Person],
        slug: str = "feasibility",
    ) -> None:
        super().__init__(id=f"item-{item.id}", classes="item")
        self.item = item
        self.slug = slug
        """The step the row's item belongs to: ``feasibility`` or a stage gate."""
        self._state = state
        self._people = people
        self._owners = [state.owner] if state and state.owner else []
        """Owners it was shown with: offered even when not among the people (kept)."""

    def compose(self) -> ComposeResult:
        state = self._state
        critical = " (critical)" if self.item.critical else ""
        yield Label(
            Text.assemble((self.item.text, "bold"), (critical, "bold red")), classes="prompt"
        )
        # Tab goes through them in reading order, status, note, then owner and condition:
        # choosing a status that needs an owner must not put the owner list between the
        # status and the note (the note typed after Tab went into the list's search). The
        # note gets a row of its own, readable in the narrow main pane at 80 columns.
        yield DropDown(
            STATUS_OPTIONS,
            value=state.status if state and state.status else Select.NULL,
            prompt="(status)",
            classes="status",
        )
        # Each box is labelled on its border (no extra line at 80x24): a filled box no longer
        # shows its placeholder, and "Iteration v0.4" alone does not say which box it is in.
        note = Input(
            state.note if state else "", placeholder="evidence for this status", classes="note"
        )
        note.border_title = "Evidence"
        yield note
        with Horizontal(classes="row gap"):
            yield DropDown(
                handle_options(self._people, self._owners),
                value=state.owner if state and state.owner else Select.NULL,
                prompt="(owner)",
                classes="owner",
            )
            yield MarkedCheckbox("fatal", state.fatal if state else False, classes="fatal")
        # The condition has a row of its own: next to the owner and "fatal" it was cut to a
        # few characters at 80 columns.
        condition = Input(
            state.condition if state else "",
            placeholder="what would close the gap",
            classes="condition",
        )
        condition.border_title = "What would close the gap"
        yield condition
        with Horizontal(classes="row closing"):
            due = Input(
                state.due.isoformat() if state and state.due else "",
                placeholder="due YYYY-MM-DD",
                classes="due",
            )
            due.border_title = "Due"
            yield due
            yield MarkedCheckbox("closable", state.closable if state else False, classes="closable")
            waiver = Input(
                state.waiver if state else "",
                placeholder="waiver: why this gap is accepted",
                classes="waiver",
            )
            waiver.border_title = "Waiver"
            yield waiver
        yield Static("", classes="why")

    def focus_status(self) -> None:
        # Called after a refresh: the row may be on its way out (its step was left).
        select = next(iter(self.query(".status").results(Select)), None)
        if select is not None and self.is_attached:
            select.focus(scroll_visible=False)
            self.post_message(self.Focused(self))

    def on_mount(self) -> None:
        prepare_editors(self)
        self._show_gap_fields(self._state.status if self._state else None)

    def show(self, state: FeasibilityItem | None) -> None:
        """Show the stored item (someone else may have changed it)."""
        status = self.query_one(".status", Select)
        owner = self.query_one(".owner", Select)
        if state and state.owner and state.owner not in self._owners:
            self._owners.append(state.owner)
            if state.owner not in {p.handle for p in self._people}:
                with self.prevent(Select.Changed):
                    kept = owner.value
                    owner.set_options(handle_options(self._people, self._owners))
                    owner.value = kept
        fields: list[tuple[Select[str] | Input | Checkbox, object]] = [
            (status, state.status if state and state.status else Select.NULL),
            (self.query_one(".note", Input), state.note if state else ""),
            (owner, state.owner if state and state.owner else Select.NULL),
            (self.query_one(".condition", Input), state.condition if state else ""),
            (self.query_one(".fatal", Checkbox), state.fatal if state else False),
            (self.query_one(".closable", Checkbox), state.closable if state else False),
            (self.query_one(".waiver", Input), state.waiver if state else ""),
        ]
        due = self.query_one(".due", Input)
        typed = RowValues(None, "", None, "", False, due=due.value).due_date()
        stored = state.due if state else None
        if typed != stored and not (stored is None and due.value.strip() and typed is None):
            fields.append((due, stored.isoformat() if stored else ""))
        with self.prevent(Select.Changed, Input.Changed, Checkbox.Changed):
            for widget, value in fields:
                if widget.value != value:
                    widget.value = value  # type: ignore[assignment]
                    place_cursor(widget)
        self._show_gap_fields(state.status if state else None)

    def values(self) -> RowValues:
        status = self.query_one(".status", Select).value
        owner = self.query_one(".owner", Select).value
        return RowValues(
            None if status is Select.NULL else str(status),
            self.query_one(".note", Input).value,
            None if owner is Select.NULL else str(owner),
            self.query_one(".condition", Input).value,
            self.query_one(".fatal", Checkbox).value,
            self.query_one(".closable", Checkbox).value,
            self.query_one(".due", Input).value,
            self.query_one(".waiver", Input).value,
        )

    def show_why(self, gap: ItemGap | None) -> None:
        """What the verdict makes of this item: a Met without evidence, a gap's lacks."""
        why = self.query_one(".why", Static)
        due = self.values().due
        text = ""
        if due.strip() and self.values().due_date() is None:
            text = f"Due date {due.strip()!r} is not a date yet: write it as YYYY-MM-DD."
        elif gap is not None and gap.unevidenced:
            text = f"{gap.unevidenced}: it counts as Unknown."
        elif gap is not None and gap.problems:
            text = "Still lacking: " + ", ".join(gap.problems) + "."
        why.update(Text(text, style="bold yellow"))
        why.display = bool(text)

    def _show_gap_fields(self, status: str | None) -> None:
        gap = status not in (None, "met")
        self.query_one(".gap").display = gap
        self.query_one(".condition").display = gap
        self.query_one(".closing").display = gap
        self.query_one(".fatal").display = status == "not-met"
        self.query_one(".closable").display = status == "not-met"
        self.query_one(".waiver").display = gap and not self.item.critical

    @on(Checkbox.Changed, ".fatal, .closable")
    def _one_of_fatal_or_closable(self, event: Checkbox.Changed) -> None:
        """An item is fatal or closable, never both: ticking one clears the other."""
        if event.value:
            other = ".closable" if event.checkbox.has_class("fatal") else ".fatal"
            box = self.query_one(other, Checkbox)
            if box.value:
                with self.prevent(Checkbox.Changed):
                    box.value = False

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self._show_gap_fields(self.values().status)
        self.post_message(self.Changed(self))


class Checklist(Vertical):
    def __init__(
        self,
        items: Sequence[CheckItem],
        doc: Document,
        *,
        slug: str = "feasibility",
        marks: Mapping[str, FeasibilityItem] | None = None,
    ) -> None:
        """``slug`` and ``marks``: a stage gate's (default: the feasibility checklist's)."""
        super().__init__(id="checklist")
        self._items: list[CheckItem] = list(items)
        self._doc = doc
        self._slug = slug
        self._marks = doc.feasibility.items if marks is None else marks

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        for item in self._items:
            yield ItemRow(item, self._marks.get(item.id), self._doc.people, self._slug)

    def show_rows(self, result: FeasibilityResult) -> None:
        self.show_gaps({g.item.id: g for g in [*result.fatal, *result.conditions, *result.gaps]})

    def show_gaps(self, gaps: Mapping[str, ItemGap]) -> None:
        """What the verdict makes of each row's item, by item id."""
        for row in self.query(ItemRow):
            row.show_why(gaps.get(row.item.id))

    def show_banner(self, text: Text) -> None:
        self.query_one("#banner", Static).update(text)

    @staticmethod
    def summary(result: FeasibilityResult) -> Text:
        """The verdict in one line, for the top of the step (it never scrolls away), and
        under it what blocks (a NO-GO's items, what a PIVOT or SCOPE-DOWN says to do): in
        sight when the step opens, whatever item the cursor starts on."""
        text = Text("Feasibility: ", style="bold")
        word = verdict_word(result)
        text.append(f" {word} ", style=BANNER_STYLE.get(word, "bold reverse"))
        counts = summary(result)
        if counts:
            text.append(f"  {counts}")
        blocking = blocking_lines(result)
        for line in blocking[:SUMMARY_BLOCKERS]:
            text.append(f"\n✗ {line}", style="bold red" if result.fatal else "bold")
        if len(blocking) > SUMMARY_BLOCKERS:
            more = len(blocking) - SUMMARY_BLOCKERS
            text.append(f"\n  and {more} more blocking: listed above the first item", style="dim")
        return text

    def show_result(self, result: FeasibilityResult) -> None:
        word = verdict_word(result)
        text = Text()
        text.append(f" {word} ", style=BANNER_STYLE.get(word, "bold reverse"))
        if result.verdict is None:
            text.append(f"  {summary(result)}")
        for line in verdict_lines(result):
            mark, style = LINE_LOOK[line.kind]
            text.append(f"\n  {mark}{line.text}", style=style)
        self.query_one("#banner", Static).update(text)
        self.show_rows(result)
