"""The feasibility checklist: one row per item, and the live GO / CONDITIONAL / NO-GO banner."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...core.document import Document, FeasibilityItem, Person
from ...core.feasibility import FeasibilityResult
from ...core.specs import FeasibilityItemSpec
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
}


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
        self, item: FeasibilityItemSpec, state: FeasibilityItem | None, people: list[Person]
    ) -> None:
        super().__init__(id=f"item-{item.id}", classes="item")
        self.item = item
        self._state = state
        self._people = people

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
            value=state.status if state else Select.NULL,
            prompt="(status)",
            classes="status",
        )
        yield Input(
            state.note if state else "", placeholder="evidence for this status", classes="note"
        )
        with Horizontal(classes="row gap"):
            yield DropDown(
                [(p.handle, p.handle) for p in self._people],
                value=state.owner if state and state.owner else Select.NULL,
                prompt="(owner)",
                classes="owner",
            )
            yield Input(
                state.condition if state else "",
                placeholder="what would close the gap",
                classes="condition",
            )
            yield MarkedCheckbox("fatal", state.fatal if state else False, classes="fatal")

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
        fields: list[tuple[Select[str] | Input | Checkbox, object]] = [
            (status, state.status if state else Select.NULL),
            (self.query_one(".note", Input), state.note if state else ""),
            (owner, state.owner if state and state.owner else Select.NULL),
            (self.query_one(".condition", Input), state.condition if state else ""),
            (self.query_one(".fatal", Checkbox), state.fatal if state else False),
        ]
        with self.prevent(Select.Changed, Input.Changed, Checkbox.Changed):
            for widget, value in fields:
                if widget.value != value:
                    widget.value = value  # type: ignore[assignment]
                    place_cursor(widget)
        self._show_gap_fields(state.status if state else None)

    def values(self) -> tuple[str | None, str, str | None, str, bool]:
        status = self.query_one(".status", Select).value
        owner = self.query_one(".owner", Select).value
        return (
            None if status is Select.NULL else str(status),
            self.query_one(".note", Input).value,
            None if owner is Select.NULL else str(owner),
            self.query_one(".condition", Input).value,
            self.query_one(".fatal", Checkbox).value,
        )

    def _show_gap_fields(self, status: str | None) -> None:
        gap = status not in (None, "met")
        self.query_one(".gap").display = gap
        self.query_one(".fatal").display = status == "not-met"

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self._show_gap_fields(self.values()[0])
        self.post_message(self.Changed(self))


class Checklist(Vertical):
    def __init__(self, items: list[FeasibilityItemSpec], doc: Document) -> None:
        super().__init__(id="checklist")
        self._items = items
        self._doc = doc

    def compose(self) -> ComposeResult:
        yield Static(id="banner")
        for item in self._items:
            yield ItemRow(item, self._doc.feasibility.items.get(item.id), self._doc.people)

    @staticmethod
    def summary(result: FeasibilityResult) -> Text:
        """The verdict in one line, for the top of the step (it never scrolls away)."""
        text = Text("Feasibility: ", style="bold")
        if result.verdict is None:
            text.append(" PENDING ", style="bold reverse")
            text.append(f"  {len(result.missing)} item(s) without a status")
        else:
            text.append(f" {result.verdict} ", style=BANNER_STYLE[result.verdict])
            if result.fatal:
                text.append(f" {len(result.fatal)} fatal")
            if result.conditions:
                text.append(f" {len(result.conditions)} to close")
        return text

    def show_result(self, result: FeasibilityResult) -> None:
        text = Text()
        if result.verdict is None:
            text.append(" PENDING ", style="bold reverse")
            text.append(f"  {len(result.missing)} item(s) without a status\n")
        else:
            text.append(f" {result.verdict} ", style=BANNER_STYLE[result.verdict])
            text.append("\n")
        for gap in result.fatal:
            text.append(f"  ✗ {gap.item.text} Not met, fatal.\n", style="bold red")
        for gap in result.conditions:
            owner = gap.state.owner or "no owner yet"
            condition = gap.state.condition or "no condition yet"
            text.append(f"  • {gap.item.text} Condition: {condition} (owner: {owner})\n")
        if result.gaps:
            text.append(
                "  Non-critical gaps: " + "; ".join(g.item.text for g in result.gaps), style="dim"
            )
        self.query_one("#banner", Static).update(text)
