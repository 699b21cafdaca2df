"""Never lose work in the wizard: autosave, re-runs, merges, conflicts, approved chapters."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.session import Session
from mldwizard.core.specs import Specs
from mldwizard.tui.app import AUTOSAVE_DELAY_S
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog, ConflictDialog

from ..conftest import load
from .helpers import SIZE, answer, app_for, settle, until


@pytest.fixture(autouse=True)
def no_file_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests make the saves themselves. The file watch (tests/tui/test_watch.py) would
    also see their external changes and, on a slow machine, open a second conflict dialog
    that no test step answers: the run then hangs at teardown."""
    monkeypatch.setattr("mldwizard.tui.app.WATCH_INTERVAL_S", 3600.0)


def _set(path: Path, specs: Specs, slug: str, qid: str, value: object, by: str) -> None:
    storage.update_document(
        path, specs, by, lambda d: edits.set_answer(d, specs.resolve(slug), qid, value)
    )


async def test_autosave_after_a_pause(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    # The real delay is AUTOSAVE_DELAY_S; on a loaded machine typing five keys through
    # Pilot can take longer than that, so the pause the test relies on is made longer.
    app.autosave_delay = AUTOSAVE_DELAY_S * 4
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Typed")
        await pilot.pause()
        assert "summary" not in load(doc_path, specs).chapters["essentials"].answers
        assert app.save_state.startswith("unsaved")
        await until(pilot, lambda: app.save_state == "saved", "the autosave", 60)
        await settle(pilot)
        assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Typed"
        assert app.save_state == "saved"
        assert app.sub_title == "saved"


async def test_chapter_rerun_bumps_revision_and_logs(doc_path: Path, specs: Specs) -> None:
    _set(doc_path, specs, "metrics", "business_metric", "Chargeback rate", "ana")
    app = app_for(doc_path, specs, only="5")
    # One save, at Ctrl+Q: on a busy machine an autosave between two typed keys made a
    # second revision (the count is what this test is about, not the autosave).
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        assert app.wizard_screen.step.slug == "metrics"
        assert app.screen.query_one("#sidebar").styles.display != "block"
        field = app.screen.query_one("#q-business_metric #input")
        assert field.text == "Chargeback rate"  # type: ignore[attr-defined]
        await answer(pilot, "business_metric", "Chargeback rate per 1,000 payments")
        await pilot.press("ctrl+n")  # no next step in a single-chapter run
        await settle(pilot)
        assert app.wizard_screen.step.slug == "metrics"
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    state = doc.chapters["metrics"]
    assert state.revision == 2
    assert state.answers["business_metric"] == "Chargeback rate per 1,000 payments"
    last = doc.changelog[-1]
    assert (last.by, last.chapter, last.questions) == ("tester", "metrics", ["business_metric"])


async def test_an_external_change_is_merged_on_save(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Mine")
        _set(doc_path, specs, "problem", "problem_statement", "Theirs", "other")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.save_state == "saved"
        # The wizard now shows their answer too.
        assert app.session.doc.chapters["problem"].answers["problem_statement"] == "Theirs"
    doc = load(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Mine"
    assert doc.chapters["problem"].answers["problem_statement"] == "Theirs"


async def test_a_true_conflict_opens_the_dialog(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Mine")
        _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        (conflict,) = app.screen.conflicts
        assert (conflict.mine, conflict.theirs) == ("Mine", "Theirs")
        versions = [str(w.render()) for w in app.screen.query(".version")]
        assert versions[0].endswith("Mine") and versions[1].endswith("Theirs")
        assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Theirs"
        await pilot.click("#mine")
        await settle(pilot)
        assert app.save_state == "saved"
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Mine"


async def test_deciding_later_writes_nothing(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Mine")
        _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
        before = doc_path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.save_state.startswith("unsaved: conflicting")
        assert doc_path.read_bytes() == before


async def test_editing_an_approved_chapter_shows_the_difference(
    doc_path: Path, specs: Specs
) -> None:
    _set(doc_path, specs, "essentials", "summary", "Stored", "ana")
    storage.update_document(
        doc_path, specs, "ana", lambda d: edits.set_status(d, specs.resolve("1"), "approved")
    )
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "New")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmChangesDialog)
        (change,) = app.screen.changes
        assert (change.stored, change.new) == ("Stored", "New")
        await pilot.click("#confirm")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "New"
    assert doc.chapters["essentials"].status == "review"


async def test_discarding_changes_to_an_approved_chapter(doc_path: Path, specs: Specs) -> None:
    _set(doc_path, specs, "essentials", "summary", "Stored", "ana")
    storage.update_document(
        doc_path, specs, "ana", lambda d: edits.set_status(d, specs.resolve("1"), "approved")
    )
    before = doc_path.read_bytes()
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "New")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        await pilot.click("#discard")
        await settle(pilot)
        field = app.screen.query_one("#q-summary #input")
        assert field.text == "Stored"  # type: ignore[attr-defined]
    assert doc_path.read_bytes() == before


def test_a_signal_saves_and_keeps_both_sides_of_a_conflict(doc_path: Path, specs: Specs) -> None:
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Mine")
    edits.set_answer(session.doc, specs.resolve("2"), "problem_statement", "Only mine")
    _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
    session.save_without_asking()
    doc = load(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Theirs"
    assert doc.chapters["problem"].answers["problem_statement"] == "Only mine"
    (recovery,) = doc_path.parent.glob("design.unsaved-*.toml")
    kept = storage.parse_document(recovery.read_bytes(), recovery, specs)  # a whole document
    assert kept.chapters["essentials"].answers["summary"] == "Mine"


def test_the_difference_is_shown_word_by_word() -> None:
    from mldwizard.tui.screens.dialogs import word_diff

    text = word_diff("route 64% of tickets", "route 71% of all tickets")
    assert text.plain == "route 64%71% of all tickets"
    styles = {text.plain[s.start : s.end]: str(s.style) for s in text.spans}
    assert styles["64%"] == "red strike"
    assert styles["71%"] == "bold green"
    assert styles["all "] == "bold green"


async def test_a_document_deleted_while_open_is_written_back(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Still mine")
        doc_path.unlink()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.save_state == "saved"
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Still mine"


async def test_quitting_when_saving_is_impossible_keeps_a_copy(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, "summary", "Mine")
        _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # decide later: nothing can be saved now
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.save_state.startswith("unsaved; everything typed is kept in")
    (copy,) = doc_path.parent.glob("design.unsaved-*.toml")
    assert 'summary = "Mine"' in copy.read_text()
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Theirs"


def test_the_conflict_copy_is_as_private_as_the_document(doc_path: Path, specs: Specs) -> None:
    doc_path.chmod(0o600)
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Mine")
    _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
    session.save_without_asking()
    (recovery,) = doc_path.parent.glob("design.unsaved-*.toml")
    assert recovery.stat().st_mode & 0o777 == 0o600
