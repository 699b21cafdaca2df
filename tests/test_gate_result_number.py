"""A measured result counts only with its score (QA report of issue 14, #2; qa9c #2): a
heuristic or an existing model marked as measured, with a result that states no measured score
(a head count, a duration, a meeting, a version or a date is not one: core/scores.py), decides
nothing; the verdict waits for it, leans by the points on opinion only, no
reason or ruled-out line speaks of the measurement, and `check` says why (MLD026). Driven
through `mldwizard` on the example document, as the tester did."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core.gate import unmeasured_answers
from mldwizard.core.specs import load_specs

WARNING = "No measurement yet: the verdict rests on opinion only."
NO_NUMBER = "We tried the rules and they were not good enough"
MEASURED_WORDS = ("measured heuristic falls short", "heuristic was measured and falls short")
MODEL_WORDS = ("existing model was measured", "measured on your data and falls short")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def check(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


def gate_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    out = run(capsys, "status", str(path), "--format", "json")
    gate: dict[str, Any] = json.loads(out)["documents"][0]["gate"]
    return gate


def said(gate: dict[str, Any]) -> str:
    """Everything the verdict says: reasons, the other side, ruled-out lines, the warning."""
    ruled = [r for lines in gate["ruled_out"].values() for r in lines]
    return " ".join([*gate["reasons"], *gate["against"], *ruled, gate["opinion_only"] or ""])


@pytest.fixture
def example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The example document: heuristic and existing model both measured and falling short,
    each with a result that carries its number."""
    path = tmp_path / "ex.toml"
    run(capsys, "new", str(path), "--example", "--no-input")
    gate = gate_json(capsys, path)
    assert gate["verdict"] is not None and gate["basis"] == "points"
    assert "A measured heuristic falls short" in " ".join(gate["reasons"])
    return path


@pytest.mark.parametrize(
    "text",
    [
        NO_NUMBER,
        "Better than version 2 of the rules",
        "Not good enough, see the Q3 review",
        "Falls short: see SUPOPS-431 and the v0.4 notes",
        # qa9c #2: numbers, but no score
        "We tried it with 2 people over 3 weeks; the team felt it was fine.",
        "Version 2 of the rules, shipped 2026-11-01, looked fine in 1 meeting.",
    ],
)
def test_a_result_without_a_number_decides_nothing_and_check_says_why(
    example: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    run(capsys, "set", str(example), "gate", "heuristic_result", text)
    run(capsys, "set", str(example), "gate", "existing_model_result", text)
    gate = gate_json(capsys, example)
    assert gate["verdict"] is None and gate["leaning"] is not None
    assert gate["missing"] == ["heuristic_result", "existing_model_result"]
    assert gate["without_number"] == ["heuristic_result", "existing_model_result"]
    assert gate["basis"] == "opinion" and gate["opinion_only"].startswith(WARNING)
    assert "with its score" in gate["opinion_only"]
    everything = said(gate)
    for words in (*MEASURED_WORDS, *MODEL_WORDS):
        assert words not in everything, words
    assert any("no result with its score is written" in r for r in gate["reasons"])
    findings = [line for line in check(capsys, example).splitlines() if "MLD026" in line]
    assert len(findings) == 2
    assert "Heuristic result (heuristic_result) states no measured score" in findings[0]
    assert "Existing model result (existing_model_result) states no measured score" in findings[1]
    monkey_out = run(capsys, "show", str(example), "gate")
    shown = " ".join(monkey_out.replace("│", " ").split())
    assert "Heuristic result states no measured score" in shown
    assert "A measured heuristic falls short" not in shown
    # With a number, the measurement counts again.
    run(capsys, "set", str(example), "gate", "heuristic_result", "12 of 300 routed right")
    run(capsys, "set", str(example), "gate", "existing_model_result", "81% precision")
    gate = gate_json(capsys, example)
    assert gate["verdict"] is not None and gate["basis"] == "points"
    assert gate["without_number"] == [] and gate["opinion_only"] is None
    assert "A measured heuristic falls short" in " ".join(gate["reasons"])
    assert "MLD026" not in check(capsys, example)


def test_a_cleared_result_leaves_no_measured_reason_behind(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA #2 "Also": with the result cleared, the pending verdict says no result is written,
    and neither its reasons nor its ruled-out lines speak of the measurement."""
    run(capsys, "set", str(example), "gate", "heuristic_result", "--clear")
    run(capsys, "set", str(example), "gate", "existing_model_result", "--clear")
    gate = gate_json(capsys, example)
    assert gate["verdict"] is None and gate["basis"] == "opinion"
    assert gate["without_number"] == []
    everything = said(gate)
    for words in (*MEASURED_WORDS, *MODEL_WORDS):
        assert words not in everything, words
    assert "MLD026" not in check(capsys, example)


GATE = load_specs().gate


def result_without_number(text: str) -> list[str]:
    """The gate's results that count as not written when the heuristic's result is ``text``."""
    assert GATE is not None
    return unmeasured_answers(GATE, {"heuristic_tried": "falls-short", "heuristic_result": text})


@pytest.mark.parametrize(
    "text",
    [
        "0.87 top-1 on 2,400 tickets",
        "81% precision",
        "12 of 300",
        "Accuracy at least ninety percent",
        "The 40 velocity rules: .31 precision on the Q2 chargebacks.",
        "Spike MLR-57 (September 2026): 0.81 top-1 accuracy",
        "Read `eval.json`: 12 of 300 misrouted",
    ],
)
def test_a_measurement_carries_a_number(text: str) -> None:
    assert result_without_number(text) == []


@pytest.mark.parametrize(
    "text",
    [
        NO_NUMBER,
        "Better than version 2 of the rules",
        "Improve accuracy, see Q3 review",
        "v1.2 of the rules, per the Q3 review",
        "Measured on 2026-12-06, see issue #12",
        "Run on 2026-11-02 by GPT-4",
        "The score is in `eval_2.json` and at https://grafana.example.com/d/42",
    ],
)
def test_a_name_a_version_or_a_date_is_not_a_number(text: str) -> None:
    assert result_without_number(text) == ["heuristic_result"]


QA9C_ANSWERS = [
    ("expert_rule", "mostly"),
    ("patterns", "a-handful"),
    ("stability", "stable"),
    ("input_type", "few-fields"),
    ("labelled_data", "thousands"),
    ("explanation", "no"),
    ("error_cost", "low"),
    ("gain_needed", "large-gain-needed"),
    ("would_pay", "likely"),
    ("heuristic_tried", "good-enough"),
    ("existing_model", "none"),
]
GOOD_ENOUGH = "A heuristic was measured and is good enough"


@pytest.mark.parametrize(
    "text",
    [
        "We tried it with 2 people over 3 weeks; the team felt it was fine.",
        "Version 2 of the rules, shipped 2026-11-01, looked fine in 1 meeting.",
    ],
)
def test_a_head_count_a_duration_or_a_meeting_is_not_a_measurement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """qa9c #2, as the tester ran it: a fresh document whose gate says a rule was tried and
    judged good enough, with a result that counts people, weeks or meetings. The exported
    verdict stays pending (it said "A rule will do: a heuristic was measured and is good
    enough"), check reports MLD026 and the lint MLD103 says a score is missing; with a score
    the measurement decides."""
    path = tmp_path / "g.toml"
    run(capsys, "new", str(path), "--no-input")
    for qid, value in QA9C_ANSWERS:
        run(capsys, "set", str(path), "gate", qid, value)
    run(capsys, "set", str(path), "gate", "heuristic_result", text)
    exported = run(capsys, "export", str(path))
    block = exported[exported.index("> **Should this be ML at all?") :].split("\n>\n")[0]
    assert "A rule will do" not in block and GOOD_ENOUGH not in exported
    assert "pending" in block and "Heuristic result states no measured score" in block
    found = check(capsys, path)
    assert "MLD026" in found and "Heuristic result (heuristic_result) states no measured" in found
    assert "no measured score in the answer; heuristic result needs one" in found  # MLD103
    gate = gate_json(capsys, path)
    assert gate["verdict"] is None and gate["without_number"] == ["heuristic_result"]
    # The same result with its score decides: the rule will do, and nothing is reported.
    run(capsys, "set", str(path), "gate", "heuristic_result", text + " It routed 412 of 450 right.")
    exported = run(capsys, "export", str(path))
    assert GOOD_ENOUGH in exported
    assert gate_json(capsys, path)["verdict"] == "heuristic"
    found = check(capsys, path)
    assert "MLD026" not in found and "no measured score" not in found
