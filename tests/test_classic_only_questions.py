"""Questions that only make sense for a model trained on the team's own data (a loss, a
training pipeline, hand-made features, learning curves) step aside when Essentials says the
system is built on a language model (llm, rag or agent): such a document does not owe them,
while a classic document, or one that has not said its kind, still does.

Driven as a user meets it: a new document at the prototype stage, one answer in each
chapter concerned, and ``mldwizard check``'s list of missing answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

# Every question asked only of a classic model, by chapter; those marked * are required by the
# prototype stage, so a classic document at that stage owes them.
CLASSIC_ONLY = {
    "metrics": ["loss_function*"],
    "baseline": ["simple_model*", "simple_model_score*"],
    "error-analysis": ["learning_curves*", "worst_cases*", "bottleneck"],
    "training-pipeline": [
        "pipeline_steps*",
        "tools*",
        "run_triggers",
        "hyperparameter_tuning*",
        "configuration*",
        "scaling*",
        "reproducibility*",
        "pipeline_tests*",
        "packaging_and_promotion",
    ],
    "features": [
        "candidate_features*",
        "feature_bar",
        "importance_methods",
        "selection*",
        "online_offline_skew*",
        "precomputation",
        "feature_contract*",
        "versioning*",
    ],
}
REQUIRED = {
    f"{slug}.{qid.rstrip('*')}"
    for slug, qids in CLASSIC_ONLY.items()
    for qid in qids
    if qid.endswith("*")
}
ALL = {f"{slug}.{qid.rstrip('*')}" for slug, qids in CLASSIC_ONLY.items() for qid in qids}

# One answer in each chapter (none of them classic-only), so that check reports what is missing.
ANSWERS = """
[chapters.metrics.answers]
business_metric = "Share of tickets reassigned at least once."
[chapters.baseline.answers]
constant_baseline = "Everything to the technical queue."
[chapters.error-analysis.answers]
analysis_plan = "Read the 150 worst validation tickets."
[chapters.training-pipeline.answers]
experiment_tracking = "MLflow, one run per job."
[chapters.features.answers]
excluded_features = ["customer name"]
"""


def _owed(tmp_path: Path, kind: str | None, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """'chapter.question' of every required answer check reports missing, for a new document
    at the prototype stage whose kind of system is ``kind`` (None: not said)."""
    path = tmp_path / f"{kind or 'unsaid'}.toml"
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    assert main(["new", str(path), "--no-input"]) == 0
    reason = ["--reason", "Not about the checklist: the questions owed."]
    assert main(["set", str(path), "--stage", "prototype", *reason]) == 0
    if kind is not None:
        assert main(["set", str(path), "essentials", "system_kind", kind]) == 0
    assert main(["set", str(path), "--from", str(answers)]) == 0
    capsys.readouterr()
    main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return {
        f"{finding['chapter']}.{qid}"
        for finding in report["findings"]
        if finding["code"] == "MLD001"
        for qid in finding["details"].get("missing", [])
    }


@pytest.mark.parametrize("kind", ["llm", "rag", "agent"])
def test_a_system_built_on_a_language_model_owes_no_classic_training_answer(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owed = _owed(tmp_path, kind, capsys)
    assert owed & ALL == set()
    # its own counterparts are owed instead
    assert {"metrics.llm_scoring", "training-pipeline.model_adaptation"} <= owed


@pytest.mark.parametrize("kind", ["classic", None])
def test_a_classic_document_or_one_that_has_not_said_still_owes_them(
    tmp_path: Path, kind: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    owed = _owed(tmp_path, kind, capsys)
    assert owed >= REQUIRED
    assert "metrics.llm_scoring" not in owed


def test_every_classic_only_question_says_so_in_its_condition(specs: Specs) -> None:
    for ref in sorted(ALL):
        slug, _, qid = ref.partition(".")
        step = specs.get(slug)
        assert step is not None
        question = step.question(qid)
        assert question is not None, ref
        when = question.when
        assert when is not None and when.question == "essentials.system_kind", ref
        assert set(when.not_in or []) == {"llm", "rag", "agent"}, ref
