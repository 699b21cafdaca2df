"""QA9a #4: the workshop's gate and feasibility pages show the verdict itself (the word,
its reasons, what is left to close), at 80x24, as the wizard does: the kickoff's point is
for the room to see GO / CONDITIONAL / NO-GO."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

from mldwizard.core import storage, workshops
from mldwizard.core.specs import Specs
from mldwizard.core.verdicts import feasibility_result, gate_result, level_label
from mldwizard.tui.workshop import WorkshopApp

from .helpers import settle, until
from .test_workshop import FakeClock


def _example(tmp_path: Path) -> Path:
    path = tmp_path / "ticket-routing.toml"
    text = files("mldwizard.examples").joinpath("ticket-routing.toml").read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    return path


def _verdict(app: WorkshopApp) -> str:
    found = app.query("#ws-questions .ws-verdict")
    return " ".join(str(found.last().render()).split()) if found else ""


async def test_the_gate_and_the_checklist_pages_show_their_verdict(
    tmp_path: Path, specs: Specs
) -> None:
    path = _example(tmp_path)
    doc = storage.load_document(path, specs)
    gate, checklist = gate_result(doc, specs), feasibility_result(doc, specs)
    assert gate is not None and gate.verdict is not None
    assert checklist is not None and checklist.verdict == "CONDITIONAL"
    steps = workshops.parse_steps("gate,feasibility", specs)
    planned = workshops.plan_workshop(doc, dt.date(2026, 11, 30), steps, 10, "ana")
    app = WorkshopApp(path, specs, "ana", planned, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: _verdict(app), "the gate's verdict")
        shown = _verdict(app)
        assert f"Verdict: {level_label(gate.verdict)}" in shown
        assert gate.reasons and gate.reasons[0].split()[0] in shown
        await pilot.press("ctrl+n")
        await until(pilot, lambda: "Feasibility:" in _verdict(app), "the checklist's verdict")
        shown = _verdict(app)
        assert "CONDITIONAL" in shown
        assert f"{len(checklist.conditions)} to close" in shown
        assert "Condition:" in shown  # each gap with what closes it
        # The verdict is the first thing under the step's title: in sight when it opens.
        pane = app.query_one("#ws-questions")
        assert pane.children[-1].has_class("ws-prompt")
        assert [c.has_class("ws-verdict") for c in pane.children][:2] == [False, True]
        await pilot.press("ctrl+q")
