"""A save still running when the wizard closes writes the document and fails nothing: only
the refresh of a screen that is gone is skipped (seen as "WorkerFailed: NoMatches StepView"
at the end of Pilot tests, and when the app exited during an autosave)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from mldwizard.core import edits, storage
from mldwizard.core.document import Document
from mldwizard.core.specs import Specs
from mldwizard.tui import app as app_module
from mldwizard.tui.app import WizardApp
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import SIZE, app_for, go_to, until


def _save_once_the_screen_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The save reaches the disk only once the step on screen has been taken down by the
    closing app (a slow disk or a loaded machine, made certain)."""
    real = app_module.save_flow

    async def late_save_flow(app: WizardApp, *, asked: bool = True) -> bool:
        screen = app.wizard_screen
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while screen.query(StepView) and loop.time() < deadline:
            await asyncio.sleep(0)
        assert not screen.query(StepView), "the app did not close"
        return await real(app, asked=asked)

    monkeypatch.setattr(app_module, "save_flow", late_save_flow)


@pytest.mark.parametrize("moved_stage", [False, True])
async def test_a_save_running_when_the_app_closes_is_written_and_fails_no_worker(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch, moved_stage: bool
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "metrics")
        await until(pilot, lambda: isinstance(app.focused, Input | TextArea), "a field")
        await pilot.press(*"typed while closing")
        if moved_stage:
            # The save merges someone else's stage change: it rebuilds the step for it.
            def pilot_stage(doc: Document) -> None:
                edits.set_stage(doc, specs, "pilot")

            storage.update_document(doc_path, specs, "someone", pilot_stage)
        _save_once_the_screen_is_gone(monkeypatch)
        await pilot.press("ctrl+s")
        await until(pilot, app._saving.locked, "the save running")
        # Leaving the block closes the app, the save still running: a worker failing now
        # would be raised here.
    assert app.return_code in (0, None)
    assert "typed while closing" in doc_path.read_text(encoding="utf-8")
    if moved_stage:
        assert load(doc_path, specs).stage == "pilot"
