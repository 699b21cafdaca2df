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
