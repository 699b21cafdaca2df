"""Chapters 9, 10 and 12 of question set v2: results are asked only once a model, a running
pipeline or an online test exists, and a version 1 document keeps its reporting answers.

Driven through the bundled example: an author at design time who has written the plan owes
no result; the same document at prototype owes exactly the results it has not recorded."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.context import StepAnswers
from mldwizard.core.examples import example_path
from mldwizard.core.kinds import is_answered
from mldwizard.core.specs import Specs
from mldwizard.core.storage import load_document

V1_EXAMPLE = Path(__file__).parent / "data" / "ticket-routing-v1.toml"
RESULTS = {
    "error-analysis": ["learning_curves", "residual_analysis", "segments", "worst_cases"],
    "training-pipeline": ["scaling"],
}


def _without_results(tmp_path: Path, stage: str) -> Path:
    """The bundled example at ``stage``, with the results of chapters 9 and 10 removed."""
    text = example_path().read_text(encoding="utf-8")
    text = re.sub(r'^stage = "prototype"$', f'stage = "{stage}"', text, count=1, flags=re.M)
    for qid in [*(q for qids in RESULTS.values() for q in qids), "next_iteration"]:
        # each answer is a one-line value, a """...""" text or a [...] list
        pattern = rf'^{qid} = (?:""".*?"""|\[.*?^\]|[^\n]*)\n'
        text, count = re.subn(pattern, "", text, count=1, flags=re.M | re.S)
        assert count == 1, qid
    path = tmp_path / f"{stage}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _missing(path: Path, specs: Specs, slugs: list[str]) -> list[str]:
    doc = load_document(path, specs)
    missing = []
    for slug in slugs:
        step = specs.get(slug)
        assert step is not None
        answers = StepAnswers(doc, slug)
        for q in step.questions:
            owed = q.required_at(doc.stage) and q.visible(answers)
            if owed and not is_answered(answers.get(q.id)):
                missing.append(f"{slug}.{q.id}")
    return missing


def test_a_design_stage_document_with_the_plans_owes_no_results(
    tmp_path: Path, specs: Specs
) -> None:
    path = _without_results(tmp_path, "design")
    assert _missing(path, specs, [*RESULTS, "reporting"]) == []


def test_at_prototype_the_results_are_required(tmp_path: Path, specs: Specs) -> None:
    path = _without_results(tmp_path, "prototype")
    expected = [f"{slug}.{qid}" for slug, qids in RESULTS.items() for qid in qids]
    expected.insert(4, "error-analysis.next_iteration")  # in the chapter's order
    assert _missing(path, specs, list(RESULTS)) == expected


@pytest.mark.parametrize("slug", ["error-analysis", "training-pipeline", "reporting"])
def test_every_result_builds_on_a_plan_asked_earlier(specs: Specs, slug: str) -> None:
    step = specs.get(slug)
    assert step is not None
    later = [q for q in step.questions if q.from_stage != "design"]
    assert later, slug
    for q in later:
        assert not q.required_at("design"), q.id
        assert q.builds_on is not None, q.id
        plan_slug, _, plan_id = q.builds_on.partition(".")
        plan = specs.get(plan_slug)
        assert plan is not None and plan.question(plan_id) is not None, q.builds_on


def test_the_online_test_results_are_asked_in_the_pilot_and_owed_in_production(
    specs: Specs,
) -> None:
    question = specs.resolve("reporting").question("test_results")
    assert question is not None
    assert [question.asked_at(s) for s in ("design", "prototype", "pilot")] == [False, False, True]
    assert [question.required_at(s) for s in ("pilot", "production")] == [False, True]


def test_a_version_1_document_keeps_its_randomisation_unit_and_control_metrics(
    tmp_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.toml"
    shutil.copyfile(V1_EXAMPLE, old)
    v1 = V1_EXAMPLE.read_text(encoding="utf-8")
    old_reporting = v1.split("[chapters.reporting]")[1]
    unit = re.search(r'^split_unit = """\n(.*?)"""', old_reporting, re.M | re.S)
    assert unit is not None
    doc = load_document(old, specs)
    reporting = doc.step("reporting").answers
    assert "split_unit" not in reporting and "control_metrics" not in reporting
    assert reporting["randomisation_unit"].strip() == unit.group(1).strip()
    guardrails = doc.step("metrics").answers["guardrail_metrics"]
    assert any(g.startswith("Sample ratio mismatch") for g in guardrails)
    assert any(g.startswith("CSAT of solved tickets") for g in guardrails)

    md = tmp_path / "old.md"
    assert main(["export", str(old), "-o", str(md)]) == 0, capsys.readouterr().err
    text = md.read_text(encoding="utf-8")
    section = text.split("#### Randomisation unit\n", 1)[1].split("\n#", 1)[0]
    assert "The customer account (company)." in section
