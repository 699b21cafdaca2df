"""What counts at the document's stage: the one rule every face uses.

A question is *shown* when its conditions hold (read with :class:`StepAnswers`, so a
condition on another step's question works) and the document's stage has reached the
question's ``from_stage``; an answered question is always shown, whatever its stage or
condition (nothing typed disappears). A question whose conditions hold but whose stage has
not come is *later*: neither missing nor open nor counted, only mentioned. Of the shown
questions, those ``required_at`` the document's stage are *required*; a required one
without an answer is *missing*.

The functions taking ``(step, answers, stage)`` work on any mapping of answers (the gate's
verdict, a working copy); those taking a document read its stage and its answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .context import StepAnswers
from .document import Document
from .kinds import is_answered
from .specs import Question, Specs, StepSpec
from .stages import Stage


def shown_at(step: StepSpec, answers: Mapping[str, Any], stage: Stage) -> list[Question]:
    """The questions shown at ``stage``: conditions hold and asked by now, or answered."""
    return [
        q
        for q in step.questions
        if is_answered(answers.get(q.id)) or (q.asked_at(stage) and q.visible(answers))
    ]


def later_at(step: StepSpec, answers: Mapping[str, Any], stage: Stage) -> list[Question]:
    """The questions left for a later stage: conditions hold, not asked yet, no answer."""
    return [
        q
        for q in step.questions
        if not q.asked_at(stage) and not is_answered(answers.get(q.id)) and q.visible(answers)
    ]


def required_at(step: StepSpec, answers: Mapping[str, Any], stage: Stage) -> list[Question]:
    """The shown questions required at ``stage`` (a step's notes never are)."""
    return [q for q in shown_at(step, answers, stage) if q.required_at(stage) and not q.is_notes]


def missing_at(step: StepSpec, answers: Mapping[str, Any], stage: Stage) -> list[Question]:
    """The questions required at ``stage`` and not answered."""
    return [q for q in required_at(step, answers, stage) if not is_answered(answers.get(q.id))]


def step_answers(
    doc: Document, step: StepSpec, own: Mapping[str, Any] | None = None
) -> StepAnswers:
    """The step's answers as conditions read them (``own``: a working copy of its own)."""
    return StepAnswers(doc, step.slug, own)


def shown_questions(
    doc: Document, step: StepSpec, own: Mapping[str, Any] | None = None
) -> list[Question]:
    return shown_at(step, step_answers(doc, step, own), doc.stage)


def later_questions(
    doc: Document, step: StepSpec, own: Mapping[str, Any] | None = None
) -> list[Question]:
    return later_at(step, step_answers(doc, step, own), doc.stage)


def required_questions(
    doc: Document, step: StepSpec, own: Mapping[str, Any] | None = None
) -> list[Question]:
    return required_at(step, step_answers(doc, step, own), doc.stage)


def missing_questions(
    doc: Document, step: StepSpec, own: Mapping[str, Any] | None = None
) -> list[Question]:
    return missing_at(step, step_answers(doc, step, own), doc.stage)


def is_required_now(doc: Document, question: Question) -> bool:
    """Whether the question is required at the document's stage (the wizard's ``*``)."""
    return question.required_at(doc.stage)


@dataclass(frozen=True)
class NewlyRequired:
    """A question required at the new stage that was not at the old one."""

    step: StepSpec
    question: Question
    answered: bool


def newly_required(doc: Document, specs: Specs, before: Stage, after: Stage) -> list[NewlyRequired]:
    """What moving from ``before`` to ``after`` makes required, in wizard order (the
    questions whose conditions hold in ``doc``). Moving back makes nothing new required."""
    out = []
    for step in specs.steps:
        answers = step_answers(doc, step)
        for q in step.questions:
            if q.required_at(after) and not q.required_at(before) and q.visible(answers):
                out.append(NewlyRequired(step, q, is_answered(answers.get(q.id))))
    return out


def newly_required_lines(found: list[NewlyRequired]) -> list[str]:
    """ "5. Metrics: Learning curves", one per question ("(answered)" when it is)."""
    return [
        f"{n.step.label}: {n.question.title}" + (" (answered)" if n.answered else "") for n in found
    ]


def reviewed_now_missing(doc: Document, specs: Specs, before: Stage) -> list[str]:
    """Chapters approved or in review that miss, at the document's stage, a required answer
    they did not miss at ``before``: "9. Error analysis is approved but now misses 5
    required answers: review it"."""
    out = []
    for step in specs.steps:
        state = doc.chapters.get(step.slug) if step.kind == "chapter" else None
        if step.slug in ("gate", "feasibility"):
            state = doc.step(step.slug)
        if state is None or state.status not in ("approved", "review"):
            continue
        answers = step_answers(doc, step)
        now = missing_at(step, answers, doc.stage)
        was = {q.id for q in missing_at(step, answers, before)}
        if any(q.id not in was for q in now):
            word = "approved" if state.status == "approved" else "in review"
            many = "answer" if len(now) == 1 else "answers"
            out.append(
                f"{step.label} is {word} but now misses {len(now)} required {many}: review it"
            )
    return out


def stage_change_lines(doc: Document, specs: Specs, before: Stage) -> list[str]:
    """What moving ``doc`` (now at its new stage) from ``before`` means, as ``set --stage``,
    ``set --from`` and the wizard say it: what became required, and the reviewed chapters
    that now miss answers."""
    found = newly_required(doc, specs, before, doc.stage)
    if not found:
        lines = ["Nothing more is required at this stage."]
    else:
        missing = sum(1 for n in found if not n.answered)
        lines = [f"Now required ({len(found)}, {missing} not answered yet):"]
        lines += [f"  {line}" for line in newly_required_lines(found)]
    return lines + reviewed_now_missing(doc, specs, before)


def stage_change_summary(doc: Document, specs: Specs, before: Stage) -> str:
    """``stage_change_lines`` in one sentence, for a notice too short for the list."""
    found = newly_required(doc, specs, before, doc.stage)
    missing = sum(1 for n in found if not n.answered)
    reviewed = len(reviewed_now_missing(doc, specs, before))
    text = f"{len(found)} question(s) now required ({missing} not answered yet)"
    if reviewed:
        text += f"; {reviewed} approved or in-review chapter(s) now miss answers"
    return text
