"""QA14 finding 11: in the wizard, the help panel shows the help of the checklist item whose
field has the cursor (how to tell it is met), not the step's introduction, on the
feasibility checklist and on a stage gate. Pilot at 80x24, on the bundled example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.checklist import ItemRow

from .helpers import app_for, go_to, settle, until
from .test_help_follows import _panel_text

SMALL = (80, 24)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("slug", "nth"), [("feasibility", 2), ("stage-gate-pilot", 1)])
async def test_the_focused_item_s_help_is_shown(
    example: Path, specs: Specs, slug: str, nth: int
) -> None:
    step = specs.resolve(slug)
    items = list(step.items) if step.kind == "feasibility" else list(step.criteria)
    item = items[nth]
    app = app_for(example, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, slug)
        await settle(pilot)
        row = app.screen.query_one(f"#item-{item.id}", ItemRow)
        row.query_one(".note", Input).focus()
        first_words = _words(item.help)[:40]
        await until(
            pilot,
            lambda: first_words in _words(_panel_text(app)),
            f"the help of {item.id} in the panel",
        )
        said = _words(_panel_text(app))
        assert said.index(first_words) < said.index(_words(step.label))  # the item first
        other = items[nth - 1]
        row = app.screen.query_one(f"#item-{other.id}", ItemRow)
        row.query_one(".note", Input).focus()
        await until(
            pilot,
            lambda: _words(other.help)[:40] in _words(_panel_text(app)),
            f"the help of {other.id} once its field has the cursor",
        )
        assert first_words not in _words(_panel_text(app))
