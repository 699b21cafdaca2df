"""Conditions in words, for people: "Inputs (gate) is Unstructured (text, images, audio)".

A condition names a question by id (``input_type``, or ``gate.input_type`` for another
step's) and compares stored values (``unstructured``). Every face says it with the
question's title, the step's label when it is another step's, and the choices' labels:
the specs listing, the wizard's help, the Markdown draft. The words are made here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .conditions import Condition, Scalar
from .specs import Question, Specs, StepSpec

MULTI_KINDS = ("multi_choice", "list", "people")
"""Kinds holding several values: a condition holds when one of them matches."""


def _either(words: list[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``; each in quotes when one has a comma or an "or"
    of its own ("Tried, good enough" or "Tried, falls short")."""
    if len(words) <= 1:
        return "".join(words)
    if any("," in w or " or " in w for w in words):
        words = [f'"{w}"' for w in words]
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _value(question: Question | None, value: Scalar) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return question.label_of(value) if question is not None else value
    return f"{value}"


def named_question(
    when: Condition, specs: Specs, step: StepSpec
) -> tuple[StepSpec, Question | None]:
    """The step and question a condition of a question of ``step`` names."""
    slug, dot, qid = when.question.partition(".")
    if not dot:
        return step, step.question(when.question)
    other = specs.get(slug)
    if other is None:  # the loader refuses such specs; a name is still better than a crash
        return step, None
    return other, other.question(qid)


def step_name(step: StepSpec) -> str:
    """How a condition names another step: its label for a chapter, else its slug."""
    return step.label if step.kind == "chapter" else step.slug


def in_words(when: Condition, specs: Specs, step: StepSpec) -> str:
    """A condition of a question of ``step``, said with titles and labels."""
    named_step, question = named_question(when, specs, step)
    subject = question.title if question is not None else when.question.rpartition(".")[2]
    if named_step.slug != step.slug:
        subject = f"{subject} ({step_name(named_step)})"
    if when.answered is not None:
        return f"{subject} is {'answered' if when.answered else 'not answered'}"
    several = question is not None and question.kind in MULTI_KINDS
    if when.not_in is not None:
        shown = _either([_value(question, v) for v in when.not_in])
        return f"{subject} {'does not include' if several else 'is not'} {shown}"
    values = [when.equals] if when.equals is not None else list(when.in_ or [])
    shown = _either([_value(question, v) for v in values if v is not None])
    return f"{subject} {'includes' if several else 'is'} {shown}"


def shown_when(question: Question, specs: Specs, step: StepSpec) -> str | None:
    """When the question is shown, in words (its overlay's condition first), or None when
    it always is: "Kind of system (1. Essentials) is An agent, and Size is answered"."""
    conditions = [c for c in (question.applies_to, question.when) if c is not None]
    if len(conditions) == 2:
        both = _narrowed(conditions[0], conditions[1], step)
        conditions = [both] if both is not None else conditions
    parts = [in_words(c, specs, step) for c in conditions]
    return ", and ".join(parts) if parts else None


def _narrowed(first: Condition, second: Condition, step: StepSpec) -> Condition | None:
    """Two value tests of one question as one (an overlay's question for only some of the
    kinds its overlay applies to): the values both allow. None when they cannot be merged."""

    def ref(c: Condition) -> str:
        return c.question if "." in c.question else f"{step.slug}.{c.question}"

    if ref(first) != ref(second) or first.answered is not None or second.answered is not None:
        return None
    if first.not_in is not None or second.not_in is not None:
        return None
    allowed = [first.equals] if first.equals is not None else list(first.in_ or [])
    wanted = [second.equals] if second.equals is not None else list(second.in_ or [])
    common = [v for v in allowed if v in wanted]
    if not common:
        return None
    return Condition.model_validate({"question": second.question, "in": common})


def condition_note(
    question: Question, specs: Specs, step: StepSpec, answers: Mapping[str, Any]
) -> str | None:
    """A sentence for a conditional question where it is shown (the draft, the wizard's
    help): when it is asked and, for an answer kept after its condition stopped holding,
    that it no longer is. ``answers``: the step's, resolving other steps' (``StepAnswers``)."""
    words = shown_when(question, specs, step)
    if words is None:
        return None
    if question.visible(answers):
        return f"Asked when {words}."
    return f"Asked when {words}; that is no longer so, and the answer is kept."
