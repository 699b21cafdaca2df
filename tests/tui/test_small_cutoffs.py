"""QA9a finding 14: small cut-offs at 80x24, each read the way the author meets it (Pilot at
the tester's size, on the demo's document)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets._header import HeaderTitle

from mldwizard.core import storage, workshops
from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.editors import StepDetailsDialog
from mldwizard.tui.widgets.step_view import StepView
from mldwizard.tui.workshop_review import ReviewWorkshopApp

from .helpers import in_sight, settle, until
from .test_workshop_capture_small import demo_workshop

SMALL = (80, 24)


def demo(tmp_path: Path, specs: Specs, step: str) -> WizardApp:
    path = tmp_path / "ticket-routing.toml"
    example = files("mldwizard.examples").joinpath("ticket-routing.toml")
    path.write_text(example.read_text("utf-8"), encoding="utf-8")
    return make_app(path, specs, "tester", start=specs.resolve(step))


async def test_f3_text_areas_are_whole_when_reached_and_the_buttons_cover_nothing(
    tmp_path: Path, specs: Specs
) -> None:
    app = demo(tmp_path, specs, "essentials")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "F3 open")
        await settle(pilot)
        dialog = app.screen
        for widget in (dialog.query_one("#apply"), dialog.query_one(".problem")):
            assert in_sight(widget), widget
        for name in ("#code-paths", "#links"):
            area = dialog.query_one(name, TextArea)
            for _ in range(6):  # Tab until it has the cursor
                if dialog.focused is area:
                    break
                await pilot.press("tab")
                await settle(pilot)
            assert dialog.focused is area
            await until(pilot, lambda a=area: in_sight(a), f"{name} whole, in sight")  # type: ignore[misc]


def drawn(widget: Widget) -> str:
    """The widget's lines as drawn (border, title, text), one string."""
    lines = widget.render_lines(Region(0, 0, *widget.outer_size))
    return "\n".join(line.text for line in lines)


async def test_the_override_reason_says_what_it_is_for_uncut(doc_path: Path, specs: Specs) -> None:
    app = make_app(doc_path, specs, "tester", start=specs.resolve("gate"))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        reason = app.screen.query_one("#override-reason", Input)
        shown = drawn(reason)
        assert reason.placeholder in shown, shown  # whole, not "...does not fi"
        assert "needed to override" in shown, shown


async def test_a_step_opens_on_whole_lines_of_its_text(tmp_path: Path, specs: Specs) -> None:
    """Step 2 of the demo opened scrolled to its first question with the last line of its
    owners line ("status, code paths, links)") alone under the title."""
    app = demo(tmp_path, specs, "2")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.scroll_offset.y > 0, "scrolled to the first question")
        await settle(pilot)
        under_title = app.screen.query_one("#step-top").region.bottom
        for text in view.query("#step-part, #step-intro, #step-meta"):
            region = text.region
            assert not region.y < under_title < region.bottom, (text, region, under_title)
        first = view.fields[0]
        assert in_sight(first.query_one(".prompt"))


async def test_the_workshop_header_keeps_the_step_whole(tmp_path: Path, specs: Specs) -> None:
    """The header read "Workshop: Routing support tickets at Kestrel Ledger — 1/6: 1.…"."""
    _, app = demo_workshop(tmp_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        header = app.screen.query_one(HeaderTitle)
        step = app.step.label
        await until(pilot, lambda: f"1/6: {step}" in drawn(header), "the step whole")
        assert drawn(header).strip().startswith("Workshop: ")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: f"2/6: {app.step.label}" in drawn(header), "the next, whole")


async def test_the_review_header_keeps_the_items_mark_on_one_line(
    tmp_path: Path, specs: Specs
) -> None:
    """The review workshop's header wrapped as "this item: not" / "met" at 80 columns."""
    path = tmp_path / "ticket-routing.toml"
    example = files("mldwizard.examples").joinpath("ticket-routing.toml")
    path.write_text(example.read_text("utf-8"), encoding="utf-8")
    doc = storage.load_document(path, specs)
    step = specs.resolve("research")
    planned = workshops.plan_workshop(doc, dt.date(2026, 11, 30), [step], 20, "mira")
    app = ReviewWorkshopApp(path, specs, "mira", planned, step.slug, "mira")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        header = app.query_one("#wr-progress")
        for key in ("n", "right", "p", "right", "m"):  # marks and items, as the room does
            lines = drawn(header).splitlines()
            mark = next(line for line in lines if "this item:" in line)
            said = mark.split("this item:")[1].strip()
            assert said in ("not marked", "not met", "met", "partial", "not applicable"), lines
            await pilot.press(key)
            await settle(pilot)
