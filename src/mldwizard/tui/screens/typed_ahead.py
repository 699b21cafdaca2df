"""Where keys typed ahead go on the wizard: the base of its screen.

Keys typed while no field has the cursor yet (start-up, a step switch) are held
(:class:`~mldwizard.tui.typeahead.TypeAhead`) and typed into the first unanswered question
once it is mounted. They belong to the step they were typed on:

- onto a choice (a drop-down takes no text), text goes to the step's first unanswered text
  question; a step without one drops it with a notice that shows it;
- keys sent again through the app wait behind keys queued after them, Ctrl+N/Ctrl+P
  included: if the step changed meanwhile they are not typed into the new one, the author
  is told what was not kept (``stray``, called by the app for every such key).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ...core.session import Session
from ...core.specs import StepSpec
from ..typeahead import TypeAhead, not_kept, sent_again, typed_at, typed_on
from ..widgets.step_view import StepView

UNTYPED_NOTICE_DELAY_S = 0.5
"""Letters typed on no question are gathered until the typing pauses this long, then
shown in one notice."""


class KeysTypedAhead(Screen[None]):
    session: Session
    step: StepSpec
    _switching: bool
    _focus_target: str | None
    _cursor: tuple[str, object] | None

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self.typeahead = TypeAhead()
        self._placed: Widget | None = None
        """A choice the wizard put the cursor on (untouched since): text typed onto it was
        typed ahead, and goes to the step's first unanswered text question."""
        self._stray = ""
        self._untyped = ""
        """Text typed while the cursor was on no question (the step list, the help panel,
        the page after the last question): shown in a notice, never silently dropped."""
        self._untyped_timer: Timer | None = None

    def _left(self, where: Widget) -> bool:
        """Whether ``where`` belongs to a step the author has left (Ctrl+N, a step chosen):
        keys typed there after the switch was asked for were typed ahead for the new step,
        not on a widget still on the screen (a "later" line, the step list)."""
        if not where.is_attached:
            return True
        return any(
            isinstance(node, StepView) and not node.display for node in where.ancestors_with_self
        )

    def on_key(self, event: events.Key) -> None:
        # A key that reaches the screen found no field when it was sent: keep it if one is
        # about to get the cursor (start-up, a step switch), so it can be typed there.
        if self.focused is None and (self._switching or self._focus_target is not None):
            self.typeahead.start()
        if self.typeahead.capture(event):
            return
        # Typed on another widget than the one with the cursor now (a "later" line, the
        # step list): it bubbled up here after Tab moved on. Never typed where it was not.
        where = typed_at(event)
        moved = where is not None and where is not self.focused and not self._left(where)
        if moved and event.is_printable and not typed_on(event):
            self._untyped_soon(event)
            return
        if event.is_printable and self.focused is not None and self.focused is self._placed:
            # Text onto the choice the cursor was put on: for the step's first text question.
            self.typeahead.start()
            self.typeahead.capture(event)
            self._focus_target = self.query_one(StepView).first_unanswered()
            self._focus_first_gap()
            return
        if (
            isinstance(self.focused, Input | TextArea)
            and event.is_printable
            and not typed_on(event)
        ):
            # A text field takes every printable key, so this one was sent to the screen
            # before the field had the cursor: send it again, to the field (once).
            event.stop()
            self.app.post_message(
                sent_again(events.Key(event.key, event.character), self.step.slug)
            )
            return
        if event.is_printable and self.focused is not None and not typed_on(event):
            # Nothing took it: the cursor is on no question (Tab went past the last one,
            # Shift+Tab before the first). Say so, with the text, rather than drop it.
            self._untyped_soon(event)

    def typed_onto_choice(self, event: events.Key) -> bool:
        """Hold ``event`` if it is text typed onto the choice the wizard put the cursor on
        (see ``_placed``): it is for the step's first unanswered text question. Called by the
        app as it takes each key, before handing it on.

        Decided there, not when the key has bubbled up to the screen: by then the app has
        handed the keys typed behind it to the choice too, and those reached the screen
        after the cursor had moved on, so they were shown in a notice instead of typed
        ("NNN" typed with Ctrl+N onto the gate left "N" in its notes). Now the cursor leaves
        the choice at once: the keys behind this one find no field and are held with it,
        spaces included (on the choice, a space would have opened its list)."""
        placed = self._placed
        if not event.is_printable or placed is None or self.app.focused is not placed:
            return False
        self._placed = None
        self.typeahead.start()
        self.typeahead.capture(event)
        self.set_focus(None)
        self._focus_target = self.query_one(StepView).first_unanswered()
        self.call_after_refresh(self._focus_first_gap)
        return True

    def _untyped_soon(self, event: events.Key) -> None:
        """Add ``event``'s text to the notice of what was not typed (shown once the typing
        pauses)."""
        if self._untyped_timer is not None:
            self._untyped_timer.stop()  # one notice when the typing pauses
        self._untyped_timer = self.set_timer(UNTYPED_NOTICE_DELAY_S, self._untyped_notice)
        self._untyped += event.character or ""

    def stray(self, event: events.Key) -> bool:
        """Whether ``event`` was sent again for a step left since (the Ctrl+P typed after it
        went first): not typed here, but shown in a notice."""
        step = typed_on(event)
        if step is None or (step == self.step.slug and not self._switching):
            return False
        if not self._stray:
            self.call_after_refresh(self._stray_notice, step)
        self._stray += event.character or ""
        return True

    def _untyped_notice(self) -> None:
        text, self._untyped = self._untyped.strip(), ""
        if text:
            self.notify(
                f"Not typed: {text!r}. The cursor is not in a text field; Tab or "
                "Shift+Tab to one (or click it) and type there.",
                severity="warning",
                timeout=10,
            )

    def _stray_notice(self, step: str) -> None:
        text, self._stray = self._stray, ""
        self._not_kept(text.strip(), self.session.specs.resolve(step).label)

    def _focus_first_gap(self) -> None:
        """Put the cursor in the first unanswered question (or back where it was, after a
        rebuild) once its field is mounted, then replay what was typed meanwhile."""
        if self._focus_target is None:
            return
        views = self.query(StepView)
        view = views.first() if len(views) == 1 else None
        if view is None or view.leaving:
            return  # between two steps: the new view's own call comes
        typed = None if view.is_typed(self._focus_target) else view.first_unanswered(text=True)
        if typed is not None and self.typeahead.text and self._cursor is None:
            self._focus_target, typed = typed, None  # text typed ahead onto a choice
        elif typed is None and self.typeahead.text and not view.is_typed(self._focus_target):
            self._not_kept(self.typeahead.give_up())  # nowhere on this step to type it
        field = view.field(self._focus_target)
        widget = field.input_widget() if field is not None and field.is_attached else None
        if field is None or widget is None:
            return  # mounted after the first frame (StepView.Ready calls again), or leaving
        self._focus_target = None
        # Focus now (not scheduled, as Widget.focus does): the replayed keys must find it.
        self.set_focus(widget, scroll_visible=False)
        self._placed = widget if typed is not None else None
        self.call_after_refresh(view.bring_into_view, field)  # once the layout has settled
        if self._cursor is not None:
            field.restore_cursor(self._cursor[1])
            self._cursor = None
        self.typeahead.replay(self.app)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self._placed:
            self._placed = None  # the author moved the cursor: typing there is theirs

    def _not_kept(self, text: str, where: str | None = None) -> None:
        if text:
            self.notify(not_kept(text, where or self.step.label), severity="warning", timeout=15)
