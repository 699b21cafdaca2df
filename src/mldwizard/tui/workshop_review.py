"""A review session in workshop mode (``mldwizard workshop PATH --review CHAPTER``).

The facilitator walks the chapter's review items that apply at the document's stage, one
at a time and large, with the answers each looks at; the room's verdict is one key, a
comment from the room becomes a thread on the item, and at the end a summary says what
blocks approval and offers the approval when nothing does. Everything is recorded through
:mod:`mldwizard.core.workshop_review` (that is, :mod:`mldwizard.core.review`), in the name
of the reviewer of record, and noted in the workshop's entry. The timebox, who is present
and the decision / action / question captures work as in any workshop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from ..core import storage
from ..core.document import Document, Workshop
from ..core.errors import MldwizardError
from ..core.identity import now
from ..core.review import dropped_note
from ..core.review_model import MARK_LABEL, Mark
from ..core.review_rules import approval_refusals
from ..core.review_spec import ReviewItem
from ..core.specs import Specs, StepSpec
from ..core.workshop_review import (
    MARK_KEYS,
    THREAD_KEYS,
    progress_line,
    record_approval,
    record_comment,
    record_mark,
    record_thread_action,
    session_items,
    session_summary,
    short_mark,
    thread_choices,
    thread_refused,
)
from .screens.capture import Capture, CaptureDialog
from .screens.review_dialogs import ApproveDialog
from .workshop import WorkshopApp
from .workshop_review_view import item_widgets, summary_widgets
from .workshop_thread_dialog import ThreadPickDialog

WATCH_INTERVAL_S = 1.0
"""How often the session looks whether someone else wrote the document."""

COMMENT = "comment"
REASON = "not-applicable reason"
"""The capture dialog's kinds in a review session: "New comment", "New not-applicable
reason"."""

MARK_SHORT = {"not-applicable": "N/A"}


class ItemDialog(CaptureDialog):
    """The capture dialog, about one review item (a comment on it, or why it does not
    apply at this stage)."""

    def __init__(
        self, kind: str, step: str, item: ReviewItem, current: str = "", mark: str | None = None
    ) -> None:
        asks = (
            "why it does not apply at this stage"
            if kind == REASON
            else f"why it is {MARK_LABEL[mark]} (the earlier mark's note, to edit)"
            if mark is not None
            else "a comment on it"
        )
        super().__init__(kind, [], step, [(item.id, item.text), ("The room", asks)])
        self.item = item.id
        self.current = current
        """The item's reason already recorded (not-applicable's, or the note of the mark
        being changed): the box starts with it."""
        self.mark = mark
        """A changed mark whose reason is asked (None for a comment or a not-applicable)."""

    def on_mount(self) -> None:
        super().on_mount()
        if self.current:
            box = self.query_one("#text", Input)
            box.value = self.current
            box.cursor_position = len(self.current)


class ReviewWorkshopApp(WorkshopApp):
    """The workshop view, walking one step's review items instead of its questions."""

    BINDINGS = [
        Binding("ctrl+n", "step(1)", "Next", id="wr-next", priority=True, tooltip="Next item"),
        Binding(
            "ctrl+p", "step(-1)", "Prev", id="wr-previous", priority=True, tooltip="Previous item"
        ),
        *(
            Binding(
                key,
                f"mark('{mark}')",
                MARK_SHORT.get(mark, MARK_LABEL[mark]),
                id=f"wr-{mark}",
                tooltip=MARK_LABEL[mark],
            )
            for key, mark in MARK_KEYS.items()
        ),
        Binding("c", "comment", "Comment", id="wr-comment", tooltip="A comment on the item"),
        Binding("A", "approve", "Approve", id="wr-approve", tooltip="Approve the chapter"),
        # The page's comments (the item's; on the summary, the chapter's): the item's key
        # line and the summary's blockers name them.
        *(
            Binding(key, f"thread('{action}')", action.title(), id=f"wr-{action}", show=False)
            for key, action in THREAD_KEYS.items()
        ),
        # Still there, out of the footer (80 columns): the item's key line names them.
        Binding("d", "capture('decision')", "Decision", id="ws-decision", show=False),
        Binding("a", "capture('action item')", "Action", id="ws-action", show=False),
        Binding("o", "capture('open question')", "Question", id="ws-question", show=False),
        Binding("plus,equals_sign", "minutes(1)", "min", id="ws-more", show=False),
        Binding("minus", "minutes(-1)", "min", id="ws-less", show=False),
    ]

    def __init__(
        self,
        path: Path,
        specs: Specs,
        author: str,
        workshop: str | Workshop,
        review: str,
        by: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(path, specs, author, workshop, clock)
        self.review_step: StepSpec = specs.resolve(review)
        self.by = by
        """The reviewer of record: every mark, comment and approval is in their name."""
        self.items: list[ReviewItem] = session_items(self.doc, self.review_step)
        self.page = 0
        """The item shown (from 0); ``len(items)``: the summary."""
        self._timer_started = False
        self._disk_stamp = self._stamp()

    @property
    def item(self) -> ReviewItem | None:
        """The item shown, None on the summary."""
        return self.items[self.page] if self.page < len(self.items) else None

    def on_mount(self) -> None:
        # The progress line goes under the header, above the item and the side panel.
        self.mount(Static(id="wr-progress"), before="#ws-body")
        super().on_mount()
        self.query_one("#ws-questions").focus()  # arrows and page keys scroll the item
        self.set_interval(WATCH_INTERVAL_S, self._watch_file)

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _watch_file(self) -> None:
        """Someone else wrote the document (the review screen, ``mldwizard review``): the
        page shows it at once (what waits to be saved here goes first)."""
        if self._stamp() == self._disk_stamp or self._pending:
            return
        self._reload()
        self._show_item()

    def _reload(self) -> None:
        self._disk_stamp = self._stamp()
        try:
            self.doc = self._held(storage.load_document(self.path, self.specs))
        except MldwizardError as exc:
            self.notify(f"Showing the last good version: {exc}", severity="warning", timeout=8)
        self._refresh_items()

    # -- showing ---------------------------------------------------------------------------

    def _show_step(self) -> None:
        """On mount: the first item, and the session's timebox starts."""
        if not self._timer_started:
            self._timer_started = True
            self.started = self.clock()
        self.sub_title = f"Review: {self.review_step.label} · reviewer {self.by}"
        self._show_item()
        self._show_captured()
        self.tick()

    def _show_item(self) -> None:
        step, item = self.review_step, self.item
        index = self.page if item is not None else None
        line = self.query_one("#wr-progress", Static)
        progress = Text(f"{step.label} · {progress_line(self.doc, step, index)}", style="bold")
        if item is not None:
            # On a line of its own when both do not fit: it wrapped as "this item: not / met".
            mark = f"this item: {short_mark(self.doc, step, item)}"
            width = line.content_region.width or self.size.width - 2
            fits = progress.cell_len + 5 + len(mark) <= width
            progress.append(("  │  " if fits else "\n") + mark)
        line.update(progress)
        pane = self.query_one("#ws-questions", VerticalScroll)
        pane.remove_children()
        if item is not None:
            widgets = item_widgets(self.doc, self.specs, step, item)
        else:
            widgets = summary_widgets(self.doc, step, self.by)
        pane.mount_all(widgets)
        pane.scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marks and comments on an item; the approval on the summary, where ``A`` always
        answers: it approves, or says what blocks it (a dimmed key that did nothing left the
        room waiting: QA10a #5)."""
        if action in ("mark", "comment"):
            return self.item is not None
        if action == "approve":
            return self.item is None
        return True

    def action_step(self, offset: int) -> None:
        """The next or previous item (the page after the last is the summary)."""
        page = self.page + offset
        if not 0 <= page <= len(self.items):
            return
        self._save_pending()
        self._reload()
        self.page = min(page, len(self.items))
        self._show_item()

    def _refresh_items(self) -> None:
        """The items that apply, after the document changed (an answer can add or drop one);
        the item shown stays shown."""
        shown = self.item
        self.items = session_items(self.doc, self.review_step)
        ids = [i.id for i in self.items]
        if shown is not None and shown.id in ids:
            self.page = ids.index(shown.id)
        self.page = min(self.page, len(self.items))

    # -- recording -------------------------------------------------------------------------

    def _write_pending(
        self, change: Callable[[Document], None] | None = None
    ) -> MldwizardError | None:
        problem = super()._write_pending(change)
        if problem is None:
            self._disk_stamp = self._stamp()  # our own write: nothing to take in
        return problem

    def _record(self, change: Callable[[Document], None]) -> bool:
        saved = self._save(change)
        if saved:
            self._refresh_items()
            self._show_item()
        return saved

    def action_mark(self, mark: str) -> None:
        item = self.item
        if item is None:
            return
        if mark == "not-applicable":
            self._ask(REASON, item)
            return
        old = self.doc.step(self.review_step.slug).review.marks.get(item.id)
        if dropped_note(old, cast(Mark, mark), None):
            # A note justifies one verdict: the changed mark asks for its own, the old one
            # offered to edit (Escape leaves the mark as it was).
            self._ask_note(item, mark, dropped_note(old, cast(Mark, mark), None))
            return
        change = self._item_change("mark", item.id, mark)
        if self._record(change):
            self.notify(f"{item.id}: {MARK_LABEL[mark]}", timeout=3)

    def _ask_note(self, item: ReviewItem, mark: str, old: str) -> None:
        def done(result: Capture | None) -> None:
            if result is None:
                self.notify(f"{item.id}: not marked (the mark is as it was)", timeout=5)
            elif self._record(self._mark_change(item.id, mark, result[0])):
                self.notify(f"{item.id}: {MARK_LABEL[mark]}", timeout=3)

        kind = f"reason for {MARK_LABEL[mark]}"
        dialog = ItemDialog(kind, self.review_step.slug, item, old, mark=mark)
        self.push_screen(dialog, done)

    def capture_context(self) -> list[tuple[str, str]]:
        """A decision, action or question captured in a review session is about the item
        under discussion, not the chapter's first question (QA10a #7); on the summary, the
        chapter as a whole: no context line."""
        item = self.item
        return [(item.id, item.text)] if item is not None else []

    def _mark_change(self, item_id: str, mark: str, text: str) -> Callable[[Document], None]:
        wid, step, by = self.workshop_id, self.review_step, self.by
        return lambda d: record_mark(d, wid, step, by, now(), item_id, mark, text)

    def action_comment(self) -> None:
        if (item := self.item) is not None:
            self._ask(COMMENT, item)

    def _ask(self, kind: str, item: ReviewItem) -> None:
        def done(result: Capture | None) -> None:
            if result is not None:
                self._record(self._item_change(kind, item.id, result[0]))

        marked = self.doc.step(self.review_step.slug).review.marks.get(item.id)
        shown = marked is not None and marked.mark == "not-applicable" and kind == REASON
        current = marked.reason if marked is not None and shown else ""
        self.push_screen(ItemDialog(kind, self.review_step.slug, item, current), done)

    def _item_change(self, kind: str, item_id: str, text: str) -> Callable[[Document], None]:
        """The change a key or a dialog makes on an item: ``mark`` (``text`` is the mark), a
        not-applicable reason, or a comment."""
        wid, step, by = self.workshop_id, self.review_step, self.by
        if kind == "mark":
            return lambda d: record_mark(d, wid, step, by, now(), item_id, text)
        if kind == REASON:
            return lambda d: record_mark(d, wid, step, by, now(), item_id, "not-applicable", text)

        def comment(d: Document) -> None:
            record_comment(d, wid, step, by, now(), item_id, text)

        return comment

    def _typed_capture(
        self, dialog: CaptureDialog, kind: str, capture: Capture
    ) -> Callable[[Document], None]:
        """The terminal went with a comment or a reason typed: it is recorded."""
        if isinstance(dialog, ItemDialog):
            if dialog.mark is not None:
                return self._mark_change(dialog.item, dialog.mark, capture[0])
            return self._item_change(kind, dialog.item, capture[0])
        return super()._typed_capture(dialog, kind, capture)

    def action_thread(self, action: str) -> None:
        """Resolve, close or reopen one of the page's comments, as the reviewer of record
        (the core's thread rules say what they may do); asks which when several fit."""
        step, by, item = self.review_step, self.by, self.item
        choices = thread_choices(self.doc, step, item, by, action)
        if not choices:
            self.notify(thread_refused(self.doc, step, item, by, action), timeout=8)
            return

        def act(number: int | None) -> None:
            if number is None:
                return

            def change(d: Document) -> None:
                record_thread_action(d, step, by, now(), number, action)

            if self._record(change):
                self.notify(f"#{number}: {action}d by {by}.", timeout=4)

        if len(choices) == 1:
            act(choices[0].id)
        else:
            self.push_screen(ThreadPickDialog(action, choices), act)

    def action_approve(self) -> None:
        if self.item is not None:
            return
        lacking: list[str] = []
        wid, step, by = self.workshop_id, self.review_step, self.by
        blockers = session_summary(self.doc, step, by).blockers or approval_refusals(self.doc, step)
        if blockers:  # said as the review screen's y says it: what blocks, and Close
            what = f"{step.label} (revision {self.doc.step(step.slug).revision}) as {by}"
            self.push_screen(ApproveDialog(what, blockers, []))
            return

        def change(d: Document) -> None:
            lacking[:] = record_approval(d, wid, step, by, now())

        if self._record(change):
            still = f" Still needed: {'; '.join(lacking)}." if lacking else ""
            self.notify(f"{step.label} approved by {by}.{still}", timeout=8)
