"""Question set v2: every prompt is one short question, checklists hold the sub-points,
chapters are connected by ``builds_on`` and cross-step conditions, and the bundled example
is complete for its stage. Parametrised per step, so a failure names the chapter."""

from __future__ import annotations

import pytest

from mldwizard.core.context import StepAnswers
from mldwizard.core.examples import example_path
from mldwizard.core.kinds import is_answered
from mldwizard.core.specs import ASK_MAX, PROMPT_MAX, Specs, load_specs
from mldwizard.core.storage import load_document

SPECS = load_specs()
QUESTIONS = [
    pytest.param(step, q, id=f"{step.slug}.{q.id}") for step in SPECS.steps for q in step.questions
]


@pytest.mark.parametrize(("step", "question"), QUESTIONS)
def test_every_prompt_is_one_short_question_on_one_line(step: object, question: object) -> None:
    from mldwizard.core.specs import Question

    assert isinstance(question, Question)
    prompt = question.prompt
    assert "\n" not in prompt and "\r" not in prompt, "stored with a line break"
    assert prompt == prompt.strip()
    assert "  " not in prompt, "double space"
    assert len(prompt) <= PROMPT_MAX, f"{len(prompt)} characters: {prompt}"
    assert prompt.endswith("?"), f"not a question: {prompt}"
    assert prompt.count("?") == 1, f"asks more than one thing: {prompt}"
    for ask in question.asks:
        assert len(ask) <= ASK_MAX
        assert not ask.endswith("?"), f"an ask is a point to cover, not a question: {ask}"


def test_the_longest_prompts_moved_their_points_into_asks() -> None:
    """The sub-points that made prompts long were kept as checklists, not dropped."""
    with_asks = [q for s in SPECS.steps for q in s.questions if q.asks]
    assert len(with_asks) >= 60, len(with_asks)


def test_every_reference_across_steps_resolves_to_an_earlier_question() -> None:
    order = [s.slug for s in SPECS.steps]
    refs = 0
    for step in SPECS.steps:
        for q in step.questions:
            for ref in filter(None, [q.builds_on, q.when and q.when.question]):
                if "." not in ref:
                    continue
                refs += 1
                slug, _, qid = ref.partition(".")
                target = SPECS.get(slug)
                assert target is not None and target.question(qid) is not None, ref
                assert order.index(slug) <= order.index(step.slug), ref
    assert refs >= 10, refs


@pytest.mark.parametrize(
    ("later", "earlier"),
    [
        ("integration.fallback_chain", "baseline.fallback_behaviour"),
        ("monitoring.alert_fallbacks", "integration.fallback_chain"),
        ("reporting.offline_proxies", "metrics.offline_online_link"),
        ("datasets.labeled_examples", "gate.labelled_data"),
        ("monitoring.retraining_triggers", "training-pipeline.run_triggers"),
    ],
)
def test_a_later_chapter_builds_on_the_earlier_answer(later: str, earlier: str) -> None:
    slug, _, qid = later.partition(".")
    step = SPECS.get(slug)
    assert step is not None
    question = step.question(qid)
    assert question is not None, later
    assert question.builds_on == earlier


def test_the_bundled_example_is_complete_for_its_stage(specs: Specs) -> None:
    doc = load_document(example_path(), specs)
    missing = []
    for step in specs.steps:
        if step.kind == "feasibility":
            continue
        answers = StepAnswers(doc, step.slug)
        for q in step.questions:
            if (
                q.required_at(doc.stage)
                and q.visible(answers)
                and not is_answered(answers.get(q.id))
            ):
                missing.append(f"{step.slug}.{q.id}")
    assert missing == []
