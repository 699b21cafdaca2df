"""QA14's stage-move findings, as a team meets them on the command line: the move from design
to prototype guarded by the gate and the feasibility checklist (#1), stage-gate evidence
links checked and labelled (#6), overdue gaps and a NO-GO faced said (#7), "Met without
evidence" among the blockers (#8), a later gate's early marks shown (#9), and the wording of
MLD020-022, `set --help` and `--waive` on a Met item (#12)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core.workspace import specs_for

from .cli_run import cli
from .conftest import load

PILOT = "stage-gate-pilot"
PROD = "stage-gate-production"
LEGAL_NO = ("feasibility", "data_allowed", "not-met", "--fatal", "--note", "Legal said no")
REASON = "The board accepted the legal risk (minutes 2026-11-29)."


@pytest.fixture
def example(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """The bundled example: at prototype, feasibility CONDITIONAL, the pilot gate next."""
    path = tmp_path / "ex.toml"
    ok("new", path, "--example", "--no-input")
    return path


def findings(capsys: pytest.CaptureFixture[str], path: Path, code: str) -> list[dict[str, Any]]:
    _, out, _ = cli(capsys, "check", path, "--format", "json")
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


# --- #1: design -> prototype ---------------------------------------------------------------


def test_a_no_go_checklist_stops_the_move_out_of_design_unless_a_reason_is_given(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, "--stage", "design")
    ok("set", example, *LEGAL_NO)
    before = example.read_bytes()
    for stage in ("prototype", "pilot"):
        code, out, err = cli(capsys, "set", example, "--stage", stage)
        assert code == 2 and out == "" and "Traceback" not in err
        assert "design to prototype (feasibility NO-GO): Using the data" in err
        assert "Not met, marked as not closable." in err and "--reason" in err
        assert example.read_bytes() == before  # nothing written
    code, _, err = cli(capsys, "set", example, "--stage", "prototype", "--reason", "ok")
    assert code == 2 and "too short" in err
    out = ok("set", example, "--stage", "pilot", "--reason", REASON)
    assert "stage design -> pilot" in out and "design to prototype (feasibility NO-GO)" in out
    doc = load(example, specs_for(example))
    assert doc.stage == "pilot"
    assert doc.feasibility.moved_despite == f"NO-GO: {REASON}"
    assert any(e.note == REASON for e in doc.changelog if e.chapter == "feasibility")
    [finding] = findings(capsys, example, "MLD020")
    assert finding["chapter"] == "feasibility" and finding["severity"] == "warning"
    assert f"Moved on when it was NO-GO, with the reason: {REASON}" in finding["message"]
    assert "NO-GO: NO-GO" not in finding["message"] and ".;" not in finding["message"]
    # Moving back keeps the reason as history.
    ok("set", example, "--stage", "design")
    assert load(example, specs_for(example)).feasibility.moved_despite == f"NO-GO: {REASON}"


def test_past_design_with_a_no_go_checklist_and_no_reason_is_an_error(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, *LEGAL_NO)  # at prototype already: the checklist turns NO-GO later
    [finding] = findings(capsys, example, "MLD020")
    assert finding["chapter"] == "feasibility" and finding["severity"] == "error"
    assert "past the design to prototype move" in finding["message"]
    assert finding["details"]["moved_despite"] is None


def test_a_fresh_document_needs_its_checklist_or_a_reason_to_start_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    path = tmp_path / "fresh.toml"
    ok("new", path, "--no-input")
    code, _, err = cli(capsys, "set", path, "--stage", "prototype")
    assert code == 2 and "design to prototype (feasibility not given)" in err
    ok("set", path, "--stage", "prototype", "--reason", "A spike to size the data, no users.")
    assert load(path, specs_for(path)).feasibility.moved_despite.startswith("not given: ")


def test_the_gate_saying_do_not_build_stops_the_move_and_a_passing_checklist_does_not(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, "--stage", "design")
    assert "stage design -> prototype" in ok("set", example, "--stage", "prototype")
    ok("set", example, "--stage", "design")
    ok("set", example, "gate", "--override", "do-not-build", "--reason", "Nobody pays for it.")
    code, _, err = cli(capsys, "set", example, "--stage", "prototype")
    assert code == 2 and "design to prototype (gate do-not-build)" in err


def test_an_answers_file_moving_out_of_design_needs_its_stage_reason(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, "--stage", "design")
    ok("set", example, *LEGAL_NO)
    answers = tmp_path / "a.toml"
    answers.write_text('stage = "prototype"\n', encoding="utf-8")
    code, _, err = cli(capsys, "set", example, "--from", answers)
    assert code == 2 and "design to prototype (feasibility NO-GO)" in err
    assert 'stage_reason = "..."' in err


# --- #6: stage-gate evidence links ---------------------------------------------------------


def test_stage_gate_links_are_checked_like_the_checklist_and_labelled_links(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    before = example.read_bytes()
    code, _, err = cli(
        capsys, "set", example, PILOT, "latency_measured", "--evidence-link", "javascript:alert(1)"
    )
    assert code == 2 and "is not an http or https address" in err
    assert example.read_bytes() == before
    ok(
        "set", example, PILOT, "latency_measured", "met",
        "--evidence-link", "https://grafana.example.com/d/lat",
        "--ref", "metrics.target_values",
    )  # fmt: skip
    page = ok("export", example, "-o", "-")
    assert "Links: https://grafana.example.com/d/lat" in page
    assert "Rests on: https://grafana" not in page
    assert (
        "Rests on: [Current, minimum and target values](#current-minimum-and-target-values)" in page
    )


# --- #7: overdue gaps and a NO-GO faced ----------------------------------------------------


def test_a_move_past_a_conditional_gate_with_an_overdue_gap_says_so(
    example: Path, ok: Callable[..., str]
) -> None:
    ok(
        "set", example, PILOT, "error_analysis_done", "partial",
        "--owner", "jonas", "--condition", "read 100 more",
    )  # fmt: skip
    out = ok("set", example, PILOT, "error_analysis_done", "--due", "2026-11-01")
    assert "Warning: --due 2026-11-01 is already past" in out and "MLD022" in out
    out = ok("set", example, "--stage", "pilot")  # CONDITIONAL: allowed
    assert "stage prototype -> pilot" in out
    assert "Warning: the move rests on gaps closed by their due dates" in out
    assert "Error analysis was done on the prototype's mistakes (partial): owner jonas" in out


def test_a_no_go_on_the_gate_the_document_faces_is_a_warning(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    assert findings(capsys, example, "MLD024") == []
    ok("set", example, PILOT, "fallback_works", "not-met", "--fatal")
    [finding] = findings(capsys, example, "MLD024")
    assert finding["severity"] == "warning" and finding["chapter"] == PILOT
    assert "The fallback works" in finding["message"]


# --- #8: the refusal lists Met without evidence ---------------------------------------------


def test_the_refusal_lists_items_met_without_evidence(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, PROD, "ab_test_met", "met")  # no evidence
    ok("set", example, "--stage", "pilot", "--reason", "Testing the production gate.")
    code, _, err = cli(capsys, "set", example, "--stage", "production")
    assert code == 2
    assert "pilot to production (INCOMPLETE): The A/B test met its success criterion." in err
    assert "Met without evidence" in err


# --- #9: a later gate's early marks --------------------------------------------------------


def test_a_later_gate_shows_what_was_marked_early(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, PROD, "ab_test_met", "met", "--note", "Uplift 4.1% over 3 weeks.")
    shown = " ".join(ok("show", example, PROD).replace("│", " ").split())
    assert "Already assessed" in shown and "The A/B test met its" in shown and "Met" in shown
    status = " ".join(ok("status", example).split())
    assert "Already assessed: The A/B test met its success criterion (met)" in status
    row = next(line for line in ok("status", example).splitlines() if "pilot to production" in line)
    assert "empty" not in row and "1/1" in row
    page = ok("export", example, "-o", "-")
    assert "Already assessed: The A/B test met its success criterion (met)." in page
    assert "- **Met:** The A/B test met its success criterion (critical)." in page


# --- #12: wording, help, --waive ---------------------------------------------------------


def test_mld021_and_mld022_name_items_by_their_text(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok(
        "set", example, PILOT, "error_analysis_done", "partial",
        "--owner", "jonas", "--condition", "read 100 more", "--due", "2026-11-01",
    )  # fmt: skip
    [late] = findings(capsys, example, "MLD022")
    assert late["message"].startswith("Error analysis was done on the prototype's mistakes (")
    assert "stage-gate-pilot item" not in late["message"]
    ok(
        "set", example, PILOT, "latency_measured", "partial",
        "--owner", "jonas", "--condition", "measure p95 under load",
    )  # fmt: skip
    [lacking] = findings(capsys, example, "MLD021")
    assert (
        lacking["message"].startswith("Serving latency was measured against its budget (")
        and "no due date" in lacking["message"]
    )
    assert "stage-gate-pilot item" not in lacking["message"]


def test_mld020_says_the_reason_once_without_a_stray_stop(
    example: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("set", example, PILOT, "fallback_works", "not-met", "--fatal")
    ok("set", example, "--stage", "pilot", "--reason", "Board accepted risk")
    [finding] = [f for f in findings(capsys, example, "MLD020") if f["chapter"] == PILOT]
    message = finding["message"]
    assert ".;" not in message and "reason: NO-GO:" not in message
    assert message.endswith("Moved on when it was NO-GO, with the reason: Board accepted risk")
    ok("set", example, "--stage", "prototype")  # back: the reason stays as history
    assert load(example, specs_for(example)).stage_gates[PILOT].moved_despite == (
        "NO-GO: Board accepted risk"
    )


def test_waive_on_a_met_item_is_refused_on_both_checklists(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example.read_bytes()
    for chapter, item in ((PILOT, "latency_measured"), ("feasibility", "baseline_exists")):
        code, _, err = cli(
            capsys, "set", example, chapter, item, "met", "--note", "Measured.", "--waive", "no"
        )
        assert code == 2 and "a Met item has none" in err, (chapter, err)
    assert example.read_bytes() == before


def test_set_help_mentions_the_stage_gates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["set", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "stage-gate-pilot" in text and "a stage gate" in text
    assert "feasibility item: the evidence" not in text
