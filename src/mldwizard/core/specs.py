"""Chapter specs: the wizard's steps and their questions, as data.

Each step is one TOML file in ``chapter_specs/`` (built in) or in an extra folder. The
models here forbid unknown keys, and :func:`load_specs` turns every problem into a
:class:`SpecError` naming the file and, where it applies, the question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from .conditions import Condition
from .errors import SpecError, UsageError
from .kinds import CHOICE_KINDS, Answer, Kind, ValueProblem, check_value, is_answered
from .names import shown_repr
from .tomlio import read_toml, validation_messages

SNAKE = r"^[a-z][a-z0-9_]*$"
KEBAB = r"^[a-z][a-z0-9-]*$"

Level = Literal["heuristic", "simple-model", "complex-model"]
LEVELS: tuple[Level, ...] = ("heuristic", "simple-model", "complex-model")
LEVEL_LABEL: dict[str, str] = {  # what every face shows for a gate level
    "heuristic": "A rule will do",
    "simple-model": "A simple model",
    "complex-model": "A complex model",
}
Axis = Literal["value", "data", "technical", "organisation", "ethics-legal"]

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
    when: Condition | None = Field(None, description="Shown only when this holds.")

    @field_validator("title")
    @classmethod
    def _title_one_line(cls, text: str) -> str:
        return _one_line(text, "the title")

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
        if self.default is not None:
            try:
                check_value(self.kind, self.default, choices)
            except ValueProblem as exc:
                raise ValueError(f"'default' does not fit the kind: {exc}") from None
        return self

    def visible(self, answers: dict[str, Any]) -> bool:
        return self.when is None or self.when.holds(answers)

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
        prompt="Anything about this chapter that fits no question above.",
        help="Optional. A dependency on another team, a decision put off (until when, and "
        "who takes it), a risk someone raised: what the reader should know and no question "
        "asks.",
        example="Waiting on the data platform team for read access to the 2024 ticket "
        "archive; promised for the March release. Until then we train on 2025 only.",
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


class GateRule(BaseModel):
    """When ``when`` holds, add ``points`` to levels and/or cap the verdict at ``max_level``."""

    model_config = ConfigDict(extra="forbid")

    when: Condition
    points: dict[Level, int] = Field(default_factory=dict)
    max_level: Level | None = None
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _does_something(self) -> GateRule:
        if not self.points and self.max_level is None:
            raise ValueError("a rule needs 'points' or 'max_level'")
        return self


class GateVerdictSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[GateRule] = Field(min_length=1)


class FeasibilityItemSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE)
    axis: Axis
    text: str = Field(min_length=1, description="The statement that should hold.")
    help: str = Field(min_length=1, description="How to tell whether it is met.")
    critical: bool = False


class StepSpec(BaseModel):
    """One step of the wizard: a chapter, the gate or the feasibility checklist."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=KEBAB)
    kind: Literal["chapter", "gate", "feasibility"] = "chapter"
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

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def visible_questions(self, answers: dict[str, Any]) -> list[Question]:
        """Questions to show: those whose condition holds, and any already answered."""
        return [q for q in self.questions if q.visible(answers) or is_answered(answers.get(q.id))]

    def missing_required(self, answers: dict[str, Any]) -> list[Question]:
        """Required questions that are shown (their condition holds) and not answered."""
        return [
            q
            for q in self.questions
            if q.required and q.visible(answers) and not is_answered(answers.get(q.id))
        ]

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Specs:
    """The loaded steps in wizard order, each with its resolved part."""

    steps: tuple[StepSpec, ...]
    parts: dict[str, str]  # slug -> part id

    def get(self, slug: str) -> StepSpec | None:
        return next((s for s in self.steps if s.slug == slug), None)

    @property
    def gate(self) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == "gate"), None)

    @property
    def feasibility(self) -> StepSpec | None:
        return next((s for s in self.steps if s.kind == "feasibility"), None)

    @property
    def chapters(self) -> list[StepSpec]:
        return [s for s in self.steps if s.kind == "chapter"]

    def resolve(self, ref: str) -> StepSpec:
        """A step from a number, a slug, ``gate`` or ``feasibility``."""
        key = ref.strip().lower()
        for step in self.steps if key else ():
            if key == step.slug or (step.kind != "chapter" and key == step.kind):
                return step
            if step.number is not None and key == str(step.number):
                return step
        names = ", ".join(f"{s.number} ({s.slug})" if s.number else s.slug for s in self.steps)
        raise UsageError(f"no chapter {shown_repr(ref)}; choose one of: {names}")


def builtin_specs_dir() -> Path:
    """``chapter_specs/`` inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "chapter_specs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "chapter_specs"


def load_step(path: Path) -> StepSpec:
    data = read_toml(path, SpecError)
    try:
        step = StepSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(_spec_messages(path, data, exc)) from None
    _check_step(path, step)
    _check_notes(path, step)
    if step.kind == "chapter" and step.question(NOTES_ID) is None:
        notes = notes_question()
        twin = next((q for q in step.questions if _fold(q.title) == _fold(notes.title)), None)
        if twin is not None:
            raise SpecError(
                f"{path}: question {twin.id!r}: title {twin.title!r} is the title of the "
                f"chapter's free notes (question {NOTES_ID!r}, added to every chapter); "
                "choose another"
            )
        step.questions.append(notes)
    return step


def load_specs(extra_dirs: Iterable[Path] = (), builtin: Path | None = None) -> Specs:
    """Load the built-in steps, then the extra ones, and put them in wizard order."""
    base_dir = builtin or builtin_specs_dir()
    if not base_dir.is_dir():
        raise SpecError(f"{base_dir}: chapter specs folder not found")
    builtin_steps = [load_step(p) for p in sorted(base_dir.glob("*.toml"))]
    extra_steps: list[tuple[Path, StepSpec]] = []
    for folder in extra_dirs:
        if not folder.is_dir():
            raise SpecError(f"{folder}: not a folder of chapter specs")
        extra_steps.extend((p, load_step(p)) for p in sorted(folder.glob("*.toml")))
    return _order(builtin_steps, extra_steps)


def _order(builtin: list[StepSpec], extra: list[tuple[Path, StepSpec]]) -> Specs:
    seen: dict[str, str] = {}
    numbers: dict[int, str] = {}
    for where, step in [("built-in", s) for s in builtin] + [(str(p), s) for p, s in extra]:
        if step.slug in seen:
            raise SpecError(f"{where}: step {step.slug!r} is defined twice")
        seen[step.slug] = where
        if step.number is not None:
            if step.number in numbers:
                raise SpecError(
                    f"{where}: chapter number {step.number} is already used by "
                    f"{numbers[step.number]!r}"
                )
            numbers[step.number] = step.slug
    for kind in ("gate", "feasibility"):
        defined = [where for slug, where in seen.items() if _kind_of(slug, builtin, extra) == kind]
        if len(defined) > 1:
            raise SpecError(f"there can be only one {kind} step; defined in: {', '.join(defined)}")
    # Numbered steps in number order; steps with `after` go behind their anchor; the
    # rest are appended in file order (and may themselves be anchors for later ones).
    ordered = sorted((s for s in builtin if s.after is None), key=lambda s: s.number or 0)
    pending = [s for s in builtin if s.after is not None] + [s for _, s in extra]
    appended: set[str] = set()
    while pending:
        _place_anchored(ordered, pending)
        free = next((s for s in pending if s.after is None), None)
        if free is None:
            break
        ordered.append(free)
        pending.remove(free)
        appended.add(free.slug)
    for step in pending:
        where = next((str(p) for p, s in extra if s is step), "built-in")
        if step.after in seen:  # it exists, but is itself waiting to be placed: a cycle
            raise SpecError(
                f"{where}: 'after' = {step.after!r} makes a cycle ({step.slug!r} waits for "
                f"{step.after!r}, which waits, directly or not, for {step.slug!r})"
            )
        raise SpecError(f"{where}: 'after' names unknown step {step.after!r}")
    parts: dict[str, str] = {}
    current = "preparations"
    for step in ordered:
        if step.part is not None:
            current = step.part
        elif step.slug in appended:
            current = "additional"
        parts[step.slug] = current
    return Specs(steps=tuple(ordered), parts=parts)


def _place_anchored(ordered: list[StepSpec], pending: list[StepSpec]) -> None:
    progress = True
    while progress:
        progress = False
        for step in list(pending):
            if step.after is None:
                continue
            anchor = next((i for i, s in enumerate(ordered) if s.slug == step.after), None)
            if anchor is None:
                continue
            # Behind the anchor and behind steps already placed after the same anchor.
            at = anchor + 1
            while at < len(ordered) and ordered[at].after == step.after:
                at += 1
            ordered.insert(at, step)
            pending.remove(step)
            progress = True


def _kind_of(slug: str, builtin: list[StepSpec], extra: list[tuple[Path, StepSpec]]) -> str:
    for step in builtin + [s for _, s in extra]:
        if step.slug == slug:
            return step.kind
    return ""


def _check_step(path: Path, step: StepSpec) -> None:
    ids: set[str] = set()
    titles: dict[str, str] = {}
    for q in step.questions:
        if q.id in ids:
            raise SpecError(f"{path}: question {q.id!r}: duplicate id")
        twin = titles.setdefault(_fold(q.title), q.id)
        if twin != q.id:
            raise SpecError(
                f"{path}: question {q.id!r}: title {q.title!r} is already the title of "
                f"{twin!r}; titles are headings and must differ within a step"
            )
        if q.when is not None:
            if q.when.question == q.id:
                raise SpecError(f"{path}: question {q.id!r}: condition names itself")
            if q.when.question not in ids:
                known = step.question(q.when.question)
                why = "a later question" if known else "an unknown question"
                raise SpecError(
                    f"{path}: question {q.id!r}: condition names {why} {q.when.question!r}"
                )
            _check_condition_values(path, f"question {q.id!r}", step, q.when)
        ids.add(q.id)
    item_ids: set[str] = set()
    for item in step.items:
        if item.id in item_ids:
            raise SpecError(f"{path}: item {item.id!r}: duplicate id")
        item_ids.add(item.id)
    if step.kind == "chapter":
        if not step.questions:
            raise SpecError(f"{path}: a chapter needs at least one question")
        if step.verdict or step.items:
            raise SpecError(f"{path}: only the gate has 'verdict', only feasibility 'items'")
    elif step.kind == "gate":
        if step.verdict is None:
            raise SpecError(f"{path}: the gate needs a [verdict] with rules")
        for i, rule in enumerate(step.verdict.rules):
            if step.question(rule.when.question) is None:
                raise SpecError(
                    f"{path}: verdict.rules[{i}]: names unknown question {rule.when.question!r}"
                )
            _check_condition_values(path, f"verdict.rules[{i}]", step, rule.when)
    elif step.kind == "feasibility" and not step.items:
        raise SpecError(f"{path}: the feasibility checklist needs [[items]]")
    if step.number is not None and step.kind != "chapter":
        raise SpecError(f"{path}: only chapters have a 'number'")


def _check_notes(path: Path, step: StepSpec) -> None:
    """A spec's own ``notes`` question only rewords the free notes every chapter has."""
    notes = step.question(NOTES_ID)
    if notes is None:
        return
    where = f"{path}: question {NOTES_ID!r}"
    why = "the id is kept for a step's free-form notes"
    if notes.kind != "long_text" or notes.required or notes.when is not None:
        raise SpecError(
            f'{where}: {why}, which must be kind = "long_text", not required and without '
            "a condition (rename the question, or drop it: chapters get one by themselves)"
        )
    if notes.default is not None:
        raise SpecError(f"{where}: {why}, which takes no default")
    if step.questions[-1] is not notes:
        raise SpecError(f"{where}: {why}, which must be the last question")


def _check_condition_values(path: Path, where: str, step: StepSpec, when: Condition) -> None:
    """A condition's values must be answers its question can have, or it never holds."""
    question = step.question(when.question)
    if question is None or when.answered is not None:
        return
    values = [when.equals] if when.equals is not None else list(when.in_ or [])
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


def _spec_messages(path: Path, data: dict[str, Any], exc: ValidationError) -> str:
    lines = []
    for line in validation_messages(exc):
        loc, _, msg = line.partition(": ")
        # questions[3].kind -> question 'the_id': kind
        found = re.match(r"^(questions|items)\[(\d+)\]\.?(.*)$", loc)
        if found:
            kind, index, rest = found[1], int(found[2]), found[3]
            entries = data.get(kind) or []
            entry = entries[index] if index < len(entries) else None
            qid = entry.get("id") if isinstance(entry, dict) else None
            noun = "question" if kind == "questions" else "item"
            name = f"{noun} {qid!r}" if isinstance(qid, str) else f"{kind}[{index}]"
            loc = f"{name}{': ' + rest if rest else ''}"
        loc = re.sub(r"\.choice-(text|table)\b", "", loc)
        lines.append(f"{path}: {loc}: {msg}")
    return "\n".join(lines)
