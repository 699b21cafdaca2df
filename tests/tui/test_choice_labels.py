"""The wizard shows choice labels and stores choice values, picked with the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, SelectionList
from textual.widgets._select import SelectCurrent

from mldwizard.core.specs import Specs

from .helpers import app_for, go_to, settle, until


async def test_a_choice_shows_labels_and_stores_the_value(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to(pilot, "problem")
        await settle(pilot)
        select = app.screen.query_one("#q-costlier_error #input", Select)
        select.focus()
        await pilot.pause()
        await pilot.press("enter")  # open the list: (not answered), then the choices
        await until(pilot, lambda: select.expanded, "the list open")
        await pilot.press("down", "down", "enter")  # the second choice
        await until(pilot, lambda: select.value == "false-negatives", "the choice picked")
        shown = str(select.query_one(SelectCurrent).query_one("#label").render())
        assert shown == "False negatives are worse"
        await until(
            pilot,
            lambda: 'costlier_error = "false-negatives"' in doc_path.read_text(),
            "the value saved",
        )
    assert "False negatives are worse" not in doc_path.read_text()


async def test_a_multi_choice_shows_labels_and_stores_values(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=(120, 36)) as pilot:
        await go_to(pilot, "essentials")
        await settle(pilot)
        choices = app.screen.query_one("#q-principles #input", SelectionList)
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(3)]
        assert prompts == ["Start simple", "Modular", "Reproducible"]
        choices.focus()
        await pilot.pause()
        await pilot.press("space")  # tick the highlighted (first) choice
        await until(pilot, lambda: choices.selected == ["start-simple"], "the choice ticked")
        await until(pilot, lambda: '"start-simple"' in doc_path.read_text(), "the value saved")
    assert "Start simple" not in doc_path.read_text()
