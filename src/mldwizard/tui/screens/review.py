"""The review screen (F8 on a step, or ``mldwizard review PATH CHAPTER --by H`` at a
terminal): the step's answers on one side, its review items on the other.

Each key calls :mod:`mldwizard.core.review` on the session's working copy, which the app
saves like any answer (autosave, merged with what others saved meanwhile); the rules are
the core's, the screen only shows them and what they refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static

from ...core import review
from ...core.document import Document
from ...core.errors import MldwizardError
from ...core.identity import now
from ...core.review_model import MARK_LABEL, Mark
from ...core.review_spec import ReviewItem
from ...core.session import Session
from ...core.specs import StepSpec
from ...core.stages import STAGE_LABEL
from ..widgets.footer import WizardFooter
from ..widgets.review_answers import ReviewAnswers
from ..widgets.review_items import ReviewItemList, item_detail, looked_at, summary_line
from .focus_keys import FOCUS_BINDINGS
from .review_dialogs import ReviewerDialog, TextDialog, ThreadDialog, approve_dialog

if TYPE_CHECKING:
    from ..app import WizardApp

FOLLOW_S = 0.25
"""How often the screen looks whether a save or a reload replaced the working copy."""

Change = Callable[[Document, dt.datetime], object]

MARK_BUTTONS = {"met": "Met", "partial": "Partial", "not-met": "Not met", "not-applicable": "N/A"}


class ReviewScreen(Screen[None]):
    AUTO_FOCUS = "#review-items"
    BINDINGS = [
        *FOCUS_BINDINGS,
        Binding("escape", "back", "Back", id="review-back", tooltip="Back to the step"),
        Binding("m", "mark('met')", "Met", id="review-met"),
        Binding("p", "mark('partial')", "Partial", id="review-partial"),
        Binding("n", "mark('not-met')", "Not met", id="review-not-met"),
        Binding(
            "a",
            "mark('not-applicable')",
            "N/A",
            id="review-not-applicable",
            tooltip="Not applicable at this stage (asks why)",
        ),
        Binding(
            "e",
            "note",
            "Note",
            id="review-note",
            tooltip="Write or edit the note of the item's mark (its evidence)",
            show=False,
        ),
        Binding("c", "comment", "Comment", id="review-comment", tooltip="Open a comment thread"),
        # Not listed at 80 columns (the detail says "r" under each comment thread).
        Binding(
            "r",
            "thread",
            "Reply",
            id="review-thread",
            tooltip="Reply to a comment, or resolve, close or reopen it",
            show=False,
        ),
        Binding("y", "approve", "Approve", id="review-approve"),
        Binding("v", "answers", "Answers", id="review-answers", tooltip="Show the answers"),
        Binding("w", "who", "Who", id="review-who", show=False, tooltip="Review as someone else"),
        # The app's keys that do not concern a review: kept, not listed (the footer is full).
        Binding("f4", "app.people", "People", show=False),
        Binding("f9", "app.overview", "Overview", show=False),
    ]

    def __init__(self, session: Session, step: StepSpec, by: str) -> None:
        super().__init__(id="review")
        self.session = session
        self.step = step
        self.by = by
        self._shown: Document | None = None

    @property
    def wizard(self) -> WizardApp:
        return cast("WizardApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="review-summary")
        with Horizontal(id="review-body"):
            with Vertical(id="review-items-side"):
                yield ReviewItemList(id="review-items")
                with VerticalScroll(id="review-detail"):
                    yield Static(id="review-detail-text")
                    with Horizontal(id="review-buttons"):
                        for mark, label in MARK_BUTTONS.items():
                            yield Button(label, id=f"review-{mark}", compact=True)
                        yield Button("Note", id="review-note", compact=True)
                        yield Button("Comment", id="review-comment", compact=True)
                        yield Button("Reply", id="review-reply", compact=True)
                        yield Button("Approve", id="review-approve", compact=True)
            yield ReviewAnswers(id="review-answers")
        yield WizardFooter()

    async def on_mount(self) -> None:
        await self.refresh_review()
        self.set_interval(FOLLOW_S, self._follow)

    # -- showing ------------------------------------------------------------------------

    async def refresh_review(self) -> None:
        """Show the working copy as it is now (after a change here, a save or a reload)."""
        doc = self.session.doc
        self._shown = doc
        self.query_one("#review-summary", Static).update(summary_line(doc, self.step, self.by))
        self.query_one(ReviewItemList).show(doc, self.step)
        await self.query_one(ReviewAnswers).show(doc, self.step)
        self._show_item()

    def _follow(self) -> None:
        if self.session.doc is not self._shown:
            self.run_worker(self.refresh_review(), group="review-refresh", exclusive=True)

    @on(OptionList.OptionHighlighted, "#review-items")
    def _show_item(self) -> None:
        chosen = self.query_one(ReviewItemList).highlighted_id
        detail = item_detail(self.session.doc, self.session.specs, self.step, chosen, self.by)
        self.query_one("#review-detail-text", Static).update(detail)
        item = self.item
        self.query_one(ReviewAnswers).highlight(looked_at(self.step, item) if item else [])

    @property
    def item(self) -> ReviewItem | None:
        """The highlighted review item (None on the chapter's row)."""
        chosen = self.query_one(ReviewItemList).highlighted_id
        return next((i for i in self.step.review if i.id == chosen), None)

    def on_resize(self, event: Resize) -> None:
        self.refresh_bindings()  # "Answers" is a key of narrow terminals only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answers":
            return self.has_class("-narrow")
        return True

    # -- changing, through the core -----------------------------------------------------

    def apply_change(self, change: Change) -> str | None:
        """Make a change through the core; returns its refusal (nothing changed) or None
        (changed: saved by the app's autosave, shown at once)."""
        try:
            change(self.session.doc, now())
        except (MldwizardError, ValueError) as exc:
            return str(exc)
        self.wizard.document_changed()
        self.run_worker(self.refresh_review(), group="review-refresh", exclusive=True)
        return None

    def _say(self, problem: str | None) -> None:
        if problem is not None:
            self.notify(problem, title="Not done", severity="error", timeout=10)

    def action_mark(self, mark: str) -> None:
        item = self.item
        if item is None:
            self.notify("Pick a review item to mark (this row takes comments only).")
            return
        step, by = self.step, self.by

        def marked(reason: str | None, _: str | None = None) -> str | None:
            return self.apply_change(
                lambda d, at: review.mark_item(d, step, by, at, item.id, mark, reason)
            )

        current = self.session.doc.step(step.slug).review.marks.get(item.id)
        dropped = review.dropped_note(current, cast(Mark, mark), None)
        if mark != "not-applicable" and not dropped:
            self._say(marked(None))  # one key marks; the same mark keeps its note (e edits it)
            return
        if mark != "not-applicable" and current is not None:
            # A changed mark: the old note justified another verdict; offer it to edit.
            dialog = TextDialog(
                f"{MARK_LABEL[mark]}: {item.id}, as {by}",
                f"{item.text}\n\nThe note below was written for {MARK_LABEL[current.mark]}: "
                f"edit it into the reason for {MARK_LABEL[mark]} (empty: no note).",
                f"Mark {MARK_LABEL[mark]}",
                marked,
                value=dropped,
                dialog_id="note-dialog",
                where=f"{step.slug}.review.{item.id}.reason",
            )
            self.app.push_screen(dialog)
            return
        stage = STAGE_LABEL[self.session.doc.stage].lower()
        lead = f"{item.text}\n\nWhy does it not apply at the {stage} stage? (required)"
        if current is not None and current.mark != "not-applicable" and current.reason:
            lead += f"\n\n(Its {MARK_LABEL[current.mark]} note is not a reason: {current.reason})"
        dialog = TextDialog(
            f"{MARK_LABEL['not-applicable']}: {item.id}",
            lead,
            "Mark not applicable",
            marked,
            # Only a reason given before: a Met or Partial note is evidence, not a reason.
            value=current.reason if current is not None and current.mark == mark else "",
            dialog_id="reason-dialog",
            where=f"{step.slug}.review.{item.id}.reason",
        )
        self.app.push_screen(dialog)

    def action_note(self) -> None:
        """Write or edit the note of the highlighted item's mark (its evidence); the mark
        stays and is recorded again as the reviewer's, now."""
        item = self.item
        if item is None:
            self.notify("Pick a review item: its mark's note is written here.")
            return
        current = self.session.doc.step(self.step.slug).review.marks.get(item.id)
        if current is None:
            self.notify("Mark it first (m, p, n or a); then e writes the mark's note.")
            return
        step, by, mark = self.step, self.by, current.mark

        def noted(text: str, _: str | None = None) -> str | None:
            return self.apply_change(
                lambda d, at: review.mark_item(d, step, by, at, item.id, mark, text)
            )

        what = (
            "why it does not apply (required)"
            if mark == "not-applicable"
            else ("the evidence, or what is missing (empty: no note)")
        )
        dialog = TextDialog(
            f"The note of {item.id}'s mark ({MARK_LABEL[mark]}), as {by}",
            f"{item.text}\n\nNote: {what}",
            "Save the note",
            noted,
            value=current.reason,
            dialog_id="note-dialog",
            where=f"{step.slug}.review.{item.id}.reason",
        )
        self.app.push_screen(dialog)

    def action_comment(self) -> None:
        item = self.item
        step, by = self.step, self.by
        item_id = item.id if item is not None else None

        def comment(text: str, severity: str | None) -> str | None:
            return self.apply_change(
                lambda d, at: review.open_thread(d, step, by, at, text, item_id, severity)
            )

        about = f"on {item.id}" if item is not None else "on the chapter as a whole"
        lead = item.text if item is not None else step.label
        dialog = TextDialog(
            f"A comment {about}, as {by}",
            lead,
            "Comment",
            comment,
            severity=item.severity if item is not None else "minor",
            dialog_id="comment-dialog",
            where=f"{step.slug}.review.{item_id or 'chapter'}.comment",
        )
        self.app.push_screen(dialog)

    def action_thread(self) -> None:
        item = self.item
        item_id = item.id if item is not None else None
        review_ = self.session.doc.step(self.step.slug).review
        threads = [t for t in review_.threads if t.item == item_id]
        if not threads:
            self.notify("No comments here yet: c opens one.")
            return
        step, by = self.step, self.by

        def answer(number: int, action: str | None, text: str) -> str | None:
            if action is None:
                return self.apply_change(lambda d, at: review.reply(d, step, by, at, number, text))
            return self.apply_change(
                lambda d, at: review.change_thread(d, step, by, at, number, action, text)
            )

        where = f"{step.slug}.review.{item_id or 'chapter'}.reply"
        self.app.push_screen(ThreadDialog(threads, by, answer, where))

    def action_approve(self) -> None:
        step, by = self.step, self.by
        lacking: list[str] = []

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            problem = self.apply_change(
                lambda d, at: lacking.extend(review.approve(d, step, by, at))
            )
            if problem is not None:
                self._say(problem)
                return
            revision = self.session.doc.step(step.slug).revision
            said = f"Approved by {by} (revision {revision})."
            if lacking:
                said += " Still needed: " + "; ".join(lacking) + "."
            self.notify(said, title="Approved", timeout=10)

        self.app.push_screen(approve_dialog(self.session.doc, step, by), done)

    def action_answers(self) -> None:
        self.toggle_class("-answers")

    def action_who(self) -> None:
        def chosen(handle: str | None) -> None:
            if handle is not None:
                self.by = self.wizard.reviewer = handle
                self.run_worker(self.refresh_review(), group="review-refresh", exclusive=True)

        self.app.push_screen(ReviewerDialog(self.session.doc, self.by), chosen)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#review-buttons Button")
    def _pressed(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("review-")
        if name in MARK_BUTTONS:
            self.action_mark(name)
        elif name == "note":
            self.action_note()
        elif name == "comment":
            self.action_comment()
        elif name == "reply":
            self.action_thread()
        elif name == "approve":
            self.action_approve()


def last_reviewer(session: Session) -> str | None:
    """Who to offer as the reviewer: the session's author when they are one of the people
    (whoever runs the wizard reviews as themselves), else whoever reviewed last (a person
    still)."""
    doc = session.doc
    if doc.person(session.author) is not None:
        return session.author
    rounds = [
        r
        for step in session.specs.steps
        if doc.is_stored(step.slug)
        for r in doc.step(step.slug).review.rounds
    ]
    latest = max(rounds, key=lambda r: r.at, default=None)
    return latest.by if latest is not None and doc.person(latest.by) is not None else None


def open_review(app: WizardApp, step: StepSpec) -> None:
    """The review of ``step``, by the reviewer chosen once (asked the first time)."""
    doc = app.session.doc

    def show(handle: str | None) -> None:
        if handle is not None:
            app.reviewer = handle
            app.push_screen(ReviewScreen(app.session, step, handle))

    if step.kind == "stage-gate":
        app.notify(
            f"{step.label} has no review items: its items are marked on the step itself.",
            title="No review here",
            timeout=8,
        )
    elif app.reviewer is not None and doc.person(app.reviewer) is not None:
        show(app.reviewer)
    elif not doc.people:
        app.notify(
            "A review is made by one of the document's people, and there are none yet: "
            "add them with F4, then F8 again.",
            title="No reviewer",
            severity="warning",
            timeout=10,
        )
    else:
        app.push_screen(ReviewerDialog(doc, last_reviewer(app.session)), show)
