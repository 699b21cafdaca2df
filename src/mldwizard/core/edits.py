"""Changes a face can make to a document, each validated against the specs.

Every face (CLI, prompts, the wizard) changes documents only through these functions and
then saves with :mod:`mldwizard.core.storage`, so a rule lives in one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from .document import Document, FeasibilityItem, Person, Status
from .errors import UsageError
from .feasibility_gaps import Gap
from .gitlog import glob_problem
from .item_rules import check_item, merged_item
from .kinds import Answer, ValueProblem, is_answered, parse_text
from .link_schemes import link_problem
from .migrate_v2 import moved_pointer
from .names import shown_name, shown_repr
from .review_model import review_people
from .shown import NewlyRequired, newly_required
from .specs import LEVELS, NOTES_ID, FeasibilityItemSpec, Question, Specs, StepSpec
from .stages import STAGES, Stage
from .stored_text import refuse_controls
from .tomlio import validation_messages
from .validate import check_answer

STATUSES: tuple[Status, ...] = ("empty", "draft", "review", "approved")


def question_of(spec: StepSpec, qid: str) -> Question:
    question = spec.question(qid)
    if question is None:
        pointer = moved_pointer(spec.slug, qid)
        if pointer is not None:
            raise UsageError(f"{spec.slug}: no question {shown_repr(qid)}: {pointer}")
        ids = ", ".join(q.id for q in spec.questions) or "none"
        raise UsageError(f"{spec.slug}: no question {shown_repr(qid)}; its questions are: {ids}")
    return question


def set_answer(doc: Document, spec: StepSpec, qid: str, value: Any) -> None:
    """Store a typed answer (from a widget or a file); an empty value clears it."""
    question = question_of(spec, qid)
    state = doc.step(spec.slug)
    if not is_answered(value):
        state.answers.pop(qid, None)
        return
    checked = check_answer(doc, spec, question, value)
    if same_answer(question, state.answers.get(qid), checked):
        return  # not a change: the stored answer stays as it is (a list in its own order)
    refuse_controls(f"{spec.slug}.{shown_name(qid)}", checked)
    state.answers[qid] = checked
    if state.status == "empty" and not question.is_notes:
        # answered: no longer empty (a save would say so too); notes are not progress
        state.status = "draft"


def same_answer(question: Question, old: Any, new: Any) -> bool:
    """Whether ``new`` says what ``old`` says: for a multi-choice or people answer, the same
    selection in any order (a face may list it in choice order, the file in its own)."""
    if question.kind in ("multi_choice", "people") and isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return False
        return sorted(map(repr, old)) == sorted(map(repr, new))
    return bool(old == new)


def set_answer_text(
    doc: Document,
    spec: StepSpec,
    qid: str,
    raw: list[str],
    empty_hint: str = "to remove an answer, use --clear",
) -> Answer:
    """Store an answer typed as text on a command line or in a plain prompt (``empty_hint``
    says what to do instead of giving an empty value, in the face's own words).

    A choice is typed as its value or, equally, as its exact label (case and spacing aside).
    """
    question = question_of(spec, qid)
    if question.kind == "multi_choice":
        raw = [question.value_of(line) for part in raw for line in part.splitlines()]
    elif question.kind == "choice" and len(raw) == 1:
        raw = [question.value_of(raw[0])]
    try:
        value = parse_text(question.kind, raw, question.choices, question.choice_labels)
    except ValueProblem as exc:
        raise UsageError(f"{spec.slug}.{shown_name(qid)}: {exc}") from None
    if not is_answered(value):
        raise UsageError(f"{spec.slug}.{shown_name(qid)}: the value is empty; {empty_hint}")
    set_answer(doc, spec, qid, value)
    return value


def set_status(doc: Document, spec: StepSpec, status: str) -> None:
    if status not in STATUSES:
        raise UsageError(f"status must be one of {', '.join(STATUSES)}, got {shown_repr(status)}")
    state = doc.step(spec.slug)
    if status == "empty" and (
        any(is_answered(v) for k, v in state.answers.items() if k != NOTES_ID)
        or (spec.kind == "feasibility" and doc.feasibility.items)
    ):
        raise UsageError(f"{spec.slug}: a step with answers cannot be 'empty'; use 'draft'")
    doc.step(spec.slug).status = status


def set_owners(doc: Document, spec: StepSpec, handles: list[str]) -> None:
    kept = doc.step(spec.slug).owners  # an owner already stored stays (MLD010 says so)
    unknown = [h for h in handles if doc.person(h) is None and h not in kept]
    if unknown:
        raise UsageError(
            f"{spec.slug}: owners {', '.join(map(shown_name, unknown))} are not among the "
            "document's people; add them with `mldwizard person` first"
        )
    if len(set(handles)) != len(handles):
        raise UsageError(f"{spec.slug}: an owner is named twice")
    doc.step(spec.slug).owners = list(handles)


def set_list_field(doc: Document, spec: StepSpec, field: str, values: list[str]) -> None:
    if field not in ("code_paths", "links"):
        raise UsageError(f"unknown list field {shown_repr(field)}")
    cleaned = [v.strip() for v in values if v.strip()]
    refuse_controls(f"{spec.slug}.{field}", cleaned)
    if any("\n" in v or "\r" in v for v in cleaned):
        raise UsageError(f"{spec.slug}.{field}: one entry per line, without line breaks")
    if field == "code_paths":
        for glob in cleaned:
            problem = glob_problem(glob)
            if problem:
                raise UsageError(f"{spec.slug}.code_paths: {shown_repr(glob)}: {problem}")
    if field == "links":  # one already stored stays (it is shown as text, not a link)
        stored = doc.step(spec.slug).links
        for link in cleaned:
            problem = link_problem(f"{spec.slug}.links", link)
            if problem and link not in stored:
                raise UsageError(problem)
    if len(set(cleaned)) != len(cleaned):
        raise UsageError(f"{spec.slug}.{field}: an entry is repeated")
    setattr(doc.step(spec.slug), field, cleaned)


def set_override(doc: Document, level: str | None, reason: str | None) -> None:
    """Override the gate verdict with a written reason, or remove the override."""
    if level is None:
        doc.gate.override = None
        doc.gate.override_reason = None
        return
    if level not in LEVELS:
        raise UsageError(f"override must be one of {', '.join(LEVELS)}, got {shown_repr(level)}")
    if not (reason or "").strip():
        raise UsageError("an override needs a written reason")
    if reason != doc.gate.override_reason:
        refuse_controls("gate.override_reason", reason)
    doc.gate.override_reason = reason
    doc.gate.override = level


def change_override(doc: Document, level: str | None, reason: str | None) -> None:
    """Change only what was given: ``level`` None keeps the current level ("none" removes
    the override), ``reason`` None keeps the current reason."""
    if level is not None and level.strip().lower() in ("none", ""):
        set_override(doc, None, None)
        return
    if level is None:
        if doc.gate.override is None:
            raise UsageError("a reason needs an override level (" + ", ".join(LEVELS) + ")")
        level = doc.gate.override
    set_override(doc, level, reason if reason is not None else doc.gate.override_reason)


def check_fatal(what: str, status: str | None) -> None:
    """Whether a gap can be closed is said only of an item that is not met: refuse it with
    any other status, rather than store it and silently drop it."""
    if status != "not-met":
        shown = f"one that is {status!r}" if status else "one without a status"
        raise UsageError(
            f"{what} applies only to an item that is not-met (whether the gap can be "
            f"closed), not to {shown}"
        )


def set_item(
    doc: Document,
    specs: Specs,
    item_id: str,
    status: str | None,
    note: str | None = None,
    owner: str | None = None,
    condition: str | None = None,
    fatal: bool | None = None,
    require_details: bool = True,
    *,
    due: dt.date | None = None,
    waiver: str | None = None,
    links: list[str] | None = None,
    refs: list[str] | None = None,
    in_scope: bool | None = None,
    scope_note: str | None = None,
    closable: bool | None = None,
    clear_due: bool = False,
) -> FeasibilityItem:
    """Set a feasibility item. A gap someone is to close needs an owner and a closing
    condition (see :func:`_require_record`; the faces pass ``require_details=False`` and
    let the verdict name what is missing). Evidence links must be web addresses or paths in
    the repository; a waiver on a critical item and ``in_scope`` without a named scope are
    refused.

    A status of None stores the item without one: its evidence is kept while the status is
    still to be chosen, and the verdict counts it as an item without a status."""
    spec = specs.feasibility
    if spec is None or not any(i.id == item_id for i in spec.items):
        ids = ", ".join(i.id for i in spec.items) if spec else "none"
        raise UsageError(f"feasibility: no item {shown_repr(item_id)}; the items are: {ids}")
    where = f"feasibility.{shown_name(item_id)}"
    old = doc.feasibility.items.get(item_id)
    for name, text in (
        ("note", note),
        ("condition", condition),
        ("waiver", waiver),
        ("scope_note", scope_note),
        ("links", links),
        ("refs", refs),
    ):
        if text is not None and text != (getattr(old, name) if old else None):
            refuse_controls(f"{where}.{name}", text)
    item = merged_item(
        where,
        old,
        status,
        fatal=fatal,
        closable=closable,
        clear_due=clear_due,
        note=note,
        owner=owner,
        condition=condition,
        due=due,
        waiver=waiver,
        links=links,
        refs=refs,
        in_scope=in_scope,
        scope_note=scope_note,
    )
    check_item(where, doc, specs, item, old)
    item_spec = next(i for i in spec.items if i.id == item_id)
    # A waiver accepts a non-critical gap as it is; a critical one counts for nothing, so it
    # is refused rather than shown as if the gap were accepted (one already stored is kept,
    # and check names it).
    if item_spec.critical and item.waiver.strip() and item.waiver != (old.waiver if old else ""):
        raise UsageError(
            f"{where}: a waiver is for a non-critical item, and this one is "
            "critical: close the gap, or mark it closable with an owner, a condition and a "
            "due date (a critical gap that cannot be closed is a NO-GO)"
        )
    if in_scope and not doc.feasibility.scope.strip():
        raise UsageError(
            f"{where}: --in-scope says the item holds within the checklist's "
            "named scope, and there is none yet: name it first with set PATH feasibility "
            "--scope TEXT (such as 'English tickets from the web form')"
        )
    _refuse_scope_without_evidence(item_id, old, item)
    if require_details:
        _require_record(item_id, item_spec, old, item)
    doc.feasibility.items[item_id] = item
    return item


def _refuse_scope_without_evidence(
    item_id: str, old: FeasibilityItem | None, item: FeasibilityItem
) -> None:
    """An item marked as not closable that is said to hold within the scope needs the reason
    it holds there: a flag alone does not turn a NO-GO into a SCOPE-DOWN. Refused when this
    edit makes it so (an older document that holds one is named by the verdict)."""
    stuck = item.status == "not-met" and item.fatal and item.in_scope
    if not stuck or item.scope_note.strip():
        return
    was_stuck = (
        old is not None
        and old.status == "not-met"
        and old.fatal
        and old.in_scope
        and not old.scope_note.strip()
    )
    if was_stuck:
        return
    raise UsageError(
        f"feasibility.{shown_name(item_id)}: the item is Not met and marked as not closable; "
        "to say it holds within the scope, say why it holds there (--scope-note TEXT, or "
        'scope_note = "..." in a --from file), such as \'the DPA allows processing '
        "English tickets from EU customers'"
    )


def _record_lacking(spec: FeasibilityItemSpec, state: FeasibilityItem | None) -> set[str]:
    """What a gap's record lacks of an owner and a condition (the due date is named by the
    verdict and by check, not asked here)."""
    if state is None or state.status in (None, "met"):
        return set()
    return {p for p in Gap(spec, state).problems if p != "no due date"}


def _require_record(
    item_id: str, spec: FeasibilityItemSpec, old: FeasibilityItem | None, item: FeasibilityItem
) -> None:
    """A gap someone is to close (Partial, Unknown, a critical Not met marked closable, a
    non-critical Not met not waived) needs an owner and a condition. Not a critical Not met
    that is not marked closable: that is the honest NO-GO, with nobody to close it. A record
    that already lacked them (saved by the wizard, or before this rule) can still be edited:
    only what this edit would newly leave out is refused."""
    lacking = _record_lacking(spec, item) - _record_lacking(spec, old)
    if not lacking:
        return
    wanted = (("no owner", "an owner"), ("no condition", "a condition"))
    names = [name for said, name in wanted if any(m.startswith(said) for m in lacking)]
    if item.status == "not-met" and item.closable:
        what = "a gap marked closable"
    elif item.status == "not-met":
        what = "a non-critical item that is not met (unless waived with --waive REASON)"
    else:
        what = f"an item that is {item.status}"
    raise UsageError(
        f"feasibility.{item_id}: {what} needs {' and '.join(names)} (who closes the gap, "
        "and what would close it)"
    )


def set_scope(doc: Document, scope: str) -> None:
    """Name the subset the team could build now (for SCOPE-DOWN; blank removes it)."""
    if scope.strip() != doc.feasibility.scope:
        refuse_controls("feasibility.scope", scope)
    doc.feasibility.scope = scope.strip()


def upsert_person(doc: Document, handle: str, name: str | None, role: str | None) -> Person:
    existing = doc.person(handle)
    fields = existing.model_dump() if existing else {"handle": handle}
    for field, text in (("name", name), ("role", role)):
        if text is not None and text != fields.get(field):
            refuse_controls(f"people.{shown_name(handle)}.{field}", text)
    if name is not None:
        fields["name"] = name
    if role is not None:
        fields["role"] = role
    try:
        person = Person.model_validate(fields)
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc, "people"))) from None
    if existing:
        doc.people[doc.people.index(existing)] = person
    else:
        twin = doc.handle_taken(handle)
        if twin is not None:
            raise UsageError(
                f"handle {shown_repr(handle)} differs from {shown_repr(twin.handle)}, already "
                f"a person, only in case: use {shown_repr(twin.handle)}"
            )
        doc.people.append(person)
    return person


def remove_person(doc: Document, handle: str) -> None:
    person = doc.person(handle)
    if person is None:
        raise UsageError(f"no person {shown_repr(handle)} in the document")
    uses = person_uses(doc, handle)
    if uses:
        raise UsageError(
            f"{handle} is still named in {', '.join(uses)}; change those first, so that "
            "no chapter is left pointing at nobody"
        )
    doc.people.remove(person)


def person_uses(doc: Document, handle: str) -> list[str]:
    """Where a handle is used: owners, person answers, feasibility owners, reviews."""
    uses = []
    steps = [(f"chapters.{s}", st) for s, st in doc.chapters.items()]
    for where, state in [*steps, ("gate", doc.gate), ("feasibility", doc.feasibility)]:
        if handle in state.owners:
            uses.append(f"{where}.owners")
        if handle in review_people(state.review):
            uses.append(f"{where}.review")
        for qid, value in state.answers.items():
            if value == handle or (isinstance(value, list) and handle in value):
                uses.append(f"{where}.answers.{qid}")
    for item_id, item in doc.feasibility.items.items():
        if item.owner == handle:
            uses.append(f"feasibility.items.{item_id}.owner")
    return uses


def set_stage(
    doc: Document, specs: Specs, stage: str, *, what: str = "--stage"
) -> list[NewlyRequired]:
    """Move the document to ``stage`` (any way: moving back is allowed); returns the
    questions this makes required that were not before (none when moving back).
    ``what`` names the value in a message (the option, or the file's field)."""
    if stage not in STAGES:
        raise UsageError(
            f"{what} {shown_repr(stage)} is not a stage; choose one of: " + ", ".join(STAGES)
        )
    before, after = doc.stage, _stage(stage)
    doc.stage = after
    return newly_required(doc, specs, before, after)


def _stage(text: str) -> Stage:
    return next(s for s in STAGES if s == text)


def record_review(
    doc: Document, spec: StepSpec, by: str, at: dt.datetime, approve: bool = False
) -> list[str]:
    """``by`` (among the people) reviewed the step now; ``approve`` records their approval
    when nothing blocks it (the rules: :mod:`mldwizard.core.review_rules`). Returns what the
    step's review policy still lacks before the step is approved."""
    from .review import approve as approve_step
    from .review import start_round

    if approve:
        return approve_step(doc, spec, by, at)
    start_round(doc, spec, by, at)
    return []
