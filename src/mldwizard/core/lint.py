"""The lint for weak answers: deterministic checks on the text of answers, one place for
every rule. What each rule reads and says is data (:mod:`mldwizard.core.lint_rules`);
here is how each ``check`` reads the answers.

A finding belongs to one answer (a step's question). One silenced for that answer, with a
reason (``silenced`` in the step's table), is still found but marked. A silence holds for the
answer it was given for (its fingerprint): once the answer changes, the finding shows again.
A silence whose finding is gone, or whose answer changed, is stale (``check`` and ``lint``
say so, MLD120).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .document import Document, StepState
from .lint_rules import LintRule, LintRules, LintSeverity, builtin_rules
from .lint_silence import Silence, answer_fingerprint
from .lint_text import (
    answer_text,
    found_phrases,
    found_words,
    has_date,
    has_number,
    iso_dates,
    prose,
)
from .scores import WHAT_COUNTS, has_measured_score
from .specs import Question, Specs, StepSpec

TEXT_KINDS = frozenset({"text", "long_text", "list"})
HANDLE_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class LintFinding:
    code: str
    severity: LintSeverity
    step: str
    question: str
    message: str
    """What was found, in the rule's words, without the question's name."""
    fix: str
    silenced: Silence | None = None

    def hint(self) -> str:
        """Under the answer: ``MLD101 a placeholder ...: TBD. Write what is known ...``."""
        return f"{self.code} {self.message}. {self.fix}"


@dataclass
class LintContext:
    doc: Document
    specs: Specs
    today: dt.date
    rules: LintRules = field(default_factory=builtin_rules)

    def answer(self, ref: str) -> Any:
        """The answer at 'step-slug.question_id' (None when there is none), without adding
        an empty chapter to the document."""
        slug, _, qid = ref.partition(".")
        state = self.state(slug)
        return state.answers.get(qid) if state is not None else None

    def state(self, slug: str) -> StepState | None:
        if slug in ("gate", "feasibility"):
            return self.doc.step(slug)
        return self.doc.chapters.get(slug)


Found = str | None
CheckFn = Callable[[LintRule, LintContext, StepSpec, Question, str], Found]


def _placeholder(rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str) -> Found:
    words = found_words(text, rule.words)
    return ", ".join(words) if words else None


def _solution_words(
    rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str
) -> Found:
    if f"{step.slug}.{q.id}" not in rule.questions:
        return None
    words = found_phrases(text, rule.words, rule.patterns)
    return ", ".join(repr(w) for w in words) if words else None


def _expects(rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str) -> Found:
    if q.expects == "number" and not has_number(text):
        return f"no number in the answer; {q.title.lower()} needs one"
    if q.expects == "score" and not has_measured_score(text):
        return f"no measured score in the answer; {q.title.lower()} needs one ({WHAT_COUNTS})"
    if q.expects == "date" and not has_date(text):
        return f"no date in the answer; {q.title.lower()} needs one"
    return None


def _short_answer(
    rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str
) -> Found:
    assert rule.max_chars and rule.ratio and rule.min_others  # checked on load
    if q.kind != "long_text" or q.is_notes or not q.required_at(ctx.doc.stage):
        return None
    length = len(" ".join(text.split()))
    if length > rule.max_chars:
        return None
    state = ctx.state(step.slug)
    others = [
        len(" ".join(other.split()))
        for other_q in step.questions
        if other_q.id != q.id and other_q.kind == "long_text" and not other_q.is_notes
        for other in [answer_text(state.answers.get(other_q.id)) if state else None]
        if other and other.strip()
    ]
    if len(others) < rule.min_others:
        return None
    median = statistics.median(others)
    if length >= rule.ratio * median:
        return None
    return (
        f"a one-line answer ({length} characters) in a chapter whose other answers run to "
        f"{int(median)} (the median)"
    )


def _past_dates(rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str) -> Found:
    """Each date passed whose line says nothing of what became of it. The chapter's last
    update does not excuse it: the update may have touched another answer, or written the
    past date itself (a typo'd year)."""
    if f"{step.slug}.{q.id}" not in rule.questions:
        return None
    state = ctx.state(step.slug)
    updated = state.updated.date() if state is not None and state.updated else None
    passed = sorted(
        {
            day
            for day, line in iso_dates(text)
            if day < ctx.today and not found_words(line, rule.words)
        }
    )
    if not passed:
        return None
    since = f"last updated {updated.isoformat()}" if updated else "never updated"
    days = ", ".join(d.isoformat() for d in passed)
    return f"{len(passed)} date(s) passed with no word on them (the chapter was {since}): {days}"


def _accuracy_only(
    rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str
) -> Found:
    ref = f"{step.slug}.{q.id}"
    if ref not in rule.questions or not found_words(text, rule.words):
        return None
    texts = {r: answer_text(ctx.answer(r)) or "" for r in rule.questions}
    if found_words("\n".join(texts.values()), rule.other_metrics):
        return None
    if ref != next(r for r, t in texts.items() if found_words(t, rule.words)):
        return None  # said once, on the first answer that names accuracy
    for where in rule.context_questions:
        said = found_words(answer_text(ctx.answer(where)) or "", rule.context_words)
        if said:
            return f"{_title(ctx, where)} says {said[0]!r}"
    for where, values in rule.context_choices.items():
        value = ctx.answer(where)
        if isinstance(value, str) and value in values:
            question = ctx.specs.question_at(where)
            shown = question.label_of(value) if question else value
            return f"{_title(ctx, where)} is {shown!r}"
    return None


def _unknown_person(
    rule: LintRule, ctx: LintContext, step: StepSpec, q: Question, text: str
) -> Found:
    people = ctx.doc.people
    handles = {p.handle.casefold() for p in people}
    names = {p.name.casefold() for p in people if p.name} | {
        p.name.split()[0].casefold() for p in people if p.name.split()
    }
    unknown: list[str] = []
    readable = prose(text)
    for match in HANDLE_MENTION.finditer(readable):
        handle = match.group(1).rstrip("._-")
        if handle.casefold() not in handles:
            unknown.append(f"@{handle}")
    forms = "|".join(r"\s+".join(map(re.escape, f.split())) for f in rule.forms)
    named = re.compile(rf"(?<!\w)(?i:{forms})\s?:?\s([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)")
    not_names = {w.casefold() for w in rule.not_names}
    for match in named.finditer(readable):
        first, last = match.group(1), match.group(2)
        if {first.casefold(), last.casefold()} & not_names:
            continue
        full = f"{first} {last}"
        if full.casefold() not in names and first.casefold() not in names | handles:
            unknown.append(full)
    shown = [_cut(name) for name in dict.fromkeys(unknown)]
    if len(shown) > MAX_NAMES_SHOWN:
        more = len(shown) - MAX_NAMES_SHOWN
        shown = [*shown[:MAX_NAMES_SHOWN], f"and {more} more"]
    return ", ".join(shown) if shown else None


MAX_NAME_CHARS = 40
MAX_NAMES_SHOWN = 5
"""A message names at most this many people, each cut to MAX_NAME_CHARS: an answer can
hold a 5,000-character @handle."""


def _cut(name: str) -> str:
    return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "…"


CHECKS: dict[str, CheckFn] = {
    "placeholder": _placeholder,
    "solution-words": _solution_words,
    "expects": _expects,
    "short-answer": _short_answer,
    "past-dates": _past_dates,
    "accuracy-only": _accuracy_only,
    "unknown-person": _unknown_person,
}


def _title(ctx: LintContext, ref: str) -> str:
    question = ctx.specs.question_at(ref)
    return question.title if question is not None else ref


def lint_question(ctx: LintContext, step: StepSpec, question: Question) -> list[LintFinding]:
    """The findings on one answer (silenced ones marked)."""
    state = ctx.state(step.slug)
    if state is None or question.kind not in TEXT_KINDS:
        return []
    text = answer_text(state.answers.get(question.id))
    if text is None or not text.strip():
        return []
    fingerprint = answer_fingerprint(text)
    silences = {
        s.code: s for s in state.silenced if s.question == question.id and s.holds_for(fingerprint)
    }
    out = []
    for rule in ctx.rules.rule:
        found = CHECKS[rule.check](rule, ctx, step, question, text)
        if found:
            out.append(
                LintFinding(
                    rule.code,
                    rule.severity,
                    step.slug,
                    question.id,
                    rule.message.format(found=found),
                    rule.fix,
                    silences.get(rule.code),
                )
            )
    return out


def lint_step(ctx: LintContext, step: StepSpec) -> list[LintFinding]:
    return [f for q in step.questions for f in lint_question(ctx, step, q)]


def lint_document(ctx: LintContext) -> list[LintFinding]:
    return [f for step in ctx.specs.steps for f in lint_step(ctx, step)]


def stale_silences(
    ctx: LintContext, findings: list[LintFinding]
) -> Iterator[tuple[str, Silence, str]]:
    """(step slug, silence, why) of each silence that silences nothing: its finding is no
    longer found, or the answer changed since it was silenced (the finding shows again)."""
    used = {id(f.silenced) for f in findings if f.silenced is not None}
    for step in ctx.specs.steps:
        state = ctx.state(step.slug)
        if state is None:
            continue
        for silence in state.silenced:
            if id(silence) in used:
                continue
            changed = silence.answer_changed(answer_text(state.answers.get(silence.question)))
            found = any(
                (f.step, f.question, f.code) == (step.slug, silence.question, silence.code)
                for f in findings
            )
            if changed and found:
                why = "the answer changed since it was silenced (the finding shows again)"
            elif changed:
                why = "no longer found there (the answer changed since it was silenced)"
            else:
                why = "no longer found there"
            yield step.slug, silence, why
