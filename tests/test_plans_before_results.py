"""A question required at design asks for the plan, never for a result: an honest author has
no running system and no measurements yet. Where the result matters too, it is a question of
its own, asked from the stage that can measure it and building on the plan (the reviewer
found four design-stage questions asking for measured gains, measured times or a past
choice)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Question, Specs

# Asked at design: the plan. Each one's prompt and asks must not ask for what was measured.
PLANS = [
    "ownership.complexity_cost",
    "training-pipeline.reproducibility",
    "monitoring.alert_thresholds",
    "serving.latency_breakdown",
]
# (result, the plan it builds on, the first stage it is asked at)
RESULTS = [
    ("ownership.complexity_review", "ownership.complexity_cost", "production"),
    ("serving.latency_measured", "serving.latency_breakdown", "prototype"),
    ("monitoring.alert_review", "monitoring.alert_thresholds", "pilot"),
]
RESULT_WORDS = re.compile(
    r"\b(did|was|were|showed|(have you|you have) measured|measured (gain|times?))\b", re.I
)


def _question(specs: Specs, ref: str) -> Question:
    slug, _, qid = ref.partition(".")
    step = specs.get(slug)
    assert step is not None, ref
    question = step.question(qid)
    assert question is not None, ref
    return question


@pytest.mark.parametrize("ref", PLANS)
def test_a_plan_asked_at_design_does_not_ask_for_results(specs: Specs, ref: str) -> None:
    question = _question(specs, ref)
    assert question.asked_at("design"), ref
    for text in [question.prompt, *question.asks]:
        assert not RESULT_WORDS.search(text), (ref, text)


@pytest.mark.parametrize(("result", "plan", "stage"), RESULTS)
def test_the_result_is_asked_once_it_can_be_measured(
    specs: Specs, result: str, plan: str, stage: str
) -> None:
    question = _question(specs, result)
    assert question.builds_on == plan
    assert not question.asked_at("design") and not question.required_at("design")
    assert question.asked_at(stage)


def test_a_new_design_document_does_not_owe_the_measured_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewer's path: a new document, one answer in ownership and serving, check."""
    path = tmp_path / "d.toml"
    assert main(["new", str(path), "--no-input"]) == 0
    assert main(["set", str(path), "ownership", "bus_factor", "0"]) == 0
    assert main(["set", str(path), "serving", "serving_mode", "online"]) == 0
    capsys.readouterr()
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "complexity_cost" in out and "latency_p99_ms" in out  # the plans are owed
    assert "complexity_review" not in out and "latency_measured" not in out
