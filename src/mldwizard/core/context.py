"""A step's answers as conditions see them: its own, and any other step's by full name.

Conditions (``when``, an overlay's ``applies_to``) may name a question of another step as
``'step-slug.question_id'``. :class:`StepAnswers` is the mapping ``core.shown`` (the rule
of what is shown, used by every face) passes to ``Question.visible``: plain keys are the
step's own answers (possibly a working copy being edited), dotted keys are looked up in the
document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .document import Document
from .kinds import is_answered
from .specs import Specs


def answers_of(doc: Document, slug: str) -> dict[str, Any]:
    """The stored answers of a step (empty when it has none yet)."""
    if slug == "gate":
        return doc.gate.answers
    if slug == "feasibility":
        return {}
    state = doc.chapters.get(slug)
    return state.answers if state is not None else {}


class StepAnswers(Mapping[str, Any]):
    """``own`` answers of step ``slug``; ``'other-step.question'`` reads ``doc``."""

    def __init__(self, doc: Document, slug: str, own: Mapping[str, Any] | None = None) -> None:
        self._doc = doc
        self._slug = slug
        self._own = answers_of(doc, slug) if own is None else own

    def __getitem__(self, key: str) -> Any:
        slug, dot, qid = key.partition(".")
        if not dot:
            return self._own[key]
        if slug == self._slug:
            return self._own[qid]
        return answers_of(self._doc, slug)[qid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._own)

    def __len__(self) -> int:
        return len(self._own)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        try:
            self[key]
        except KeyError:
            return False
        return True


def answered_in(doc: Document, specs: Specs) -> Callable[[str], bool]:
    """Whether ``'step-slug.question_id'`` names an answered question of ``doc``."""

    def answered(ref: str) -> bool:
        slug, _, qid = ref.partition(".")
        return specs.get(slug) is not None and is_answered(answers_of(doc, slug).get(qid))

    return answered


def ref_name(specs: Specs) -> Callable[[str], str]:
    """How a reader names the question ``'step-slug.question_id'``: its title and chapter,
    "Business metric (5. Loss functions and metrics)" (a ref the specs do not know, as
    written)."""

    def name(ref: str) -> str:
        slug, _, qid = ref.partition(".")
        step = specs.get(slug)
        question = step.question(qid) if step is not None else None
        if step is None or question is None:
            return ref
        return f"{question.title} ({step.label})"

    return name
