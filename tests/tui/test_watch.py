"""An open wizard notices changes made by others and shows them, keeping what is typed."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import TextArea

from mldwizard.core.specs import Specs

from ..conftest import load
from .helpers import SIZE, answer, app_for, settle, wait_for_watch


def set_in_another_process(path: Path, *args: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mldwizard", "set", str(path), *args], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr


async def test_changes_by_others_appear_in_the_open_wizard(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        set_in_another_process(doc_path, "1", "definition_of_done", "Shipped to 10% of traffic")
        widget = app.screen.query_one("#q-definition_of_done #input", TextArea)
        await wait_for_watch(pilot, lambda: widget.text == "Shipped to 10% of traffic")
        assert widget.text == "Shipped to 10% of traffic"
        assert app.save_state == "saved"


async def test_what_is_being_typed_survives_a_change_by_others(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    app.autosave_delay = None  # only the file watch may save here
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Typing this")
        set_in_another_process(doc_path, "2", "problem_statement", "Theirs")
        await wait_for_watch(
            pilot,
            lambda: (
                "problem" in app.session.base.chapters
                and app.session.base.chapters["problem"].answers.get("problem_statement")
                == "Theirs"
            ),
        )
        summary = app.screen.query_one("#q-summary #input", TextArea)
        assert summary.text == "Typing this"
        assert app.focused is summary
        await pilot.press(*" still")
        await pilot.pause()
        assert app.session.doc.chapters["essentials"].answers["summary"] == "Typing this still"
        await pilot.press("ctrl+s")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Typing this still"
    assert doc.chapters["problem"].answers["problem_statement"] == "Theirs"


async def test_the_same_question_changed_meanwhile_shows_both_versions(
    doc_path: Path, specs: Specs
) -> None:
    from mldwizard.tui.screens.dialogs import ConflictDialog

    app = app_for(doc_path, specs)
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Mine")
        set_in_another_process(doc_path, "1", "summary", "Theirs")
        # Not settle(): the save waits for the dialog, so its worker is not complete.
        deadline = time.monotonic() + 60
        while not isinstance(app.screen, ConflictDialog) and time.monotonic() < deadline:
            await asyncio.sleep(0.25)
            await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        (conflict,) = app.screen.conflicts
        assert (conflict.mine, conflict.theirs) == ("Mine", "Theirs")
