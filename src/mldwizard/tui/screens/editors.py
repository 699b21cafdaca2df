"""Dialogs that edit parts of the document other than answers: people, chapter details."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static, TextArea

from ...core import edits
from ...core.document import Document
from ...core.errors import UsageError
from ...core.handle_options import handle_options
from ...core.session import Session
from ...core.specs import StepSpec
from ..widgets.drop_down import DropDown
from ..widgets.fitted_table import Column, FittedTable
from ..widgets.toggles import ChoiceList
from .dialogs import SHORT_BELOW
from .focus_keys import FOCUS_BINDINGS

_FIELDS = ("#handle", "#name", "#role")
PEOPLE_COLUMNS = [
    Column("Handle", priority=3),
    Column("Name", priority=2),
    Column("Role", flex=True, min_width=10),
]


class PeopleDialog(ModalScreen[bool]):
    """Add, change or remove people. Dismisses with True when something changed."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "close", "Close", id="people-close")]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.changed = False
        self._filled: tuple[str, str] | None = None
        """The name and role shown for a taken handle, as long as they are unchanged."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("[b]People[/b]: pick a row to edit it, or type a new handle to add one.")
            with VerticalScroll(classes="dialog-body"):
                yield FittedTable(PEOPLE_COLUMNS, id="people", cursor_type="row")
                with Horizontal(classes="row"):
                    yield Input(placeholder="handle, e.g. ana", id="handle")
                    yield Input(placeholder="name", id="name")
                    yield Input(placeholder="role", id="role")
            yield Static("", classes="problem")
            yield Static("", id="people-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="save")
                yield Button("Remove", variant="error", id="remove")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#handle", Input).focus()

    def _fill(self) -> None:
        people = self.session.doc.people
        self.query_one(FittedTable).set_rows(
            [[Text(p.handle), Text(p.name), Text(p.role)] for p in people],
            keys=[p.handle for p in people],
        )

    @on(DataTable.RowSelected)
    def _picked(self, event: DataTable.RowSelected) -> None:
        person = self.session.doc.person(str(event.row_key.value))
        if person is not None:
            self._show_person(person.name, person.role)
            self.query_one("#handle", Input).value = person.handle

    def _show_person(self, name: str, role: str) -> None:
        self.query_one("#name", Input).value = name
        self.query_one("#role", Input).value = role
        self._filled = (name, role) if name or role else None

    @on(Input.Changed, "#handle")
    def _handle_typed(self, event: Input.Changed) -> None:
        """A handle that is taken edits that person: the button says Update and the fields
        show the person as they are, so nothing is overwritten unseen."""
        person = self.session.doc.person(event.value.strip())
        self.query_one("#save", Button).label = "Update" if person else "Add"
        shown = (self.query_one("#name", Input).value, self.query_one("#role", Input).value)
        untouched = shown == ("", "") or shown == self._filled
        if person is not None and untouched:
            self._show_person(person.name, person.role)
        elif person is None and self._filled is not None and shown == self._filled:
            self._show_person("", "")  # typed on past a taken handle: not this one's details

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._apply("save")

    def apply_typed(self) -> str | None:
        """Ctrl+Q with the dialog open: the person typed and not yet added is added (or
        updated), as Add would. Returns the problem when that cannot be done (the dialog
        shows it, and keeps what was typed)."""
        handle, name, role = (self.query_one(n, Input).value.strip() for n in _FIELDS)
        person = self.session.doc.person(handle)
        if not any((handle, name, role)) or (
            person is not None and (name, role) == (person.name, person.role)
        ):
            return None
        return self._apply("save")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.dismiss(self.changed)
            return
        self._apply(event.button.id or "")

    def _apply(self, what: str) -> str | None:
        """Add, update or remove; returns the problem (also shown) if it cannot be done."""
        handle = self.query_one("#handle", Input).value.strip()
        existed = self.session.doc.person(handle) is not None
        try:
            if what == "save":
                edits.upsert_person(
                    self.session.doc,
                    handle,
                    self.query_one("#name", Input).value.strip(),
                    self.query_one("#role", Input).value.strip(),
                )
                note = f"{'Updated' if existed else 'Added'} {handle}."
            else:
                edits.remove_person(self.session.doc, handle)
                note = f"Removed {handle}."
        except UsageError as exc:
            self.query_one(".problem", Static).update(str(exc))
            return str(exc)
        self.changed = True
        self.query_one(".problem", Static).update("")
        self.query_one("#people-note", Static).update(Text(note, style="italic"))
        self._filled = None
        for name in ("#handle", "#name", "#role"):
            self.query_one(name, Input).value = ""
        self._fill()
        self.query_one("#handle", Input).focus()
        return None

    def take_typed(self) -> tuple[str, str, str] | None:
        """The terminal is going: the handle, name and role typed and not yet added (the
        fields are emptied: taken once), or None when there is nothing new."""
        fields = [self.query_one(name, Input) for name in _FIELDS]
        handle, name, role = (field.value.strip() for field in fields)
        person = self.session.doc.person(handle)
        if not any((handle, name, role)) or (
            person is not None and (name, role) == (person.name, person.role)
        ):
            return None
        for field in fields:
            field.value = ""
        return handle, name, role

    def action_close(self) -> None:
        self.dismiss(self.changed)


def add_typed_person(doc: Document, typed: tuple[str, str, str]) -> dict[str, str]:
    """Add (or update) the person typed in a :class:`PeopleDialog` that was not added
    yet; when the handle is not valid, returns the text to keep in a rescue copy
    ("people.new" -> text), else nothing."""
    handle, name, role = typed
    try:
        edits.upsert_person(doc, handle, name, role)
    except UsageError:
        return {"people.new": f"handle {handle!r}, name {name!r}, role {role!r}"}
    return {}


class StepDetailsDialog(ModalScreen[bool]):
    """Owners, status, code paths and links of one step."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "close", "Cancel", id="details-cancel")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]
    """80x24: the body takes what the title, the problem line and the buttons leave, and
    scrolls (at its own height the buttons were drawn over the code paths and links)."""

    def __init__(self, session: Session, step: StepSpec) -> None:
        super().__init__(classes="dialog")
        self.session = session
        self.step = step

    def compose(self) -> ComposeResult:
        state = self.session.doc.step(self.step.slug)
        with Vertical(classes="dialog-box"):
            yield Label(Text.assemble((self.step.label, "bold"), ": who keeps it alive"))
            # Two columns: every field in sight at 120x36 (one under the other, the links
            # were cut off above the buttons), and at 80x24 with a few people.
            with VerticalScroll(classes="dialog-body"):
                with Horizontal(classes="row"):
                    with Vertical(classes="column"):
                        yield Label("Owners", classes="prompt")
                        # An owner not among the people is offered too: kept unless unticked.
                        yield ChoiceList(
                            *[
                                (label, handle, handle in state.owners)
                                for label, handle in handle_options(
                                    self.session.doc.people, state.owners
                                )
                            ],
                            id="owners",
                        )
                    with Vertical(classes="column"):
                        yield Label("Status", classes="prompt")
                        yield DropDown(
                            [(s, s) for s in edits.STATUSES],
                            value=state.status,
                            allow_blank=False,
                            id="status",
                        )
                with Horizontal(classes="row"):
                    with Vertical(classes="column"):
                        yield Label(
                            "Code paths (globs from the repository root, one per line)",
                            classes="prompt",
                        )
                        yield TextArea("\n".join(state.code_paths), id="code-paths")
                    with Vertical(classes="column"):
                        yield Label("Links (tickets, dashboards; one per line)", classes="prompt")
                        yield TextArea("\n".join(state.links), id="links")
            yield Static("", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "apply":
            self.dismiss(False)
            return
        if self._apply() is None:
            self.dismiss(True)

    def _typed(self) -> tuple[list[str], str, list[str], list[str]]:
        """Owners, status, code paths and links as the dialog shows them now."""
        lines = [
            [line.strip() for line in self.query_one(w, TextArea).text.splitlines()]
            for w in ("#code-paths", "#links")
        ]
        return (
            [str(h) for h in self.query_one("#owners", SelectionList).selected],
            str(self.query_one("#status", Select).value),
            [line for line in lines[0] if line],
            [line for line in lines[1] if line],
        )

    def _apply(self) -> str | None:
        """Apply all or nothing; returns the problem (also shown) if it cannot be done."""
        doc, step = self.session.doc, self.step
        before = doc.step(step.slug).model_copy(deep=True)
        owners, status, code_paths, links = self._typed()
        try:
            edits.set_owners(doc, step, owners)
            edits.set_status(doc, step, status)
            edits.set_list_field(doc, step, "code_paths", code_paths)
            edits.set_list_field(doc, step, "links", links)
        except UsageError as exc:
            # All or nothing: undo what was applied before the problem.
            self.session.doc.replace_step(self.step.slug, before)
            self.query_one(".problem", Static).update(str(exc))
            return str(exc)
        return None

    def typed_text(self, problem: str) -> str:
        """What the dialog holds, for a rescue copy when it could not be applied."""
        owners, status, code_paths, links = self._typed()
        return (
            f"not applied ({problem}): owners {', '.join(owners) or '-'}; status {status}; "
            f"code paths {'; '.join(code_paths) or '-'}; links {'; '.join(links) or '-'}"
        )

    def apply_typed(self) -> str | None:
        """Ctrl+Q (or the terminal closing) with the dialog open: what was typed and not
        yet applied is applied, as Apply would. Returns the problem when it cannot be."""
        state = self.session.doc.step(self.step.slug)
        owners, status, code_paths, links = self._typed()
        if (set(owners), status, code_paths, links) == (
            set(state.owners),
            state.status,
            list(state.code_paths),
            list(state.links),
        ):
            return None
        return self._apply()

    def action_close(self) -> None:
        self.dismiss(False)
