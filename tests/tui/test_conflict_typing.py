"""Typing while the conflict dialog is open: the keys are the author's, for their version.

The dialog opens while the author types (an autosave meets someone else's change to the
same answer). What they type into it is held, shown, and then: goes into their answer when
they keep their version; is not appended to the other person's version when they take that
one (a notice shows it instead); and, when the terminal closes with the dialog still open,
is typed into their answer and kept, with the rest of their side, in a rescue copy that is
a whole document (`mldwizard show` reads it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp
from mldwizard.tui.screens.dialogs import ConflictDialog

from ..conftest import load
from .helpers import SIZE, app_for, settle, until

THEIRS = "Ops says: shelves are mislabelled."


def _theirs(path: Path, specs: Specs) -> None:
    """A colleague changes the same answer (`mldwizard set` in another process)."""
    storage.update_document(
        path,
        specs,
        "ops",
        lambda d: edits.set_answer(d, specs.resolve("essentials"), "summary", THEIRS),
    )


def _keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def _conflict_while_typing(pilot, app: WizardApp, doc_path: Path, specs: Specs) -> None:  # type: ignore[no-untyped-def]
    """The author has typed and autosaved, goes on typing; a colleague saves the same answer;
    the next autosave opens the dialog; the author types on into it."""
    await settle(pilot)
    app.screen.query_one("#q-summary #input").focus()
    await pilot.press(*_keys("Pickers walk too far. "))
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].answers["summary"].startswith("Pickers")
    await pilot.press(*_keys("Each "))
    _theirs(doc_path, specs)
    app.run_worker(app.save(asked=False))  # the autosave after a pause in typing
    await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the conflict dialog")
    dialog = app.screen
    await pilot.press(*_keys("pick takes 90 seconds."))
    await until(pilot, lambda: dialog.typed.text.endswith("90 seconds."), "the typing held")


def _copies(doc_path: Path) -> list[Path]:
    return sorted(doc_path.parent.glob(f"{doc_path.stem}.unsaved-*.toml"))


async def test_closing_the_terminal_with_the_dialog_open_keeps_every_word(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_while_typing(pilot, app, doc_path, specs)
        app.stopping.save_and_exit()  # what SIGHUP runs in the event loop
    mine = "Pickers walk too far. Each pick takes 90 seconds."
    assert app.stopping.state is not None and app.stopping.state.startswith("saved;")
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == THEIRS
    copies = _copies(doc_path)
    assert len(copies) == 1, copies
    kept = storage.parse_document(copies[0].read_bytes(), copies[0], specs)
    assert kept.chapters["essentials"].answers["summary"] == mine
    capsys.readouterr()
    assert main(["show", str(copies[0])]) == 0
    assert "pick takes 90 seconds." in capsys.readouterr().out


async def test_taking_the_version_on_disk_does_not_append_what_was_typed_for_yours(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_while_typing(pilot, app, doc_path, specs)
        await pilot.click("#theirs")
        await settle(pilot)
        await pilot.pause(0.3)  # any keys sent again would be typed by now
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        field = app.screen.query_one("#q-summary #input")
        notices = "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]
        shown = getattr(field, "text", getattr(field, "value", None))
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == THEIRS
    assert shown == THEIRS
    assert "Not kept: 'pick takes 90 seconds.'" in notices
    assert not _copies(doc_path)


async def test_keeping_yours_puts_what_was_typed_into_it(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_while_typing(pilot, app, doc_path, specs)
        await pilot.click("#mine")
        await settle(pilot)
        mine = "Pickers walk too far. Each pick takes 90 seconds."
        await until(
            pilot,
            lambda: app.session.doc.chapters["essentials"].answers.get("summary") == mine,
            "the typing replayed into the answer",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == mine


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_dialog_shows_each_side_as_written(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await _conflict_while_typing(pilot, app, doc_path, specs)
        versions = [str(s.render()) for s in app.screen.query(".version").results(Static)]
        typed = app.screen.query_one("#typed-meanwhile", Static)
        assert typed.display and str(typed.render()).endswith(": pick takes 90 seconds.")
        await pilot.press("escape")
        await settle(pilot)
    assert versions == ["Pickers walk too far. Each ", THEIRS]
