"""The conflict dialog at 80x24 with versions too long for its body: the first Tab goes to
the choice and brings it into sight (the scrolling body took the Tab while the choice sat
below the fold, so Tab then Enter seemed to do nothing)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import RadioSet

from mldwizard.core.errors import Conflict
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.dialogs import ConflictDialog, DialogBody

from ..review_docs import load, make_reviewable
from .helpers import settle, until

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
