"""QA10b #11 and #12 in the wizard: the step details (F3) refuse a code path outside the
repository, and an answer over the core limit is not saved, with the reason."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from mldwizard.core.limits import MAX_ANSWER_CHARS
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.editors import StepDetailsDialog

from ..conftest import load
from .helpers import SIZE, app_for, settle, until


async def test_f3_refuses_a_code_path_outside_the_repository(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, StepDetailsDialog), "F3 opens")
        app.screen.query_one("#code-paths", TextArea).text = "src/ok/**\n../../**\n"
        await pilot.click("#apply")

        def problem() -> str:
            return str(app.screen.query_one(".problem").render())

        await until(pilot, lambda: "can never match" in problem(), "the dialog says why")
        assert isinstance(app.screen, StepDetailsDialog)  # not applied
        assert "../../**" in problem()
        assert app.session.doc.step("essentials").code_paths == []
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).step("essentials").code_paths == []


async def test_an_answer_over_the_limit_is_not_saved(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        box = app.screen.query_one("#q-summary #input", TextArea)
        box.focus()
        box.text = "y" * (MAX_ANSWER_CHARS + 1)  # a paste gone wrong
        await until(pilot, lambda: "an answer may hold" in app.save_state, "the save state says")
        assert app.save_state.startswith("unsaved:") and "essentials.summary" in app.save_state
        assert not app.session.doc.step("essentials").answers.get("summary")
