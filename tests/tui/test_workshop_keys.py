"""Workshop mode by keyboard: Ctrl+P goes back a step, list answers one per line, the
timebox changed with +/- in the summary, and a run of keypresses one changelog entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import SelectionList

from mldwizard.cli import main
from mldwizard.core import edits, storage, workshops
from mldwizard.core.specs import Specs
from mldwizard.tui import workshop as workshop_module
from mldwizard.tui.workshop import WorkshopApp

from ..conftest import load
from .helpers import SIZE, settle, until


def _start(path: Path, specs: Specs, minutes: int = 10) -> str:
    held: list[str] = []

    def change(d):  # type: ignore[no-untyped-def]
        for handle in ("ana", "bo", "cy"):
            edits.upsert_person(d, handle, handle.title(), "ML engineer")
        edits.set_answer(d, specs.resolve("1"), "stakeholders", ["Finance", "Support leads"])
        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps("1-2,gate", specs), minutes, "ana"
        )
        held.append(w.id)

    storage.update_document(path, specs, "ana", change)
    return held[0]


async def test_ctrl_p_goes_back_a_step_and_ctrl_k_opens_the_palette(
    doc_path: Path, specs: Specs
) -> None:
    app = WorkshopApp(doc_path, specs, "ana", _start(doc_path, specs))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert app.step.slug == "gate"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.step.slug == "problem"
        assert not isinstance(app.screen, CommandPalette)
        await pilot.press("ctrl+k")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")


async def test_list_answers_are_shown_one_per_line(doc_path: Path, specs: Specs) -> None:
    app = WorkshopApp(doc_path, specs, "ana", _start(doc_path, specs))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [str(w.render()) for w in app.query(".ws-answer")]
        assert "• Finance\n• Support leads" in shown


async def test_the_summary_says_minute_and_the_timebox_changed_with_plus(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    wid = _start(doc_path, specs, minutes=1)
    # Someone is present: a workshop with something recorded (an empty one is not kept).
    storage.update_document(
        doc_path, specs, "ana", lambda d: workshops.set_attendees(d, wid, ["ana"])
    )
    assert main(["workshop", str(doc_path), "--summary"]) == 0
    assert "· 1 minute per step*" in capsys.readouterr().out

    app = WorkshopApp(doc_path, specs, "ana", load(doc_path, specs).workshops[0].id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("plus", "plus", "plus")  # the team needs three more minutes
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert main(["workshop", str(doc_path), "--summary"]) == 0
    out = capsys.readouterr().out
    assert "1. Essentials (4 minutes), 2. Is there a problem? (1 minute)" in out

    app = WorkshopApp(doc_path, specs, "ana", load(doc_path, specs).workshops[0].id)
    async with app.run_test(size=SIZE) as pilot:  # opened again: the timebox is kept
        await settle(pilot)
        assert "of 4 min" in str(app.query_one("#ws-timer").render())


async def test_a_run_of_keypresses_makes_one_changelog_entry(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    # However slow the machine, the keys below come before the pause that saves them:
    # quitting saves what is waiting.
    monkeypatch.setattr(workshop_module, "AUTOSAVE_DELAY_S", 600.0)
    wid = _start(doc_path, specs)
    before = len(load(doc_path, specs).changelog)
    app = WorkshopApp(doc_path, specs, "ana", wid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one("#ws-attendees", SelectionList).focus()
        await pilot.pause()
        # Three people marked present, one of them unmarked and marked again, and the
        # timebox changed twice: seven changes.
        await pilot.press("down", "space", "down", "space", "down", "space", "space", "space")
        await pilot.press("plus", "minus")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert doc.workshops[0].attendees == ["ana", "bo", "cy"]
    assert len(doc.changelog) - before == 1


async def test_a_pause_saves_the_attendance(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workshop_module, "AUTOSAVE_DELAY_S", 0.05)
    wid = _start(doc_path, specs)
    app = WorkshopApp(doc_path, specs, "ana", wid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one("#ws-attendees", SelectionList).focus()
        await pilot.press("down", "space")

        def saved() -> bool:
            return load(doc_path, specs).workshops[0].attendees == ["ana"]

        await until(pilot, saved, "the attendance saved after the pause")
