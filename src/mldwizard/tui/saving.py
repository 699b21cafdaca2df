"""Saving from the wizard: confirm changes to approved steps, resolve conflicts, report state.

The decisions (merge, conflicts, bookkeeping) are the core's; this module only asks the
author what the core cannot decide alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import ConflictError, MldwizardError
from ..core.merge import Side

if TYPE_CHECKING:
    from .app import WizardApp

CONFLICTS = "conflicts"
"""In ``WizardApp.deferred``: the author put off choosing between conflicting versions."""


async def save_flow(app: WizardApp, *, asked: bool = True) -> bool:
    """Returns True when everything typed so far is on disk.

    ``asked`` is False for saves the author did not ask for (autosave, someone else's
    change on disk): a decision they put off ("Decide later") is not asked again by those,
    only by Ctrl+S, a step change or quit."""
    from .screens.dialogs import ConfirmChangesDialog, ConflictDialog

    session = app.session
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
            app.replay(conflict_dialog.typed)
            if choice is None:
                app.deferred.add(CONFLICTS)
                app.set_save_state("unsaved: conflicting changes to decide (Ctrl+S)")
                return False
            app.deferred.discard(CONFLICTS)
            resolutions.update(choice)
            continue
        except MldwizardError as exc:
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
