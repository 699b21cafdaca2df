"""The lint's hints in the wizard: a dim line under the answer, shown as the author types
(once typing pauses), gone when the answer is fixed, never for a silenced finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mldwizard.core import edits, storage
from mldwizard.core.lint_silence import Silence
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.lint_hint import LintHint

from ..conftest import load
from .helpers import answer, app_for, settle, until


def hint(app, qid: str) -> LintHint:  # type: ignore[no-untyped-def]
    found: LintHint = app.screen.query_one(f"#q-{qid} LintHint", LintHint)
    return found


async def test_the_hint_follows_the_answer_as_it_is_typed(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs, only="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        box = hint(app, "current_process")
        assert not box.display and box.codes == ()
        await answer(pilot, "current_process", "Dispatchers route by hand. Volume: TBD")
        await until(pilot, lambda: box.display, "the hint under the answer")
        assert box.codes == ("MLD101",)
        shown = str(box.render())
        assert shown.startswith("MLD101 a placeholder where an answer should be: TBD.")
        assert "Write what is known now" in shown
        assert box.region.height >= 1  # drawn, under the answer
        await answer(pilot, "current_process", "Dispatchers route by hand, 5,200 a week.")
        await until(pilot, lambda: not box.display, "the hint gone once the answer is fixed")
        assert box.codes == ()
        # Leave once the answer is saved (the autosave, a second after typing stops).
        fixed = "Dispatchers route by hand, 5,200 a week."
        await until(
            pilot,
            lambda: load(doc_path, specs).step("problem").answers.get("current_process") == fixed,
            "the answer saved",
        )
        await settle(pilot)


async def test_a_silenced_finding_is_not_shown(doc_path: Path, specs: Specs) -> None:
    problem = specs.resolve("problem")

    def change(doc):  # type: ignore[no-untyped-def]
        edits.set_answer(doc, problem, "current_process", "By hand. Volume: TBD")
        edits.set_answer(doc, problem, "risks", "TODO")
        doc.step("problem").silenced.append(
            Silence(
                question="current_process",
                code="MLD101",
                reason="counted in Q1",
                by="tester",
                on=dt.date(2026, 11, 30),
            )
        )

    storage.update_document(doc_path, specs, "tester", change)
    app = app_for(doc_path, specs, only="problem")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        risks = hint(app, "risks")
        await until(pilot, lambda: risks.display, "the hint under the unsilenced answer")
        assert risks.codes == ("MLD101",)
        assert not hint(app, "current_process").display


async def test_the_hint_is_scrolled_into_view_at_80x24(doc_path: Path, specs: Specs) -> None:
    """QA14 #11: typing "..., TBD" in the metrics chapter's first answer at 80x24 showed only
    the hint's first line at the bottom edge; the fix and the silence command were cut off.
    The view scrolls so the whole hint is on the screen, under the answer being typed."""
    app = app_for(doc_path, specs, only="metrics")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = specs.resolve("metrics").questions[0].id
        box = hint(app, first)
        text = " ".join(["Tickets solved within the SLA, per week."] * 3) + " Target TBD"
        await answer(pilot, first, text)
        await until(pilot, lambda: box.display, "the hint under the answer")
        assert box.region.height >= 2  # wrapped at 80 columns: more than one line

        def seen() -> bool:
            drawn = app.screen.find_widget(box)  # where it is, and the part of it drawn
            return drawn.visible_region == drawn.region

        await until(pilot, seen, "the whole hint on the screen")
        assert app.focused is not None and app.focused.region.height > 0  # still typing there
        await settle(pilot)
