"""QA9a finding 1: a handle in an answer or owner field that is not among the document's
people (a hand edit, a merge) is shown by every picker that edits handles, marked, and kept
when the author ticks or picks something else. Before, the picker offered only the people:
the handle was hidden, and the next tick wrote the answer without it. Pilot at 80x24."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.widgets import Button, Input, Select, SelectionList
from textual.widgets._select import SelectCurrent

from mldwizard.cli import main
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.editors import StepDetailsDialog

from ..feasibility_docs import all_items, described
from .helpers import app_for, go_to, settle, until

SMALL = (80, 24)
PEOPLE = (
    '[[people]]\nhandle = "ana"\nname = "Ana S"\n'
    '[[people]]\nhandle = "bo"\nname = "Bo K"\nrole = "sponsor"\n'
)
ESSENTIALS = (
    '[chapters.essentials]\nowners = ["ana"]\n'
    '[chapters.essentials.answers]\nteam = ["ana"]\ndecision_owner = "ana"\n'
)


def with_zoe(path: Path, extra: str = "") -> None:
    """ana and bo are the people; a hand edit then names zoe, who is not among them."""
    answers = path.with_name("answers.toml")
    answers.write_text(PEOPLE + ESSENTIALS + extra, encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0
    text = path.read_text(encoding="utf-8")
    edited = (
        text.replace('team = [\n    "ana",\n]', 'team = [\n    "ana",\n    "zoe",\n]')
        .replace('decision_owner = "ana"', 'decision_owner = "zoe"')
        .replace('owners = [\n    "ana",\n]', 'owners = [\n    "ana",\n    "zoe",\n]')
    )
    assert edited.count("zoe") == 3, text
    path.write_text(edited, encoding="utf-8")


def stored(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def essentials(path: Path) -> dict[str, Any]:
    return stored(path)["chapters"]["essentials"]  # type: ignore[no-any-return]


async def test_an_unknown_team_member_is_shown_and_kept_when_another_is_ticked(
    doc_path: Path, specs: Specs
) -> None:
    with_zoe(doc_path)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "essentials")
        team = app.screen.query_one("#q-team #input", SelectionList)
        prompts = [str(team.get_option_at_index(i).prompt) for i in range(team.option_count)]
        assert prompts[2:] == ["zoe (not among the document's people: F4 adds them)"]
        assert team.selected == ["ana", "zoe"]
        team.focus()
        await pilot.pause()
        await pilot.press("down", "space")  # tick bo, as the tester did
        await until(pilot, lambda: "bo" in team.selected, "bo ticked")
        await until(
            pilot,
            lambda: essentials(doc_path)["answers"]["team"] == ["ana", "bo", "zoe"],
            "bo added and zoe kept",
        )
        # Unticking zoe is how the author drops them: then they go.
        await pilot.press("down", "space")
        await until(
            pilot,
            lambda: essentials(doc_path)["answers"]["team"] == ["ana", "bo"],
            "zoe unticked and dropped",
        )


async def test_an_unknown_decision_owner_is_shown_in_its_picker(
    doc_path: Path, specs: Specs
) -> None:
    with_zoe(doc_path)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "essentials")
        select = app.screen.query_one("#q-decision_owner #input", Select)
        assert select.value == "zoe"
        shown = str(select.query_one(SelectCurrent).query_one("#label").render())
        assert shown.startswith("zoe (not among the document's people")
        # Another answer changes: the decision owner stays.
        summary = app.screen.query_one("#q-summary #input")
        summary.focus()
        await pilot.press(*"Routing")
        await until(
            pilot, lambda: "Routing" in str(essentials(doc_path)["answers"]), "summary saved"
        )
        assert essentials(doc_path)["answers"]["decision_owner"] == "zoe"


async def test_f3_keeps_an_unknown_owner_when_another_is_ticked(
    doc_path: Path, specs: Specs
) -> None:
    with_zoe(doc_path)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "essentials")
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "F3 open")
        await settle(pilot)
        owners = app.screen.query_one("#owners", SelectionList)
        prompts = [str(owners.get_option_at_index(i).prompt) for i in range(owners.option_count)]
        assert prompts == ["ana", "bo", "zoe (not among the document's people: F4 adds them)"]
        assert owners.selected == ["ana", "zoe"]
        owners.focus()
        await pilot.press("down", "space")  # tick bo
        await until(pilot, lambda: "bo" in owners.selected, "bo ticked")
        app.screen.query_one("#apply", Button).press()
        await until(
            pilot,
            lambda: sorted(essentials(doc_path)["owners"]) == ["ana", "bo", "zoe"],
            "bo added and zoe kept",
        )


async def test_an_unknown_item_owner_is_shown_and_kept(doc_path: Path, specs: Specs) -> None:
    items = all_items("met").replace(
        '[feasibility.items.data_allowed]\nstatus = "met"\n',
        '[feasibility.items.data_allowed]\nstatus = "partial"\nowner = "ana"\n'
        'condition = "Legal signs the DPA"\n',
    )
    answers = doc_path.with_name("answers.toml")
    answers.write_text(PEOPLE + described() + items, encoding="utf-8")
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    text = doc_path.read_text(encoding="utf-8")
    assert text.count('owner = "ana"') == 1
    doc_path.write_text(text.replace('owner = "ana"', 'owner = "zoe"'), encoding="utf-8")
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed")
        owner = row.query_one(".owner", Select)
        assert owner.value == "zoe"
        note = row.query_one(".note", Input)
        note.focus()
        await pilot.press(*" Signed")
        item = lambda: stored(doc_path)["feasibility"]["items"]["data_allowed"]  # noqa: E731
        await until(pilot, lambda: item()["note"].endswith(" Signed"), "the note saved")
        assert item()["owner"] == "zoe"
