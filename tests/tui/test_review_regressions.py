"""Regressions from a review of the wizard: others' changes shown everywhere, invalid text
never silently dropped, dialogs all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList

from mldwizard.core import edits, storage, workshops
from mldwizard.core.errors import UsageError
from mldwizard.core.kinds import ValueProblem, parse_text
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.editors import StepDetailsDialog
from mldwizard.tui.screens.outcomes import NoGoScreen
from mldwizard.tui.widgets.checklist import ItemRow
from mldwizard.tui.widgets.gate_panel import GatePanel

from ..conftest import load
from .helpers import SIZE, answer, app_for, go_to, settle, wait_for_watch


def _people(path: Path, specs: Specs) -> None:
    def change(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana", "")
        edits.upsert_person(d, "bo", "Bo", "")

    storage.update_document(path, specs, "t", change)


async def test_checklist_and_override_show_changes_made_elsewhere(
    doc_path: Path, specs: Specs
) -> None:
    _people(doc_path, specs)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        storage.update_document(
            doc_path,
            specs,
            "other",
            lambda d: edits.set_item(
                d, specs, "data_allowed", "not-met", "No consent", "bo", "Consent flow", True
            ),
        )
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        await wait_for_watch(pilot, lambda: row.values()[0] == "not-met")
        assert row.values()[:5] == ("not-met", "No consent", "bo", "Consent flow", True)
        # Typing in another field of that row keeps their item.
        row.query_one(".note", Input).value = "No consent, confirmed by legal"
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = load(doc_path, specs).feasibility.items["data_allowed"]
        assert (item.status, item.fatal, item.note) == (
            "not-met",
            True,
            "No consent, confirmed by legal",
        )

        await go_to(pilot, "gate")
        # Leaving the checklist shows the NO-GO that came from elsewhere, once.
        await wait_for_watch(pilot, lambda: isinstance(app.screen, NoGoScreen))
        await pilot.press("escape")
        await wait_for_watch(pilot, lambda: not isinstance(app.screen, NoGoScreen))
        storage.update_document(
            doc_path,
            specs,
            "other",
            lambda d: edits.set_override(d, "complex-model", "Vendor data arrives"),
        )
        panel = app.screen.query_one(GatePanel)
        await wait_for_watch(
            pilot, lambda: panel.query_one("#override", Select).value == "complex-model"
        )
        assert panel.query_one("#override-reason", Input).value == "Vendor data arrives"


async def test_text_that_does_not_parse_is_never_reported_as_saved(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Valid part")
        field = app.screen.query_one("#q-v1_date #input", Input)
        field.value = "2027-01-32"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        assert app.save_state.startswith("unsaved: essentials.v1_date")
        # The valid answer is on disk all the same.
        assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Valid part"
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert app.screen.query_one("#q-v1_date #input", Input).value == "2027-01-32"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    (copy,) = doc_path.parent.glob("design.unsaved-*.toml")
    assert "essentials.v1_date = '2027-01-32'" in copy.read_text()


async def test_people_removed_elsewhere_leave_the_pickers(doc_path: Path, specs: Specs) -> None:
    _people(doc_path, specs)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        storage.update_document(doc_path, specs, "other", lambda d: edits.remove_person(d, "bo"))

        def offered() -> list[str]:
            team = app.screen.query_one("#q-team #input", SelectionList)
            return [str(team.get_option_at_index(i).value) for i in range(team.option_count)]

        await wait_for_watch(pilot, lambda: offered() == ["ana"])
        assert offered() == ["ana"]


async def test_step_details_after_answering_and_all_or_nothing(
    doc_path: Path, specs: Specs
) -> None:
    _people(doc_path, specs)
    app = app_for(doc_path, specs)
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Just typed")
        await pilot.press("f3")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StepDetailsDialog)
        assert dialog.query_one("#status", Select).value == "draft"
        dialog.query_one("#owners", SelectionList).select("ana")
        dialog.query_one("#code-paths").text = "src/[z-a]/x.py"  # type: ignore[attr-defined]
        await pilot.click("#apply")
        await pilot.pause()
        assert "is not valid" in str(dialog.query_one(".problem").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.session.doc.chapters["essentials"].owners == []


def test_numbers_beyond_64_bits_are_refused_when_typed() -> None:
    with pytest.raises(ValueProblem, match="too large"):
        parse_text("number", ["99999999999999999999"])


def test_an_empty_steps_spec_is_refused(specs: Specs) -> None:
    for spec in (",,", " ", ","):
        with pytest.raises(UsageError, match="selects no step"):
            workshops.parse_steps(spec, specs)


def test_an_invalid_glob_is_refused_and_an_old_one_does_not_crash_check(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    from mldwizard.cli import main

    assert main(["set", str(doc_path), "1", "--code-path", "src/[z-a]"]) == 2
    assert "is not valid" in capsys.readouterr().err
    text = doc_path.read_text().replace(
        '[chapters.essentials]\nstatus = "empty"',
        '[chapters.essentials]\nstatus = "empty"\ncode_paths = ["src/[z-a]"]',
    )
    doc_path.write_text(text)
    assert main(["check", str(doc_path), "--format", "json"]) in (0, 1)
    assert main(["status", str(doc_path)]) == 0


# ---- found driving the wizard in tmux ----------------------------------------------------


async def test_f9_twice_does_not_crash(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack].count("OverviewScreen") == 1


async def test_quit_from_the_command_palette_saves_first(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"typed then quit from the palette")
        await app.run_action("quit")  # what the palette's "Quit" runs
        await settle(pilot)
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers["summary"] == "typed then quit from the palette"


async def test_a_signal_keeps_text_that_does_not_parse(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"kept summary")
        app.screen.query_one("#q-v1_date #input").focus()
        await pilot.pause()
        await pilot.press(*"next spring")
        await settle(pilot)
        app.stopping.save_and_exit()  # what SIGTERM / SIGHUP run in the event loop
        await settle(pilot)
    assert "kept in" in app.save_state
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "kept summary"
    [copy] = doc_path.parent.glob("*.unsaved-*.toml")
    assert "next spring" in copy.read_text()


async def test_a_number_too_long_for_python_is_flagged_not_a_crash(
    doc_path: Path, specs: Specs
) -> None:
    """Pasting 4,400 digits into a number field used to end the wizard with a traceback
    (int() raised ValueError, not the ValueProblem the field handles)."""
    app = app_for(doc_path, specs, only="datasets")
    async with app.run_test(size=SIZE) as pilot:
        field = app.screen.query_one("#q-labeled_examples #input", Input)
        field.value = "9" * 4_400
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert app.save_state.startswith("unsaved: datasets.labeled_examples")
        assert "too long" in app.save_state
