"""Stage gates from the command line, as a user meets them: `set --stage` refused past a gate
that does not pass (and allowed with a reason, kept in the changelog), `set` of a gate's items
and `set --from`, `status --format json`, `check` (MLD020-023), `show`, and the exports."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .cli_run import cli
from .conftest import load

PILOT = "stage-gate-pilot"
PEOPLE = """
[[people]]
handle = "ana"
[[people]]
handle = "bo"
"""


@pytest.fixture
def proto(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """A document at the prototype stage, with two people."""
    path = tmp_path / "design.toml"
    ok("new", path, "--no-input", "--title", "Routing")
    people = tmp_path / "people.toml"
    people.write_text(
        'stage = "prototype"\nstage_reason = "A test of the stage gates, not of the checklist."\n'
        + PEOPLE,
        encoding="utf-8",
    )
    ok("set", path, "--from", people)
    return path


def findings(capsys: pytest.CaptureFixture[str], path: Path, code: str) -> list[dict[str, Any]]:
    _, out, _ = cli(capsys, "check", path, "--format", "json")
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


def gates_json(ok: Callable[..., str], path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(ok("status", path, "--format", "json"))["documents"][0]
    return {g["slug"]: g for g in data["stage_gates"]}


def mark_all_met(ok: Callable[..., str], path: Path) -> None:
    for item in ("baseline_compared", "error_analysis_done", "fallback_works", "latency_measured"):
        ok("set", path, PILOT, item, "met", "--note", f"Evidence for {item}.")


def test_moving_past_a_gate_that_does_not_pass_needs_a_reason(
    proto: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    before = proto.read_bytes()
    code, out, err = cli(capsys, "set", proto, "--stage", "pilot")
    assert code == 2 and out == ""
    assert "not moved; a gate on the way does not pass" in err
    assert "prototype to pilot (INCOMPLETE): The fallback works" in err
    assert "--reason" in err and "Traceback" not in err
    assert proto.read_bytes() == before  # nothing written
    code, _, err = cli(capsys, "set", proto, "--stage", "pilot", "--reason", "ok")
    assert code == 2 and "too short" in err
    reason = "The board accepted shadow mode before the drill (minutes 2026-12-01)."
    out = ok("set", proto, "--stage", "pilot", "--reason", reason)
    assert "stage prototype -> pilot" in out and "in the changelog" in out
    doc = load(proto, _specs(proto))
    assert doc.stage == "pilot"
    assert doc.stage_gates[PILOT].moved_despite == f"INCOMPLETE: {reason}"
    assert any(e.note == reason for e in doc.changelog if e.chapter == PILOT)
    assert reason in proto.with_suffix(".md").read_text(encoding="utf-8")
    [finding] = findings(capsys, proto, "MLD020")
    assert finding["severity"] == "warning" and reason in finding["message"]
    # Moving back needs nothing; the reason stays, as the history of the move it explained.
    assert "stage pilot -> prototype" in ok("set", proto, "--stage", "prototype")
    kept = load(proto, _specs(proto)).stage_gates[PILOT]
    assert kept.moved_despite == f"INCOMPLETE: {reason}"
    assert findings(capsys, proto, "MLD020") == []  # the gate is faced again, not passed


def test_a_move_across_two_gates_names_each_gates_command(
    proto: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA10a #11: the refused move to production named only stage-gate-pilot's command."""
    code, _, err = cli(capsys, "set", proto, "--stage", "production")
    assert code == 2
    assert "prototype to pilot (INCOMPLETE)" in err and "pilot to production (INCOMPLETE)" in err
    hint = err[err.index("Mark the items") :]
    for gate in (PILOT, "stage-gate-production"):
        assert f"mldwizard set PATH {gate} ITEM STATUS --note ..." in hint, hint
    assert "feasibility" not in hint  # not left from design: the checklist is not on the way


def test_a_gate_that_passes_lets_the_stage_move(
    proto: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    mark_all_met(ok, proto)
    ok(
        "set", proto, PILOT, "fallback_works", "partial", "--owner", "bo",
        "--condition", "Drill in production.", "--due", "2027-01-05",
    )  # fmt: skip
    assert gates_json(ok, proto)[PILOT]["verdict"] == "CONDITIONAL"
    out = ok("set", proto, "--stage", "pilot")
    assert "stage prototype -> pilot" in out and "reason" not in out
    # ... but not two stages at once past a gate nobody marked.
    code, _, err = cli(capsys, "set", proto, "--stage", "production")
    assert code == 2 and "pilot to production (INCOMPLETE)" in err


def test_items_take_the_feasibility_item_options(
    proto: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok(
        "set", proto, PILOT, "baseline_compared", "not-met", "--note", "0.80 against 0.90.",
        "--owner", "ana", "--condition", "Retrain on the relabelled set.", "--closable",
        "--due", "2027-01-15", "--ref", "metrics.target_values",
    )  # fmt: skip
    item = load(proto, _specs(proto)).stage_gates[PILOT].items["baseline_compared"]
    assert (item.status, item.owner, item.closable, item.due.isoformat() if item.due else "") == (
        "not-met",
        "ana",
        True,
        "2027-01-15",
    )
    assert item.refs == ["metrics.target_values"]
    for args, said in [
        (("nope", "met"), "no item 'nope'; the items are: baseline_compared"),
        (("fallback_works", "partial", "--note", "x"), "needs an owner and a condition"),
        (("fallback_works", "met", "--owner", "zed"), "owner 'zed' is not among the people"),
        (("fallback_works", "met", "--ref", "metrics.nope"), "names no question"),
        (("fallback_works", "--status", "met"), "set " + str(proto) + " stage-gate-pilot"),
        (("fallback_works", "met", "--in-scope"), "belong to the feasibility checklist"),
    ]:
        code, _, err = cli(capsys, "set", proto, PILOT, *args)
        assert code == 2 and said in err and "Traceback" not in err, (args, err)
    # The step's own status and owners work as for any step.
    ok("set", proto, PILOT, "--status", "review", "--owner", "ana,bo")
    state = load(proto, _specs(proto)).stage_gates[PILOT]
    assert (state.status, state.owners) == ("review", ["ana", "bo"])


def test_an_answers_file_marks_items_before_it_moves_the_stage(
    proto: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    answers = tmp_path / "answers.toml"
    items = "".join(
        f'[stage_gates.{PILOT}.items.{i}]\nstatus = "met"\nnote = "Seen on 2026-11-20."\n'
        for i in ("baseline_compared", "error_analysis_done", "fallback_works", "latency_measured")
    )
    answers.write_text('stage = "pilot"\n' + items, encoding="utf-8")
    assert "Stage prototype -> pilot." in ok("set", proto, "--from", answers)
    assert gates_json(ok, proto)[PILOT]["verdict"] == "GO"
    answers.write_text('stage = "production"\n', encoding="utf-8")
    code, _, err = cli(capsys, "set", proto, "--from", answers)
    assert code == 2 and "answers.toml: stage production: not moved" in err
    assert 'stage_reason = "..."' in err
    answers.write_text(f"[stage_gates.{PILOT}.items.fallback_works]\nin_scope = true\n")
    code, _, err = cli(capsys, "set", proto, "--from", answers)
    assert code == 2 and "only feasibility items have a scope" in err


def test_status_json_carries_every_gate(proto: Path, ok: Callable[..., str]) -> None:
    ok("set", proto, PILOT, "fallback_works", "met")  # no evidence
    gates = gates_json(ok, proto)
    assert list(gates) == [PILOT, "stage-gate-production"]
    pilot = gates[PILOT]
    assert (pilot["from"], pilot["to"], pilot["standing"]) == ("prototype", "pilot", "facing")
    assert pilot["verdict"] == "INCOMPLETE" and pilot["passes"] is False
    assert "baseline_compared" in pilot["items_without_status"]
    assert pilot["reasons"][0].startswith("INCOMPLETE: 3 of 4 items have no status")
    assert any("Met without evidence" in r for r in pilot["reasons"])
    assert gates["stage-gate-production"]["standing"] == "later"
    text = ok("status", proto)
    assert "Stage gate Prototype to Pilot" in text and "INCOMPLETE" in text
    assert "Stage gate Pilot to Production" in text and "Later: assessed at the pilot" in text


def test_check_codes(
    proto: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", proto, PILOT, "latency_measured", "met")
    [unproven] = findings(capsys, proto, "MLD023")
    assert unproven["chapter"] == PILOT and unproven["details"]["item"] == "latency_measured"
    ok(
        "set", proto, PILOT, "fallback_works", "partial", "--owner", "bo",
        "--condition", "Drill in production.",
    )  # fmt: skip
    lacking = {f["details"]["item"]: f for f in findings(capsys, proto, "MLD021")}
    assert lacking["fallback_works"]["details"]["lacking"] == ["no due date"]
    assert len(lacking["latency_measured"]["details"]["lacking"]) == 3  # a Met not proven
    ok("set", proto, PILOT, "fallback_works", "--due", "2026-11-01")  # the clock: 2026-11-30
    [overdue] = findings(capsys, proto, "MLD022")
    assert overdue["details"] == {"item": "fallback_works", "due": "2026-11-01"}
    # The stage past a gate that is not GO or CONDITIONAL, without a reason: an error (an
    # answers file can set a stage and a reason; an edit by hand can set the stage alone).
    text = proto.read_text(encoding="utf-8").replace('stage = "prototype"', 'stage = "pilot"')
    proto.write_text(text, encoding="utf-8")
    [past] = findings(capsys, proto, "MLD020")
    assert past["severity"] == "error" and past["details"]["verdict"] == "INCOMPLETE"


def test_show_and_the_exports_show_the_gates(
    proto: Path, tmp_path: Path, ok: Callable[..., str]
) -> None:
    ok(
        "set", proto, PILOT, "fallback_works", "partial", "--note", "Staging only.",
        "--owner", "bo", "--condition", "Drill in production.", "--due", "2027-01-05",
    )  # fmt: skip
    shown = ok("show", proto)
    assert "Stage gate Prototype to Pilot" in shown and "Drill in production." in shown
    markdown = proto.with_suffix(".md").read_text(encoding="utf-8")
    verdicts = markdown.split("## Verdicts", 1)[1].split("## Contents", 1)[0]
    assert "**Stage gate Prototype to Pilot:** INCOMPLETE (the gate this document faces next)" in (
        verdicts
    )
    assert "Critical gap: The fallback works: switching the model off was tried (partial)." in (
        verdicts
    )
    assert "**Stage gate Pilot to Production:** Later: assessed at the pilot stage" in verdicts
    section = markdown.split("### Stage gate: prototype to pilot", 1)[1].split("\n### ", 1)[0]
    assert "**Verdict: INCOMPLETE**" in section
    assert "- **Partial:** The fallback works: switching the model off was tried (critical)." in (
        section
    )
    assert "Evidence: Staging only." in section and "Due: 2027-01-05." in section
    later = markdown.split("### Stage gate: pilot to production", 1)[1].split("\n#", 1)[0]
    assert later.strip() == "*Later: assessed at the pilot stage, before the move to production.*"
    html = ok("export", proto, "--format", "html", "-o", "-")
    assert "Stage gate Prototype to Pilot" in html and "Drill in production." in html
    docx = tmp_path / "out.docx"
    ok("export", proto, "--format", "docx", "-o", docx)
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Stage gate Prototype to Pilot" in body and "Drill in production." in body


def test_the_example_faces_its_pilot_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    path = tmp_path / "tickets.toml"
    ok("new", path, "--example", "--no-input")
    gates = gates_json(ok, path)
    pilot = gates[PILOT]
    assert pilot["standing"] == "facing" and pilot["verdict"] == "CONDITIONAL"
    assert {g["item"] for g in pilot["conditions"]} == {"baseline_compared", "fallback_works"}
    assert all(g["owner"] and g["due"] and not g["lacking"] for g in pilot["conditions"])
    for code in ("MLD020", "MLD021", "MLD022", "MLD023"):
        assert findings(capsys, path, code) == [], code


def _specs(path: Path) -> Any:
    from mldwizard.core.workspace import specs_for

    return specs_for(path)
