"""Modal dialogs that ask the author to decide: conflicts, and changes to approved steps."""

from __future__ import annotations

import difflib
import os
import re
from typing import Any, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, Static

from ...core.errors import Conflict
from ...core.kinds import format_answer
from ...core.merge import Side
from ...core.review_merge import review_words
from ...core.session import Change
from ..typeahead import TypeAhead
from ..widgets.footer import WizardFooter
from ..widgets.toggles import MarkedRadioButton
from .focus_keys import FOCUS_BINDINGS

T = TypeVar("T")


def shown(value: Any) -> str:
    if value is None:
        return "(no answer)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_answer(v)}" for k, v in value.items())
    return format_answer(value)


def as_written(value: Any) -> Text:
    """One version of an answer as its author wrote it ("(no answer)" in italics)."""
    return Text(shown(value), style="italic" if value is None else "")


def versions(before: Any, after: Any, *, marked: bool) -> Text:
    """``after`` as a change from ``before``; when either side has no answer, ``after``
    plainly: a word diff against the "(no answer)" placeholder only garbles both."""
    if before is None or after is None:
        return Text(shown(after), style="italic" if after is None else "")
    return word_diff(shown(before), shown(after), marked=marked)


def word_diff(old: str, new: str, *, marked: bool | None = None) -> Text:
    """The new text with removed words struck out in red and added words in green.

    Without colour (``NO_COLOR``, or ``marked``) removed words are also wrapped in
    ``[-...-]`` and added ones in ``{+...+}``, as ``git diff --word-diff`` does."""
    if marked is None:
        marked = bool(os.environ.get("NO_COLOR"))
    before, after = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    text = Text()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        removed, added = "".join(before[a1:a2]), "".join(after[b1:b2])
        if op in ("delete", "replace") and removed:  # never an empty "[--]"
            text.append(f"[-{removed}-]" if marked else removed, style="red strike")
        if op in ("insert", "replace") and added:
            text.append(f"{{+{added}+}}" if marked else added, style="bold green")
        if op == "equal":
            text.append("".join(after[b1:b2]))
    return text


NAVIGATION = frozenset(
    {"tab", "shift+tab", "up", "down", "left", "right", "home", "end", "pageup", "pagedown"}
)
"""Keys that move around the dialog: once the author presses one, they are using it."""

DIALOG_KEYS = NAVIGATION | {"enter", "escape"}
"""Keys that belong to the dialog: never replayed into the author's answer."""


SHORT_BELOW = 40
"""Terminals with fewer lines get the dialogs' short layout (``-short`` in wizard.tcss)."""


TYPED_SHOWN = 60
"""How much of what was typed into a dialog it shows (the end: what was typed last)."""

TAB_HINT = "Tab to the buttons (typing here cannot press one)"
"""On the box's bottom edge while no control has the cursor (no row of its own: the NO-GO
screen fits whole at 80x24)."""
ENTER_HINT = "Enter presses nothing yet: Tab to a button first"
"""The same edge once Enter was pressed with no control having the cursor."""


class DialogBody(VerticalScroll):
    """The scrolling part of a dialog. A focus stop only while there is something to scroll
    (and then visibly focused): otherwise Tab went to it first and seemed to do nothing."""

    def allow_focus(self) -> bool:
        return self.allow_vertical_scroll


class ChoicesBody(DialogBody):
    """A body holding controls: never a focus stop itself. Tab goes to the controls, and
    the body scrolls to the one focused (at 80x24 the conflict dialog's body took the
    first Tab while its choice, below the fold, stayed out of sight)."""

    def allow_focus(self) -> bool:
        return False


class InterruptingDialog(ModalScreen[T]):
    """A dialog that a save can open while the author is typing. No control has the focus at
    first, so typing cannot press a button; what is typed is held in :attr:`typed` for the
    field it was meant for (the caller replays it). Tab reaches the controls; once the author
    moves around the dialog (Tab, arrows, a click), the keys are the dialog's. Enter, Escape
    and the navigation keys are never replayed as text. Each dialog has its own footer: the
    wizard's, under it, listed keys that do nothing while it is open. While no control has
    the cursor, the box's bottom edge says to Tab to the buttons (Enter did nothing, and
    nothing said why)."""

    AUTO_FOCUS = ""  # nothing: None would mean the app's "*", the first button
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]
    BINDINGS = FOCUS_BINDINGS  # the cursor moves before the keys typed after Tab arrive

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(classes="dialog", id=id)
        self.typed = TypeAhead()
        self.typed.start()
        self.addressed = False
        """The author has moved around the dialog: what they type is meant for it."""

    def on_mount(self) -> None:
        self._hint(Text(TAB_HINT, style="italic"))

    def _hint(self, text: Text | str) -> None:
        for box in self.query(".dialog-box"):
            box.border_subtitle = text

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.addressed = True
        if not isinstance(event.widget, DialogBody):  # a scrolling body: Tab on to a button
            self._hint("")

    def on_key(self, event: events.Key) -> None:
        if event.key in NAVIGATION:
            self.addressed = True
        if event.key == "enter" and self.focused is None:
            self._hint(Text(ENTER_HINT, style="bold"))
        held = not self.addressed and event.key not in DIALOG_KEYS and self.focused is None
        if held and self.typed.capture(event):
            self._show_typed()

    def foot(self) -> Vertical:
        """The bottom of the dialog's box, for :meth:`typed_meanwhile` and the buttons: it
        stays whole while the body above it scrolls. (With the buttons alone at the bottom,
        an 80x24 terminal drew them over the "Typed meanwhile" line: the words were held,
        and the author never saw it.)"""
        return Vertical(classes="dialog-foot")

    def typed_meanwhile(self) -> Static:
        """Where the dialog shows what was typed into it (hidden until something is): the
        author sees that their words are held, not lost. Goes in :meth:`foot`."""
        line = Static("", id="typed-meanwhile", classes="typed-meanwhile")
        line.display = False
        return line

    def _show_typed(self) -> None:
        text = self.typed.text
        tail = text if len(text) <= TYPED_SHOWN else "…" + text[-TYPED_SHOWN:]
        for line in self.query("#typed-meanwhile").results(Static):
            line.update(Text.assemble(("Typed meanwhile, for your answer: ", "italic"), tail))
            line.display = bool(text)


class ConflictDialog(InterruptingDialog[dict[str, Side] | None]):
    """Both versions of every conflicting field, to choose from. Dismisses with the choices."""

    BINDINGS = [Binding("escape", "cancel", "Decide later", id="conflict-cancel")]

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.conflicts = conflicts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(
                f"[b]Someone else changed the same {len(self.conflicts)} field(s)[/b] "
                "since you opened the document. Nothing has been overwritten. Choose which "
                "version to keep for each:"
            )
            with ChoicesBody(classes="dialog-body"):
                for i, conflict in enumerate(self.conflicts):
                    # Both versions in full, as written: a diff of two rewrites of the
                    # same answer against the old one reads as neither. A review's change
                    # is said in words, not as its record.
                    mine = review_words(conflict.location, conflict.mine)
                    theirs = review_words(conflict.location, conflict.theirs)
                    if mine is not None and theirs is not None:
                        # One line each: the choice below stays in sight at 80x24.
                        yield Static(Text(mine[0], style="bold"))
                        yield Static(Text.assemble(("Yours: ", "underline"), mine[1]))
                        yield Static(Text.assemble(("On disk: ", "underline"), theirs[1]))
                    else:
                        yield Static(Text(conflict.location, style="bold"))
                        yield Static(Text("Yours:", style="underline"))
                        yield Static(as_written(conflict.mine), classes="version")
                        yield Static(Text("On disk:", style="underline"))
                        yield Static(as_written(conflict.theirs), classes="version")
                    with RadioSet(id=f"conflict-{i}"):
                        yield MarkedRadioButton("Keep yours", value=True)
                        yield MarkedRadioButton("Keep the one on disk")
            with self.foot():
                yield self.typed_meanwhile()
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Save my choices", variant="primary", id="apply")
                    yield Button("All mine", id="mine")
                    yield Button("All on disk", id="theirs")
                    yield Button("Decide later", id="cancel")
        yield WizardFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
            return
        choices: dict[str, Side] = {}
        for i, conflict in enumerate(self.conflicts):
            if event.button.id in ("mine", "theirs"):
                choices[conflict.location] = "mine" if event.button.id == "mine" else "theirs"
            else:
                pressed = self.query_one(f"#conflict-{i}", RadioSet).pressed_index
                choices[conflict.location] = "mine" if pressed == 0 else "theirs"
        self.dismiss(choices)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmChangesDialog(InterruptingDialog[bool | None]):
    """Changing an approved step: show stored vs new, and confirm (it goes back to review).
    Dismisses with True (save), False (discard) or None (decide later: Escape)."""

    BINDINGS = [
        Binding("escape", "later", "Decide later", id="confirm-later"),
        # The changes scroll from the buttons: the body is no focus stop (see compose).
        *(
            Binding(key, f"scroll_changes('{key}')", "Scroll the changes", show=False)
            for key in ("up", "down", "pageup", "pagedown")
        ),
    ]

    def __init__(self, title: str, changes: list[Change]) -> None:
        super().__init__()
        self.title_text = title
        self.changes = changes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(
                Text.assemble(
                    (self.title_text, "bold"),
                    " is approved. Saving these changes sends it back to review:",
                )
            )
            # Never a focus stop, however long the diff: the first Tab reaches "Save and send
            # back to review" always (with a long diff it went to the body, so Tab Tab Enter
            # saved there and discarded after a short one: QA10a #11).
            with ChoicesBody(classes="dialog-body"):
                for change in self.changes:
                    yield Static(Text(change.label, style="bold"))
                    yield Static(versions(change.stored, change.new, marked=self.app.no_color))
            with self.foot():
                yield self.typed_meanwhile()
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Save and send back to review", variant="primary", id="confirm")
                    yield Button("Discard my changes", variant="error", id="discard")
                    yield Button("Decide later", id="later")
        yield WizardFooter()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"confirm": True, "discard": False}.get(str(event.button.id)))

    def action_scroll_changes(self, key: str) -> None:
        body = self.query_one(ChoicesBody)
        {
            "up": body.scroll_up,
            "down": body.scroll_down,
            "pageup": body.scroll_page_up,
            "pagedown": body.scroll_page_down,
        }[key](animate=False)

    def action_later(self) -> None:
        self.dismiss(None)
