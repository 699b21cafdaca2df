"""The one way to build the wizard app: used by the CLI and by every test."""

from __future__ import annotations

from pathlib import Path

from ..core.progress import step_progress
from ..core.session import Session
from ..core.specs import Specs, StepSpec
from .app import WizardApp


def first_incomplete_step(session: Session) -> StepSpec:
    """The first step that still has unanswered required questions (or the first step)."""
    for step in session.specs.steps:
        progress = step_progress(session.doc, step)
        if progress.required_answered < progress.required:
            return step
    return session.specs.steps[0]


def make_app(
    path: Path,
    specs: Specs,
    author: str,
    only: StepSpec | None = None,
    session: Session | None = None,
    *,
    still: bool = False,
    start: StepSpec | None = None,
    review_by: str | None = None,
) -> WizardApp:
    """An app on the document at ``path`` (already loaded into ``session`` if given).

    ``still`` makes the screen reproducible for snapshots and screenshots: no blinking
    cursor and no autosave while the picture is taken. ``start`` is the step shown first;
    with ``review_by``, its review screen opens over it, by that person.
    """
    session = session or Session(path, specs, author)
    first = only or start or first_incomplete_step(session)
    if still:
        return WizardApp(
            session, first, only, autosave_delay=None, cursor_blink=False, review_by=review_by
        )
    return WizardApp(session, first, only, review_by=review_by)
