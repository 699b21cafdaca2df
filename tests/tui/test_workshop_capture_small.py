"""QA9a finding 2: at 80x24 the workshop's action-item dialog showed only the summary input;
the owner picker, the due date and the dialog's own error were below the box's edge, so
Record seemed to do nothing. Pilot at 80x24, by keyboard, as the tester did."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

from textual.widgets import Input, Select, Static

from mldwizard.core import storage, workshops
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.capture import CaptureDialog
from mldwizard.tui.workshop import WorkshopApp

from ..conftest import load
from .helpers import in_sight, settle, until

SMALL = (80, 24)


def demo_workshop(tmp_path: Path, specs: Specs) -> tuple[Path, WorkshopApp]:
    """The demo's document, and the tester's workshop on it (planned, as the CLI does)."""
    path = tmp_path / "ticket-routing.toml"
    example = files("mldwizard.examples").joinpath("ticket-routing.toml")
    path.write_text(example.read_text("utf-8"), encoding="utf-8")
    doc = storage.load_document(path, specs)
    steps = workshops.parse_steps("1-4,gate,feasibility", specs)
    planned = workshops.plan_workshop(doc, dt.date(2026, 11, 30), steps, 20, None)
    return path, WorkshopApp(path, specs, "tester", planned)


async def test_the_action_item_dialog_fits_and_shows_its_problem_at_80x24(
    tmp_path: Path, specs: Specs
) -> None:
    doc_path, app = demo_workshop(tmp_path, specs)
    owner_handle = load(doc_path, specs).people[0].handle
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the dialog")
        await settle(pilot)
        dialog = app.screen
        text, owner, due = (dialog.query_one(w) for w in ("#text", "#owner", "#due"))
        record = dialog.query_one("#record")
        for widget in (text, owner, due, record):
            assert in_sight(widget), widget
        await pilot.press(*"Ask finance for the budget")
        await pilot.press("tab", "tab")  # past the owner, left empty, to the due date
        await until(pilot, lambda: dialog.focused is due, "the due date has the cursor")
        await pilot.press(*"2027-01-15")
        await pilot.press("enter")  # Record, without an owner
        problem = dialog.query_one(".problem")
        await until(
            pilot,
            lambda: "needs an owner" in str(problem.render()) and in_sight(problem),
            "the problem, in sight",
        )
        assert isinstance(app.screen, CaptureDialog)
        # The owner, picked by keyboard, then Record.
        await pilot.press("shift+tab")
        assert dialog.focused is owner and in_sight(owner)
        await pilot.press("enter", "down", "enter")
        await until(
            pilot, lambda: dialog.query_one("#owner", Select).value == owner_handle, "owner"
        )
        dialog.query_one("#due", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, CaptureDialog), "recorded")
        await settle(pilot)
    actions = load(doc_path, specs).workshops[0].actions
    assert [(a.text, a.owner, str(a.due)) for a in actions] == [
        ("Ask finance for the budget", owner_handle, "2027-01-15")
    ]


async def test_the_capture_context_at_80x24_ends_at_a_clause_not_mid_sentence(
    tmp_path: Path, specs: Specs
) -> None:
    """QA10a #11: `d` on step 1 showed "... the business result version one should move,"
    and nothing after: the covers' three lines cut the first question's line mid-sentence."""
    _, app = demo_workshop(tmp_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the dialog")
        await settle(pilot)
        box = app.screen.query_one("#capture-covers")
        shown = [s for s in box.query(".asks").results(Static) if s.display]

        def fits() -> bool:
            return sum(s.outer_size.height for s in shown) <= box.size.height

        await until(pilot, fits, "every line shown in sight, none below the box's edge")
        assert box.max_scroll_y == 0
        first = str(shown[0].render())
        assert first.startswith("Summary: Cover: what the system does")
        assert first.endswith("; …"), first  # cut after a clause, and it says so
        await pilot.press("escape")
        await pilot.press("ctrl+q")
