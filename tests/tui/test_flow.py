"""The wizard, driven through Pilot: answers reach the file, verdicts follow the answers."""

from __future__ import annotations

from pathlib import Path

from mldwizard.core import storage
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import NoGoScreen, OverviewScreen
from mldwizard.tui.widgets.checklist import ItemRow
from mldwizard.tui.widgets.gate_panel import GatePanel

from ..conftest import load
from .helpers import SIZE, answer, app_for, go_to, settle

GATE_HEURISTIC = {
    "expert_rule": "fully",
    "patterns": "a-handful",
    "stability": "stable",
    "input_type": "few-fields",
    "labelled_data": "none",
    "explanation": "no",
    "error_cost": "low",
    "gain_needed": "unclear",
    "would_pay": "committed",
    "existing_model": "none",
}


async def test_opens_with_the_cursor_in_the_first_unanswered_question(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.wizard_screen.step.slug == "essentials"
        focused = app.focused
        assert focused is not None and focused.id == "input"
        assert focused.parent is not None and focused.parent.id == "q-summary"
        await pilot.press(*"Hi")
        await pilot.pause()
        assert app.session.doc.chapters["essentials"].answers["summary"] == "Hi"


async def test_full_flow_new_document(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer(pilot, "summary", "We score card payments for fraud.")
        await answer(pilot, "milestones", ["Baseline by March", "Pilot by June"])
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.wizard_screen.step.slug == "problem"
        await answer(pilot, "problem_statement", "Chargebacks cost 2M EUR a year.")

        # The gate: the verdict follows the answers.
        await go_to(pilot, "gate")
        panel = app.screen.query_one(GatePanel)
        for qid, value in GATE_HEURISTIC.items():
            await answer(pilot, qid, value)
        verdict_text = str(panel.query_one("#verdict").render())
        assert "A rule will do" in verdict_text  # the level in words, as on the page
        assert panel.query_one("#framing").display
        await answer(pilot, "labelled_data", "hundreds-of-thousands")
        await answer(pilot, "expert_rule", "no")
        await answer(pilot, "patterns", "open-ended")
        await answer(pilot, "input_type", "unstructured")
        await answer(pilot, "rule_fields", "none")  # shown for unstructured input
        await answer(pilot, "gain_needed", "small-gain-pays")
        await answer(pilot, "stability", "changes-often")
        assert "A complex model" in str(panel.query_one("#verdict").render())
        assert not panel.query_one("#framing").display

        # Feasibility: everything Met, but the metrics chapter is empty and no Met has
        # evidence: no verdict on a project nobody has described (issue 13).
        await go_to(pilot, "feasibility")
        for row in app.screen.query(ItemRow):
            row.query_one(".status").value = "met"  # type: ignore[attr-defined]
            await pilot.pause()
        banner = str(app.screen.query_one("#banner").render())
        assert "INCOMPLETE" in banner and "Answer first (" in banner
        assert "Met without evidence" in banner

        # Overview, then quit.
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        missing = str(app.screen.query_one("#ov-missing").render())
        assert "Who is on the team" in missing
        assert str(doc_path) in str(app.screen.query_one("#ov-files").render())
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.save_state == "saved"

    doc = load(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "We score card payments for fraud."
    assert doc.chapters["essentials"].answers["milestones"] == [
        "Baseline by March",
        "Pilot by June",
    ]
    assert doc.chapters["problem"].answers["problem_statement"].startswith("Chargebacks")
    assert doc.gate.verdict == "complex-model"
    assert doc.feasibility.verdict == "INCOMPLETE"
    md = storage.markdown_path(doc_path).read_text()
    assert "We score card payments for fraud." in md
    assert "**Should this be ML at all?** A complex model" in md
    assert "**Feasibility:** INCOMPLETE" in md


async def test_no_go_path_writes_the_stopped_document(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "feasibility")
        row = app.screen.query_one("#item-data_allowed", ItemRow)
        row.query_one(".note").value = "Legal: no consent for this use"  # type: ignore[attr-defined]
        await pilot.pause()
        row.query_one(".condition").value = "A consent flow ships"  # type: ignore[attr-defined]
        await pilot.pause()
        row.query_one(".fatal").value = True  # type: ignore[attr-defined]
        await pilot.pause()
        assert not isinstance(app.screen, NoGoScreen)
        row.query_one(".status").value = "not-met"  # type: ignore[attr-defined]
        await pilot.pause()
        assert isinstance(app.screen, NoGoScreen)
        assert "month nine" in str(app.screen.query_one("#nogo-lead").render())
        await pilot.click("#stop")
        await settle(pilot)
    assert app.return_code in (0, None)
    doc = load(doc_path, specs)
    assert doc.feasibility.verdict == "NO-GO"
    item = doc.feasibility.items["data_allowed"]
    assert (item.status, item.fatal, item.condition) == ("not-met", True, "A consent flow ships")
    md = storage.markdown_path(doc_path).read_text()
    assert md.index("**NO-GO") < md.index("## Verdicts")
    assert "Evidence: Legal: no consent for this use" in md
