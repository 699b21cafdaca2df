"""The document replaced on disk by invalid TOML while the wizard is open (qa9b #5): the
author is told once, plainly, with the file and line; nothing typed is lost; once the file
loads again, a save takes it in."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.workspace import specs_for
from mldwizard.tui.app import WizardApp
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog

from .helpers import app_for, settle, until

TITLE = "The document on disk no longer loads"


def _told(app: WizardApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == TITLE]


async def test_a_document_that_no_longer_loads_is_said_once(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    good = path.read_bytes()
    specs = specs_for(path)
    app = app_for(path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#q-summary #input", TextArea)
        box.focus()
        await pilot.press("end", "T", "Y", "P", "E", "D")
        await settle(pilot)
        path.write_text("garbage = = =\n")
        # The refresh that notices the new file meets it first (the author typed: a save).
        await until(pilot, lambda: "no longer loads" in app.save_state, "the save state says")
        await settle(pilot)
        # No question about the approved step: nothing can be saved into that file anyway.
        assert not isinstance(app.screen, ConfirmChangesDialog)
        (told,) = _told(app)
        assert f"{path}:1:" in told and "invalid TOML" in told
        assert "Nothing you typed is lost" in told and "c.unsaved-" in told
        assert "git checkout -- c.toml" in told
        assert "c.toml on disk no longer loads" in app.save_state

        await pilot.press("ctrl+s")  # the same broken file: not said again
        await settle(pilot)
        assert len(_told(app)) == 1 and "no longer loads" in app.save_state

        await pilot.press("ctrl+q")  # Ctrl+Q says why it does not quit
        await until(
            pilot, lambda: any("Not saved" in str(n.message) for n in app._notifications), "Ctrl+Q"
        )
        (not_saved,) = [str(n.message) for n in app._notifications if "Not saved" in str(n.message)]
        assert "no longer loads" in not_saved and f"{path}:1:" in not_saved

        path.write_bytes(good)  # put back: what was typed is saved into it
        await pilot.press("ctrl+s")
        asked = lambda: isinstance(app.screen, ConfirmChangesDialog)  # noqa: E731
        await until(pilot, lambda: asked() or app.save_state == "saved", "asked or saved")
        # The stale notice is gone: it covered the dialog's buttons (qa10b #6).
        assert _told(app) == [] and "no longer loads" not in app.save_state
        if asked():
            await pilot.click("#confirm")
        await until(pilot, lambda: app.save_state == "saved", f"saved ({app.save_state})")
    summary = storage.load_document(path, specs).chapters["essentials"].answers["summary"]
    assert "TYPED" in summary
