"""A chapter's free notes in the wizard: the last field of every chapter step, reached by
Tab, tall enough for a paragraph, saved like any answer; the cursor does not start there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import TextArea

from mldwizard.cli import main
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.step_view import StepView

from ..conftest import load
from .helpers import SIZE, app_for, go_to, settle, until

PARAGRAPH = [
    "Waiting on the data platform team for read access to the 2024 archive.",
    "The retention decision is deferred to the January review.",
]


def _question_of(app: object) -> str | None:
    """The id of the question whose field holds the focus, if any."""
    focused = app.focused  # type: ignore[attr-defined]
    field = next((a for a in focused.ancestors if isinstance(a, QuestionField)), None)
    return field.question.id if field else None


async def test_notes_are_the_last_field_reached_by_tab_and_saved(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "metrics")
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0 and len(view.fields) > 3, "fields")
        assert [f.question.id for f in view.fields][-1] == "notes"
        assert _question_of(app) == "business_metric"  # the cursor starts at a question
        # Tab walks the questions in order and reaches the notes after the last one.
        seen: list[str] = []
        for _ in range(60):
            qid = _question_of(app)
            if qid and (not seen or seen[-1] != qid):
                seen.append(qid)
            if qid == "notes":
                break
            await pilot.press("tab")
            await pilot.pause()
        shown = [f.question.id for f in view.fields if f.display]
        assert seen == shown, seen
        area = app.focused
        assert isinstance(area, TextArea)
        # Tall enough for a paragraph: twice an ordinary long-text box, before any typing.
        ordinary = view.query_one("#q-metric_gaming TextArea", TextArea)
        assert area.outer_size.height >= 8 > ordinary.outer_size.height
        await pilot.press(*[{" ": "space"}.get(c, c) for c in PARAGRAPH[0]], "enter")
        await pilot.press(*[{" ": "space"}.get(c, c) for c in PARAGRAPH[1]])
        await pilot.press("ctrl+s")
        await settle(pilot)
        expected = "\n".join(PARAGRAPH)
        await until(
            pilot,
            lambda: load(doc_path, specs).step("metrics").answers.get("notes") == expected,
            "the note saved",
        )
        # A note alone is no progress: the step stays empty in the sidebar's counting.
        assert app.session.doc.step("metrics").answers == {"notes": expected}


async def test_every_chapter_step_ends_with_the_notes_field(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for slug in ("essentials", "datasets", "ownership", "gate"):
            await go_to(pilot, slug)
            view = app.screen.query_one(StepView)
            await until(pilot, lambda v=view: v.fields_to_come == 0, f"{slug} mounted")
            last = view.fields[-1]
            assert last.question.id == "notes" and last.has_class("notes"), slug
            assert last.display


async def test_on_a_complete_chapter_the_cursor_starts_at_its_first_question(
    tmp_path: Path, specs: Specs
) -> None:
    """Notes are extra: an answered chapter without notes opens at its first question (as
    before chapters had notes), not at the empty notes box at its end."""
    path = tmp_path / "example.toml"
    shutil.copyfile(example_path(), path)
    assert "notes" not in load(path, specs).step("metrics").answers
    app = app_for(path, specs, only="metrics")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: _question_of(app) is not None, "the cursor in a field")
        assert _question_of(app) == "business_metric"


async def test_a_chapter_with_only_notes_stays_empty_everywhere(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes never count as progress: a chapter where only its notes were written is not a
    draft, not in the TOML, the Markdown, `status` nor `check` (which warned before that
    '7 required answer(s)' were missing from a 'draft' nobody started)."""
    app = app_for(doc_path, specs, only="problem")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(StepView)
        await until(pilot, lambda: view.fields_to_come == 0, "fields")
        view.query_one("#q-notes TextArea", TextArea).focus()
        await pilot.press(*[{" ": "space"}.get(c, c) for c in PARAGRAPH[0]])
        await pilot.press("ctrl+s")
        await settle(pilot)
        await until(
            pilot,
            lambda: load(doc_path, specs).step("problem").answers.get("notes") == PARAGRAPH[0],
            "the note saved",
        )
    state = load(doc_path, specs).step("problem")
    assert state.status == "empty"
    markdown = doc_path.with_suffix(".md").read_text(encoding="utf-8")
    problem = markdown[markdown.index(specs.resolve("problem").title) :]
    assert "Draft" not in problem.split("\n## ", 1)[0]
    capsys.readouterr()
    main(["check", str(doc_path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert not [f for f in findings["findings"] if f["chapter"] == "problem"], findings
