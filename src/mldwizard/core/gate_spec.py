"""The gate's levels and its verdict rules, as the spec (``chapter_specs/gate.toml``) states them.

The verdict is decided in three phases, in this order (see ``core.gate``):

1. ``[[verdict.never]]``: constraints that rule a level out whenever they hold (a heuristic
   measured and found short can never be the verdict);
2. ``[[verdict.decisive]]``: evidence that decides on its own, tried by ``order``; the first
   that holds and names a level not ruled out is the verdict (a heuristic measured good
   enough gives ``heuristic``). A measurement (``measured = true``) is not stopped by a
   constraint that is only an ``estimate`` (an answer saying what a rule could do): the
   measurement overrules it, and the level is no longer ruled out;
3. ``[[verdict.rules]]``: points per level for the cases without decisive evidence; the
   level with most points wins, a tie goes to the simpler level, ``max_level`` caps, a
   ruled-out level never wins; when the caps leave no level that is not ruled out, a cap
   with a ``beyond_cap`` text gives way (the verdict stands on the other answers, on the
   condition the text states), and without one nothing can be built: ``do-not-build``.

Beside the phases, ``[[verdict.notes]]`` are sentences the verdict carries while their
conditions hold (a condition on the verdict, or a contradiction between two answers, which
``check`` reports as MLD025), and ``[[verdict.next_steps]]`` compose the opinion-only
warning from what can be measured with these answers.

A gate question with ``expects = "score"`` (the measured results) counts as answered only
once its answer states a measured score (``core.scores.has_measured_score``: a percentage, a
metric with its value, a share, a rate, an error or latency with its unit; not a head count,
a duration, a meeting, a version or a date): written without one, every rule, note and step
sees it as not written, the verdict waits for it, and ``check`` says why (MLD026).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .conditions import Condition
from .ids import KEBAB

Level = Literal["heuristic", "existing-model", "simple-model", "complex-model", "do-not-build"]
LEVELS: tuple[Level, ...] = (
    "heuristic",
    "existing-model",
    "simple-model",
    "complex-model",
    "do-not-build",
)
LEVEL_LABEL: dict[str, str] = {  # what every face shows for a gate level
    "heuristic": "A rule will do",
    "existing-model": "Use an existing model or API",
    "simple-model": "A simple model",
    "complex-model": "A complex model",
    "do-not-build": "Do not build this",
}
LEVEL_DETAIL: dict[str, str] = {  # what each level means, in a few words
    "heuristic": "a rule or an if-statement",
    "existing-model": "a pretrained model, an API or a product",
    "simple-model": "a linear model or a small tree",
    "complex-model": "boosting or deep learning is justified",
    "do-not-build": "no clear value, or no labels to be had",
}
BuildLevel = Literal["heuristic", "existing-model", "simple-model", "complex-model"]
SCALE: tuple[BuildLevel, ...] = ("heuristic", "existing-model", "simple-model", "complex-model")
"""The levels points are given to, simplest first (a tie goes to the simpler one)."""
ML_LEVELS: frozenset[str] = frozenset({"simple-model", "complex-model"})
"""The levels for which the ML chapters are worth writing."""


def _as_list(value: Any) -> Any:
    """``when`` may be one condition (a table) or several that must all hold (a list)."""
    return [value] if isinstance(value, dict) else value


class GateRule(BaseModel):
    """When ``when`` holds, add ``points`` to levels and/or cap the verdict at ``max_level``."""

    model_config = ConfigDict(extra="forbid")

    when: list[Condition] = Field(
        min_length=1, description="Conditions that must all hold (one table, or a list)."
    )
    points: dict[BuildLevel, int] = Field(default_factory=dict)
    max_level: BuildLevel | None = None
    reason: str = Field(min_length=1)
    reason_measured: str | None = Field(
        None,
        min_length=1,
        description="The reason instead, while a measurement the points use holds "
        "(verdict.measured: a gap already measured), for a reason whose advice would "
        'contradict it ("prove the gap first").',
    )
    beyond_cap: str | None = Field(
        None,
        min_length=1,
        description="With max_level: when every level within the cap is ruled out, the cap "
        "gives way and the verdict stands on the other answers, on the condition this text "
        "states (without it, nothing can be built: do-not-build).",
    )

    @field_validator("when", mode="before")
    @classmethod
    def _when_list(cls, value: Any) -> Any:
        return _as_list(value)

    @model_validator(mode="after")
    def _does_something(self) -> GateRule:
        if not self.points and self.max_level is None:
            raise ValueError("a rule needs 'points' or 'max_level'")
        if self.beyond_cap is not None and self.max_level is None:
            raise ValueError("'beyond_cap' needs 'max_level'")
        return self


class _LevelWhenAll(BaseModel):
    """What decisive and never rules share: a level, and conditions that must all hold."""

    model_config = ConfigDict(extra="forbid")

    level: Level
    when: list[Condition] = Field(
        min_length=1, description="Conditions that must all hold (one table, or a list)."
    )
    reason: str = Field(min_length=1)

    @field_validator("when", mode="before")
    @classmethod
    def _when_list(cls, value: Any) -> Any:
        return _as_list(value)


class DecisiveRule(_LevelWhenAll):
    """Evidence that decides the verdict before any points are summed."""

    id: str = Field(pattern=KEBAB, description="Stable name, shown in status.")
    order: int = Field(
        description="Rules are tried from the lowest order; the first that holds and whose "
        "level is not ruled out decides. Orders are unique."
    )
    measured: bool = Field(
        False, description="The rule rests on a measurement (not on a stated fact)."
    )
    advice: str | None = Field(
        None,
        min_length=1,
        description="What to do next when this rule decides (instead of the level's advice).",
    )
    set_aside: str | None = Field(
        None,
        min_length=1,
        description="What the verdict says when the rule holds but its level is ruled out "
        "(the measurement is set aside; the constraints that ruled it out follow).",
    )


class NeverRule(_LevelWhenAll):
    """A constraint: while ``when`` holds, ``level`` is never the verdict."""

    estimate: bool = Field(
        False,
        description="The constraint rests on an estimate (an answer saying what a system could "
        "do), not on a fact (a law, a measurement, what the system must be): a measurement "
        "that decides for its level overrules it (a note should say the answers contradict "
        "the measurement).",
    )


class GateNote(BaseModel):
    """A sentence the verdict carries among its reasons while ``when`` holds (and, with
    ``levels``, only while the verdict leans to one of them)."""

    model_config = ConfigDict(extra="forbid")

    when: list[Condition] = Field(
        min_length=1, description="Conditions that must all hold (one table, or a list)."
    )
    levels: list[Level] = Field(
        default_factory=list, description="Only for these verdicts (empty: for any)."
    )
    text: str = Field(min_length=1)
    contradiction: bool = Field(
        False,
        description="The answers contradict each other: the note is shown whatever the "
        "verdict, and `check` reports it (MLD025).",
    )

    @field_validator("when", mode="before")
    @classmethod
    def _when_list(cls, value: Any) -> Any:
        return _as_list(value)


class NextStep(BaseModel):
    """One sentence of the opinion-only warning: what to measure next with these answers."""

    model_config = ConfigDict(extra="forbid")

    when: list[Condition] = Field(
        default_factory=list, description="Conditions that must all hold (none: always)."
    )
    level: Level | None = Field(
        None, description="The step measures this level: skipped while it is ruled out."
    )
    fallback: bool = Field(False, description="Used only when no step with a level applies.")
    text: str = Field(min_length=1)

    @field_validator("when", mode="before")
    @classmethod
    def _when_list(cls, value: Any) -> Any:
        return _as_list(value)


class GateVerdictSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[GateRule] = Field(
        min_length=1, description="Points for the cases that no decisive rule settles."
    )
    decisive: list[DecisiveRule] = Field(
        default_factory=list, description="Evidence that decides before points, by 'order'."
    )
    never: list[NeverRule] = Field(
        default_factory=list, description="Levels ruled out while their conditions hold."
    )
    measured: list[list[Condition]] = Field(
        default_factory=list,
        description="Measurements the points use (each one condition, or a list that must "
        "all hold); when none holds and points decide, the verdict rests on opinion only. A "
        "measurement that could only decide, and was set aside, does not count.",
    )
    opinion_only: str = Field(
        "No measurement yet: the verdict rests on opinion only.",
        min_length=1,
        description="What the verdict says first when it rests on opinion only; the next "
        "steps that apply follow.",
    )
    next_steps: list[NextStep] = Field(
        default_factory=list, description="What to measure next, in the opinion-only warning."
    )
    notes: list[GateNote] = Field(
        default_factory=list, description="Sentences the verdict carries while they hold."
    )

    @field_validator("measured", mode="before")
    @classmethod
    def _measured_lists(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_as_list(entry) for entry in value]
        return value

    @model_validator(mode="after")
    def _orders_unique(self) -> GateVerdictSpec:
        seen: dict[int, str] = {}
        for rule in self.decisive:
            if rule.order in seen:
                raise ValueError(
                    f"decisive rules {seen[rule.order]!r} and {rule.id!r} have the same "
                    f"order {rule.order}: give each its own"
                )
            seen[rule.order] = rule.id
        ids = [r.id for r in self.decisive]
        twins = sorted({i for i in ids if ids.count(i) > 1})
        if twins:
            raise ValueError(f"decisive rule id {twins[0]!r} is used twice")
        return self

    def conditions(self) -> list[tuple[str, Condition]]:
        """Every condition with where it stands (for the checks on load)."""
        out: list[tuple[str, Condition]] = []
        for i, r in enumerate(self.rules):
            out += [(f"verdict.rules[{i}]", c) for c in r.when]
        for i, d in enumerate(self.decisive):
            out += [(f"verdict.decisive[{i}] ({d.id})", c) for c in d.when]
        for i, n in enumerate(self.never):
            out += [(f"verdict.never[{i}]", c) for c in n.when]
        for i, all_of in enumerate(self.measured):
            out += [(f"verdict.measured[{i}]", c) for c in all_of]
        for i, s in enumerate(self.next_steps):
            out += [(f"verdict.next_steps[{i}]", c) for c in s.when]
        for i, note in enumerate(self.notes):
            out += [(f"verdict.notes[{i}]", c) for c in note.when]
        return out
