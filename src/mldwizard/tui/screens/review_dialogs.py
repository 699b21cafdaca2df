"""The review screen's dialogs: who reviews, a reason or a comment, a thread's reply or
change of state, and approving.

Each takes what the person types and hands it to a callback that applies it through the
core; a refusal (the core's words) is shown in the dialog, which stays open with the text."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...core.document import Document
from ...core.review import thread_actions
from ...core.review_model import Thread
from ...core.review_rules import approval_refusals, needed_after
from ...core.review_spec import SEVERITIES
from ...core.specs import StepSpec
from ..widgets.review_items import changed_words
from .dialogs import DialogBody
from .focus_keys import FOCUS_BINDINGS

Apply = Callable[[str, str | None], str | None]
"""(text, the severity chosen) -> the problem, or None once applied."""
ThreadApply = Callable[[int, str | None, str], str | None]
"""(thread number, resolve/close/reopen or None for a reply, text) -> the problem, or None."""


class ReviewerDialog(ModalScreen[str | None]):
    """Who reviews: one of the document's people (Enter or a click picks)."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="reviewer-cancel")]

    def __init__(self, doc: Document, default: str | None) -> None:
        super().__init__(classes="dialog", id="reviewer-dialog")
        self.people = [(p.handle, p.name, p.role) for p in doc.people]
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text("Who reviews? Pick one of the document's people.", style="bold"))
            options = [
                Option(f"{h}: {name}" + (f" ({role})" if role else ""), id=h)
                for h, name, role in self.people
            ]
            yield OptionList(*options, id="reviewer-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Review as this person", variant="primary", id="reviewer-ok")
                yield Button("Cancel", id="reviewer-cancel")

    def on_mount(self) -> None:
        chooser = self.query_one(OptionList)
        handles = [h for h, _, _ in self.people]
        chooser.highlighted = handles.index(self.default) if self.default in handles else 0
        chooser.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#reviewer-ok")
    def _ok(self) -> None:
        chooser = self.query_one(OptionList)
        if chooser.highlighted is not None:
            self.dismiss(chooser.get_option_at_index(chooser.highlighted).id)

    @on(Button.Pressed, "#reviewer-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(ModalScreen[bool]):
    """One line of text (a not-applicable reason, a comment), with a severity to choose
    for a comment. Dismisses with True once ``apply`` took it."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="text-cancel")]

    def __init__(
        self,
        title: str,
        lead: str,
        action: str,
        apply: Apply,
        *,
        value: str = "",
        severity: str | None = None,
        dialog_id: str,
        where: str,
    ) -> None:
        super().__init__(classes="dialog", id=dialog_id)
        self.title_text, self.lead, self.action = title, lead, action
        self.apply = apply
        self.value = value
        self.severity = severity
        self.where = where
        """Where its text goes ("beta.review.sized"), for a rescue copy."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(self.title_text, style="bold"))
            with DialogBody(classes="dialog-body"):
                yield Static(Text(self.lead), classes="review-lead")
            yield Input(value=self.value, id="review-text")
            if self.severity is not None:
                yield Select(
                    [(s, s) for s in SEVERITIES],
                    value=self.severity,
                    allow_blank=False,
                    id="review-severity",
                )
            yield Static("", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.action, variant="primary", id="text-ok")
                yield Button("Cancel", id="text-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#text-ok")
    def _ok(self) -> str | None:
        severity = None
        if self.severity is not None:
            severity = str(self.query_one(Select).value)
        return _done_or_said(self, self.apply(self.typed, severity))

    @property
    def typed(self) -> str:
        return self.query_one(Input).value

    def apply_typed(self) -> str | None:
        """Ctrl+Q (or the terminal closing) with text typed and not applied: applied, as
        the button would; returns the problem when it cannot be."""
        return self._ok() if self.typed.strip() and self.typed != self.value else None

    @on(Button.Pressed, "#text-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def _done_or_said(dialog: ModalScreen[bool], problem: str | None) -> str | None:
    """A dialog's text was applied (it closes) or refused (it stays, saying why)."""
    if problem is None:
        dialog.dismiss(True)
    else:
        dialog.query_one(".problem", Static).update(Text(problem, style="bold red"))
    return problem


ACTION_LABEL = {"resolve": "Resolve", "close": "Close", "reopen": "Reopen"}


class ThreadDialog(ModalScreen[bool]):
    """Answer a comment thread: reply, or resolve / close / reopen it (with an optional
    word), as the core allows ``by`` for the thread picked."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="thread-cancel")]

    def __init__(self, threads: list[Thread], by: str, apply: ThreadApply, where: str) -> None:
        super().__init__(classes="dialog", id="thread-dialog")
        self.threads = threads
        self.by = by
        self.apply = apply
        self.where = where
        """Where its text goes ("beta.review.sized"), for a rescue copy."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Text(f"Answer a comment, as {self.by}", style="bold"))
            options = [
                Option(Text(f"#{t.id} {t.severity}, {t.state}, {t.author}: {t.text}"), id=str(t.id))
                for t in self.threads
            ]
            yield OptionList(*options, id="thread-list")
            yield Input(
                placeholder="your reply (optional with a change of state)", id="thread-text"
            )
            yield Static("", classes="problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reply", variant="primary", id="thread-reply")
                for action, label in ACTION_LABEL.items():
                    yield Button(label, id=f"thread-{action}")
                yield Button("Cancel", id="thread-cancel")

    def on_mount(self) -> None:
        chooser = self.query_one(OptionList)
        live = [n for n, t in enumerate(self.threads) if t.state != "closed"]
        chooser.highlighted = live[-1] if live else len(self.threads) - 1
        self._allowed()
        self.query_one(Input).focus()

    @property
    def thread(self) -> Thread:
        chooser = self.query_one(OptionList)
        return self.threads[chooser.highlighted or 0]

    @on(OptionList.OptionHighlighted)
    def _allowed(self) -> None:
        """Only the changes the core allows this person on the thread picked."""
        allowed = thread_actions(self.thread, self.by)
        for action in ACTION_LABEL:
            self.query_one(f"#thread-{action}", Button).disabled = action not in allowed

    @on(Input.Submitted)
    @on(Button.Pressed, "#thread-reply")
    def _reply(self) -> None:
        self._do(None)

    @on(Button.Pressed, "#thread-resolve, #thread-close, #thread-reopen")
    def _change(self, event: Button.Pressed) -> None:
        self._do((event.button.id or "").removeprefix("thread-"))

    def _do(self, action: str | None) -> str | None:
        return _done_or_said(self, self.apply(self.thread.id, action, self.typed))

    @property
    def typed(self) -> str:
        return self.query_one(Input).value

    def apply_typed(self) -> str | None:
        """Ctrl+Q (or the terminal closing) with a reply typed and not sent: sent."""
        return self._do(None) if self.typed.strip() else None

    @on(Button.Pressed, "#thread-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ApproveDialog(ModalScreen[bool]):
    """What blocks an approval, in words; or the approval to confirm."""

    BINDINGS = [*FOCUS_BINDINGS, Binding("escape", "cancel", "Cancel", id="approve-cancel")]

    def __init__(
        self,
        what: str,
        blockers: list[str],
        needed_after: list[str],
        changed: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(classes="dialog", id="approve-dialog")
        self.what = what
        self.blockers = blockers
        self.needed_after = needed_after
        """What the policy still needs once this approval is given ([]: it approves)."""
        self.changed = changed
        """The answers changed since the last review or approval (its words, the titles)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            if self.blockers:
                yield Static(Text(f"{self.what} cannot be approved yet:", style="bold"))
            else:
                yield Static(Text(f"Approve {self.what}?", style="bold"))
            with DialogBody(classes="dialog-body"):
                said = Text()
                for blocker in self.blockers:
                    said.append(f"• {blocker}\n")
                if not self.blockers and not self.needed_after:
                    said.append("Nothing blocks it: the approval records you, today's date, ")
                    said.append("the revision and the item marks.")
                if not self.blockers and self.needed_after:
                    # Not "nothing blocks it": the step is not approved by this alone.
                    said.append("You may approve: your approval records you, today's date, ")
                    said.append("the revision and the item marks. It is not enough on its own ")
                    said.append("to approve the step: still needed after yours: ")
                    said.append(" and ".join(self.needed_after) + ".")
                if self.changed is not None:
                    lead, titles = self.changed
                    said.append(f"\n\n{lead} ", style="bold")
                    said.append(titles)
                yield Static(said, id="approve-blockers")
            with Horizontal(classes="dialog-buttons"):
                if not self.blockers:
                    yield Button("Approve", variant="success", id="approve-ok")
                yield Button("Close" if self.blockers else "Cancel", id="approve-cancel")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed, "#approve-ok")
    def _ok(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#approve-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def approve_dialog(doc: Document, step: StepSpec, by: str) -> ApproveDialog:
    """The dialog ``y`` opens: what blocks ``by``'s approval (a stale mark names the answers
    changed since it), or the approval to confirm with what the policy still needs after it
    and the answers changed since the last review."""
    what = f"{step.label} (revision {doc.step(step.slug).revision}) as {by}"
    blockers = approval_refusals(doc, step)
    return ApproveDialog(what, blockers, needed_after(doc, step, by), changed_words(doc, step))
