"""Checks a loaded document against the specs: every answer must fit its question."""

from __future__ import annotations

from .document import Document, StepState
from .errors import UsageError
from .kinds import ValueProblem, check_value
from .migrate_v2 import moved_pointer
from .names import shown_name, shown_repr
from .specs import Question, Specs, StepSpec


def document_problems(doc: Document, specs: Specs) -> list[str]:
    """``field.path: problem`` for every answer or entry the specs do not accept."""
    problems: list[str] = []
    for slug, state in doc.chapters.items():
        spec = specs.get(slug)
        if spec is None or spec.kind != "chapter":
            problems.append(
                f"chapters.{shown_name(slug)}: no chapter spec {shown_repr(slug)} is loaded "
                "(extra chapters come from --specs DIR or .mldwizard/chapters/ next to the "
                "document)"
            )
            continue
        problems.extend(_answer_problems(f"chapters.{slug}", spec, state))
    gate = specs.gate
    if gate is not None:
        problems.extend(_answer_problems("gate", gate, doc.gate))
    feas = specs.feasibility
    if feas is not None:
        problems.extend(_answer_problems("feasibility", feas, doc.feasibility))
        known = {item.id for item in feas.items}
        for item_id in doc.feasibility.items:
            if item_id not in known:
                problems.append(
                    f"feasibility.items.{shown_name(item_id)}: not an item of the checklist"
                )
    return problems


def _answer_problems(prefix: str, spec: StepSpec, state: StepState) -> list[str]:
    problems = []
    for qid, value in state.answers.items():
        question = spec.question(qid)
        if question is None:
            pointer = moved_pointer(spec.slug, qid)
            problems.append(
                f"{prefix}.answers.{shown_name(qid)}: not a question of {spec.slug!r}"
                + (f": {pointer}" if pointer else "")
            )
            continue
        try:
            check_value(question.kind, value, question.choices, question.choice_labels)
        except ValueProblem as exc:
            problems.append(f"{prefix}.answers.{shown_name(qid)}: {exc}")
    return problems


def check_answer(doc: Document, spec: StepSpec, question: Question, value: object) -> object:
    """Validate one new answer, including that people named are in the document (a
    handle the stored answer already names is kept even when it is not: a face that shows
    it must not have to drop it to save another change; `check` reports it, MLD010)."""
    where = f"{spec.slug}.{question.id}"
    try:
        value = check_value(question.kind, value, question.choices, question.choice_labels)
    except ValueProblem as exc:
        raise UsageError(f"{where}: {exc}") from None
    if question.kind in ("person", "people"):
        handles = [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
        kept = _handles(doc.step(spec.slug).answers.get(question.id))
        unknown = [h for h in handles if doc.person(h) is None and h not in kept]
        if unknown:
            known = ", ".join(p.handle for p in doc.people) or "none yet"
            raise UsageError(
                f"{where}: unknown person {', '.join(map(shown_name, unknown))} (people in the "
                f"document: {known}); add people with `mldwizard person`"
            )
    return value


def _handles(value: object) -> set[str]:
    """The handles a stored person or people answer names."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {str(v) for v in value}
    return set()
