"""What the wizard says when the stage changes or the file is upgraded, driven with Pilot:
the F9 notice stays short at 80x24 (the whole list is in the overview, under the stage
field, and the notice says so), a stage moved on disk by someone else is named with what
became required, and the first save of a version 1 document says it was upgraded."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Select
from textual.widgets._toast import Toast

from mldwizard.core import edits, storage
from mldwizard.core.document import Document
from mldwizard.core.specs import load_specs
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.screens.stage_gate_dialog import StageGateDialog
from mldwizard.tui.widgets.step_view import StepView

from .helpers import app_for, settle, until
from .test_stages_wizard import make, results_specs

V1_EXAMPLE = Path(__file__).parents[1] / "data" / "ticket-routing-v1.toml"


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_f9_notice_of_a_long_list_is_short_and_says_where_the_list_is(
    tmp_path: Path,
) -> None:
    specs = results_specs(tmp_path)
    path = make(tmp_path, specs)
    app = app_for(path, specs, only="results")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        field = app.screen.query_one("#ov-stage", Select)
        field.focus()
        # design -> production: every built-in "later" question becomes required
        await pilot.press("enter", "down", "down", "down", "enter")
        # Past two stage gates nobody marked: a reason is asked first.
        await until(pilot, lambda: isinstance(app.screen, StageGateDialog), "the gates' confirm")
        await pilot.press(*"Testing the stage notice", "enter")
        await until(pilot, lambda: app.session.doc.stage == "production", "the stage changed")
        await until(pilot, lambda: len(app.screen.query(Toast)) > 0, "the notice shown")
        await settle(pilot)
        said = [n for n in notices(app) if "design -> production" in n]
        assert said and "listed under the stage field" in said[0], notices(app)
        meaning = app.screen.query_one("#ov-stage-meaning")
        for toast in app.screen.query(Toast):
            assert not toast.region.overlaps(meaning.region), (toast.region, meaning.region)
        listed = str(app.screen.query_one("#ov-stage-required").render())
        assert listed.startswith("Stage: design -> production.")
        assert "Results: Learning curves" in listed and "Results: Shadow results" in listed
        assert len(listed.splitlines()) > 8  # the whole list, not the first eight


async def test_a_stage_moved_on_disk_is_named_with_what_became_required(
    tmp_path: Path,
) -> None:
    specs = results_specs(tmp_path)
    path = make(tmp_path, specs)

    def approve(doc: Document) -> None:
        edits.set_answer(doc, specs.resolve("results"), "plan", "A plan.")
        edits.set_status(doc, specs.resolve("results"), "approved")

    storage.update_document(path, specs, "tester", approve)
    app = app_for(path, specs, only="results")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every field mounted")

        def pilot_stage(doc: Document) -> None:
            edits.set_stage(doc, specs, "pilot")

        storage.update_document(path, specs, "someone", pilot_stage)  # someone else's set
        await until(
            pilot,
            lambda: any("moved the document to stage pilot" in n for n in notices(app)),
            "the stage change told",
        )
        said = next(n for n in notices(app) if "stage pilot" in n)
        assert "(from design)" in said
        assert "F9 lists every required question not answered yet" in said or (
            "Results: Learning curves" in said
        )

        def rebuilt() -> bool:
            views = app.screen.query(StepView)
            return len(views) == 1 and views.first() is not view

        await until(pilot, rebuilt, "the step built anew for the new stage")
        assert app.session.doc.stage == "pilot"


async def test_a_stage_moved_on_disk_lists_a_short_list_and_reviewed_chapters(
    tmp_path: Path,
) -> None:
    """Only the synthetic chapter: the notice holds the whole list, and names the approved
    chapter that now misses answers."""
    folder = tmp_path / "only"
    results_specs(tmp_path)
    shutil.copytree(tmp_path / "extra", folder)
    specs = load_specs(builtin=folder)
    path = make(tmp_path, specs)

    def approve(doc: Document) -> None:
        edits.set_answer(doc, specs.resolve("results"), "plan", "A plan.")
        edits.set_status(doc, specs.resolve("results"), "approved")

    storage.update_document(path, specs, "tester", approve)
    app = app_for(path, specs, only="results")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def pilot_stage(doc: Document) -> None:
            edits.set_stage(doc, specs, "pilot")

        storage.update_document(path, specs, "someone", pilot_stage)
        await until(
            pilot,
            lambda: any("moved the document to stage pilot" in n for n in notices(app)),
            "the stage change told",
        )
        said = next(n for n in notices(app) if "stage pilot" in n)
        assert "Results: Learning curves" in said and "Results: Shadow results" in said
        assert "Results is approved but now misses 2 required answers: review it" in said


async def test_the_first_save_of_a_v1_document_says_it_was_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(V1_EXAMPLE, path)
    specs = load_specs()
    app = app_for(path, specs, only="error-analysis")  # a draft: no review to confirm
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        edits.set_answer(app.session.doc, specs.resolve("error-analysis"), "notes", "Opened.")
        await app.save()
        await until(pilot, lambda: any("upgraded to schema 2" in n for n in notices(app)), "told")
        said = next(n for n in notices(app) if "upgraded to schema 2" in n)
        assert "versions that read only schema 1 cannot open it" in said
        edits.set_answer(app.session.doc, specs.resolve("error-analysis"), "notes", "Again.")
        await app.save()
        await settle(pilot)
        assert len([n for n in notices(app) if "upgraded to schema 2" in n]) == 1
    assert storage.schema_on_disk(path) == 2
