"""The document on disk was replaced by one that does not load (invalid TOML, a wrong field)
while the wizard has it open (qa9b #5): the author is told plainly, once per broken version,
the first time a save or a refresh meets it. What they typed stays in the wizard, is saved as
soon as the file loads again, and goes to a rescue copy if they quit first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import MldwizardError

if TYPE_CHECKING:
    from .app import WizardApp


def broken_on_disk(app: WizardApp) -> bool:
    """Whether the file on disk no longer loads; if so the save state says why, and a
    notice says what that means (once for each broken version of the file)."""
    problem = app.session.disk_problem()
    if problem is None:
        loads_again(app)
        return False
    say_broken_on_disk(app, problem)
    return True


def say_broken_on_disk(app: WizardApp, problem: MldwizardError) -> None:
    path = app.session.path
    app.set_save_state(f"unsaved: {path.name} on disk no longer loads ({problem})")
    told = (app.session.disk_stamp(), str(problem))
    if app.told_broken == told:
        return
    app.told_broken = told
    app.notify(
        f"{path} no longer loads: {problem}.\n"
        "Nothing you typed is lost: it stays here and is saved as soon as the file loads "
        f"again. If you quit first (Ctrl+Q twice), it is kept in {path.stem}.unsaved-….toml "
        "next to it.\n"
        f"Fix the file, or put back the last good version (git checkout -- {path.name}, or "
        f"its backup {path.name}.bak if there is one), then keep working.",
        title="The document on disk no longer loads",
        severity="error",
        timeout=60,
    )


def loads_again(app: WizardApp) -> None:
    """The file loads again after it was told broken: the notice goes (it would cover what
    comes next, such as the dialog about an approved step, with a stale error) and the save
    state stops blaming the file (qa10b #6)."""
    if app.told_broken is None:
        return
    app.told_broken = None
    app.clear_notifications()
    app.set_save_state(f"unsaved: {app.session.path.name} loads again")
    app.notify(
        f"{app.session.path.name} loads again: saves go into it as before.",
        title="The document loads again",
        timeout=8,
    )
