"""Answers from a file (``mldwizard set PATH --from answers.toml``).

The file has the document's own shape, every part optional: ``[project]``, ``[[people]]``,
``[chapters.<slug or number>]`` with ``answers`` and metadata, ``[gate]`` (answers,
``override``, ``override_reason``) and ``[feasibility.items.<id>]``. Everything is
validated before anything is applied, and errors name the file and the field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import edits
from .document import MAX_REVIEW_INTERVAL_DAYS, NOT_BLANK, Document, each_handle_once
from .errors import UsageError
from .names import shown_name
from .specs import Specs, StepSpec
from .stage_gate_edits import set_gate_item
from .stage_moves import move_stage
from .stored_text import refuse_controls
from .tomlio import parse_toml, read_toml, regular_file_problem, validation_messages


class _Strict(BaseModel):
    # strict, like the document: a TOML value of the wrong type is an error, not coerced.
    model_config = ConfigDict(extra="forbid", strict=True)


class ProjectPatch(_Strict):
    title: str | None = Field(None, min_length=1, pattern=NOT_BLANK)
    summary: str | None = None


class StepPatch(_Strict):
    status: str | None = None
    owners: list[str] | None = None
    code_paths: list[str] | None = None
    links: list[str] | None = None
    review_interval_days: int | None = Field(None, ge=1, le=MAX_REVIEW_INTERVAL_DAYS)
    answers: dict[str, Any] = Field(default_factory=dict)


class GatePatch(StepPatch):
    override: str | None = None
    override_reason: str | None = None


class ItemPatch(_Strict):
    status: str | None = None
    """Absent: the item keeps the status it has (or none, with only its evidence)."""
    note: str | None = None
    owner: str | None = None
    condition: str | None = None
    fatal: bool | None = None
    closable: bool | None = None
    due: dt.date | None = None
    waiver: str | None = None
    links: list[str] | None = None
    refs: list[str] | None = None
    in_scope: bool | None = None
    scope_note: str | None = None


class FeasibilityPatch(StepPatch):
    items: dict[str, ItemPatch] = Field(default_factory=dict)
    scope: str | None = None


class StageGatePatch(StepPatch):
    items: dict[str, ItemPatch] = Field(default_factory=dict)


class PersonPatch(_Strict):
    """A person to add, or the fields to change of one already there."""

    handle: str
    name: str | None = None
    role: str | None = None


class Patch(_Strict):
    stage: str | None = Field(None, description="design, prototype, pilot or production.")
    stage_reason: str | None = Field(
        None,
        description="Why the project moves to 'stage' past a stage gate that is not GO or "
        "CONDITIONAL (kept in the changelog); not needed otherwise.",
    )
    review_interval_days: int | None = Field(None, ge=1, le=MAX_REVIEW_INTERVAL_DAYS)
    project: ProjectPatch | None = None
    people: list[PersonPatch] = Field(default_factory=list)

    @field_validator("people")
    @classmethod
    def _each_person_once(cls, people: list[PersonPatch]) -> list[PersonPatch]:
        each_handle_once([p.handle for p in people])
        return people

    chapters: dict[str, StepPatch] = Field(default_factory=dict)
    gate: GatePatch | None = None
    feasibility: FeasibilityPatch | None = None
    stage_gates: dict[str, StageGatePatch] = Field(
        default_factory=dict,
        description="Stage gates by slug, e.g. [stage_gates.stage-gate-pilot].",
    )


def read_patch(path: Path, text: bytes | None = None) -> Patch:
    """The answers file at ``path``, or in ``text`` (read from standard input, then
    ``path`` only names it in messages)."""
    if text is None:
        problem = regular_file_problem(path, "answers file")
        if problem and path.exists() and not path.is_dir():  # /dev/stdin, a pipe
            raise UsageError(f"{problem} (to read it from standard input: --from -)")
        data = read_toml(path, UsageError, "answers file")
    else:
        data = parse_toml(text, path, UsageError)
    try:
        return Patch.model_validate(data)
    except ValidationError as exc:
        raise UsageError("\n".join(f"{path}: {m}" for m in validation_messages(exc))) from None


def apply_patch(doc: Document, specs: Specs, patch: Patch, source: Path) -> None:
    try:
        _apply(doc, specs, patch)
    except UsageError as exc:
        raise UsageError(f"{source}: {exc}") from None


def _apply(doc: Document, specs: Specs, patch: Patch) -> None:
    if patch.stage_reason is not None and patch.stage is None:
        raise UsageError("stage_reason goes with stage: why the project moves past a gate")
    if patch.review_interval_days is not None:
        doc.review_interval_days = patch.review_interval_days
    if patch.project is not None:
        if patch.project.title is not None:
            refuse_controls("project.title", patch.project.title)
            doc.project.title = patch.project.title
        if patch.project.summary is not None:
            refuse_controls("project.summary", patch.project.summary)
            doc.project.summary = patch.project.summary
    for person in patch.people:
        edits.upsert_person(doc, person.handle, person.name, person.role)
    named: dict[str, str] = {}
    for ref, step_patch in patch.chapters.items():
        spec = specs.resolve(ref)
        if spec.kind != "chapter":
            raise UsageError(
                f"chapters.{shown_name(ref)}: {spec.slug} is not a chapter; use [{spec.slug}]"
            )
        if spec.slug in named:
            raise UsageError(
                f"chapters.{shown_name(ref)}: the same chapter as chapters.{named[spec.slug]} "
                f"({spec.slug}); put its answers in one table"
            )
        named[spec.slug] = ref
        _apply_step(doc, spec, step_patch)
    if patch.gate is not None:
        gate = _need(specs.gate, "gate")
        _apply_step(doc, gate, patch.gate)
        if patch.gate.override is not None or patch.gate.override_reason is not None:
            edits.change_override(doc, patch.gate.override, patch.gate.override_reason)
    if patch.feasibility is not None:
        feas = _need(specs.feasibility, "feasibility")
        _apply_step(doc, feas, patch.feasibility)
        if patch.feasibility.scope is not None:
            edits.set_scope(doc, patch.feasibility.scope)
        for item_id, item in patch.feasibility.items.items():
            status = item.status or doc.feasibility.status_of(item_id)
            # false is what any item holds (the document's own shape writes it): only a
            # true says something that applies to a Not met alone.
            for name in ("fatal", "closable"):
                if getattr(item, name):
                    edits.check_fatal(f"feasibility.items.{item_id}.{name}", status)
            edits.set_item(
                doc,
                specs,
                item_id,
                status,
                item.note,
                item.owner,
                item.condition,
                item.fatal,
                due=item.due,
                waiver=item.waiver,
                links=item.links,
                refs=item.refs,
                in_scope=item.in_scope,
                scope_note=item.scope_note,
                closable=item.closable,
            )
    for slug, gate_patch in patch.stage_gates.items():
        _apply_stage_gate(doc, specs, slug, gate_patch)
    # Last: the stage gates' items marked in the same file count for the move.
    if patch.stage is not None:
        move_stage(
            doc, specs, patch.stage, patch.stage_reason, what="stage", how='stage_reason = "..."'
        )


def _apply_stage_gate(doc: Document, specs: Specs, slug: str, patch: StageGatePatch) -> None:
    spec = specs.get(slug)
    if spec is None or spec.kind != "stage-gate":
        names = ", ".join(s.slug for s in specs.stage_gates) or "none"
        raise UsageError(f"stage_gates.{shown_name(slug)}: no such stage gate; the gates: {names}")
    _apply_step(doc, spec, patch)
    for item_id, item in patch.items.items():
        where = f"stage_gates.{slug}.items.{shown_name(item_id)}"
        if item.in_scope is not None or item.scope_note is not None:
            raise UsageError(f"{where}.in_scope: only feasibility items have a scope")
        state = doc.stage_gates.get(slug)
        status = item.status or (state.status_of(item_id) if state else None)
        for name in ("fatal", "closable"):
            if getattr(item, name) is not None:
                edits.check_fatal(f"{where}.{name}", status)
        set_gate_item(
            doc,
            specs,
            spec,
            item_id,
            status,
            item.note,
            item.owner,
            item.condition,
            item.fatal,
            due=item.due,
            waiver=item.waiver,
            links=item.links,
            refs=item.refs,
            closable=item.closable,
        )


def _apply_step(doc: Document, spec: StepSpec, patch: StepPatch) -> None:
    for qid, value in patch.answers.items():
        edits.set_answer(doc, spec, qid, value)
    if patch.status is not None:
        edits.set_status(doc, spec, patch.status)
    if patch.owners is not None:
        edits.set_owners(doc, spec, patch.owners)
    for field in ("code_paths", "links"):
        values = getattr(patch, field)
        if values is not None:
            edits.set_list_field(doc, spec, field, values)
    if patch.review_interval_days is not None:
        doc.step(spec.slug).review_interval_days = patch.review_interval_days


def _need(spec: StepSpec | None, name: str) -> StepSpec:
    if spec is None:
        raise UsageError(f"no {name} step is loaded")
    return spec
