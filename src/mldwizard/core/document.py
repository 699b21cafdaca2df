"""The design document: pydantic models of the TOML file, the source of truth.

The models are strict about shape (unknown keys are errors, with their path). Whether an
answer fits its question is checked against the specs by :mod:`mldwizard.core.validate`,
because questions are data and can come from extra spec folders.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .kinds import normalize_newlines
from .lint_silence import Silence
from .names import shown_repr
from .review_model import Mark, ReviewPolicy, StepReview
from .specs import Level
from .stages import Stage

# Free text, with line endings normalised (TOML cannot keep CR LF apart from LF).
Text = Annotated[str, AfterValidator(normalize_newlines)]

SCHEMA_VERSION = 2
MAX_REVIEW_INTERVAL_DAYS = 3650  # ten years: past that, "review" means never
HANDLE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
NOT_BLANK = r"\S"

Status = Literal["empty", "draft", "review", "approved"]
ItemStatus = Literal["met", "partial", "not-met", "unknown"]
FeasibilityVerdict = Literal["GO", "CONDITIONAL", "NO-GO", "INCOMPLETE", "PIVOT", "SCOPE-DOWN"]
StageGateVerdict = Literal["GO", "CONDITIONAL", "NO-GO", "INCOMPLETE"]
STAGE_GATE_PREFIX = "stage-gate-"  # the same as core.stage_gate_spec's (checked by a test)
ANSWER_REF = r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    # strict: TOML has native booleans, integers and dates, so a value of another type is
    # a mistake to report, never something to coerce (and write back coerced on the next
    # save): `true` is not 1, "90" is not 90, "2026-01-01" is not a date.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)


class Project(_Strict):
    title: Text = Field(
        min_length=1, pattern=NOT_BLANK, description="The system's name, as the team says it."
    )
    summary: Text = Field("", description="One paragraph: what the system does and for whom.")
    created: dt.date = Field(description="The day the document was started.")


class Person(_Strict):
    handle: str = Field(pattern=HANDLE, description="Unique short name; used in owners.")
    name: Text = Field("", description="Full name.")
    role: Text = Field("", description="Role in the project, e.g. 'ML engineer'.")


def person_label(person: Person) -> str:
    """``ana (Ana Lopez, ML lead)``: how a person is offered in a list."""
    details = ", ".join(x for x in (person.name, person.role) if x)
    return f"{person.handle} ({details})" if details else person.handle


class StepState(_Strict):
    """What every step stores: its answers and who keeps it alive."""

    status: Status = "empty"
    owners: list[str] = Field(default_factory=list, description="Handles from [[people]].")
    updated: AwareDatetime | None = Field(None, description="Last change (set by mldwizard).")
    reviewed: AwareDatetime | None = Field(None, description="Last review by an owner.")
    revision: int = Field(0, ge=0, description="Number of saved changes (set by mldwizard).")
    review_interval_days: int | None = Field(
        None,
        ge=1,
        le=MAX_REVIEW_INTERVAL_DAYS,
        description="Overrides the document's review interval for this step.",
    )
    code_paths: list[str] = Field(
        default_factory=list, description="Globs, relative to the repository root."
    )
    links: list[str] = Field(default_factory=list, description="Tickets, dashboards, ...")
    answers: dict[str, Any] = Field(
        default_factory=dict, description="Answers keyed by question id; see `mldwizard specs`."
    )
    silenced: list[Silence] = Field(
        default_factory=list,
        description="Lint findings (MLD1xx) silenced for one answer, each with its reason.",
    )

    @field_validator("silenced")
    @classmethod
    def _silenced_once(cls, silenced: list[Silence]) -> list[Silence]:
        keys = [(s.question, s.code) for s in silenced]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"{key[1]} is silenced twice for {key[0]}")
        return silenced

    review: StepReview = Field(
        default_factory=StepReview,
        description="Review items marked, comment threads, review rounds and approvals.",
    )

    @field_validator("answers")
    @classmethod
    def _normalise_answers(cls, answers: dict[str, Any]) -> dict[str, Any]:
        return {
            qid: normalize_newlines(v)
            if isinstance(v, str)
            else [normalize_newlines(x) if isinstance(x, str) else x for x in v]
            if isinstance(v, list)
            else v
            for qid, v in answers.items()
        }


class GateState(StepState):
    verdict: Level | None = Field(None, description="Computed from the answers (read only).")
    reasons: list[str] = Field(default_factory=list, description="Why (read only).")
    override: Level | None = Field(None, description="The author's verdict, if different.")
    override_reason: Text | None = Field(None, description="Required with an override.")

    @model_validator(mode="after")
    def _override_has_reason(self) -> GateState:
        if self.override is not None and not (self.override_reason or "").strip():
            raise ValueError("an override needs a written override_reason")
        return self

    @property
    def effective(self) -> Level | None:
        return self.override or self.verdict


class FeasibilityItem(_Strict):
    status: ItemStatus | None = Field(
        None, description="Absent while only evidence is recorded (no verdict counts it yet)."
    )
    note: Text = Field("", description="The evidence for the status.")
    owner: str | None = Field(None, description="Who closes the gap (when not met).")
    condition: Text = Field("", description="What would close the gap (when not met).")
    fatal: bool = Field(False, description="A not-met item that cannot be closed.")
    closable: bool = Field(
        False,
        description="A not-met item the author says can be closed (with owner, condition "
        "and due date); a critical one not closable is a NO-GO.",
    )
    due: dt.date | None = Field(None, description="When the gap is to be closed.")
    waiver: Text = Field(
        "", description="Why a non-critical gap is accepted as it is (waives it for NO-GO)."
    )
    links: list[str] = Field(default_factory=list, description="Evidence: tickets, reports.")
    refs: list[Annotated[str, Field(pattern=ANSWER_REF)]] = Field(
        default_factory=list,
        description="Evidence: answers it rests on, as 'step-slug.question_id'.",
    )
    in_scope: bool = Field(
        False, description="Holds for the checklist's named scope, not for the whole project."
    )
    scope_note: Text = Field(
        "",
        description="Why the item holds within the named scope: without it, in_scope does "
        "not count.",
    )

    @model_validator(mode="after")
    def _says_something(self) -> FeasibilityItem:
        if self.status is None and not (
            self.note.strip() or self.owner or self.condition.strip() or self.links or self.refs
        ):
            raise ValueError("an item needs a status, or at least a note (the evidence so far)")
        if self.fatal and self.closable:
            raise ValueError("an item is either fatal or closable, not both")
        return self

    def has_evidence(self) -> bool:
        """A note, a link or a reference (whether the answer is there is the verdict's
        business: see :func:`mldwizard.core.feasibility.evidence_problem`)."""
        return bool(self.note.strip() or self.links or self.refs)


class FeasibilityState(StepState):
    items: dict[str, FeasibilityItem] = Field(default_factory=dict)
    verdict: FeasibilityVerdict | None = Field(
        None, description="Computed from the items (read only)."
    )
    scope: Text = Field(
        "",
        description="A named subset the team could build now (for SCOPE-DOWN), e.g. "
        "'English tickets from the web form'.",
    )
    moved_despite: Text = Field(
        "",
        description="Why the project moved from design to prototype while the checklist "
        "(or the gate) did not let it: the verdict then, and the reason given (set by "
        "`set --stage prototype --reason TEXT`).",
    )

    def status_of(self, item_id: str) -> ItemStatus | None:
        """The item's status; None when it has none yet (no entry, or only evidence)."""
        item = self.items.get(item_id)
        return item.status if item is not None else None


class StageGateState(StepState):
    """A stage gate's marks: one item per criterion, marked like a feasibility item."""

    items: dict[str, FeasibilityItem] = Field(default_factory=dict)
    verdict: StageGateVerdict | None = Field(
        None, description="Computed from the items (read only)."
    )
    moved_despite: Text = Field(
        "",
        description="Why the project moved past this gate while it did not pass: the "
        "verdict then, and the reason given (set by `set --stage S --reason TEXT`).",
    )

    def status_of(self, item_id: str) -> ItemStatus | None:
        item = self.items.get(item_id)
        return item.status if item is not None else None


class ChangelogEntry(_Strict):
    at: AwareDatetime
    by: str = Field(min_length=1)
    chapter: str | None = Field(None, description="Step slug; absent for project changes.")
    summary: str
    questions: list[str] = Field(default_factory=list)
    note: Text | None = Field(
        None,
        description="An ack's reason: why the chapter still holds (`mldwizard ack`); or the "
        "reason given for a move past a gate that did not pass (`set --stage --reason`).",
    )
    commit: str | None = Field(
        None, description="An ack's git commit: HEAD of the repository when it was recorded."
    )


class Decision(_Strict):
    text: Text = Field(min_length=1)
    step: str | None = Field(None, description="The step being discussed.")
    at: AwareDatetime


class ActionItem(_Strict):
    text: Text = Field(min_length=1)
    owner: str | None = Field(None, description="A handle from [[people]].")
    due: dt.date | None = None
    done: bool = False
    step: str | None = None


class OpenQuestion(_Strict):
    text: Text = Field(min_length=1)
    step: str | None = None


class WorkshopReview(_Strict):
    """A review session held in a workshop: the step the room walked, the reviewer of record
    and what the session recorded (the marks and threads themselves are the step's review)."""

    step: str = Field(description="The step reviewed (its slug).")
    by: str = Field(pattern=HANDLE, description="The reviewer of record.")
    revision: int = Field(0, ge=0, description="The step's revision when the session began.")
    marks: dict[str, Mark] = Field(
        default_factory=dict, description="Review item id -> the room's mark, in this session."
    )
    threads: list[int] = Field(default_factory=list, description="Comments opened (numbers).")
    approved: bool = Field(False, description="The reviewer approved the step in the session.")


class Workshop(_Strict):
    """One facilitated session: who came, what was decided, who does what by when."""

    id: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}(-\d+)?$", description="Date, -2 for a 2nd.")
    date: dt.date
    facilitator: str | None = None
    steps: list[str] = Field(default_factory=list, description="Slugs, in agenda order.")
    minutes_per_step: int = Field(15, ge=1)
    step_minutes: dict[str, Annotated[int, Field(ge=1)]] = Field(
        default_factory=dict,
        description="Timeboxes changed during the workshop (+/-), by step slug.",
    )
    attendees: list[str] = Field(default_factory=list, description="Handles present.")
    decisions: list[Decision] = Field(default_factory=list)
    actions: list[ActionItem] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    reviews: list[WorkshopReview] = Field(
        default_factory=list, description="Review sessions held in the workshop."
    )


def each_handle_once(handles: list[str]) -> None:
    """Raise ValueError naming the first handle that appears twice (a list of people, or an
    answers file's: two entries for one handle, the last would win unseen)."""
    seen: set[str] = set()
    for handle in handles:
        if handle in seen:
            raise ValueError(f"handle {shown_repr(handle)} appears twice")
        seen.add(handle)


class Document(_Strict):
    schema_version: Literal[2] = 2
    review_interval_days: int = Field(
        90, ge=1, le=MAX_REVIEW_INTERVAL_DAYS, description="Default review interval."
    )
    stage: Stage = Field(
        "design",
        description="Where the project is: design (no model yet), prototype, pilot or "
        "production. Questions about results are asked, and required, from their stage.",
    )
    review_policy: ReviewPolicy = Field(
        default_factory=ReviewPolicy,
        description="What approving any step takes (a step spec or step may ask more).",
    )
    project: Project
    people: list[Person] = Field(default_factory=list)
    chapters: dict[str, StepState] = Field(default_factory=dict)
    gate: GateState = Field(default_factory=GateState)
    feasibility: FeasibilityState = Field(default_factory=FeasibilityState)
    stage_gates: dict[str, StageGateState] = Field(
        default_factory=dict,
        description="The stage gates' marks, by the gate's slug (e.g. 'stage-gate-pilot').",
    )
    changelog: list[ChangelogEntry] = Field(default_factory=list)
    workshops: list[Workshop] = Field(default_factory=list)

    @field_validator("workshops")
    @classmethod
    def _unique_workshops(cls, workshops: list[Workshop]) -> list[Workshop]:
        ids = [w.id for w in workshops]
        if len(set(ids)) != len(ids):
            raise ValueError("two workshops have the same id")
        return workshops

    @field_validator("people")
    @classmethod
    def _unique_handles(cls, people: list[Person]) -> list[Person]:
        each_handle_once([p.handle for p in people])
        return people

    def step(self, slug: str) -> StepState:
        """The stored state of a step (created empty for a chapter not yet stored)."""
        if slug == "gate":
            return self.gate
        if slug == "feasibility":
            return self.feasibility
        if slug.startswith(STAGE_GATE_PREFIX):
            return self.stage_gate(slug)
        if slug not in self.chapters:
            self.chapters[slug] = StepState()
        return self.chapters[slug]

    def state_of(self, slug: str) -> StepState:
        """The stored state of a step, or an empty one that is not stored: for reading (a
        check, a rendering, the health of the steps), which must never change the document."""
        if self.is_stored(slug):
            return self.step(slug)
        return StageGateState() if slug.startswith(STAGE_GATE_PREFIX) else StepState()

    def is_stored(self, slug: str) -> bool:
        """Whether the document holds a state for the step (reading one must not create it:
        rendering and checks never change the document)."""
        if slug in ("gate", "feasibility"):
            return True
        if slug.startswith(STAGE_GATE_PREFIX):
            return slug in self.stage_gates
        return slug in self.chapters

    def replace_step(self, slug: str, state: StepState) -> None:
        """Put ``state`` in place of a step's stored state (same kind as the step)."""
        if slug == "gate":
            self.gate = GateState.model_validate(state.model_dump())
        elif slug == "feasibility":
            self.feasibility = FeasibilityState.model_validate(state.model_dump())
        elif slug.startswith(STAGE_GATE_PREFIX):
            self.stage_gates[slug] = StageGateState.model_validate(state.model_dump())
        else:
            self.chapters[slug] = state

    def stage_gate(self, slug: str) -> StageGateState:
        """A stage gate's stored marks (created empty for one not yet stored)."""
        return self.stage_gates.setdefault(slug, StageGateState())

    def person(self, handle: str) -> Person | None:
        return next((p for p in self.people if p.handle == handle), None)

    def handle_taken(self, handle: str) -> Person | None:
        """The person whose handle is ``handle`` up to case, if any: a new person may not take
        it, as CODEOWNERS and the people pickers read handles without case."""
        wanted = handle.casefold()
        return next((p for p in self.people if p.handle.casefold() == wanted), None)


def new_document(title: str, today: dt.date, chapter_slugs: list[str]) -> Document:
    doc = Document(project=Project(title=title, created=today))
    for slug in chapter_slugs:
        doc.chapters[slug] = StepState()
    return doc
