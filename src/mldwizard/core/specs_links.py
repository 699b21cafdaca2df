"""What ties steps together once they are loaded: overlays and references across steps.

* An overlay (``kind = "overlay"``) is not a step: each of its questions names the
  ``chapter`` it joins, and is shown there only when the overlay's ``applies_to`` holds
  (say, ``essentials.system_kind`` is ``llm``).
* A condition may name a question of another step (``when = { question =
  "gate.input_type", ... }``), and ``builds_on`` names the earlier question a question
  deepens. Both must name a question that exists and comes earlier in the wizard, and a
  condition's values must be answers that question can have.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .conditions import Condition
from .errors import SpecError
from .kinds import ValueProblem, check_value
from .specs import NOTES_ID, Question, Specs, StepSpec, _fold


def check_overlay(where: str, step: StepSpec) -> None:
    """What an overlay file must be, before its questions are placed."""
    if step.applies_to is None:
        raise SpecError(
            f"{where}: an overlay needs 'applies_to', a condition on another step's question "
            '(for example applies_to = { question = "essentials.system_kind", in = ["llm"] })'
        )
    if "." not in step.applies_to.question:
        raise SpecError(
            f"{where}: applies_to: name the question as 'step-slug.question_id', "
            f"not {step.applies_to.question!r}"
        )
    if step.number is not None or step.part is not None or step.after is not None:
        raise SpecError(f"{where}: an overlay has no 'number', 'part' or 'after'")
    if step.verdict is not None or step.items:
        raise SpecError(f"{where}: an overlay has no 'verdict' or 'items'")
    if not step.questions:
        raise SpecError(f"{where}: an overlay needs at least one question")
    for q in step.questions:
        if q.chapter is None:
            raise SpecError(
                f"{where}: question {q.id!r}: an overlay's question names the 'chapter' it joins"
            )
        if q.id == NOTES_ID:
            raise SpecError(f"{where}: question {q.id!r}: the id is kept for a step's notes")


def check_no_question_applies_to(where: str, step: StepSpec) -> None:
    """A question gets ``applies_to`` from its overlay, never from its own spec."""
    for q in step.questions:
        if q.applies_to is not None:
            raise SpecError(
                f"{where}: question {q.id!r}: 'applies_to' is set on an overlay (a file with "
                'kind = "overlay"), for all its questions, not on a question; for a condition '
                "of this question alone, use 'when'"
            )


def check_not_overlay(where: str, step: StepSpec) -> None:
    if step.applies_to is not None:
        raise SpecError(f"{where}: only an overlay has 'applies_to'")
    for q in step.questions:
        if q.chapter is not None:
            raise SpecError(
                f"{where}: question {q.id!r}: only an overlay's questions name a 'chapter'"
            )


def apply_overlays(
    specs: Specs, overlays: Iterable[tuple[str, StepSpec]]
) -> dict[tuple[str, str], str]:
    """Add each overlay's questions to their chapters, before the chapter's notes.

    Returns (chapter slug, question id) -> the overlay file that added it, so that a
    problem found later names the file to fix."""
    added_by: dict[tuple[str, str], str] = {}
    for where, overlay in overlays:
        assert overlay.applies_to is not None  # check_overlay made sure
        for question in overlay.questions:
            target = specs.get(question.chapter or "")
            if target is None or target.kind != "chapter":
                chapters = ", ".join(s.slug for s in specs.chapters)
                raise SpecError(
                    f"{where}: question {question.id!r}: 'chapter' = {question.chapter!r} "
                    f"is not a chapter; choose one of: {chapters}"
                )
            if target.question(question.id) is not None:
                raise SpecError(
                    f"{where}: question {question.id!r}: chapter {target.slug!r} already "
                    "has a question with this id"
                )
            twin = next(
                (q for q in target.questions if _fold(q.title) == _fold(question.title)), None
            )
            if twin is not None:
                raise SpecError(
                    f"{where}: question {question.id!r}: title {question.title!r} is already "
                    f"the title of {target.slug}.{twin.id}; titles must differ within a chapter"
                )
            added = question.model_copy(update={"applies_to": overlay.applies_to.model_copy()})
            at = len(target.questions)
            if target.questions and target.questions[-1].id == NOTES_ID:
                at -= 1
            target.questions.insert(at, added)
            added_by[(target.slug, question.id)] = where
        for review in overlay.review:
            target = specs.get(review.chapter or "")
            if target is None or target.kind != "chapter":
                chapters = ", ".join(s.slug for s in specs.chapters)
                raise SpecError(
                    f"{where}: review item {review.id!r}: 'chapter' = {review.chapter!r} "
                    f"is not a chapter; choose one of: {chapters}"
                )
            if any(r.id == review.id for r in target.review):
                raise SpecError(
                    f"{where}: review item {review.id!r}: chapter {target.slug!r} already "
                    "has a review item with this id"
                )
            target.review.append(
                review.model_copy(update={"applies_to": overlay.applies_to.model_copy()})
            )
            added_by[(target.slug, f"review:{review.id}")] = where
    return added_by


def check_references(
    specs: Specs, where_of: dict[str, str], added_by: dict[tuple[str, str], str]
) -> None:
    """Every condition across steps, overlay condition and ``builds_on`` resolves to a
    question that comes earlier, and a condition's values fit that question.

    ``where_of``: step slug -> its file; ``added_by``: (chapter, question) -> the overlay
    file of a question an overlay added (a problem of that question is the overlay's)."""
    for step in specs.steps:
        for question in step.questions:
            where = added_by.get((step.slug, question.id)) or where_of.get(step.slug, "built-in")
            when = question.when
            if when is not None and ("." in when.question or question.applies_to is not None):
                # An overlay question's plain id names a question of the chapter it joins.
                ref = when.question if "." in when.question else f"{step.slug}.{when.question}"
                _check_ref(specs, where, step, question, ref, "condition", when.question)
                _check_values(specs, where, step, question, when, ref, "condition")
            if question.applies_to is not None:
                ref = question.applies_to.question
                _check_ref(specs, where, step, question, ref, "applies_to")
                _check_values(specs, where, step, question, question.applies_to, ref, "applies_to")
            if question.builds_on is not None:
                _check_ref(specs, where, step, question, question.builds_on, "builds_on")
        for review in step.review:
            where = added_by.get((step.slug, f"review:{review.id}")) or where_of.get(
                step.slug, "built-in"
            )
            for ref in review.questions:
                _check_review_ref(specs, where, step, review.id, ref)
        if step.verdict is not None:
            _check_verdict_refs(specs, where_of.get(step.slug, "built-in"), step)
        rules = step.verdict_rules
        for slug in rules.deliverables if rules else ():
            if specs.get(slug) is None:
                where = where_of.get(step.slug, "built-in")
                raise SpecError(f"{where}: verdict_rules.deliverables: no step {slug!r}")


def _check_verdict_refs(specs: Specs, where: str, step: StepSpec) -> None:
    """The gate's verdict conditions that name another step's question: an earlier step's,
    with values that fit it."""
    assert step.verdict is not None
    order = [s.slug for s in specs.steps]
    for place, when in step.verdict.conditions():
        slug, dot, qid = when.question.partition(".")
        if not dot:
            continue
        label = f"{where}: {place}: question {when.question!r}"
        target = specs.get(slug)
        if target is None:
            raise SpecError(f"{label} names an unknown step {slug!r}")
        if target.question(qid) is None:
            raise SpecError(f"{label} names an unknown question of {slug!r}")
        if slug == step.slug or order.index(slug) > order.index(step.slug):
            raise SpecError(f"{label} must name a question of an earlier step")
        check_condition_values(where, place, target, when.model_copy(update={"question": qid}))


def _check_review_ref(specs: Specs, where: str, step: StepSpec, item: str, ref: str) -> None:
    """A review item's question is one of its step's, or 'step-slug.question_id' of any."""
    slug, dot, qid = ref.partition(".")
    if not dot:
        slug, qid = step.slug, ref
    label = f"{where}: review item {step.slug}.{item}: question {ref!r}"
    target = specs.get(slug)
    if target is None:
        raise SpecError(f"{label} names an unknown step {slug!r}")
    if target.question(qid) is None:
        known = ", ".join(q.id for q in target.questions)
        has = f"it has: {known}" if known else "it has no questions"
        raise SpecError(f"{label} names an unknown question of {slug!r} ({has})")


def _check_ref(
    specs: Specs,
    where: str,
    step: StepSpec,
    question: Question,
    ref: str,
    what: str,
    written: str | None = None,
) -> None:
    slug, _, qid = ref.partition(".")
    shown = repr(ref) if written in (None, ref) else f"{written!r} (in chapter {slug!r})"
    label = f"{where}: question {step.slug}.{question.id}: {what} {shown}"
    target = specs.get(slug)
    if target is None:
        raise SpecError(f"{label} names an unknown step {slug!r}")
    named = target.question(qid)
    if named is None:
        known = ", ".join(q.id for q in target.questions)
        has = f"it has: {known}" if known else "it has no questions"
        raise SpecError(f"{label} names an unknown question of {slug!r} ({has})")
    if named is question:
        raise SpecError(f"{label} names the question itself")
    order = [s.slug for s in specs.steps]
    if order.index(slug) > order.index(step.slug):
        raise SpecError(f"{label} names a question of a later step; it must come earlier")
    if slug == step.slug and step.questions.index(named) > step.questions.index(question):
        raise SpecError(f"{label} names a later question of the same step; it must come earlier")


def _check_values(
    specs: Specs,
    where: str,
    step: StepSpec,
    question: Question,
    when: Condition,
    ref: str,
    what: str,
) -> None:
    slug, _, qid = ref.partition(".")
    target = specs.get(slug)
    assert target is not None  # _check_ref made sure
    local = when.model_copy(update={"question": qid})
    label = f"question {step.slug}.{question.id}: {what} {when.question!r}"
    check_condition_values(where, label, target, local)


def check_condition_values(path: Path | str, where: str, step: StepSpec, when: Condition) -> None:
    """A condition's values must be answers its question can have, or it never holds."""
    question = step.question(when.question)
    if question is None or when.answered is not None:
        return
    if when.equals is not None:
        values = [when.equals]
    else:
        values = list(when.in_ if when.in_ is not None else when.not_in or [])
    for value in values:
        if question.choices is not None:
            if value not in question.choices:
                raise SpecError(
                    f"{path}: {where}: {value!r} is not a choice of {question.id!r} "
                    f"({', '.join(question.choices)})"
                )
            continue
        kind = "list" if question.kind in ("list", "people") else question.kind
        try:
            check_value(kind, [value] if kind == "list" else value, None)
        except ValueProblem as exc:
            raise SpecError(
                f"{path}: {where}: value {value!r} cannot match {question.id!r}: {exc}"
            ) from None
