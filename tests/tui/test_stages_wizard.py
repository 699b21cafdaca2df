"""Stages in the wizard: a question not asked yet at the document's stage is one dim
"later" line (not missing, no red), which Enter opens to answer it early; the F9 overview's
stage field moves the document to another stage and says what became required."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Label, Select

from mldwizard.core import storage
from mldwizard.core.document import new_document
from mldwizard.core.specs import Specs, load_specs
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.screens.stage_gate_dialog import StageGateDialog
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.later_line import LaterLine
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from ..test_stages import RESULTS
from .helpers import SIZE, app_for, settle, until


def results_specs(tmp_path: Path) -> Specs:
    folder = tmp_path / "extra"
    folder.mkdir()
    text = RESULTS.replace("number = 2\n", "").replace('part = "early-stage"\n', "")
    text = text.split('[[questions]]\nid = "llm_evals"', 1)[0]
    (folder / "results.toml").write_text(text, encoding="utf-8")
    return load_specs([folder])


def make(tmp_path: Path, specs: Specs) -> Path:
    path = tmp_path / "design.toml"
    doc = new_document("Ticket routing", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    storage.create_document(path, doc, specs, "tester")
    return path


def prompt_of(field: QuestionField | None) -> str:
    assert field is not None
    return str(field.query_one(".prompt", Label).render())


async def test_a_later_question_is_one_dim_line_that_opens(tmp_path: Path) -> None:
    specs = results_specs(tmp_path)
    path = make(tmp_path, specs)
    app = app_for(path, specs, only="results")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every field mounted")
        curves, uplift = (
            view.query_one("#later-curves", LaterLine),
            view.query_one("#later-uplift", LaterLine),
        )
        assert curves.display and uplift.display
        text = str(curves.render())
        assert text.startswith("▸ later (from prototype): Learning curves")
        assert "*" not in text  # not missing: no red mark
        assert not view.field("curves").display  # type: ignore[union-attr]
        # The shown ones: plan (required at design: red *), shadow (required from pilot).
        shown = [f.question.id for f in view.fields if f.display]
        assert shown == ["plan", "shadow", "notes"]
        assert str(prompt_of(view.field("plan"))).endswith(" *")
        assert not str(prompt_of(view.field("shadow"))).endswith("*")
        # Enter on the line opens the question, cursor in it, to answer it early.
        curves.focus()
        await pilot.press("enter")
        await until(pilot, lambda: view.field("curves").display, "the question opened")  # type: ignore[union-attr]
        assert not curves.display and uplift.display
        await pilot.press(*"flat")
        await until(
            pilot,
            lambda: app.session.doc.step("results").answers.get("curves") == "flat",
            "the early answer taken",
        )
        await app.save()
    assert load(path, specs).step("results").answers["curves"] == "flat"


async def test_the_overview_changes_the_stage_and_says_what_became_required(
    tmp_path: Path,
) -> None:
    specs = results_specs(tmp_path)
    path = make(tmp_path, specs)
    app = app_for(path, specs, only="results")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every field mounted")
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        field = app.screen.query_one("#ov-stage", Select)
        assert field.value == "design"
        field.focus()
        await pilot.press("enter", "down", "down", "enter")  # design -> prototype -> pilot
        # Past the prototype -> pilot stage gate, which nobody marked: a reason is asked.
        await until(pilot, lambda: isinstance(app.screen, StageGateDialog), "the gate's confirm")
        await pilot.press(*"Testing the stage's questions", "enter")
        await until(pilot, lambda: app.session.doc.stage == "pilot", "the stage changed")
        notices = [n.message for n in app._notifications]
        assert any(
            "design -> pilot" in n and "listed under the stage field" in n for n in notices
        ), notices
        listed = str(app.screen.query_one("#ov-stage-required").render())
        assert "Results: Learning curves" in listed and "Results: Shadow results" in listed
        missing = str(app.screen.query_one("#ov-missing").render())
        assert "What do the learning curves show?" in missing
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, OverviewScreen), "back")
        await settle(pilot)

        def rebuilt() -> bool:
            views = app.screen.query(StepView)
            return len(views) == 1 and views.first() is not view

        await until(pilot, rebuilt, "the step built anew for the new stage")
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "every field mounted")
        shown = [f.question.id for f in view.fields if f.display]
        assert shown == ["plan", "curves", "shadow", "notes"]
        assert str(prompt_of(view.field("shadow"))).endswith(" *")
        assert view.query_one("#later-uplift", LaterLine).display
        assert not view.query_one("#later-curves", LaterLine).display
        await app.save()
    doc = load(path, specs)
    assert doc.stage == "pilot"
    assert "stage: design -> pilot" in [e.summary for e in doc.changelog[-3:]]
