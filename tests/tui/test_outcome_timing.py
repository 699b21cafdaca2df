"""The checklist at 80x24 in the wizard (QA report on issue 13, finding 13): the step opens
with what blocks in sight beside the verdict; the NO-GO screen waits until the author has
left the item that caused it (a gap meant to be closable never brings it up); its text
scrolls above its buttons. Pilot, at the tester's terminal size."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Region
from textual.widgets import Button, Checkbox, Input, Static

from mldwizard.cli import main
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import NoGoScreen
from mldwizard.tui.widgets.checklist import ItemRow

from ..conftest import load
from ..feasibility_docs import all_items, described
from .helpers import app_for, go_to, settle, until

SMALL = (80, 24)
SCREEN = Region(0, 0, *SMALL)
PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'
ALLOWED = '[feasibility.items.data_allowed]\nstatus = "met"\nnote = "Checked with the team."\n'
BLOCKER = "✗ Using the data for this purpose is allowed. Not met and not marked closable."


def prepare(path: Path, data_allowed: str) -> None:
    answers = path.with_name("answers.toml")
    checklist = all_items("met").replace(ALLOWED, data_allowed)
    answers.write_text(PEOPLE + described() + checklist, encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0


def top(app: object) -> str:
    return str(app.screen.query_one("#step-verdict", Static).render())  # type: ignore[attr-defined]


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def in_row(app: object, row: ItemRow) -> bool:
    focused = app.screen.focused  # type: ignore[attr-defined]
    return focused is not None and row in focused.ancestors_with_self


async def test_the_step_opens_with_what_blocks_in_sight(doc_path: Path, specs: Specs) -> None:
    prepare(
        doc_path,
        '[feasibility.items.data_allowed]\nstatus = "not-met"\nnote = "The DPO said no."\n'
        "fatal = true\n",
    )
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        await settle(pilot)
        said = " ".join(top(app).split())
        assert "NO-GO" in said and "✗ Using the data for this purpose is allowed. Not met" in said
        verdict = app.screen.query_one("#step-verdict", Static)
        assert SCREEN.contains_region(verdict.region)  # docked at the top: in sight
        assert verdict.region.height >= 3  # the verdict line and the blocker, wrapped whole


async def test_no_screen_while_the_item_is_filled_in_and_none_once_it_is_closable(
    doc_path: Path, specs: Specs
) -> None:
    prepare(doc_path, '[feasibility.items.data_allowed]\nnote = "The DPO is asked."\n')
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        await until(pilot, lambda: in_row(app, row), "the cursor in the open item")
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        await settle(pilot)
        # NO-GO now, said at the top with its reason; no screen over the item's fields.
        assert not isinstance(app.screen, NoGoScreen)
        assert BLOCKER in " ".join(top(app).split())
        row.query_one(".condition", Input).focus()
        await pilot.press(*"DPO signs", "space", *"off")
        row.query_one(".owner").value = "ana"  # type: ignore[attr-defined]
        row.query_one(".due", Input).value = "2027-01-15"
        row.query_one(".closable", Checkbox).value = True
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)
        assert "CONDITIONAL" in top(app)
        app.screen.query_one("#item-data_quality_known .note").focus()  # the item is left
        await settle(pilot)
        await pilot.pause(0.3)
        assert not isinstance(app.screen, NoGoScreen)  # no longer an outcome: no screen
        await pilot.press("ctrl+s")
        await settle(pilot)
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.status, item.condition, item.closable) == ("not-met", "DPO signs off", True)


async def test_leaving_the_step_opens_the_screen_and_keeps_what_was_typed(
    doc_path: Path, specs: Specs
) -> None:
    prepare(doc_path, '[feasibility.items.data_allowed]\nnote = "The DPO is asked."\n')
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        await until(pilot, lambda: in_row(app, row), "the cursor in the open item")
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        await settle(pilot)
        row.query_one(".condition", Input).focus()
        await pilot.press(*"Consent", "space", *"flow")
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)
        assert any("Finish this item" in n for n in notices(app))  # while it is filled in
        await pilot.press("ctrl+n")  # the next step: the item and the step are left
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        # The notice has done its work: left up, it covered the screen's buttons at 80x24.
        assert not any("Finish this item" in n for n in notices(app))
        reasons = " ".join(str(app.screen.query_one("#nogo-reasons").render()).split())
        assert BLOCKER in reasons and "What would change this: Consent flow" in reasons
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(doc_path, specs).feasibility.items["data_allowed"].condition == "Consent flow"


async def test_the_screen_scrolls_its_text_above_the_buttons_at_80x24(
    doc_path: Path, specs: Specs
) -> None:
    long = "The DPO said no, in writing, after reading the assessment twice. " * 6
    prepare(
        doc_path,
        f'[feasibility.items.data_allowed]\nnote = "{long}"\ncondition = "{long}"\n',
    )
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        app.screen.query_one("#item-data_quality_known .note").focus()
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        await settle(pilot)
        body = app.screen.query_one("#nogo-body")
        buttons = list(app.screen.query(Button))
        assert all(SCREEN.contains_region(b.region) for b in buttons)
        assert all(body.region.bottom <= b.region.y for b in buttons)
        assert body.max_scroll_y > 0  # too long for the screen: it scrolls, nothing is cut
        body.scroll_end(animate=False)
        await settle(pilot)
        closing = app.screen.query("#nogo-body Static").last()
        assert body.region.contains_region(closing.region)
