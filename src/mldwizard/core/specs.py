"""Chapter specs: the wizard's steps and their questions, as data.

Each step is one TOML file in ``chapter_specs/`` (built in) or in an extra folder. The
models here forbid unknown keys, and :func:`load_specs` turns every problem into a
:class:`SpecError` naming the file and, where it applies, the question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from .conditions import Condition
from .errors import UsageError
from .feasibility_spec import ANY_APPROACH_AXES as ANY_APPROACH_AXES
from .feasibility_spec import Axis as Axis
from .feasibility_spec import FeasibilityItemSpec as FeasibilityItemSpec
from .feasibility_spec import FeasibilityRules as FeasibilityRules
from .gate_spec import LEVEL_LABEL as LEVEL_LABEL  # the gate's levels, importable from here
from .gate_spec import LEVELS as LEVELS
from .gate_spec import GateRule as GateRule
from .gate_spec import GateVerdictSpec
from .gate_spec import Level as Level
from .ids import KEBAB, QUESTION_REF, SNAKE
from .kinds import CHOICE_KINDS, Answer, Kind, ValueProblem, check_value
from .names import shown_repr
from .review_model import ReviewPolicy
from .review_spec import ReviewItem
from .stage_gate_spec import STAGE_GATE_PREFIX as STAGE_GATE_PREFIX
from .stage_gate_spec import StageGateItemSpec as StageGateItemSpec
from .stage_gate_spec import Transition as Transition
from .stages import STAGE_LABEL, Stage, reached, stage_index

PROMPT_MAX = 140
"""A prompt is one question, on one line, short enough to read at a glance."""
ASK_MAX = 80
"""An entry of ``asks``: a short point of a checklist, not a second question."""


PARTS: dict[str, str] = {
    "preparations": "Part I. Preparations",
    "early-stage": "Part II. Early stage",
    "intermediate-steps": "Part III. Intermediate steps",
    "integration-and-growth": "Part IV. Integration and growth",
    "additional": "Additional chapters",
}
Part = Literal[
    "preparations", "early-stage", "intermediate-steps", "integration-and-growth", "additional"
]
TITLE_MAX = 60
"""A question's title is a heading in the document: a few words, on one line."""
NOTES_ID = "notes"
"""The id of a step's free-form notes: optional, long text, always the step's last question.
Every chapter gets one (see :func:`notes_question`); a spec may word its own."""


def _one_line(text: str, what: str) -> str:
    if not text.strip():
        raise ValueError(f"{what} is empty")
    if "\n" in text or "\r" in text:
        raise ValueError(f"{what} must be one line")
    if text != text.strip():
        raise ValueError(f"{what} starts or ends with spaces")
    return text


class Choice(BaseModel):
    """One choice of a choice question: the stored value and what people read."""

    model_config = ConfigDict(extra="forbid")

    value: str = Field(min_length=1, description="Stored in the document; never changes.")
    label: str = Field(
        max_length=TITLE_MAX, description="What people read: the wizard, show, the Markdown."
    )

    @field_validator("value", "label")
    @classmethod
    def _one_line(cls, text: str) -> str:
        return _one_line(text, "the text")


# A choice is plain text or a table; the discriminator keeps a broken table's message to
# the table's own problems (not also "expected text").
ChoiceEntry = Annotated[
    Annotated[str, Tag("choice-text")] | Annotated[Choice, Tag("choice-table")],
    Discriminator(lambda v: "choice-text" if isinstance(v, str) else "choice-table"),
]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE, description="Stable snake_case id; the answer's key.")
    title: str = Field(
        max_length=TITLE_MAX,
        description="A short noun phrase: the answer's heading in the document (one line, "
        f"at most {TITLE_MAX} characters, unique within the step).",
    )
    prompt: str = Field(min_length=1, description="The question as the author sees it.")
    help: str = Field(min_length=1, description="Why it matters; what goes wrong if skipped.")
    example: str = Field(min_length=1, description="An example of a good answer.")
    kind: Kind
    required: bool = False
    choices_spec: list[ChoiceEntry] | None = Field(
        None,
        alias="choices",
        description="Values, each a plain string or a table {value = ..., label = ...}; "
        "the document stores the value, people read the label.",
    )
    default: Answer | None = None
    when: Condition | None = Field(
        None,
        description="Shown only when this holds. It may name a question of this step "
        "('question_id') or of another ('step-slug.question_id').",
    )
    asks: list[str] = Field(
        default_factory=list,
        description="What a good answer covers: a short checklist shown under the "
        f"question (each one line, at most {ASK_MAX} characters).",
    )
    from_stage: Stage = Field(
        "design",
        description="The stage from which the question is asked; before it, the wizard "
        "shows it as 'later' and nothing counts it as missing.",
    )
    required_from: Stage | None = Field(
        None,
        description="The stage from which the question is required, when it is asked "
        "earlier but can only be required later (say, planned at design, results from "
        "prototype). 'required = true' means required from 'from_stage'; use one or the "
        "other.",
    )
    builds_on: str | None = Field(
        None,
        pattern=QUESTION_REF,
        description="'step-slug.question_id' of an earlier question this one deepens: "
        "the wizard shows that answer beside this question, the document links to it.",
    )
    expects: Literal["number", "score", "date"] | None = Field(
        None,
        description="What a good answer to a text question holds: 'number' (a metric, "
        "target, budget or cost), 'score' (a measured result: a percentage, a metric with "
        "its value, a share such as 12 of 300, a rate, an error or latency with its unit; "
        "core.scores) or 'date'. An answer without one is a lint finding "
        "(MLD103). Text, long_text and list questions only.",
    )
    chapter: str | None = Field(
        None,
        pattern=KEBAB,
        description="Overlays only: the slug of the chapter this question is added to.",
    )
    applies_to: SkipJsonSchema[Condition | None] = Field(
        None,
        description="Set from an overlay's 'applies_to' when its questions join their "
        "chapters (never in a spec file, so not in the spec's JSON Schema): the question is "
        "shown only when that holds too.",
        exclude=True,
    )

    @field_validator("title")
    @classmethod
    def _title_one_line(cls, text: str) -> str:
        return _one_line(text, "the title")

    @field_validator("builds_on", mode="before")
    @classmethod
    def _builds_on_names_a_step(cls, ref: object) -> object:
        if isinstance(ref, str) and not re.match(QUESTION_REF, ref):
            raise ValueError(
                f"name the earlier question as 'step-slug.question_id' (for example "
                f"'baseline.fallback_behaviour'), not {ref!r}"
            )
        return ref

    @field_validator("asks")
    @classmethod
    def _asks_short(cls, asks: list[str]) -> list[str]:
        for ask in asks:
            _one_line(ask, "an entry of 'asks'")
            if len(ask) > ASK_MAX:
                raise ValueError(
                    f"an entry of 'asks' is {len(ask)} characters (at most {ASK_MAX}): {ask!r}"
                )
        return asks

    @property
    def choices(self) -> list[str] | None:
        """The stored values of a choice question (None for other kinds)."""
        if self.choices_spec is None:
            return None
        return [c if isinstance(c, str) else c.value for c in self.choices_spec]

    @property
    def choice_labels(self) -> dict[str, str]:
        """value -> label; a plain-string choice is its own label."""
        return {
            c if isinstance(c, str) else c.value: c if isinstance(c, str) else c.label
            for c in self.choices_spec or []
        }

    def label_of(self, value: str) -> str:
        """What people read for a stored value (the value itself if it is not a choice)."""
        return self.choice_labels.get(value, value)

    def labelled(self, value: Answer) -> Answer:
        """An answer as people read it: a choice's values replaced by their labels."""
        if self.kind == "choice" and isinstance(value, str):
            return self.label_of(value)
        if self.kind == "multi_choice" and isinstance(value, list):
            return [self.label_of(v) for v in value]
        return value

    def value_of(self, text: str) -> str:
        """The stored value for typed text: a value as is, or the value of a label typed
        exactly (case and spacing aside). Labels never collide with other values or labels
        (checked on load), so this is unambiguous; anything else is returned unchanged."""
        labels = self.choice_labels
        if text in labels:
            return text
        folded = _fold(text)
        found = [value for value, label in labels.items() if _fold(label) == folded]
        return found[0] if len(found) == 1 else text

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        choices = self.choices
        if self.kind in CHOICE_KINDS:
            if not choices:
                raise ValueError(f"a {self.kind} question needs 'choices'")
            if len(set(choices)) != len(choices):
                raise ValueError("'choices' repeats a value")
            _check_labels(self.choice_labels)
        elif choices is not None:
            raise ValueError(f"a {self.kind} question takes no 'choices'")
        if self.expects is not None and self.kind not in ("text", "long_text", "list"):
            raise ValueError(
                f"'expects' is for text, long_text and list questions; a {self.kind} "
                "question's kind already says what its answer is"
            )
        if self.required_from is not None:
            if self.required:
                raise ValueError("use 'required = true' or 'required_from', not both")
            if not reached(self.required_from, self.from_stage):
                raise ValueError(
                    f"'required_from' ({self.required_from}) is before 'from_stage' "
                    f"({self.from_stage}): a question cannot be required before it is asked"
                )
        if self.default is not None:
            try:
                check_value(self.kind, self.default, choices)
            except ValueProblem as exc:
                raise ValueError(f"'default' does not fit the kind: {exc}") from None
        return self

    def visible(self, answers: Mapping[str, Any]) -> bool:
        """Whether its conditions hold. ``answers`` is the step's answers; a condition on
        another step's question looks up ``'step-slug.question_id'`` in it, so pass a
        mapping that resolves those (see ``core.context``) where such conditions exist."""
        if self.applies_to is not None and not self.applies_to.holds(answers):
            return False
        return self.when is None or self.when.holds(answers)

    def asked_at(self, stage: Stage) -> bool:
        """Whether the question is asked at this stage (before it: 'later')."""
        return reached(stage, self.from_stage)

    def required_at(self, stage: Stage) -> bool:
        """Whether the question is required at this stage."""
        if self.required:
            return reached(stage, self.from_stage)
        return self.required_from is not None and reached(stage, self.required_from)

    @property
    def ever_required(self) -> bool:
        """Required at some stage (the 'required' mark of the specs listing)."""
        return self.required or self.required_from is not None

    def stage_note(self) -> str:
        """When the question is asked and required, in words; empty for the usual case
        (asked from design, required or not from the start)."""
        parts = []
        if self.from_stage != "design":
            parts.append(f"asked from {STAGE_LABEL[self.from_stage].lower()}")
        if self.required_from is not None:
            parts.append(f"required from {STAGE_LABEL[self.required_from].lower()}")
        return ", ".join(parts)

    @property
    def is_notes(self) -> bool:
        """The step's free-form notes: never required, never counted as missing or as
        progress, never listed as an open question."""
        return self.id == NOTES_ID


def notes_question() -> Question:
    """The notes every chapter gets at its end, unless its spec words its own."""
    return Question(
        id=NOTES_ID,
        title="Other notes",
        prompt="What else should a reader of this chapter know?",
        help="Optional. A dependency on another team, a decision put off (until when, and "
        "who takes it), a risk someone raised: what the reader should know and no question "
        "asks.",
        example="Decision put off: whether dispatchers keep seeing the model's top two "
        "suggestions after version one. mira decides at the February routing review, from "
        "how often dispatchers accepted the first suggestion during the human-in-the-loop "
        "stage.",
        kind="long_text",
    )


def _check_labels(labels: dict[str, str]) -> None:
    """Every label names one choice: not another choice's label, nor another's value."""
    seen: dict[str, str] = {}
    for value, label in labels.items():
        other = seen.get(_fold(label))
        if other is not None:
            raise ValueError(f"choices {other!r} and {value!r} have the same label {label!r}")
        seen[_fold(label)] = value
    for value in labels:
        owner = seen.get(_fold(value))
        if owner is not None and owner != value:
            raise ValueError(
                f"the label {labels[owner]!r} of choice {owner!r} reads like the value {value!r}"
            )


class StepSpec(BaseModel):
    """One step of the wizard: a chapter, the gate or the feasibility checklist."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=KEBAB)
    kind: Literal["chapter", "gate", "feasibility", "stage-gate", "overlay"] = Field(
        "chapter",
        description="'overlay': not a step but questions added to chapters (each names its "
        "'chapter') when 'applies_to' holds, e.g. for systems built on a language model. "
        f"'stage-gate': what must hold before the project moves to its next stage (a slug "
        f"starting with {STAGE_GATE_PREFIX!r}, a 'transition' and [[criteria]]).",
    )
    number: int | None = Field(None, ge=1, description="Chapter number (chapters only).")
    title: str = Field(min_length=1)
    part: Part | None = Field(None, description="Defaults to the part of the step before.")
    after: str | None = Field(None, description="Slug of the step this one follows.")
    intro: str = Field(min_length=1, description="What the step is for, shown first.")
    questions: list[Question] = Field(
        default_factory=list,
        description=f"A chapter ends with an optional long_text question {NOTES_ID!r} "
        "('Other notes'), added when loaded; a spec may define it itself to word it "
        "differently (long_text, not required, no condition, the last question).",
    )
    verdict: GateVerdictSpec | None = None
    items: list[FeasibilityItemSpec] = Field(default_factory=list)
    verdict_rules: FeasibilityRules | None = Field(
        None, description="The feasibility checklist only: thresholds and what else it reads."
    )
    transition: Transition | None = Field(
        None,
        description="Stage gates only: the move it guards, e.g. {from = 'prototype', "
        "to = 'pilot'}.",
    )
    criteria: list[StageGateItemSpec] = Field(
        default_factory=list,
        description="Stage gates only: what must hold before the move, each marked like a "
        "feasibility item (Met with evidence, or a gap with owner, condition and due date).",
    )
    applies_to: Condition | None = Field(
        None,
        description="Overlays only: when their questions are shown, a condition on "
        "another step's question ('step-slug.question_id').",
    )
    review: list[ReviewItem] = Field(
        default_factory=list,
        description="What a reviewer checks in this step (an overlay's items name their "
        "'chapter').",
    )
    review_policy: ReviewPolicy | None = Field(
        None, description="What approving this step takes, beyond the document's policy."
    )

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Specs:
    """The loaded steps in wizard order, each with its resolved part."""

    steps: tuple[StepSpec, ...]
    parts: dict[str, str]  # slug -> part id
    overlays: tuple[StepSpec, ...] = ()
    """The overlays, as loaded (their questions are also in their chapters)."""
    folders: tuple[Path, ...] = ()
    """The folders of extra specs read, as named (a command line to repeat needs them)."""

    def get(self, slug: str) -> StepSpec | None:
        return next((s for s in self.steps if s.slug == slug), None)

    def question_at(self, ref: str) -> Question | None:
        """The question ``'step-slug.question_id'`` names (None: no such step or question)."""
        slug, _, qid = ref.partition(".")
        step = self.get(slug)
        return step.question(qid) if step is not None else None

    def overlay_of(self, chapter: str, qid: str) -> StepSpec | None:
        """The overlay that added question ``qid`` to ``chapter`` (None: the chapter's own)."""
        return next(
            (
                o
                for o in self.overlays
                if any(q.chapter == chapter and q.id == qid for q in o.questions)
            ),
            None,
        )

    @property
    def gate(self) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == "gate"), None)

    @property
    def feasibility(self) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == "feasibility"), None)

    @property
    def stage_gates(self) -> list[StepSpec]:
        """The stage gates, in stage order (the move they guard)."""
        gates = [s for s in self.steps if s.kind == "stage-gate" and s.transition is not None]
        return sorted(gates, key=lambda s: stage_index(s.transition.to) if s.transition else 0)

    def stage_gate_into(self, stage: Stage) -> StepSpec | None:
        """The stage gate a project passes to enter ``stage`` (None: no gate guards it)."""
        return next(
            (s for s in self.stage_gates if s.transition and s.transition.to == stage), None
        )

    @property
    def chapters(self) -> list[StepSpec]:
        return [s for s in self.steps if s.kind == "chapter"]

    def resolve(self, ref: str) -> StepSpec:
        """A step from a number, a slug, ``gate`` or ``feasibility``."""
        key = ref.strip().lower()
        for step in self.steps if key else ():
            if key == step.slug or (step.kind in ("gate", "feasibility") and key == step.kind):
                return step
            if step.number is not None and key == str(step.number):
                return step
        names = ", ".join(f"{s.number} ({s.slug})" if s.number else s.slug for s in self.steps)
        raise UsageError(f"no chapter {shown_repr(ref)}; choose one of: {names}")


# The loader lives in its own module; these names stay importable from here.
from .specs_load import (  # noqa: E402, I001
    builtin_specs_dir as builtin_specs_dir,
    load_specs as load_specs,
    load_step as load_step,
)
