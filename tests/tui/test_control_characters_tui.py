"""Terminal escape sequences a document holds never reach the terminal from the full-screen
wizard or the workshop: every screen shows them as ``\\xNN`` (qa9b #1). An answer left
alone is saved byte for byte; a paste that holds one is refused, naming the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from mldwizard.core import storage, workshops
from mldwizard.core.workspace import specs_for
from mldwizard.tui.app import WizardApp
from mldwizard.tui.screens.dialogs import ConfirmChangesDialog
from mldwizard.tui.workshop import WorkshopApp

from .control_docs import HOSTILE_TEXT, SHOWN, hostile_example, raw_controls, screen_text
from .helpers import app_for, settle, until

SIZE = (100, 30)


async def _seen(pilot: Pilot[None], where: str, seen: dict[str, list[str]]) -> None:
    await settle(pilot)
    seen[where] = raw_controls(pilot.app)


async def _dialog(pilot: Pilot[None], key: str, where: str, seen: dict[str, list[str]]) -> None:
    app = pilot.app
    base = app.screen
    await pilot.press(key)
    await until(pilot, lambda: app.screen is not base, f"{key} opens {where}")
    await _seen(pilot, where, seen)
    if where == "F8 review" and app.screen is not base:
        await pilot.press("enter")  # the reviewer offered
        await _seen(pilot, "F8 review screen", seen)
    for _ in range(3):
        if app.screen is base:
            break
        await pilot.press("escape")
        await settle(pilot)


async def test_no_screen_writes_a_control_character(tmp_path: Path) -> None:
    path = hostile_example(tmp_path / "h.toml")
    before = path.read_bytes()
    specs = specs_for(path)
    app = app_for(path, specs)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await _seen(pilot, "first step", seen)
        # The header: the project's title, shown as the other commands show it.
        assert SHOWN[:12] in screen_text(app)
        await pilot.press("f2")  # the side panel previews each step's Markdown
        # Every kind of step: a chapter with comments and notes, the gate, the checklist, a
        # stage gate (the first step, a chapter, is on screen already).
        for ref in ("gate", "feasibility", "datasets", "stage-gate-pilot"):
            step = specs.resolve(ref)
            await app.go_to(step)
            await _seen(pilot, f"step {step.slug} with its preview", seen)
        await pilot.press("f2")
        await app.go_to(specs.resolve("essentials"))
        await _seen(pilot, "essentials with its help", seen)
        box = app.screen.query_one("#q-summary #input", TextArea)
        assert box.text.startswith(SHOWN)  # the editor shows it: nothing hidden, nothing run
        for key, where in (
            ("f3", "F3 owners"),
            ("f4", "F4 people"),
            ("f5", "F5 status"),
            ("f9", "F9 overview"),
            ("f8", "F8 review"),
        ):
            await _dialog(pilot, key, where, seen)
        app.notify(f"stage notice for {HOSTILE_TEXT}")
        await _seen(pilot, "a notification", seen)
        await pilot.press("ctrl+s")
        await _seen(pilot, "saved", seen)
    assert {where: found for where, found in seen.items() if found} == {}
    assert len(seen) >= 13, seen
    # Opened, read, saved: nothing the author left alone was changed.
    assert path.read_bytes() == before


async def _save(pilot: Pilot[None]) -> None:
    """Ctrl+S; the chapter is approved: saving sends it back to review."""
    app: WizardApp = pilot.app  # type: ignore[assignment]
    await pilot.press("ctrl+s")
    asked = lambda: isinstance(app.screen, ConfirmChangesDialog)  # noqa: E731
    await until(pilot, lambda: asked() or app.save_state == "saved", "asked or saved")
    if asked():
        await pilot.click("#confirm")
    await until(pilot, lambda: app.save_state == "saved", f"saved ({app.save_state})")


async def test_an_answer_left_alone_is_kept_and_an_edited_one_is_saved_as_shown(
    tmp_path: Path,
) -> None:
    path = hostile_example(tmp_path / "h.toml")
    specs = specs_for(path)
    stored = storage.load_document(path, specs).chapters["essentials"].answers
    app = app_for(path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notice = app.screen.query_one("#q-summary .controls-shown")
        assert "once you edit it, it is saved as you see it" in str(notice.render())
        # Another answer is edited and saved: the summary, left alone, is kept as it was.
        other = app.screen.query_one("#q-definition_of_done #input", TextArea)
        other.focus()
        await pilot.press("end", "x")
        await _save(pilot)
        kept = storage.load_document(path, specs).chapters["essentials"].answers
        assert kept["summary"] == stored["summary"]
        assert kept["summary"].startswith(HOSTILE_TEXT)
        box = app.screen.query_one("#q-summary #input", TextArea)
        box.focus()
        await pilot.press("end", "!")
        await _save(pilot)
    saved = storage.load_document(path, specs).chapters["essentials"].answers["summary"]
    assert saved.startswith(SHOWN) and "!" in saved


async def test_a_paste_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = hostile_example(tmp_path / "h.toml")
    specs = specs_for(path)
    app = app_for(path, specs, only="essentials")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#q-definition_of_done #input", TextArea)
        box.focus()
        await settle(pilot)
        text = box.text
        app.post_message(events.Paste("evil \x1b]0;PASTED\x07 text"))
        await settle(pilot)
        assert box.text == text
        notes = [str(n.message) for n in app._notifications]
        assert any(
            "Not pasted into essentials.definition_of_done" in n and "\\x1b" in n for n in notes
        ), notes
        assert raw_controls(app) == []
        app.post_message(events.Paste("fine\ttext"))
        await until(pilot, lambda: "fine\ttext" in box.text, "a clean paste goes in")


async def test_the_workshop_shows_control_characters_visibly(tmp_path: Path) -> None:
    path = hostile_example(tmp_path / "h.toml")
    specs = specs_for(path)

    def hold(doc: object) -> None:
        from mldwizard.core.document import Document

        assert isinstance(doc, Document)
        steps = workshops.parse_steps("1-2,gate", specs)
        w = workshops.start_workshop(doc, dt.date(2026, 11, 30), steps, 10, "mira")
        held.append(w.id)

    held: list[str] = []
    storage.update_document(path, specs, "mira", hold)
    app = WorkshopApp(path, specs, "mira", held[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert raw_controls(app) == []
        assert SHOWN[:12] in screen_text(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert raw_controls(app) == []
