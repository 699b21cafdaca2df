"""When the outcome screen (NO-GO, PIVOT, SCOPE-DOWN) opens: not while the author is still
filling in the item that caused it.

Choosing "Not met" on a critical item makes the verdict NO-GO at once, before its owner,
condition, due date and "closable" could be given; a gap the author meant to mark closable
would bring up a full screen first. So the screen waits: the verdict at the step's top says
it at once (with what blocks), a notice says the screen will follow, and the screen opens
when the author leaves the item (the cursor goes to another item or out of the checklist)
or the step, if the verdict is then still one of them. An edit made outside the item with
the cursor (another face, a merge) opens it at once.

A verdict that came from outside the wizard (``mldwizard set``, ``--from``, a teammate's
merge, or already in the file when the wizard opened) is shown too, once: a notice when the
author reaches the checklist, and the screen when they leave it or pass it (Ctrl+N from it
into the ML chapters, a jump over it). Never while typing: only on a step switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.notifications import Notification, Notify
from textual.widget import Widget

from ...core.verdicts import feasibility_result
from ..widgets.checklist import ItemRow
from .outcomes import OUTCOMES

if TYPE_CHECKING:
    from .wizard import WizardScreen


def _row_of(widget: Widget | None) -> ItemRow | None:
    if widget is None:
        return None
    return next((n for n in widget.ancestors_with_self if isinstance(n, ItemRow)), None)


class HeldOutcome:
    def __init__(self, screen: WizardScreen) -> None:
        self.screen = screen
        self.item_id: str | None = None
        """The item being filled in when the verdict became an outcome (None: none held)."""
        self.shown: str | None = None
        """The outcome the author has been shown (the screen), so it opens once."""
        self.told: str | None = None
        """The outcome the author has been told of by a notice on reaching the checklist."""
        self.notice: Notification | None = None
        """The "finish this item" (or "the checklist says") notice, withdrawn when the
        outcome screen opens."""

    def reached(self, row: ItemRow, verdict: str) -> None:
        """An edit of ``row`` made the verdict ``verdict`` (NO-GO, PIVOT, SCOPE-DOWN)."""
        focused = _row_of(self.screen.focused)
        if focused is None or focused.item.id != row.item.id:
            self.show()
            return
        if self.item_id is None:
            self.notice = Notification(
                f"Feasibility is now {verdict}. Finish this item: the screen that says what "
                "to do next opens when you leave it.",
                title=verdict,
                timeout=8,
            )
            self.screen.app.post_message(Notify(self.notice))
        self.item_id = row.item.id

    def focus_moved(self, widget: Widget) -> None:
        """The cursor went to ``widget``: out of the held item, the screen opens."""
        if self.item_id is None or self.screen.switching:
            return  # a step being switched to: step_left opens it once the step is there
        row = _row_of(widget)
        if row is None or row.item.id != self.item_id:
            self.show()

    def step_left(self) -> None:
        if self.item_id is not None:
            self.show()

    def show(self) -> None:
        """Open the outcome screen if the verdict is (still) one of them."""
        self.item_id = None
        self._withdraw_notice()
        session = self.screen.session
        result = feasibility_result(session.doc, session.specs)
        if result is not None and result.verdict in OUTCOMES:
            self.shown = result.verdict
            self.screen.wizard.show_no_go(result)

    def _withdraw_notice(self) -> None:
        """The notice has done its work once the item (or the checklist) is left: left up,
        it would cover the outcome screen's buttons at 80x24 (Textual 8.2.8 has no public
        way to withdraw one notice, only all of them)."""
        notice, self.notice = self.notice, None
        app = self.screen.app
        if notice is not None and notice in app._notifications:
            app._unnotify(notice)

    def moved(self, left: str | None, now: str) -> None:
        """The author went from step ``left`` (None: the wizard opened) to ``now``. An
        outcome not shown yet opens its screen when they leave the checklist or pass it, and
        is announced when they reach it."""
        session = self.screen.session
        result = feasibility_result(session.doc, session.specs)
        verdict = result.verdict if result is not None else None
        if verdict not in OUTCOMES:
            self.shown = self.told = None  # a later outcome is shown again
            return
        if verdict == self.shown or self.item_id is not None:
            return
        order = [s.slug for s in session.specs.steps]
        if "feasibility" not in order:
            return
        checklist = order.index("feasibility")
        at = order.index(now) if now in order else -1
        was = order.index(left) if left in order else -1
        if left is not None and (was == checklist or min(was, at) < checklist < max(was, at)):
            self.show()
        elif at == checklist and self.told != verdict:
            self.told = verdict
            # Not "marked outside the wizard": an answer given in this session on another
            # step (the gate's) makes it so too. Withdrawn when the screen opens, as the
            # "finish this item" notice is: left up, it covered the screen's buttons.
            self._withdraw_notice()
            self.notice = Notification(
                f"Feasibility is {verdict}. Read the verdict at the top of this step: it says "
                "which answers make it so. The screen that says what to do next opens when "
                "you leave this step.",
                title=verdict,
                timeout=12,
            )
            self.screen.app.post_message(Notify(self.notice))
