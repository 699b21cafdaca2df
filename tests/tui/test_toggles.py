"""A choice that is off looks off without colour: no mark in its box (NO_COLOR, colour-blind)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from mldwizard.tui.widgets.toggles import ChoiceList, MarkedCheckbox, MarkedRadioButton


class Toggles(App[None]):
    def compose(self) -> ComposeResult:
        yield ChoiceList(("ana", "ana", True), ("bo", "bo", False), id="list")
        yield MarkedCheckbox("fatal", False, id="box")
        with RadioSet(id="radios"):
            yield MarkedRadioButton("Keep yours", value=True, id="mine")
            yield MarkedRadioButton("Keep the one on disk", id="theirs")


def _line(widget, y: int = 0) -> str:  # type: ignore[no-untyped-def]
    return "".join(segment.text for segment in widget.render_line(y))


async def test_the_mark_shows_only_what_is_on() -> None:
    app = Toggles()
    async with app.run_test(size=(60, 12), tooltips=False) as pilot:
        choices = app.query_one(ChoiceList)
        assert _line(choices, 0).startswith("▐X▌ ana")
        assert _line(choices, 1).startswith("▐ ▌ bo")
        choices.select("bo")
        choices.deselect("ana")
        await pilot.pause()
        assert _line(choices, 0).startswith("▐ ▌ ana")
        assert _line(choices, 1).startswith("▐X▌ bo")

        box = app.query_one(MarkedCheckbox)
        assert "X" not in box.render().plain  # type: ignore[union-attr]
        box.toggle()
        await pilot.pause()
        assert "▐X▌" in box.render().plain  # type: ignore[union-attr]

        mine, theirs = app.query_one("#mine", MarkedRadioButton), app.query_one("#theirs")
        assert "●" in mine.render().plain and "●" not in theirs.render().plain  # type: ignore[union-attr]
        await pilot.click("#theirs")
        await pilot.pause()
        assert "●" not in mine.render().plain and "●" in theirs.render().plain  # type: ignore[union-attr]
        assert app.query_one(RadioSet).pressed_index == 1
