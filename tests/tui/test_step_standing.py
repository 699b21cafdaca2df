"""QA10a #11, as an owner meets it: ``mldwizard chapter PATH 6`` at 80x24 on the bundled
example, everything answered. The step's status line was scrolled off the top by the first
question brought into view: nothing said the chapter was in review with a critical review
thread open (or, for chapter 5, approved) until F8."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app

from .helpers import in_sight, settle, until


def said_in_sight(app: object, words: str) -> bool:
    screen = app.screen  # type: ignore[attr-defined]
    return any(
        words in str(w.render()) and w.display and in_sight(w)
        for w in screen.query("#step-view Static").results(Static)
    )


async def test_an_owner_opening_a_chapter_sees_its_status_and_open_threads(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "ticket-routing.toml"
    shutil.copy(example_path(), path)
    app = make_app(path, specs, "carmen", only=specs.resolve("6"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: app.focused is not None, "the cursor in the first question")
        await settle(pilot)
        assert said_in_sight(app, "in review · 1 open thread, critical (F8)")
        await pilot.press("ctrl+q")
