"""QA10a #5 and #7, a review session on the bundled example's chapter 7 (six items) at
80x24, driven by keys through Pilot as the tester did:

- #5: on the summary, ``A`` did nothing when something blocked the approval (a dimmed key),
  and the blockers were below the fold under the six item lines;
- #7: ``a`` (an action item) on item 5 showed the chapter's first question as its context,
  the topic of item 1, instead of the item under discussion."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from mldwizard.core import storage, workshops
from mldwizard.core.examples import example_path
from mldwizard.core.workspace import specs_for
from mldwizard.tui.screens.capture import CaptureDialog
from mldwizard.tui.screens.review_dialogs import ApproveDialog
from mldwizard.tui.workshop_review import ReviewWorkshopApp

from .helpers import settle, until
from .test_workshop import FakeClock


def session(tmp_path: Path) -> ReviewWorkshopApp:
    """``mldwizard workshop EX --review validation --by mira``, as the CLI makes it."""
    path = tmp_path / "ticket-routing.toml"
    shutil.copy(example_path(), path)
    specs = specs_for(path, [])
    doc = storage.load_document(path, specs)
    step = specs.resolve("validation")
    planned = workshops.plan_workshop(doc, dt.date(2026, 12, 6), [step], 30, "jonas")
    return ReviewWorkshopApp(path, specs, "jonas", planned, "validation", "mira", FakeClock())


def words(*widgets: Static) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for w in widgets:
        console.print(w.render())
    return " ".join(console.export_text().split())


async def test_a_on_a_blocked_summary_says_what_blocks_it_in_sight(tmp_path: Path) -> None:
    app = session(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # item 1, critical: Not met
        await settle(pilot)
        for _ in app.items:
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert str(app.query_one("#wr-progress").render()).startswith(
            "7. Validation schemas · Summary"
        )
        pane = app.query_one("#ws-questions")
        blocked = next(w for w in pane.query(Static) if "Approval is blocked by" in words(w))
        # In sight without scrolling: within the pane's visible height.
        assert pane.scroll_offset.y == 0
        assert blocked.virtual_region.bottom <= pane.scrollable_content_region.height, (
            blocked.virtual_region,
            pane.scrollable_content_region,
        )
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "the blockers said")
        said = words(app.screen.query_one("#approve-blockers", Static))
        assert "critical item unit_kept_in_one_split is not met" in said, said
        assert not app.screen.query("#approve-ok")  # only Close
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ApproveDialog), "closed")
        assert all(a.by != "mira" for a in app.doc.step("validation").review.approvals)
        await pilot.press("ctrl+q")


async def test_an_action_in_a_review_session_is_about_the_item_discussed(
    tmp_path: Path,
) -> None:
    app = session(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("ctrl+n")
            await settle(pilot)
        item = app.item
        assert item is not None and item.id == "test_set_precise_enough"
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the action dialog")
        context = words(*app.screen.query("#capture-covers Static").results(Static))
        assert context == f"{item.id}: {' '.join(item.text.split())}", context
        assert "Unit kept within one split" not in context
        await pilot.press("escape")
        await pilot.press("ctrl+q")
