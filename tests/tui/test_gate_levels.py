"""The wizard's gate panel with the five levels, driven through Pilot: the verdict follows
the answers live with its reasons, says when it rests on opinion only, frames the levels that
put the ML chapters on hold, and takes an override to a new level."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Select

from mldwizard.core.gate_spec import LEVEL_LABEL, LEVELS
from mldwizard.core.specs import Specs
from mldwizard.core.verdicts import LEVEL_ADVICE
from mldwizard.tui.screens.outcomes import OverviewScreen
from mldwizard.tui.widgets.gate_panel import GatePanel

from ..conftest import load
from ..gate_answers import EMAIL_TRIAGE
from .helpers import SIZE, answer, app_for, go_to, settle


def shown(panel: GatePanel, selector: str) -> str:
    return str(panel.query_one(selector).render())


async def test_the_panel_follows_the_evidence_through_the_new_levels(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        for qid, value in EMAIL_TRIAGE.items():
            await answer(pilot, qid, value)
        verdict = shown(panel, "#verdict")
        assert "Verdict: Use an existing model or API" in verdict
        assert "No measurement yet: the verdict rests on opinion only." in verdict
        assert "measure it on your data before building one" in verdict  # a reason
        framing = panel.query_one("#framing")
        assert framing.display
        assert LEVEL_ADVICE["existing-model"] in shown(panel, "#framing")
        top = str(app.screen.query_one("#step-verdict").render())
        assert "on opinion only" in top
        # The overview (F9) says the level in words, and that nothing was measured.
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        overview = str(app.screen.query_one("#ov-verdicts").render())
        assert "Should this be ML at all? Use an existing model or API" in overview
        assert "No measurement yet" in overview
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(GatePanel) is panel

        # "Measured: good enough" with no result written decides nothing (QA #4): pending,
        # the points lean, on opinion only, and the panel says what to write.
        await answer(pilot, "existing_model", "good-enough")
        verdict = shown(panel, "#verdict")
        assert "Verdict: pending" in verdict and "1 required question to answer" in verdict
        assert "No measurement yet" in verdict and "under Existing model result" in verdict
        assert "no result with its score is written" in verdict
        # A result without a score counts as not written (QA of issue 14, #2; qa9c #2).
        await answer(pilot, "existing_model_result", "Good enough, see the Q3 review")
        verdict = shown(panel, "#verdict")
        assert "Verdict: pending" in verdict and "No measurement yet" in verdict
        assert "no result with its score is written" in verdict
        assert "measured on your data and is good enough" not in verdict
        # The result written: evidence, no warning.
        await answer(pilot, "existing_model_result", "0.91 on 300 of our tickets")
        verdict = shown(panel, "#verdict")
        assert "Verdict: Use an existing model or API" in verdict
        assert "measured on your data and is good enough" in verdict
        assert "No measurement yet" not in verdict

        # Nobody would pay for the gain: the measured model still decides first, and the
        # verdict carries that nobody pays (QA #7).
        await answer(pilot, "would_pay", "no")
        verdict = shown(panel, "#verdict")
        assert "Use an existing model or API" in verdict
        assert "Nobody would pay for the gain: ship what was measured only if" in verdict
        # Once the model is found wanting, nobody paying decides: do not build, with the
        # advice of that reason.
        await answer(pilot, "existing_model", "falls-short")
        verdict = shown(panel, "#verdict")
        assert "Verdict: Do not build this" in verdict
        assert "Nobody would pay for the gain" in verdict
        framing = shown(panel, "#framing")
        assert "Do not build this: nobody would pay for the gain." in framing
        assert LEVEL_ADVICE["do-not-build"] not in framing
        assert panel.query_one("#framing").display

        # Someone pays and the rule was measured good enough, but it reads the raw text:
        # never "a rule will do"; the measurement is set aside, and the points decide.
        await answer(pilot, "would_pay", "committed")
        await answer(pilot, "heuristic_tried", "good-enough")
        await answer(pilot, "heuristic_result", "0.93 on 500 tickets")
        verdict = shown(panel, "#verdict")
        assert "A rule will do" not in verdict.split("\n")[0]
        assert "found good enough, but it is set aside" in verdict
        assert "Rules cannot read text, images or audio" in verdict
        assert not panel.query_one("#framing").display
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert doc.gate.verdict in ("simple-model", "complex-model")


async def test_the_override_offers_every_level_and_takes_a_new_one(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        for qid, value in EMAIL_TRIAGE.items():
            await answer(pilot, qid, value)
        select = panel.query_one("#override", Select)
        offered = [str(value) for _, value in select._options if value is not Select.NULL]
        assert offered == list(LEVELS)
        select.value = "do-not-build"
        await pilot.pause()
        panel.query_one("#override-reason", Input).focus()
        await pilot.press(*"No sponsor")
        await pilot.pause()
        assert app.session.doc.gate.override == "do-not-build"
        assert "Overridden to do not build this" in shown(panel, "#verdict")
        # An override puts the framing away: the team has said what it will do.
        assert not panel.query_one("#framing").display
        assert LEVEL_LABEL["do-not-build"] in str(app.screen.query_one("#step-verdict").render())
        await pilot.press("ctrl+q")
        await settle(pilot)
    doc = load(doc_path, specs)
    assert (doc.gate.verdict, doc.gate.override) == ("existing-model", "do-not-build")


async def test_the_overview_explains_a_pending_gate(tmp_path: Path, specs: Specs) -> None:
    """QA #11: the overview (F9) of an old document whose approved gate is pending says
    which questions, that they are new in question set v2, and which way it leans."""
    path = tmp_path / "ticket-routing-v1.toml"
    shutil.copy(Path(__file__).parents[1] / "data" / "ticket-routing-v1.toml", path)
    app = app_for(path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        overview = " ".join(str(app.screen.query_one("#ov-verdicts").render()).split())
        assert (
            "Should this be ML at all? pending: 4 required questions not answered yet, all new "
            "in question set v2 (Fields a rule could read, Cost of an error, Someone pays for "
            "the gain, Existing model or API); the answers so far lean towards a simple model."
        ) in overview
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
