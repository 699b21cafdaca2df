"""The lint's rules, as data: ``chapter_specs/lint/rules.toml`` (codes, severities, wording,
word lists, the questions each check reads, thresholds), loaded and validated here.

Which check a rule runs is named by ``check``; the checks themselves are in
:mod:`mldwizard.core.lint`, the only place that reads answers for the lint.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import SpecError
from .ids import QUESTION_REF
from .lint_silence import LINT_CODE
from .specs import Specs
from .tomlio import read_toml, validation_messages

RULES_FILE = Path("lint") / "rules.toml"
"""Under the built-in specs folder (a subfolder: the loader reads only its top level)."""

Check = Literal[
    "placeholder",
    "solution-words",
    "expects",
    "short-answer",
    "past-dates",
    "accuracy-only",
    "unknown-person",
]
LintSeverity = Literal["error", "warning", "info"]

NEEDS: dict[str, tuple[str, ...]] = {
    "placeholder": ("words",),
    "solution-words": ("words", "questions"),
    "expects": (),
    "short-answer": ("max_chars", "ratio", "min_others"),
    "past-dates": ("questions",),
    "accuracy-only": ("words", "questions", "other_metrics", "context_questions"),
    "unknown-person": ("forms",),
}
"""What each check reads from its rule."""


class LintRule(BaseModel):
    """One rule: a check with its code, severity, wording and what the check reads."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=LINT_CODE, description="Stable: MLD101, MLD102, ...")
    check: Check
    severity: LintSeverity = "warning"
    title: str = Field(min_length=1, description="What the rule finds, a few words.")
    message: str = Field(min_length=1, description="The finding; {found} is what was found.")
    fix: str = Field(min_length=1, max_length=160, description="How to fix it, a hint.")
    words: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(
        default_factory=list,
        description="Regular expressions (case-insensitive) matched like words; solution-words.",
    )
    questions: list[str] = Field(
        default_factory=list, description="'step-slug.question_id' of the answers read."
    )
    other_metrics: list[str] = Field(default_factory=list)
    context_questions: list[str] = Field(default_factory=list)
    context_words: list[str] = Field(default_factory=list)
    context_choices: dict[str, list[str]] = Field(default_factory=dict)
    forms: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(default_factory=list)
    max_chars: int | None = Field(None, ge=1)
    ratio: float | None = Field(None, gt=0, lt=1)
    min_others: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _has_what_it_reads(self) -> LintRule:
        missing = [name for name in NEEDS[self.check] if not getattr(self, name)]
        if missing:
            raise ValueError(f"check {self.check!r} needs {', '.join(missing)}")
        for ref in [*self.questions, *self.context_questions, *self.context_choices]:
            if not re.match(QUESTION_REF, ref):
                raise ValueError(f"name a question as 'step-slug.question_id', not {ref!r}")
        for pattern in self.patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(
                    f"pattern {pattern!r} is not a regular expression: {exc}"
                ) from None
        if "{found}" not in self.message:
            raise ValueError("the message must say what was found: put {found} in it")
        return self


class LintRules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: list[LintRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> LintRules:
        codes = [r.code for r in self.rule]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise ValueError(f"code {twice[0]} is used by two rules")
        return self

    def by_code(self, code: str) -> LintRule | None:
        return next((r for r in self.rule if r.code == code), None)


def load_rules(path: Path) -> LintRules:
    data = read_toml(path, SpecError)
    try:
        return LintRules.model_validate(data)
    except ValidationError as exc:
        raise SpecError("\n".join(f"{path}: {m}" for m in validation_messages(exc))) from None


@functools.cache
def builtin_rules() -> LintRules:
    from .specs_load import builtin_specs_dir

    return load_rules(builtin_specs_dir() / RULES_FILE)


def unknown_questions(rules: LintRules, specs: Specs) -> list[str]:
    """The questions the rules name that the specs do not have (for the tests, and for a
    spec change that renames one)."""
    out = []
    for rule in rules.rule:
        for ref in [*rule.questions, *rule.context_questions, *rule.context_choices]:
            if specs.question_at(ref) is None:
                out.append(f"{rule.code}: {ref}")
    return out
