"""Workshop mode: a facilitator's full-screen view for a team in a room.

The current step's questions, large and uncluttered for a projector; a visible timebox per
step that warns when it runs over; who is present; and one key each to capture a
decision, an action item (owner, due date) or an open question. Every capture is saved
through the core at once, into the document's ``[[workshops]]`` entry.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Header, Label, ProgressBar, SelectionList, Static

from .. import startup
from ..core import rescue, storage, workshops
from ..core.document import Document, Workshop
from ..core.errors import MldwizardError
from ..core.handle_options import handle_options
from ..core.identity import now
from ..core.specs import Specs, StepSpec
from .app import AUTOSAVE_DELAY_S
from .header_title import fitted_title
from .paste_guard import refused_paste
from .screens.capture import Capture, CaptureDialog, step_covers
from .screens.editors import PeopleDialog, add_typed_person
from .stopping import StopOnSignal
from .widgets.footer import WizardFooter
from .widgets.toggles import ChoiceList
from .workshop_view import step_widgets


class WorkshopApp(App[None]):
    CSS_PATH = "wizard.tcss"
    TITLE = "mldwizard workshop"
    # Ctrl+N / Ctrl+P move between steps as in the wizard (priority: before the command
    # palette's default Ctrl+P, and before a widget's own use of the key); the palette is
    # on Ctrl+K, as in the wizard.
    COMMAND_PALETTE_BINDING = "ctrl+k"
    # Short labels (tooltips say more): at 80 columns every key fits in the footer.
    BINDINGS = [
        Binding("ctrl+n", "step(1)", "Next", id="ws-next", priority=True, tooltip="Next step"),
        Binding(
            "ctrl+p", "step(-1)", "Prev", id="ws-previous", priority=True, tooltip="Previous step"
        ),
        Binding("d", "capture('decision')", "Decision", id="ws-decision"),
        Binding("a", "capture('action item')", "Action", id="ws-action"),
        Binding(
            "o", "capture('open question')", "Question", id="ws-question", tooltip="Open question"
        ),
        Binding("plus,equals_sign", "minutes(1)", "min", id="ws-more", tooltip="One more minute"),
        Binding("minus", "minutes(-1)", "min", id="ws-less", tooltip="One minute less"),
        Binding("f4", "add_person", "People", id="ws-person", tooltip="Add or edit people"),
        Binding("ctrl+q", "quit", "Quit", id="ws-quit", priority=True),
    ]

    def __init__(
        self,
        path: Path,
        specs: Specs,
        author: str,
        workshop: str | Workshop,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.path = path
        self.specs = specs
        self.author = author
        self.planned = workshop if isinstance(workshop, Workshop) else None
        """Today's workshop when it is not in the document yet: it goes in with the first
        thing recorded (see `workshops.plan_workshop`), so merely opening writes nothing."""
        self.workshop_id = workshop.id if isinstance(workshop, Workshop) else workshop
        self.clock = clock
        self.doc: Document = self._held(storage.load_document(path, specs))
        w = workshops.workshop(self.doc, self.workshop_id)
        self.steps = [s for s in (specs.get(slug) for slug in w.steps) if s is not None]
        self.minutes = {s.slug: workshops.step_minutes(w, s.slug) for s in self.steps}
        self._pending: list[Callable[[Document], None]] = []
        self._pending_timer: Timer | None = None
        self._unkept: dict[str, str] = {}
        """Text typed in a dialog that cannot go into the document (for a rescue copy)."""
        self._notes: list[str] = []
        """What the closing message says about where typed text went."""
        self.quit_state = "saved"
        """What the closing message says after Ctrl+Q."""
        self.index = 0
        self.started = clock()
        self.warned = False
        self.stopping = StopOnSignal(self)
        """Saves what is waiting and stops on SIGHUP (the terminal closed), SIGTERM, SIGINT."""

    async def on_event(self, event: events.Event) -> None:
        if not refused_paste(self, event):
            await super().on_event(event)

    def _held(self, doc: Document) -> Document:
        """``doc`` with today's workshop in it (in memory only, until something is recorded)."""
        if self.planned is not None:
            workshops.hold_workshop(doc, self.planned)
        return doc

    @property
    def step(self) -> StepSpec:
        return self.steps[self.index]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=True)
        with Horizontal(id="ws-body"):
            yield VerticalScroll(id="ws-questions")
            with Vertical(id="ws-side"):
                yield Static(id="ws-timer")
                yield ProgressBar(
                    total=100, show_eta=False, show_percentage=False, id="ws-progress"
                )
                yield Label(Text("Present", style="bold"))
                yield ChoiceList(id="ws-attendees")
                yield Static(id="ws-captured")
        yield WizardFooter()

    def on_mount(self) -> None:
        self._fit_title()
        self.call_after_refresh(startup.resume)  # the CLI paused the collector for start-up
        self._fill_attendees()
        self._show_step()
        self.set_interval(1.0, self.tick)
        if not self.is_headless:  # a real terminal: closing it saves and stops
            self.stopping.install()

    def on_unmount(self) -> None:
        self.stopping.uninstall()

    # -- what StopOnSignal needs (tui/stopping.py) ----------------------------------------

    def take_typed(self) -> None:
        """Attendance and timebox changes are already waiting in the pending changes; what
        an open dialog holds joins them: a capture is recorded (see
        :meth:`CaptureDialog.take_typed`), a person is added, or kept in a rescue copy when
        the handle is not valid."""
        for screen in self.screen_stack:
            if isinstance(screen, CaptureDialog) and (taken := screen.take_typed()):
                kind, capture = taken
                self._pending.append(self._typed_capture(screen, kind, capture))
                if kind != screen.kind:
                    self._notes.append(
                        "the action item typed without an owner and a due date is recorded "
                        "as an open question"
                    )
            elif isinstance(screen, PeopleDialog) and (typed := screen.take_typed()):
                self._pending.append(self._add_person(typed))

    def _add_person(self, typed: tuple[str, str, str]) -> Callable[[Document], None]:
        """The change that adds a person typed in F4 (or keeps the text, see `_unkept`)."""
        return lambda d: self._unkept.update(add_typed_person(d, typed))

    def needs_saving(self) -> bool:
        return bool(self._pending)

    def save_without_asking(self) -> str:
        if (problem := self._write_pending()) is not None:
            return f"not saved: {problem}"
        self.drop_if_empty()
        state = "; ".join(["saved", *self._notes])
        if not self._unkept:
            return state
        try:
            copy = rescue.write_working_copy(self.path, self.doc, self.specs, self._unkept)
        except MldwizardError as exc:
            return f"{state}; text that did not fit could not be kept: {exc}"
        return f"{state}; text that did not fit is kept in {copy}"

    def _fit_title(self) -> None:
        self.title = fitted_title(
            f"Workshop: {self.doc.project.title}", self.sub_title, self.size.width
        )

    def watch_sub_title(self) -> None:
        self._fit_title()

    def on_resize(self) -> None:
        self._fit_title()

    def set_save_state(self, state: str) -> None:
        self.sub_title = state

    # -- the step and its timebox -------------------------------------------------------

    def _show_step(self) -> None:
        step = self.step
        self.sub_title = f"{self.index + 1}/{len(self.steps)}: {step.label}"
        pane = self.query_one("#ws-questions", VerticalScroll)
        pane.remove_children()
        widgets = step_widgets(self.doc, self.specs, step)
        pane.mount_all(widgets)
        self.started = self.clock()
        self.warned = False
        self._show_captured()
        self.tick()
        pane.scroll_home(animate=False)

    def tick(self) -> None:
        budget = self.minutes[self.step.slug] * 60
        elapsed = self.clock() - self.started
        left = budget - elapsed
        timer = self.query_one("#ws-timer", Static)
        if left >= 0:
            minutes, seconds = divmod(int(left), 60)
            timer.update(
                Text(
                    f"{minutes:02d}:{seconds:02d} left of {self.minutes[self.step.slug]} min",
                    style="bold",
                )
            )
            self.screen.remove_class("over")
        else:
            minutes, seconds = divmod(int(-left), 60)
            timer.update(Text(f"OVER by {minutes:02d}:{seconds:02d}", style="bold white on red"))
            self.screen.add_class("over")
            if not self.warned:
                self.warned = True
                self.notify(f"The timebox for {self.step.label} is over.", severity="warning")
        self.query_one(ProgressBar).update(progress=min(100, 100 * elapsed / budget))

    def action_step(self, offset: int) -> None:
        index = self.index + offset
        if 0 <= index < len(self.steps):
            self._save_pending()
            try:
                self.doc = self._held(storage.load_document(self.path, self.specs))
            except MldwizardError as exc:
                self.notify(f"Showing the last good version: {exc}", severity="warning", timeout=8)
            self.index = index
            self._show_step()

    def action_minutes(self, delta: int) -> None:
        slug, wid = self.step.slug, self.workshop_id
        minutes = min(workshops.MAX_MINUTES, max(1, self.minutes[slug] + delta))
        self.minutes[slug] = minutes
        self.tick()
        self._save_soon(lambda d: workshops.set_step_minutes(d, wid, slug, minutes))

    async def action_quit(self) -> None:
        """Ctrl+Q (and the palette's Quit): what is waiting to be saved is saved first, with
        what an open dialog holds (a capture typed and not yet recorded, a person not yet
        added), as when the terminal closes; a workshop with nothing recorded is dropped."""
        self.take_typed()
        if self._pending or self._unkept:
            state = self.save_without_asking()
            if not state.startswith("saved"):
                self.notify(state, title="Not saved", severity="error", timeout=10)
                return
            self.quit_state = state
        self.drop_if_empty()
        self.exit()

    def drop_if_empty(self) -> None:
        """Nothing recorded (a timebox changed at most, someone ticked and unticked): the
        workshop is taken out of the document again; it is not worth a section of it."""
        w = workshops.workshop(self.doc, self.workshop_id)
        if not workshops.is_empty(w):
            return
        try:
            on_disk = storage.load_document(self.path, self.specs)
            if any(w.id == self.workshop_id for w in on_disk.workshops):
                wid = self.workshop_id
                self.doc = self._held(
                    storage.update_document(
                        self.path,
                        self.specs,
                        self.author,
                        lambda d: workshops.drop_if_empty(d, wid),
                    )
                )
        except MldwizardError:
            return  # it stays, empty: nothing typed is lost either way

    @property
    def recorded(self) -> bool:
        """Something was recorded in the workshop (it is in the document)."""
        w = next((w for w in self.doc.workshops if w.id == self.workshop_id), None)
        return w is not None and not workshops.is_empty(w)

    # -- people ---------------------------------------------------------------------------

    def _fill_attendees(self) -> None:
        attendees_now = workshops.workshop(self.doc, self.workshop_id).attendees
        present = set(attendees_now)
        attendees = self.query_one("#ws-attendees", SelectionList)
        attendees.clear_options()
        # An attendee not among the people is offered too: kept unless unticked.
        options = handle_options(self.doc.people, attendees_now, lambda p: p.name or p.handle)
        attendees.add_options(
            [(Text(label), handle, handle in present) for label, handle in options]
        )

    @on(SelectionList.SelectedChanged, "#ws-attendees")
    def _attendance(self) -> None:
        handles = [str(h) for h in self.query_one("#ws-attendees", SelectionList).selected]
        if handles != workshops.workshop(self.doc, self.workshop_id).attendees:
            wid = self.workshop_id
            self._save_soon(lambda d: workshops.set_attendees(d, wid, handles))

    def action_add_person(self) -> None:
        from ..core.errors import ConflictError
        from ..core.session import Session

        try:
            session = Session(self.path, self.specs, self.author)
        except MldwizardError as exc:
            self.notify(str(exc), title="Cannot add people now", severity="error", timeout=8)
            return

        def done(changed: bool | None) -> None:
            if not changed:
                return
            try:
                session.save()
            except (ConflictError, MldwizardError) as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=10)
                return
            self.doc = self._held(session.base)
            self._fill_attendees()

        self.push_screen(PeopleDialog(session), done)

    # -- captures -------------------------------------------------------------------------

    def action_capture(self, kind: str) -> None:
        slug = self.step.slug

        def done(result: Capture | None) -> None:
            if result is not None:
                self._save(self._capture(kind, slug, result))
                self._show_captured()

        people = [p.handle for p in self.doc.people]
        self.push_screen(CaptureDialog(kind, people, slug, self.capture_context()), done)

    def capture_context(self) -> list[tuple[str, str]]:
        """What the capture dialog shows the room as context: what the step's questions ask."""
        return step_covers(self.step, self.doc)

    def _typed_capture(
        self, dialog: CaptureDialog, kind: str, capture: Capture
    ) -> Callable[[Document], None]:
        """The change that records what ``dialog`` held when the terminal went."""
        return self._capture(kind, dialog.step, capture)

    def _capture(self, kind: str, slug: str, capture: Capture) -> Callable[[Document], None]:
        """The change that records a capture of ``kind`` made on step ``slug``."""
        text, owner, due = capture
        wid = self.workshop_id
        if kind == "decision":
            return lambda d: workshops.add_decision(d, wid, text, slug, now())
        if kind == "action item":
            return lambda d: workshops.add_action(d, wid, text, owner, due, slug)
        return lambda d: workshops.add_open_question(d, wid, text, slug)

    def _save_soon(self, change: Callable[[Document], None]) -> None:
        """Attendance and timebox changes are grouped the way the wizard's autosave groups
        typing: saved once the facilitator pauses (and before a capture, a step change or
        quitting), so a run of keypresses makes one changelog entry, not one per key."""
        self._pending.append(change)
        if self._pending_timer is not None:
            self._pending_timer.stop()
        self._pending_timer = self.set_timer(AUTOSAVE_DELAY_S, self._save_pending)

    def _save_pending(self) -> None:
        if self._pending:
            self._save(lambda d: None)

    def _save(self, change: Callable[[Document], None]) -> bool:
        """Save ``change``, with the changes waiting to be saved, in one write."""
        if self._pending_timer is not None:
            self._pending_timer.stop()
        if (problem := self._write_pending(change)) is not None:
            self.notify(str(problem), title="Not saved", severity="error", timeout=10)
            return False
        return True

    def _write_pending(
        self, change: Callable[[Document], None] | None = None
    ) -> MldwizardError | None:
        """Write the changes waiting to be saved (and ``change``) in one write; on failure
        they wait again for the next save, and the error is returned. From any thread."""
        pending, self._pending = self._pending, []

        def changes(doc: Document) -> None:
            self._held(doc)
            for each in [*pending, *([change] if change else [])]:
                each(doc)

        try:
            self.doc = storage.update_document(self.path, self.specs, self.author, changes)
        except MldwizardError as exc:
            self._pending = pending + self._pending
            return exc
        return None

    def _show_captured(self) -> None:
        w = workshops.workshop(self.doc, self.workshop_id)
        text = Text()
        for title, entries in (
            ("Decisions", [d.text for d in w.decisions]),
            ("Action items", [f"{a.text} ({a.owner}, {a.due})" for a in w.actions]),
            ("Open questions", [q.text for q in w.open_questions]),
        ):
            text.append(f"\n{title} ({len(entries)})\n", style="bold")
            for entry in entries[-6:]:
                text.append(f"  • {entry}\n")
        self.query_one("#ws-captured", Static).update(text)
