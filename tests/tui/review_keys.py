"""Opening and reading the review screen in Pilot tests: the "beta" chapter of the
reviewable document (tests/review_docs.py), at the tester's terminal size."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Static

from mldwizard.tui.app import WizardApp
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.review import ReviewScreen
from mldwizard.tui.widgets.review_items import ReviewItemList

from ..review_docs import load
from .helpers import settle, until

NARROW = (80, 24)


def _app(path: Path, by: str | None = "bo") -> WizardApp:
    """As ``mldwizard review PATH beta --by BY`` opens it (``by`` None: the wizard on beta,
    F8 asks who reviews); the session's author is someone else."""
    specs = load(path)[1]
    beta = specs.resolve("beta")
    if by is None:
        return make_app(path, specs, "tester", start=beta)
    return make_app(path, specs, "tester", start=beta, review_by=by)


def _text(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def _summary(app: WizardApp) -> str:
    return _text(app.screen.query_one("#review-summary", Static))


async def _on_review(pilot, app: WizardApp) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review screen")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def _highlight(pilot, app: WizardApp, item_id: str) -> None:  # type: ignore[no-untyped-def]
    items = app.screen.query_one(ReviewItemList)
    for _ in range(items.option_count):
        if items.highlighted_id == item_id:
            return
        await pilot.press("down")
    assert items.highlighted_id == item_id
