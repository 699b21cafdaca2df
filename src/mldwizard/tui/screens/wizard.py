"""The wizard: sidebar of steps, the current step, and the help or preview panel.

Answers go into the session's working copy through the core as they are typed; the app
saves them (autosave, step change, quit).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import DescendantFocus
from textual.timer import Timer
from textual.widget import Widget

from ...core import edits
from ...core.document import Document
from ...core.errors import MldwizardError, UsageError
from ...core.health import DocumentHealth
from ...core.kinds import ValueProblem
from ...core.markdown import render_step
from ...core.session import Session
from ...core.specs import StepSpec
from ..health import HealthReady, read_health
from ..typeahead import drained
from ..widgets.checklist import ItemRow
from ..widgets.fields import QuestionField
from ..widgets.footer import WizardFooter
from ..widgets.gate_panel import GatePanel
from ..widgets.header import TitledHeader
from ..widgets.side_panel import SidePanel
from ..widgets.sidebar import Sidebar
from ..widgets.step_view import StepView
from .closing import taken_down
from .focus_keys import FOCUS_BINDINGS
from .held_outcome import HeldOutcome
from .kept_edits import kept
from .question_help import HELP_BINDINGS, QuestionHelp
from .stage_gate_edits import apply_stage_item
from .verdict_edits import apply_item, apply_override

PREVIEW_DELAY_S = 0.3
OVERRIDE_DRAFT = "gate.override_reason"

if TYPE_CHECKING:
    from ..app import WizardApp


class WizardScreen(QuestionHelp):
    # Nothing at first ("", as None would mean the app's "*": the step list): the cursor
    # goes to the first unanswered question once it exists, and keys typed before then
    # are held for it.
    AUTO_FOCUS = ""
    BINDINGS = [*FOCUS_BINDINGS, *HELP_BINDINGS]

    def __init__(self, session: Session, start: StepSpec, only: StepSpec | None) -> None:
        super().__init__(id="wizard")
        self.session = session
        self.step = start
        self.only = only
        self._preview_timer: Timer | None = None
        self.invalid: dict[str, tuple[str, str]] = {}
        """Text typed that does not parse ("step.question" -> (text, problem)): never
        silently dropped; shown again on the step, reported by saves, kept by Ctrl+Q twice."""
        self.health: DocumentHealth | None = None
        self._focus_target: str | None = None
        self._cursor: tuple[str, object] | None = None
        """After a rebuild: the question that had the cursor, and where in it the cursor was."""
        self.typeahead.hold_for(start.slug)  # until the cursor is in the first question
        self._wanted = start
        self._rebuild = False
        self._switching = False
        self._refresh_pending = False
        self._pending_before: Document | None = None
        self.held_outcome = HeldOutcome(self)

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        yield TitledHeader(show_clock=False)
        with Horizontal(id="body"):
            sidebar = Sidebar(self.session.specs)
            sidebar.set_class(self.only is not None, "single-step")
            yield sidebar
            yield StepView(self.step, self.session.specs, self.session.doc)
            yield SidePanel()
        yield WizardFooter()

    def on_mount(self) -> None:
        self._after_show()
        self.held_outcome.moved(None, self.step.slug)
        self.check_health()

    def check_health(self) -> None:
        """Freshness and code drift need git: read them in a thread, then mark the steps."""
        if taken_down(self):
            return  # after a save that ended as the app closed: nothing to mark
        path, doc, specs = self.session.path, self.session.base, self.session.specs

        def work() -> None:
            try:
                health = read_health(path, doc, specs)
            except (MldwizardError, OSError, ValueError) as exc:  # a nicety: never fatal
                self.app.call_from_thread(
                    self.notify, f"Freshness not shown: {exc}", severity="warning"
                )
                return
            self.post_message(HealthReady(health))

        self.run_worker(work, thread=True, exclusive=True, group="health")

    def on_health_ready(self, event: HealthReady) -> None:
        self.health = event.health
        sidebar = self.query_one(Sidebar)
        sidebar.freshness = {s.step.slug: s.freshness for s in event.health.steps}
        sidebar.refresh_steps(self.session.doc, self.step.slug)

    # -- navigation -------------------------------------------------------------------------

    @property
    def heading_to(self) -> StepSpec:
        """The step shown, or the one being switched to."""
        return self._wanted

    async def show_step(self, step: StepSpec, *, rebuild: bool = False) -> None:
        """Show ``step`` (or build the current one anew). Requests that arrive while a
        switch is running (Ctrl+N held down) are folded into it: the last one wins."""
        self._wanted = step
        self._rebuild = self._rebuild or rebuild
        if self._switching:
            return
        self._switching = True
        leaving = self.step.slug
        try:
            while not taken_down(self) and (self._wanted.slug != self.step.slug or self._rebuild):
                target, rebuild_now = self._wanted, self._rebuild
                self._rebuild = False
                await self._switch(target, keep_cursor=rebuild_now)
        finally:
            self._switching = False
        if self.step.slug != leaving:
            self.held_outcome.step_left()
            self.held_outcome.moved(leaving, self.step.slug)
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh_document(self._pending_before)

    async def settle_typing(self) -> None:
        """Let the focused widget take the keys already sent to it, then put its value into
        the document now: it may be removed next, with its messages still unread."""
        focused = self.focused
        if focused is not None:
            await drained(focused)
            self.take_typed(focused)

    def take_typed(self, focused: Widget | None = None) -> None:
        """Put the value of ``focused`` (by default the focused widget) into the document now,
        without waiting for the messages it has not handled yet (the terminal is gone)."""
        focused = focused or self.focused
        if focused is None:
            return
        for node in (focused, *focused.ancestors):
            if isinstance(node, QuestionField):
                try:
                    value = node.read()
                except ValueProblem as exc:
                    self._answer_invalid(QuestionField.Invalid(node, str(exc), node.raw_text()))
                else:
                    self._answer_changed(QuestionField.Changed(node, value))
                return
            if isinstance(node, ItemRow):
                self._item_changed(ItemRow.Changed(node))
                return
            if isinstance(node, GatePanel):
                self._override_changed(node.current())
                return

    async def _take_keys_sent_to_the_screen(self) -> None:
        """Keys sent while no field had the cursor wait in the screen's queue: let the
        screen hold them (typeahead) before the new step is built. Skipped when called from
        the screen's own task (a sidebar click), which cannot wait for itself."""
        if asyncio.current_task() is self._task:
            return
        self.typeahead.start()
        await drained(self)

    async def _switch(self, step: StepSpec, *, keep_cursor: bool) -> None:
        await self.settle_typing()
        await self._take_keys_sent_to_the_screen()
        if taken_down(self):
            return  # the app is closing: no step to show (show_step stops too)
        old = self.query_one(StepView)
        focused = self.focused
        self._cursor = None
        if keep_cursor and step.slug == self.step.slug and focused is not None:
            field = next((a for a in focused.ancestors if isinstance(a, QuestionField)), None)
            if field is not None:
                self._cursor = (field.question.id, field.cursor())
        # Keys typed from here on belong to the step being shown; those still held were
        # typed on the step being left (before its field was ready): never replayed here.
        self._not_kept(self.typeahead.hold_for(step.slug))
        self._focus_target = None  # a focus still scheduled for the step being left: dropped
        self.set_focus(None)
        self.step = step
        old.display = False  # out of the layout at once: nothing half-removed is drawn
        await old.leave()
        await old.remove()
        panels = self.query(SidePanel)
        if not panels or taken_down(self):
            return  # the app is closing: the screen is being taken down
        view = StepView(step, self.session.specs, self.session.doc)
        await self.query_one("#body").mount(view, before=panels.first())
        if not view.is_attached:
            return  # the app closed meanwhile
        self._after_show()

    def _remember_shown(self) -> None:
        self._shown = self.session.doc.step(self.step.slug).model_copy(deep=True)

    def _after_show(self) -> None:
        self._remember_shown()
        self.query_one(Sidebar).refresh_steps(self.session.doc, self.step.slug)
        self.query_one(SidePanel).show_help(self.step, None)
        self._refresh_preview()
        view = self.query_one(StepView)
        self._focus_target = self._cursor[0] if self._cursor else view.first_unanswered()
        if self._focus_target is None and view.fields_to_come == 0:
            row = view.first_open_item()  # the checklist has items, not questions
            if row is not None:
                self.call_after_refresh(row.focus_status)
            self._not_kept(self.typeahead.give_up())  # the checklist takes no typing
        self.call_after_refresh(self._focus_first_gap)

    @on(StepView.Ready)
    def _step_ready(self, event: StepView.Ready) -> None:
        """All the step's questions are mounted: restore unparsed text, focus the first gap."""
        view = event.view
        if list(self.query(StepView)) != [view]:
            return  # a view already replaced by another step (or being replaced)
        for field in view.fields:
            pending = self.invalid.get(f"{self.step.slug}.{field.question.id}")
            if pending is not None:
                field.show_raw(*pending)
        draft = self.invalid.get(OVERRIDE_DRAFT)
        if draft is not None and self.step.kind == "gate":
            self.query_one(GatePanel).show_draft(*draft)
        self.call_after_refresh(self._focus_first_gap)

    @property
    def switching(self) -> bool:
        """A step is being switched to (or rebuilt): the switch settles the typing."""
        return self._switching

    def refresh_document(self, before: Document | None = None) -> None:
        """The session's document changed under us (a save merged others' changes).
        ``before``: the working copy it changed from; only the parts whose stored value
        changed are then written into (see ``kept_edits``)."""
        if self._switching:  # done once the step being shown is in place
            if not self._refresh_pending or before is None:
                self._pending_before = before  # the oldest: everything it changed shows
            self._refresh_pending = True
            return
        if taken_down(self):
            return  # a save that ended as the app closed: written, with nothing to show it
        view = self.query_one(StepView)
        if view.handles != [p.handle for p in self.session.doc.people]:
            # People are choices in several widgets: build the step anew.
            self.run_worker(self.show_step(self.step, rebuild=True), group="rebuild")
            self.query_one(Sidebar).refresh_steps(self.session.doc, self.step.slug)
            return
        keep = set() if before is None else kept(view.parts, before, self.session.doc)
        self._remember_shown()
        view.refresh_from(self.session.doc, values=True, keep=keep)
        self.query_one(Sidebar).refresh_steps(self.session.doc, self.step.slug)
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        """Render the preview now, if it is shown (it costs a parse of every answer)."""
        panel = self.query_one(SidePanel)
        if panel.mode == "preview":
            panel.show_preview(render_step(self.session.doc, self.session.specs, self.step))

    def _refresh_preview_soon(self) -> None:
        """While typing, render the preview once per pause, not once per key."""
        if self.query_one(SidePanel).mode != "preview":
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY_S, self._refresh_preview)

    def toggle_preview(self) -> None:
        panel = self.query_one(SidePanel)
        panel.toggle()
        if panel.mode == "preview":
            self._refresh_preview()
        else:
            panel.show_help(self.step, None)

    # -- edits ------------------------------------------------------------------------------

    def _changed(self) -> None:
        if len(self.query(StepView)) != 1:  # between two steps: the next view shows it
            self.wizard.document_changed()
            return
        state = self.session.doc.step(self.step.slug)
        if state == self._shown:
            return  # a widget echoed the value it was given: nothing changed
        self._shown = state.model_copy(deep=True)
        self.query_one(StepView).refresh_from(self.session.doc)
        self.query_one(Sidebar).refresh_steps(self.session.doc, self.step.slug)
        self._refresh_preview_soon()
        self.wizard.document_changed()

    def _changed_on(self, slug: str, widget: Widget) -> None:
        """``_changed`` for an edit of step ``slug`` made in ``widget``."""
        if slug == self.step.slug and self._current(widget):
            self._changed()
        else:
            self.wizard.document_changed()

    @on(QuestionField.Changed)
    def _answer_changed(self, event: QuestionField.Changed) -> None:
        step, qid = event.field.step, event.field.question.id
        self.invalid.pop(f"{step.slug}.{qid}", None)
        before = self.session.doc.step(step.slug).answers.get(qid)
        try:
            edits.set_answer(self.session.doc, step, qid, event.value)
        except UsageError as exc:
            self.wizard.set_save_state(f"unsaved: {exc}")
            return
        if step.slug == self.step.slug and self._current(event.field):
            self._changed()
        elif self.session.doc.step(step.slug).answers.get(qid) != before:
            self.wizard.document_changed()  # typed just before leaving the step: kept

    @on(QuestionField.Invalid)
    def _answer_invalid(self, event: QuestionField.Invalid) -> None:
        key = f"{event.field.step.slug}.{event.field.question.id}"
        self.invalid[key] = (event.raw, event.problem)
        self.wizard.set_save_state(f"unsaved: {key}: {event.problem}")

    @on(GatePanel.OverrideChanged)
    def _override_changed(self, event: GatePanel.OverrideChanged) -> None:
        # Not a valid override yet: the document keeps what it had, and the draft is kept
        # like unparsed text (reported by saves, kept by Ctrl+Q twice and signals).
        problem = apply_override(self.session, event.level, event.reason)
        if problem is not None:
            self._override_draft(event.reason, problem)
            return
        self.invalid.pop(OVERRIDE_DRAFT, None)
        event.panel.show_problem("")
        self._changed_on("gate", event.panel)

    def _override_draft(self, reason: str, problem: str) -> None:
        self.invalid[OVERRIDE_DRAFT] = (reason, problem)
        self.wizard.set_save_state(f"unsaved: {OVERRIDE_DRAFT}: {problem}")
        for panel in self.query(GatePanel):
            panel.show_problem(problem)  # where the author is looking, not only the header

    @on(ItemRow.Changed)
    def _item_changed(self, event: ItemRow.Changed) -> None:
        if event.row.slug != "feasibility":  # a stage gate's row
            apply_stage_item(self.session, event.row.slug, event.row.item.id, event.row.values())
            self._changed_on(event.row.slug, event.row)
            return
        no_go = apply_item(self.session, event.row.item.id, event.row.values())
        self._changed_on("feasibility", event.row)
        if no_go is not None and no_go.verdict is not None:
            self.held_outcome.reached(event.row, no_go.verdict)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.held_outcome.focus_moved(event.widget)

    @on(Sidebar.Picked)
    async def _picked(self, event: Sidebar.Picked) -> None:
        step = self.session.specs.get(event.slug)
        if step is not None:
            await self.wizard.go_to(step)
