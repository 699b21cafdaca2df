"""People, step details and the gate override, through the wizard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, SelectionList

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.editors import PeopleDialog, StepDetailsDialog
from mldwizard.tui.widgets.gate_panel import GatePanel

from ..conftest import load
from .helpers import SIZE, answer, app_for, go_to, settle


async def test_people_and_owners(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query(".hint")  # no people yet: the team question says how to add
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, PeopleDialog)
        await pilot.press(*"ana", "tab", *"Ana", "tab", *"Lead", "enter")
        await pilot.pause()
        app.screen.query_one("#handle", Input).value = "bad handle!"
        await pilot.press("enter")
        await pilot.pause()
        assert "handle" in str(app.screen.query_one(".problem").render())
        await pilot.press("escape")
        await settle(pilot)
        team = app.screen.query_one("#q-team #input", SelectionList)
        assert [team.get_option_at_index(0).value] == ["ana"]
        await answer(pilot, "team", ["ana"])

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, StepDetailsDialog)
        app.screen.query_one("#owners", SelectionList).select("ana")
        app.screen.query_one("#status", Select).value = "review"
        app.screen.query_one("#code-paths").text = "src/fraud/**\n"  # type: ignore[attr-defined]
        await pilot.click("#apply")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert [(p.handle, p.name, p.role) for p in doc.people] == [("ana", "Ana", "Lead")]
    ess = doc.chapters["essentials"]
    assert (ess.owners, ess.status, ess.code_paths) == (["ana"], "review", ["src/fraud/**"])
    assert ess.answers["team"] == ["ana"]


async def test_gate_override_needs_a_reason(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        panel.query_one("#override", Select).value = "complex-model"
        await pilot.pause()
        assert app.save_state == "unsaved: an override needs a written reason"
        assert app.session.doc.gate.override is None
        panel.query_one("#override-reason", Input).focus()
        await pilot.press(*"Vendor data")
        await pilot.pause()
        assert app.session.doc.gate.override == "complex-model"
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert (doc.gate.override, doc.gate.override_reason) == ("complex-model", "Vendor data")
