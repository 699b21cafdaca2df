"""The conflict dialog at 80x24 with versions too long for its body: the first Tab goes to
the choice and brings it into sight (the scrolling body took the Tab while the choice sat
below the fold, so Tab then Enter seemed to do nothing)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import RadioButton, RadioSet

from mldwizard.core.errors import Conflict
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.dialogs import ConflictDialog, DialogBody

from ..review_docs import load, make_reviewable
from .helpers import in_sight, settle, until

LONG = "A long answer that wraps over several lines of an 80-column dialog. " * 3


async def test_the_first_tab_brings_the_choice_into_sight(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    specs = load(path)[1]
    app = make_app(path, specs, "tester", start=specs.resolve("beta"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        conflict = Conflict("chapters.beta.answers.size", "Ten", LONG + "mine", LONG + "theirs")
        app.push_screen(ConflictDialog([conflict]))
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        await settle(pilot)
        body = app.screen.query_one(DialogBody)
        choice = app.screen.query_one(RadioSet)
        assert body.virtual_size.height > body.size.height  # it does scroll here
        assert app.focused is None  # nothing has the focus before the author moves
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is choice
        await until(
            pilot,
            lambda: body.region.y <= choice.region.y and choice.region.bottom <= body.region.bottom,
            "the choice in sight",
        )


async def test_every_field_shows_both_choices_at_80x24(tmp_path: Path) -> None:
    """QA9a finding 5: with the tester's two short versions, the choice showed one row,
    "Keep yours", and "Keep the one on disk" was below the body's edge; with several fields,
    each choice is in sight, whole, when Tab reaches it."""
    path = make_reviewable(tmp_path)
    specs = load(path)[1]
    app = make_app(path, specs, "tester", start=specs.resolve("beta"))
    mine, theirs = "MINE: facilities waters on Fridays, takes 20 min.", "THEIRS: nobody waters them"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        conflicts = [
            Conflict(f"chapters.beta.answers.{qid}", "Ten", mine, theirs)
            for qid in ("size", "notes")
        ]
        app.push_screen(ConflictDialog(conflicts))
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        await settle(pilot)
        first = app.screen.query_one("#conflict-0", RadioSet)
        buttons = list(first.query(RadioButton))
        assert [str(b.label) for b in buttons] == ["Keep yours", "Keep the one on disk"]
        assert all(in_sight(b) for b in buttons)  # before any key: the first field's choice
        for i in range(len(conflicts)):
            await pilot.press("tab")
            choice = app.screen.query_one(f"#conflict-{i}", RadioSet)
            await until(pilot, lambda c=choice: app.focused is c, f"choice {i} has the cursor")  # type: ignore[misc]
            await until(
                pilot,
                lambda c=choice: all(in_sight(b) for b in c.query(RadioButton)),  # type: ignore[misc]
                f"both choices of field {i} in sight",
            )
        await pilot.press("right", "enter")  # "Keep the one on disk" for the second field
        await until(
            pilot,
            lambda: app.screen.query_one("#conflict-1", RadioSet).pressed_index == 1,
            "picked",
        )
