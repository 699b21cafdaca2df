"""Question set v2 in chapters 5-8 (metrics, datasets, validation, baseline): the examples
tell the ticket router's story, a model's measured result waits for the prototype, the
fallback is asked whatever was chosen, and the bundled example answers every question and
keeps the guardrails that the reporting chapter used to hold."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core.context import StepAnswers
from mldwizard.core.examples import example_path
from mldwizard.core.kinds import is_answered
from mldwizard.core.specs import NOTES_ID, Specs, load_specs
from mldwizard.core.stages import reached
from mldwizard.core.storage import load_document

SLUGS = ("metrics", "datasets", "validation", "baseline")
SPECS = load_specs()
QUESTIONS = [
    pytest.param(q, id=f"{step.slug}.{q.id}")
    for step in SPECS.steps
    if step.slug in SLUGS
    for q in step.questions
    if q.id != NOTES_ID
]
V1_EXAMPLE = Path(__file__).parent / "data" / "ticket-routing-v1.toml"
# Words only the ticket router's story uses: every example is a model answer for it.
STORY = re.compile(
    r"ticket|queue|gold set|keyword rules|dispatcher|help desk|\b(mira|jonas|carmen|devika)\b",
    re.IGNORECASE,
)


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_example_tells_the_ticket_router_story_first(question: Any) -> None:
    first, *others = question.example.strip().split("\n\n")
    assert STORY.search(first), f"the first paragraph is not about the ticket router: {first}"
    assert not first.startswith("Another case")
    second_cases = [p for p in others if p.startswith("Another case (")]
    assert len(second_cases) <= 1, "at most one second domain"


@pytest.mark.parametrize(
    ("ref", "from_stage", "required_at_design"),
    [
        ("baseline.constant_score", "design", True),  # a constant scores before any model
        ("baseline.heuristic_score", "design", True),  # the rules run today
        ("baseline.simple_model_score", "prototype", False),  # needs a trained model
    ],
)
def test_a_score_is_required_only_once_it_can_be_measured(
    ref: str, from_stage: str, required_at_design: bool
) -> None:
    slug, _, qid = ref.partition(".")
    step = SPECS.get(slug)
    assert step is not None
    question = step.question(qid)
    assert question is not None, ref
    assert question.from_stage == from_stage
    assert question.required_at("design") is required_at_design
    assert question.required_at("prototype")


def test_the_model_score_builds_on_the_model_it_scores() -> None:
    step = SPECS.get("baseline")
    assert step is not None
    score = step.question("simple_model_score")
    assert score is not None and score.builds_on == "baseline.simple_model"


def test_the_fallback_behaviour_is_asked_even_when_there_is_no_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'No fallback' is an answer that still has to say what happens without the model."""
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(example_path(), path)
    code, _, err = cli(capsys, "set", path, "baseline", "fallback_baseline", "none")
    assert code == 0, err
    code, _, err = cli(capsys, "set", path, "baseline", "fallback_behaviour", "--clear")
    assert code == 0, err
    code, out, err = cli(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    missing = [
        f["details"]["missing"]
        for f in json.loads(out)["findings"]
        if f["code"] == "MLD001" and f["chapter"] == "baseline"
    ]
    assert missing == [["fallback_behaviour"]]


def test_the_bundled_example_answers_every_question_of_chapters_5_to_8(specs: Specs) -> None:
    """New questions too, even the optional ones: the example is a model answer for each."""
    doc = load_document(example_path(), specs)
    unanswered = []
    for slug in SLUGS:
        step = specs.get(slug)
        assert step is not None
        answers = StepAnswers(doc, slug)
        for q in step.questions:
            shown = q.visible(answers) and reached(doc.stage, q.from_stage)
            if q.id != NOTES_ID and shown and not is_answered(answers.get(q.id)):
                unanswered.append(f"{slug}.{q.id}")
    assert unanswered == []


def _name(item: str) -> str:
    return item.partition(":")[0].strip()


def test_the_guardrails_keep_what_the_reporting_chapter_asked(specs: Specs) -> None:
    """reporting.control_metrics joined metrics.guardrail_metrics: in the bundled example
    every old guardrail and control metric is still there, with its numbers."""
    old = tomllib.loads(V1_EXAMPLE.read_text(encoding="utf-8"))["chapters"]
    old_metrics = old["metrics"]["answers"]["guardrail_metrics"]
    before = old_metrics + old["reporting"]["answers"]["control_metrics"]
    now = load_document(example_path(), specs).chapters["metrics"].answers["guardrail_metrics"]
    assert isinstance(now, list)
    for item in before:
        matches = [n for n in now if n.startswith(_name(item))]
        assert matches, f"lost: {item}"
        numbers = re.findall(r"\d+(?:\.\d+)?", item)
        assert any(all(n in m for n in numbers) for m in matches), f"changed: {item}"
