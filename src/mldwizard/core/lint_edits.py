"""Silencing a lint finding for one answer, with a reason, and lifting the silence."""

from __future__ import annotations

import datetime as dt

from .document import Document
from .errors import UsageError
from .lint import LintContext, lint_question
from .lint_rules import builtin_rules
from .lint_silence import Silence, answer_fingerprint
from .lint_text import answer_text
from .names import shown_repr
from .specs import Question, Specs, StepSpec


def answer_ref(specs: Specs, ref: str) -> tuple[StepSpec, Question]:
    """The step and question of ``CHAPTER.QUESTION`` (a chapter by number or slug)."""
    chapter, dot, qid = ref.rpartition(".")
    if not dot or not chapter or not qid:
        raise UsageError(
            f"name the answer as CHAPTER.QUESTION (e.g. metrics.target_values), "
            f"not {shown_repr(ref)}"
        )
    step = specs.resolve(chapter)
    question = step.question(qid)
    if question is None:
        ids = ", ".join(q.id for q in step.questions)
        raise UsageError(f"{step.label} has no question {shown_repr(qid)}; its questions: {ids}")
    return step, question


MIN_REASON = 10
"""A reason shorter than this ("x", "ok") says nothing to the next reader."""


def silence(
    doc: Document,
    specs: Specs,
    ref: str,
    code: str,
    reason: str,
    by: str,
    today: dt.date,
) -> Silence:
    """Silence ``code`` for the answer ``ref`` as it is now (its fingerprint is stored: a
    changed answer is linted again): only a finding found there now, and only with a reason
    of a few words. A silence given for an earlier answer is replaced."""
    step, question = answer_ref(specs, ref)
    rule = builtin_rules().by_code(code)
    if rule is None:
        codes = ", ".join(r.code for r in builtin_rules().rule)
        raise UsageError(f"{shown_repr(code)} is not a lint code; the lint's codes: {codes}")
    if not reason.strip():
        raise UsageError(
            f"a silence needs a reason: say why {code} ({rule.title}) does not apply to "
            f"{step.slug}.{question.id}, with --reason TEXT"
        )
    ctx = LintContext(doc, specs, today)
    found = [f for f in lint_question(ctx, step, question) if f.code == code]
    if not found:
        raise UsageError(
            f"{code} ({rule.title}) is not found in {step.slug}.{question.id}: nothing to silence"
        )
    if found[0].silenced is not None:
        raise UsageError(
            f"{code} is already silenced for {step.slug}.{question.id} "
            f"({found[0].silenced.reason!r}); --unsilence it first to give another reason"
        )
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON:
        raise UsageError(
            f"say why {code} ({rule.title}) does not apply to {step.slug}.{question.id} in a "
            f"few words (at least {MIN_REASON} characters), not {shown_repr(reason)}"
        )
    state = doc.step(step.slug)
    text = answer_text(state.answers.get(question.id)) or ""
    made = Silence(
        question=question.id,
        code=code,
        reason=reason,
        by=by,
        on=today,
        answer=answer_fingerprint(text),
    )
    state.silenced = [s for s in state.silenced if (s.question, s.code) != (question.id, code)] + [
        made
    ]
    return made


def unsilence(doc: Document, specs: Specs, ref: str, code: str) -> Silence:
    step, question = answer_ref(specs, ref)
    state = doc.step(step.slug)
    for kept in state.silenced:
        if kept.question == question.id and kept.code == code:
            state.silenced = [s for s in state.silenced if s is not kept]
            return kept
    raise UsageError(f"{code} is not silenced for {step.slug}.{question.id}")
