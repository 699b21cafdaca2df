"""Readable at 80x24, and resizing never crashes."""

from __future__ import annotations

from pathlib import Path

from mldwizard.core.specs import Specs

from .helpers import app_for, go_to, settle


async def test_small_terminal_hides_the_step_list_and_survives_resizes(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        assert app.screen.query_one("#sidebar").region.width == 0
        assert app.screen.query_one("#step-view").region.width >= 40
        for size in [(120, 36), (40, 12), (200, 60), (80, 24), (20, 5), (110, 30)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
        await go_to(pilot, "feasibility")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.wizard_screen.step.slug == "feasibility"
        assert not app.screen.has_class("-wide")
        await pilot.resize_terminal(130, 40)
        await settle(pilot)
        assert app.screen.query_one("#sidebar").region.width > 0


async def test_the_step_title_stays_in_view_while_the_questions_scroll(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one("#step-view")
        last = app.wizard_screen.step.questions[-1]
        app.screen.query_one(f"#q-{last.id} #input").focus()
        await settle(pilot)
        assert view.scroll_y > 0  # the step scrolled down to its last question
        title = app.screen.query_one("#step-title")
        assert title.region.y == view.region.y and title.region.height >= 1
        assert "Essentials" in str(title.render())
