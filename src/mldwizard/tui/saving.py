"""Saving from the wizard: confirm changes to approved steps, resolve conflicts, report state.

The decisions (merge, conflicts, bookkeeping) are the core's; this module only asks the
author what the core cannot decide alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

from ..core.errors import ConflictError, MldwizardError
from ..core.merge import Side
from .broken_on_disk import broken_on_disk
from .typeahead import not_taken
from .widgets.fields import QuestionField

if TYPE_CHECKING:
    from .app import WizardApp
    from .screens.wizard import WizardScreen

CONFLICTS = "conflicts"
"""In ``WizardApp.deferred``: the author put off choosing between conflicting versions."""


async def save_flow(app: WizardApp, *, asked: bool = True) -> bool:
    """Returns True when everything typed so far is on disk.

    ``asked`` is False for saves the author did not ask for (autosave, someone else's
    change on disk): a decision they put off ("Decide later") is not asked again by those,
    only by Ctrl+S, a step change or quit."""
    from .screens.dialogs import ConfirmChangesDialog, ConflictDialog

    session = app.session
    if session.dirty and broken_on_disk(app):
        return False  # nothing can be merged into it: no question about approved steps
    for step in session.approved_with_changes():
        if not asked and step.slug in app.deferred:
            app.set_save_state(f"unsaved: {step.label} is approved; Ctrl+S to decide")
            return False
        dialog = ConfirmChangesDialog(step.label, session.changes(step))
        confirmed = await app.push_screen_wait(dialog)
        if confirmed is None:
            app.deferred.add(step.slug)
            app.replay(dialog.typed)
            app.set_save_state(f"unsaved: {step.label} is approved; Ctrl+S to decide")
            return False
        app.deferred.discard(step.slug)
        if confirmed:
            session.reopen_for_review(step)
            app.replay(dialog.typed)
        else:
            session.revert(step)
            app.wizard_screen.refresh_document()
    if not session.dirty:
        return _report_invalid(app)
    app.set_save_state("saving")
    resolutions: dict[str, Side] = {}
    while True:
        try:
            session.save(resolutions or None)
        except ConflictError as exc:
            if not asked and CONFLICTS in app.deferred:
                app.set_save_state("unsaved: conflicting changes to decide (Ctrl+S)")
                return False
            conflict_dialog = ConflictDialog(exc.conflicts)
            choice = await app.push_screen_wait(conflict_dialog)
            meant_for = typed_for(app.wizard_screen)
            text = conflict_dialog.typed.text
            if choice and meant_for and choice.get(meant_for[0]) == "theirs" and text:
                # Typed for the author's own version, which they just gave up: appended to
                # the other one, it would make a text nobody wrote.
                conflict_dialog.typed.drop()
                app.notify(not_taken(text, meant_for[1]), severity="warning", timeout=30)
            else:
                app.replay(conflict_dialog.typed)
            if choice is None:
                app.deferred.add(CONFLICTS)
                app.set_save_state("unsaved: conflicting changes to decide (Ctrl+S)")
                return False
            app.deferred.discard(CONFLICTS)
            resolutions.update(choice)
            continue
        except MldwizardError as exc:
            if broken_on_disk(app):  # broken in the moment since it was checked
                return False
            app.set_save_state(f"unsaved: {exc}")
            app.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return False
        return _report_invalid(app)


def _report_invalid(app: WizardApp) -> bool:
    """Everything valid is on disk; text that does not parse is not, and must be said."""
    invalid = app.wizard_screen.invalid
    if invalid:
        key, (_, problem) = next(iter(invalid.items()))
        more = f" (and {len(invalid) - 1} more)" if len(invalid) > 1 else ""
        app.set_save_state(f"unsaved: {key}: {problem}{more}")
        return False
    app.set_save_state("saved")
    return True


def typed_for(screen: WizardScreen) -> tuple[str, str] | None:
    """The question that keys typed into a dialog are meant for (the field that had the
    cursor when the dialog opened): its location in the document and its label; None when
    the cursor was not in a question."""
    node = screen.focused
    while node is not None and not isinstance(node, QuestionField):
        node = node.parent if isinstance(node.parent, Widget) else None
    if node is None:
        return None
    step = node.step
    prefix = f"chapters.{step.slug}" if step.kind == "chapter" else step.slug
    return f"{prefix}.answers.{node.question.id}", node.question.title or node.question.id


def type_dialog_keys(app: WizardApp, screen: WizardScreen) -> dict[str, str]:
    """When the terminal is gone: the keys typed into open dialogs go into the field they
    were meant for now (nothing sent again would arrive). Returns what could not be typed
    (the cursor was in no text box), by where it was typed, for a rescue copy."""
    from .screens.dialogs import InterruptingDialog

    unkept: dict[str, str] = {}
    for dialog in app.screen_stack:
        if isinstance(dialog, InterruptingDialog) and dialog.typed.active:
            editor = screen.focused
            left = dialog.typed.type_into(editor)
            if left:
                unkept[f"{screen.step.slug}.typed-in-a-dialog"] = left
    return unkept
