"""The gate against hand-written scenarios (``tests/data/gate_scenarios.toml``): realistic
projects, the answers their teams would give, and the verdict a review board would sign."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core.examples import example_path
from mldwizard.core.gate import evaluate_gate
from mldwizard.core.gate_spec import LEVELS
from mldwizard.core.specs import Specs, StepSpec, load_specs
from mldwizard.core.storage import load_document
from mldwizard.core.verdicts import gate_result

from .gate_answers import with_results

SCENARIOS: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "data" / "gate_scenarios.toml").read_text(encoding="utf-8")
)["scenario"]


@pytest.fixture(scope="module")
def gate(specs: Specs) -> StepSpec:
    assert specs.gate is not None
    return specs.gate


def test_the_table_is_large_and_covers_every_level() -> None:
    assert len(SCENARIOS) >= 40
    names = [s["name"] for s in SCENARIOS]
    assert len(set(names)) == len(names), "scenario names repeat"
    counts = Counter(s["expected"] for s in SCENARIOS)
    assert set(counts) == set(LEVELS), counts
    assert min(counts.values()) >= 5, counts
    for scenario in SCENARIOS:
        keys = {"name", "project", "expected", "why", "answers"}
        assert keys <= set(scenario) <= {*keys, "pending"}, scenario
        assert "\n" not in scenario["why"] and scenario["why"].strip()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(gate: StepSpec, scenario: dict[str, Any]) -> None:
    # A measured choice decides only with its result: a scenario that writes none gets one.
    answers = with_results(scenario["answers"])
    for qid, value in answers.items():
        question = gate.question(qid)
        assert question is not None, f"{scenario['name']}: no gate question {qid!r}"
        if question.choices is not None:
            assert value in question.choices, f"{scenario['name']}: {qid} = {value!r}"
    result = evaluate_gate(gate, answers)
    if "pending" in scenario:
        # A result marked measured that states no score counts as not written (qa9c #2):
        # the verdict waits for it, the answers lean to ``expected`` on opinion only, and no
        # reason speaks of the measurement.
        assert result.verdict is None, f"{scenario['name']}: got {result.verdict}"
        assert result.missing == result.unmeasured == scenario["pending"], result
        assert result.leaning == scenario["expected"], result.reasons
        assert result.basis == "opinion" and result.opinion_only, result
        said = " ".join([*result.reasons, *result.against])
        for words in (" was measured and ", "measured heuristic", "measured on your data"):
            assert words not in said, result.reasons
        return
    assert result.missing == [], f"{scenario['name']}: answer {result.missing}"
    assert result.verdict == scenario["expected"], (
        f"{scenario['name']} ({scenario['project']}): expected {scenario['expected']} "
        f"because {scenario['why']}; got {result.verdict} because {result.reasons}"
    )
    assert result.reasons


def test_the_bundled_story_is_in_the_table_with_the_examples_verdict(gate: StepSpec) -> None:
    specs = load_specs()
    doc = load_document(example_path(), specs)
    result = gate_result(doc, specs)
    assert result is not None
    [story] = [s for s in SCENARIOS if s["name"] == "ticket-routing"]
    assert result.verdict == story["expected"] == "simple-model"
    assert result.basis == "points" and not result.opinion_only
    assert {k: doc.gate.answers[k] for k in story["answers"] if k != "rule_fields_which"} == {
        k: v for k, v in story["answers"].items() if k != "rule_fields_which"
    }


def test_the_bundled_storys_existing_model_answer_matches_its_result() -> None:
    """QA #19: "Falls short on our data" (falls-short) is said of the model the team may
    use and measured; the hosted APIs were ruled out for legal reasons, not measured, and
    the result says so instead of reading as a measurement that was skipped."""
    specs = load_specs()
    answers = load_document(example_path(), specs).gate.answers
    assert answers["existing_model"] == "falls-short"
    result = " ".join(answers["existing_model_result"].split())
    assert "0.90" in result and "300 masked gold tickets" in result  # what was measured
    assert "were not measured" not in result
    assert "hosted APIs were ruled out for legal reasons" in result
