"""The Textual app: bindings, the document session, save state and screen routing."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.timer import Timer

from .. import startup
from ..core.document import Document
from ..core.errors import MldwizardError
from ..core.feasibility import FeasibilityResult
from ..core.rescue import rescue_copies, rescue_notice
from ..core.session import Session
from ..core.specs import StepSpec
from ..core.storage import markdown_path, render_files
from .broken_on_disk import loads_again, say_broken_on_disk
from .commands import StepCommands
from .paste_guard import refused_paste
from .saving import save_flow, type_dialog_keys
from .screens.wizard import WizardScreen
from .stage_notice import stage_notice
from .stopping import StopOnSignal
from .typeahead import TypeAhead, mark_typed_at, typed_on

# Screens shown later are imported when first needed: the first paint comes sooner.

AUTOSAVE_DELAY_S = 1.0
WATCH_INTERVAL_S = 1.0
QUIT_AGAIN_S = 5.0
"""A second Ctrl+Q this soon after a quit that could not save quits anyway (keeping a copy)."""
WIZARD_SCREEN_ACTIONS = frozenset(
    {"next_step", "previous_step", "toggle_preview", "step_details", "status", "review"}
)


class WizardApp(App[None]):
    CSS_PATH = "wizard.tcss"
    TITLE = "mldwizard"
    COMMANDS = App.COMMANDS | {StepCommands}
    COMMAND_PALETTE_BINDING = "ctrl+k"
    # Below 110 columns the step list gives way to the questions (steps: Ctrl+N/P, palette).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        # Short labels: at 80 columns every key fits in the footer (see WizardScreen.on_resize).
        Binding(
            "ctrl+q", "save_and_quit", "Quit", id="quit", priority=True, tooltip="Save and quit"
        ),
        # Not in the footer (it autosaves; the header says whether it is saved).
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save now", show=False),
        # Priority: a step change takes effect before the keys typed after it reach a field,
        # so "one Ctrl+N two" puts "two" in the next step, not in the field being left.
        Binding(
            "ctrl+p",
            "previous_step",
            "Prev",
            id="previous-step",
            tooltip="Go to the previous step",
            priority=True,
        ),
        Binding(
            "ctrl+n",
            "next_step",
            "Next",
            id="next-step",
            tooltip="Go to the next step",
            priority=True,
        ),
        Binding(
            "f2",
            "toggle_preview",
            "Preview",
            id="toggle-preview",
            tooltip="Switch the side panel between help and the Markdown preview",
        ),
        Binding(
            "f3",
            "step_details",
            "Owners",
            id="step-details",
            tooltip="Owners, status, code paths and links of this step",
        ),
        Binding("f4", "people", "People", id="people", tooltip="Add or edit people"),
        Binding(
            "f5",
            "status",
            "Status",
            id="status",
            tooltip="Owners, freshness, code drift and bus factor of every step",
        ),
        Binding(
            "f8",
            "review",
            "Review",
            id="review",
            tooltip="Review this step: mark its review items, comment, approve",
        ),
        Binding(
            "f9",
            "overview",
            "Overview",
            id="overview",
            tooltip="Completeness, verdicts and what is missing",
        ),
    ]

    def __init__(
        self,
        session: Session,
        start: StepSpec,
        only: StepSpec | None = None,
        *,
        autosave_delay: float | None = AUTOSAVE_DELAY_S,
        cursor_blink: bool = True,
        review_by: str | None = None,
    ):
        super().__init__()
        self.autosave_delay = autosave_delay
        self.cursor_blink = cursor_blink
        self.session = session
        self.start = start
        self.only = only
        self.save_state = "saved"
        self._autosave: Timer | None = None
        self._saving = asyncio.Lock()
        self._quit_armed: float | None = None
        self.deferred: set[str] = set()
        self.told_broken: tuple[object, str] | None = None
        """The broken version of the file on disk the author was told about (see
        :mod:`.broken_on_disk`)."""
        self._unkept: dict[str, str] = {}
        """Text typed in a dialog that cannot go into the document (for a rescue copy)."""
        """Decisions put off with "Decide later" (approved step slugs, or "conflicts")."""
        self.wizard_screen: WizardScreen
        self.stopping = StopOnSignal(self)
        """Saves and stops on SIGHUP (the terminal closed), SIGTERM and SIGINT."""
        self.reviewer = review_by
        """Who reviews on the review screen (F8): asked once; given, it opens at the start."""

    # -- lifecycle ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = self.session.doc.project.title
        self.call_after_refresh(startup.resume)  # the CLI paused the collector for start-up
        self.set_save_state("saved")
        self.wizard_screen = WizardScreen(self.session, self.start, self.only)
        self.push_screen(self.wizard_screen)
        if self.reviewer is not None:  # `mldwizard review PATH CHAPTER --by H` at a terminal
            self.action_review()
        self._disk_stamp = self.session.disk_stamp()
        self.set_interval(WATCH_INTERVAL_S, self._watch_file)
        if not self.is_headless:  # a real terminal (or serve): closing it saves and stops
            self.stopping.install()
        notice = rescue_notice(self.session.path, rescue_copies(self.session.path))
        if notice:
            self.notify("\n".join(notice), title="Unsaved copies", severity="warning", timeout=60)

    def on_unmount(self) -> None:
        self.stopping.uninstall()

    def unparsed(self) -> dict[str, str]:
        """Text typed that does not parse, by "step.question" (or "people.new")."""
        typed = {k: text for k, (text, _) in self.wizard_screen.invalid.items()}
        return typed | self._unkept

    # -- what StopOnSignal needs (tui/stopping.py) --------------------------------------------

    def take_typed(self) -> None:
        from .open_dialogs import take_open_dialogs

        self._unkept.update(take_open_dialogs(self.screen_stack, self.session.doc))
        with contextlib.suppress(AttributeError):  # before the wizard screen exists
            self._unkept.update(type_dialog_keys(self, self.wizard_screen))
            self.wizard_screen.take_typed()

    def needs_saving(self) -> bool:
        return self.session.dirty

    def save_without_asking(self) -> str:
        try:
            unparsed = self.unparsed()
        except (AttributeError, RuntimeError):  # no screen yet; changed while copied
            unparsed = {}
        return self.session.save_without_asking(unparsed)

    def final_state(self) -> str | None:
        """Once the app has run: the save state to report, or None if it stopped on an
        error (then `rescue`). After SIGHUP or SIGTERM it saved without asking, and an error
        on the way out is only the terminal being gone."""
        if self.stopping.signal is not None:
            return self.stopping.save()
        return self.save_state if self.return_code in (0, None) else None

    def rescue(self) -> str:
        """After the app stopped on an error: save what can be saved, keep the rest."""
        return self.stopping.save()

    # -- save state -----------------------------------------------------------------------

    def set_save_state(self, state: str) -> None:
        self.save_state = state
        self.sub_title = state

    def document_changed(self) -> None:
        """An answer changed: mark it and (re)start the autosave countdown."""
        self.set_save_state("unsaved: changes not written yet")
        if self._autosave is not None:
            self._autosave.stop()
        if self.autosave_delay is not None:
            self._autosave = self.set_timer(self.autosave_delay, self._autosave_now)

    def _autosave_now(self) -> None:
        self.run_worker(self.save(asked=False), group="save", exclusive=False)

    async def on_event(self, event: events.Event) -> None:
        if refused_paste(self, event):
            return
        if isinstance(event, events.Key) and typed_on(event) and self.wizard_screen.stray(event):
            return  # sent again for a step the author has left since: never typed into this one
        if isinstance(event, events.Key) and not event.is_forwarded:
            screen = getattr(self, "wizard_screen", None)  # None before it is mounted
            if screen is not None and screen.typed_onto_choice(event):
                return  # text onto the choice the wizard chose: for the step's text question
            mark_typed_at(event, self.focused)  # where it was typed, for the screen's on_key
        await super().on_event(event)

    def replay(self, typed: TypeAhead, tries: int = 20) -> None:
        """Keys typed into a dialog that interrupted the author go where they were meant,
        once the dialog is gone and the wizard has its focus back."""
        if self.screen is not self.wizard_screen and tries > 0:
            self.set_timer(0.05, lambda: self.replay(typed, tries - 1))
            return
        typed.replay(self)

    async def save(self, *, asked: bool = True) -> bool:
        """Save through the core, asking the author about approved steps and conflicts
        (unless ``asked`` is False and they chose to decide later)."""
        if self._autosave is not None:
            self._autosave.stop()
        async with self._saving:
            before = await self._settled_working_copy()
            saved = await save_flow(self, asked=asked)
            self._disk_stamp = self.session.disk_stamp()
        if saved:
            self.wizard_screen.refresh_document(before)
            self.wizard_screen.check_health()
            self._after_disk(before)
        return saved

    def _after_disk(self, before: Document) -> None:
        """What the version on disk brought: the first save of an older document upgraded
        it; someone else moved the stage (the step is built anew for it)."""
        notice = self.session.take_upgrade_notice()
        if notice:
            self.notify(notice, title="Upgraded", severity="warning", timeout=20)
        doc = self.session.doc
        if doc.stage != before.stage:
            head = f"Someone else moved the document to stage {doc.stage} (from {before.stage})."
            where = "F9 lists every required question not answered yet"
            text = stage_notice(doc, self.session.specs, before.stage, head, where)
            self.notify(text, title="Stage changed", timeout=20)
            screen = self.wizard_screen
            self.run_worker(screen.show_step(screen.step, rebuild=True), group="rebuild")

    async def _settled_working_copy(self) -> Document:
        """Put the keys the focused field has taken into the working copy (a step switch
        does this itself), and return a copy of it: what a refresh changes is told apart
        from what the author is typing."""
        if not self.wizard_screen.switching:
            await self.wizard_screen.settle_typing()
        if self._autosave is not None:
            self._autosave.stop()  # what settling changed is saved now
        return self.session.doc.model_copy(deep=True)

    def _watch_file(self) -> None:
        """Someone else wrote the document: take their changes in (merging ours)."""
        if self._saving.locked() or self.session.disk_stamp() == self._disk_stamp:
            return
        self.run_worker(self._take_in_changes(), group="save")

    async def _take_in_changes(self) -> None:
        before = await self._settled_working_copy()
        async with self._saving:
            # Asked once a save running meanwhile has ended: the author may have typed on
            # while this waited for it, and a reload would throw that away.
            typed = self.session.dirty
            if not typed:
                try:
                    self.session.reload()
                except MldwizardError as exc:
                    say_broken_on_disk(self, exc)
                    self._disk_stamp = self.session.disk_stamp()
                    return
                loads_again(self)
                self._disk_stamp = self.session.disk_stamp()
        if typed:
            await self.save(asked=False)  # merges what is on disk with what is typed here
            return
        self.wizard_screen.refresh_document(before)
        self.wizard_screen.check_health()
        self.notify("Changes made by someone else were loaded.", timeout=4)
        self._after_disk(before)

    # -- actions ----------------------------------------------------------------------------

    async def action_save(self) -> None:
        self.run_worker(self.save(), group="save")

    def action_export(self) -> None:
        async def export() -> None:
            if await self.save():
                render_files(self.session.path, self.session.base, self.session.specs)
                self.notify(
                    f"Markdown written to {markdown_path(self.session.path)}", title="Exported"
                )

        self.run_worker(export(), group="save")

    async def action_save_and_quit(self) -> None:
        from .open_dialogs import apply_open_dialogs

        # What F3/F4 hold and have not applied is saved too (see open_dialogs).
        if (problem := apply_open_dialogs(self.screen_stack)) is not None:
            self.notify(
                f"Not quitting: {problem}. Correct it, or Esc to leave the dialog.",
                title="Not saved",
                severity="warning",
                timeout=8,
            )
            return
        await self.wizard_screen.settle_typing()  # keys typed just before Ctrl+Q count
        armed = self._quit_armed is not None and time.monotonic() - self._quit_armed < QUIT_AGAIN_S
        if armed:  # second Ctrl+Q: quit anyway, keeping what could not be saved
            try:
                copy = self.session.save_copy(self.unparsed())
            except MldwizardError as exc:
                self.notify(f"Could not keep a copy either: {exc}", severity="error")
                return
            self.set_save_state(f"unsaved; everything typed is kept in {copy}")
            self.exit()
            return

        async def finish() -> None:
            if await self.save():
                self.exit()
                return
            self._quit_armed = time.monotonic()
            self.notify(
                f"Not saved: {self.save_state.removeprefix('unsaved: ')}. Press Ctrl+Q again "
                f"within {QUIT_AGAIN_S:g} seconds to quit "
                "anyway; what you typed will be kept in a copy next to the document.",
                title="Not saved",
                severity="warning",
                timeout=8,
            )

        self.run_worker(finish(), group="save")

    async def go_to(self, step: StepSpec) -> None:
        if self.only is not None:
            return
        self.run_worker(self.save(), group="save")
        await self.wizard_screen.show_step(step)

    async def _move(self, offset: int) -> None:
        steps = list(self.session.specs.steps)
        # From the step being headed to: Ctrl+N pressed again while a switch runs counts.
        index = steps.index(self.wizard_screen.heading_to) + offset
        if 0 <= index < len(steps):
            await self.go_to(steps[index])
        elif index >= len(steps):
            self.action_overview()

    async def action_next_step(self) -> None:
        await self._move(+1)

    async def action_previous_step(self) -> None:
        await self._move(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WIZARD_SCREEN_ACTIONS:
            # These act on the wizard screen: not from the overview or a dialog.
            if self.screen is not self.wizard_screen:
                return False
            if self.only is not None and action in ("next_step", "previous_step"):
                return False
        return True

    def action_toggle_preview(self) -> None:
        self.wizard_screen.toggle_preview()

    def action_step_details(self) -> None:
        from .screens.editors import StepDetailsDialog

        self.push_screen(StepDetailsDialog(self.session, self.wizard_screen.step), self._after_edit)

    def action_people(self) -> None:
        from .screens.editors import PeopleDialog

        async def done(changed: bool | None) -> None:
            if changed:  # people are choices in several widgets: build the step anew
                await self.wizard_screen.show_step(self.wizard_screen.step, rebuild=True)
                self.document_changed()

        self.push_screen(PeopleDialog(self.session), done)

    def _after_edit(self, changed: bool | None) -> None:
        if changed:
            self.wizard_screen.refresh_document()
            self.document_changed()

    def action_review(self) -> None:
        from .screens.review import open_review

        open_review(self, self.wizard_screen.step)

    def action_status(self) -> None:
        from .screens.status import StatusScreen

        self.push_screen(StatusScreen(self.session))

    async def action_quit(self) -> None:
        """Textual's own "Quit" (command palette) saves first, like Ctrl+Q."""
        await self.action_save_and_quit()

    def action_overview(self) -> None:
        from .screens.outcomes import OverviewScreen

        if any(isinstance(screen, OverviewScreen) for screen in self.screen_stack):
            return  # already open (F9 pressed twice)

        overview = OverviewScreen(self.session)

        def done(choice: str | None) -> None:
            if choice == "quit":
                self.run_worker(self.action_save_and_quit())
            elif overview.stage_changed:  # later questions and required marks change
                self.run_worker(self.wizard_screen.show_step(self.wizard_screen.step, rebuild=True))

        self.run_worker(self.save(), group="save")
        self.push_screen(overview, done)

    def show_no_go(self, result: FeasibilityResult) -> None:
        from .screens.outcomes import NoGoScreen

        screen = NoGoScreen(result)

        def done(choice: str | None) -> None:
            if choice == "stop":
                self.run_worker(self.action_save_and_quit())
            else:
                self.replay(screen.typed)

        self.push_screen(screen, done)

    @property
    def document_path(self) -> Path:
        return self.session.path
