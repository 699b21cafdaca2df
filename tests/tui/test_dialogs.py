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
        assert app.save_state == "unsaved: gate.override_reason: an override needs a written reason"
        assert app.session.doc.gate.override is None
        panel.query_one("#override-reason", Input).focus()
        await pilot.press(*"Vendor data")
        await pilot.pause()
        assert app.session.doc.gate.override == "complex-model"
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert (doc.gate.override, doc.gate.override_reason) == ("complex-model", "Vendor data")


async def test_a_reason_typed_before_the_level_is_never_silently_dropped(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        panel.query_one("#override-reason", Input).focus()
        await pilot.press(*"Regulator demands a model")
        await pilot.pause()
        assert "pick the level" in app.save_state
        await go_to(pilot, "problem")  # leave and come back: the draft is still there
        await go_to(pilot, "gate")
        reason = app.screen.query_one(GatePanel).query_one("#override-reason", Input)
        assert reason.value == "Regulator demands a model"
        await pilot.press("ctrl+q")  # not saved: says so instead of quitting
        await settle(pilot)
        assert app.is_running and "pick the level" in app.save_state
        await pilot.press("ctrl+q")  # quit anyway: the draft is kept in a copy
        await settle(pilot)
    [copy] = doc_path.parent.glob("*.unsaved-*.toml")
    assert "Regulator demands a model" in copy.read_text()
    assert load(doc_path, specs).gate.override is None


async def test_clearing_the_reason_of_an_override_is_not_reported_as_saved(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        panel.query_one("#override", Select).value = "complex-model"
        panel.query_one("#override-reason", Input).value = "Vendor data"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load(doc_path, specs).gate.override_reason == "Vendor data"
        panel.query_one("#override-reason", Input).value = ""
        await pilot.pause()
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and "needs a written reason" in app.save_state


async def test_step_details_refuse_an_unsafe_link(doc_path: Path, specs: Specs) -> None:
    """qa9c #14: the links field refuses a javascript: link, naming the field; a web
    address is kept."""
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, StepDetailsDialog)
        links = app.screen.query_one("#links")
        links.text = "https://wiki.example.com/x\njavascript:alert(1)\n"  # type: ignore[attr-defined]
        await pilot.click("#apply")
        await settle(pilot)
        assert isinstance(app.screen, StepDetailsDialog)  # still open, with the problem
        problem = str(app.screen.query_one(".problem").render())
        assert "essentials.links" in problem and "not a safe link" in problem, problem
        links.text = "https://wiki.example.com/x\n"  # type: ignore[attr-defined]
        await pilot.click("#apply")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert load(doc_path, specs).chapters["essentials"].links == ["https://wiki.example.com/x"]
