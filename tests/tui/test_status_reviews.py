"""F5 shows each reviewed step's review state, from the same rows as ``mldwizard status``:
who approved which revision, items met, critical items not met, open threads, and whether
an approval is possible (with what blocks it); and the lint findings silenced, a stale one
marked."""

from __future__ import annotations

import shutil
from pathlib import Path

from mldwizard.core import edits, storage
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.status import StatusScreen
from mldwizard.tui.widgets.fitted_table import FittedTable

from .helpers import SIZE, app_for, settle, until


def rows(table: FittedTable) -> dict[str, list[str]]:
    """The table's rows as shown (cells as plain text), by their first cell."""
    shown = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
    return {row[0]: row for row in shown}


async def open_status(app, pilot) -> StatusScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f5")
    await until(pilot, lambda: isinstance(app.screen, StatusScreen), "the status screen")
    screen: StatusScreen = app.screen
    await until(pilot, lambda: screen.query_one("#st-steps", FittedTable).row_count, "rows")
    await settle(pilot)
    return screen


async def test_f5_shows_the_example_s_review_state(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    app = app_for(path, specs)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_status(app, pilot)
        table = screen.query_one("#st-reviews", FittedTable)
        assert table.display and screen.query_one("#st-reviews-title").display
        assert table.shown_labels == ["Step", "Approved by", "Met", "Critical", "Open", "Approval"]
        shown = rows(table)
        assert shown["2. Is there a problem?"] == [
            "2. Is there a problem?",
            "carmen, mira (r9)",
            "5/5",
            "-",
            "0",
            "approved",
        ]
        assert shown["6. Gathering datasets"] == [
            "6. Gathering datasets",
            "-",
            "3/5",
            "1 not met",
            "1",
            "blocked",
        ]
        assert shown["7. Validation schemas"][-1] == "can approve"
        assert "9. Error analysis" not in shown  # no review recorded
        blockers = str(screen.query_one("#st-review-blockers").render())
        assert blockers.startswith("6. Gathering datasets cannot be approved:\n")
        assert "• critical item use_allowed_in_writing is not met" in blockers
        assert "• critical comment #1 on use_allowed_in_writing is open" in blockers
        assert "Validation schemas" not in blockers


async def test_f5_at_80_columns_keeps_every_review_column(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    app = app_for(path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_status(app, pilot)
        table = screen.query_one("#st-reviews", FittedTable)
        assert table.shown_labels == ["Step", "Approved by", "Met", "Critical", "Open", "Approval"]
        by_start = {row[0][:12]: row[1:] for row in rows(table).values()}
        assert by_start["2. Is there "] == ["carmen, mira (r9)", "5/5", "-", "0", "approved"]
        assert by_start["6. Gathering"] == ["-", "3/5", "1 not met", "1", "blocked"]


async def test_no_review_no_review_table(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_status(app, pilot)
        assert not screen.query_one("#st-reviews", FittedTable).display
        assert not screen.query_one("#st-reviews-title").display
        assert not screen.query_one("#st-review-blockers").display
        await settle(pilot)
        assert not screen.query_one("#st-silences").display


async def test_f5_lists_the_silences_and_a_stale_one(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)

    def change(doc):  # type: ignore[no-untyped-def]
        metric = doc.step("metrics").answers["business_metric"]
        edits.set_answer(doc, specs.resolve("metrics"), "business_metric", metric + " More.")

    storage.update_document(path, specs, "tester", change)
    app = app_for(path, specs)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_status(app, pilot)
        silences = screen.query_one("#st-silences")
        await until(pilot, lambda: silences.display, "the silences")
        assert screen.query_one("#st-silences-title").display
        text = str(silences.render())
        milestones, metric = text.split("\n\n")
        assert milestones.startswith(
            "1. Essentials › Milestones: MLD105 (dates passed without an update), silenced by "
            "mira on 2026-10-20\n  The milestones are the plan as approved on 2026-09-30;"
        )
        assert "Stale" not in milestones
        assert metric.startswith("5. Loss functions and metrics › Business metric: MLD107")
        assert metric.endswith(
            "\n  Stale: the answer changed since it was silenced (the finding shows again)."
        )


async def test_f5_at_80_columns_shows_step_names_whole(tmp_path: Path, specs: Specs) -> None:
    """QA 14b #12: "Should this be …", "Feasibility che…": the dates and the revision now
    make room for the step's name before it is cut."""
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    app = app_for(path, specs)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_status(app, pilot)
        table = screen.query_one("#st-steps", FittedTable)
        names = [" ".join(str(table.get_row_at(n)[1]).split()) for n in range(table.row_count)]
        assert "Should this be ML at all?" in names
        assert "Feasibility checklist" in names
        assert "Stage gate: prototype to pilot" in names
        assert not [name for name in names if name.endswith("…")]
        assert table.shown_labels[:4] == ["#", "Step", "Status", "Owners"]
        assert {"Freshness", "Required"} <= set(table.shown_labels)


async def test_f5_does_not_show_a_hand_edited_approved_chapter_as_approved(
    tmp_path: Path, specs: Specs
) -> None:
    """The example's Essentials, approved, then its summary changed by hand (qa9c #1)."""
    path = tmp_path / "example.toml"
    text = example_path().read_text(encoding="utf-8")
    old = "Version one should route at least 90% of topic tickets"
    assert old in text
    path.write_text(text.replace(old, old.replace("90%", "97%")), encoding="utf-8")
    app = app_for(path, specs)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_status(app, pilot)
        steps = rows(screen.query_one("#st-steps", FittedTable))
        essentials = next(row for row in steps.values() if row[1] == "Essentials")
        assert "approved, changed" in essentials
        problem = next(row for row in steps.values() if row[1] == "Is there a problem?")
        assert "approved" in problem and "approved, changed" not in problem
        reviews = rows(screen.query_one("#st-reviews", FittedTable))
        assert reviews["1. Essentials"][1] == "mira (r6, changed since)"
        assert reviews["1. Essentials"][-1] != "approved"
