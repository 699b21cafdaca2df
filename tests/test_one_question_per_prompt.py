"""Every prompt asks one thing: a second question joined with ", and ..." ("Where will the
model run, on which hardware, and why there?") moves into the checklist (``asks``), where the
wizard shows it as "Cover: ...". A choice question's prompt is answered by its choices alone.

Found by the same patterns the reviewer used; a prompt that names alternatives of one
question ("when the model is unavailable, too slow, or judged unsafe") is listed with why."""

from __future__ import annotations

import re

import pytest

from mldwizard.core.specs import Question, load_specs

SPECS = load_specs()
QUESTIONS = [
    pytest.param(q, id=f"{step.slug}.{q.id}") for step in SPECS.steps for q in step.questions
]
JOINED = re.compile(
    r", and |\band (why|how|who|what|when|where|which|does)\b|; |\bor (who|what|which|how)\b"
)
ONE_QUESTION_WITH_ALTERNATIVES = {
    # "X, or Y" names the two sides of one choice, not a second question
    "gate.labelled_data",
    "gate.explanation",
    "problem.robustness_vs_correctness",
}


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_prompt_does_not_join_a_second_question(question: Question) -> None:
    ref = next(f"{s.slug}.{q.id}" for s in SPECS.steps for q in s.questions if q is question)
    if ref in ONE_QUESTION_WITH_ALTERNATIVES:
        return
    assert not JOINED.search(question.prompt), question.prompt


def test_the_interpretability_choices_answer_its_prompt_alone() -> None:
    features = SPECS.get("features")
    assert features is not None
    question = features.question("interpretability")
    assert question is not None and question.kind == "choice"
    assert "whom" not in question.prompt
    assert any("who reads" in ask for ask in question.asks)
