"""Per-field three-way merge of documents, and the bookkeeping of what changed.

A document is flattened into ``location -> value`` pairs, one per answer, per metadata
field, per feasibility item (its decision, and its note) and per person field. Merging the
writer's version (``mine``) into what is on disk now (``theirs``) against what the writer
loaded (``base``) keeps every change on either side; the same location changed differently
on both sides is a :class:`~mldwizard.core.errors.Conflict`. Derived fields (revision,
updated, verdicts) and the changelog are never merged: the core recomputes and appends them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Literal

from .approved_text import CONTENT_FIELDS
from .document import ChangelogEntry, Document
from .errors import Conflict
from .kinds import is_answered
from .moved_anyway import split_despite
from .review_log import credit, is_review_change, log_review, review_events, summary_of
from .review_merge import flatten_review, keep_reviewed_answers, relist_review
from .review_model import review_people
from .specs import NOTES_ID

Path_ = tuple[str, ...]
Side = Literal["mine", "theirs"]
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<absent>"})()
DERIVED = frozenset({"updated", "revision", "verdict", "reasons"})


def flatten(doc: Document) -> dict[Path_, Any]:
    data = doc.model_dump(mode="python")
    flat: dict[Path_, Any] = {
        ("review_interval_days",): data["review_interval_days"],
        ("stage",): data["stage"],
        ("review_policy",): data["review_policy"],
    }
    for key, value in data["project"].items():
        flat[("project", key)] = value
    for person in data["people"]:
        for field, value in person.items():
            flat[("people", person["handle"], field)] = value
    for slug, state in data["chapters"].items():
        _flatten_step(flat, ("chapters", slug), state)
    _flatten_step(flat, ("gate",), data["gate"])
    _flatten_step(flat, ("feasibility",), data["feasibility"])
    for slug, state in data["stage_gates"].items():
        # A stage gate's state is created on first look (Document.step): its defaults are
        # the same as no entry, or an unmarked gate would conflict with a file without one.
        set_ = {k: v for k, v in state.items() if k == "items" or not _is_default((k,), v)}
        _flatten_step(flat, ("stage_gates", slug), set_)
    for workshop in data["workshops"]:
        for field, value in workshop.items():
            flat[("workshops", workshop["id"], field)] = value
    return flat


def _flatten_step(flat: dict[Path_, Any], prefix: Path_, state: dict[str, Any]) -> None:
    for key, value in state.items():
        if key in DERIVED:
            continue
        if key == "answers":
            for qid, answer in value.items():
                flat[(*prefix, "answers", qid)] = answer
        elif key == "review":
            flatten_review(flat, (*prefix, "review"), value)
        elif key == "items":
            # An item's decision (status, fatal, owner, condition belong together) merges
            # as a whole, so "met" here and "fatal" there is a conflict; its note (the
            # evidence) merges on its own, so evidence added by one person and a status set
            # by another both stay. The note is always present, so removing an item here
            # while its note is edited there is a conflict, not a silent loss.
            for item_id, item in value.items():
                decision = {k: v for k, v in item.items() if k != "note"}
                flat[(*prefix, "items", item_id)] = decision
                flat[(*prefix, "items", item_id, "note")] = item["note"]
        else:
            flat[(*prefix, key)] = value


def location(path: Path_) -> str:
    return ".".join(path)


def merge_flat(
    base: dict[Path_, Any],
    mine: dict[Path_, Any],
    theirs: dict[Path_, Any],
    resolutions: dict[str, Side] | None = None,
) -> tuple[dict[Path_, Any], list[Conflict]]:
    resolutions = resolutions or {}
    merged: dict[Path_, Any] = {}
    conflicts: list[Conflict] = []
    for path in list(theirs) + [p for p in mine if p not in theirs]:
        b, m, t = base.get(path, MISSING), mine.get(path, MISSING), theirs.get(path, MISSING)
        if _same(m, b) or _same(m, t):
            value = t
        elif _same(t, b):
            value = m
        elif path[-1] == "reviewed" and isinstance(m, dt.datetime) and isinstance(t, dt.datetime):
            value = max(m, t)  # two reviews meanwhile: the last review is the later one
        else:
            choice = resolutions.get(location(path))
            if choice is None:
                conflicts.append(Conflict(location(path), _shown(b), _shown(m), _shown(t)))
                value = t
            else:
                value = m if choice == "mine" else t
        if value is not MISSING:
            merged[path] = value
    for path in [p for p in merged if _is_item_note(p)]:
        # An item removed on one side, its note kept from the other (a resolved conflict):
        # keeping the note keeps the item it belongs to.
        decision = path[:-1]
        if decision not in merged:
            merged[decision] = theirs.get(decision, mine.get(decision, MISSING))
            if merged[decision] is MISSING:
                del merged[decision], merged[path]
    return merged, conflicts


def _is_default(path: Path_, value: Any) -> bool:
    """A field's value when nothing was set. An answer is never one: ``no`` (False) and
    ``0`` are answers, though they compare equal to the revision's default 0."""
    if "answers" in path:
        return False
    return value is None or value in ([], "", "empty") or (type(value) is int and value == 0)


def _is_item_note(path: Path_) -> bool:
    if path[0] == "stage_gates":  # ("stage_gates", slug, "items", id, "note")
        return len(path) == 5 and path[2] == "items"
    return len(path) == 4 and path[0] == "feasibility" and path[1] == "items"


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and bool(a == b)


def _shown(value: Any) -> Any:
    return None if value is MISSING else value


def rebuild(flat: dict[Path_, Any], derived_from: Document) -> Document:
    """A document from merged locations, with derived fields taken from ``derived_from``."""
    data: dict[str, Any] = {
        "schema_version": derived_from.schema_version,
        "project": {},
        "people": [],
        "chapters": {},
        "gate": {},
        "feasibility": {},
        "stage_gates": {},
        "changelog": [e.model_dump() for e in derived_from.changelog],
    }
    people: dict[str, dict[str, Any]] = {}
    workshops: dict[str, dict[str, Any]] = {}
    notes: dict[tuple[str, ...], str] = {}
    for path, value in flat.items():
        head = path[0]
        if _is_item_note(path):
            notes[path[:-1]] = value  # put back on its item below
        elif head == "people":
            people.setdefault(path[1], {"handle": path[1]})[path[2]] = value
        elif head == "workshops":
            workshops.setdefault(path[1], {"id": path[1]})[path[2]] = value
        elif head in ("review_interval_days", "stage", "review_policy"):
            data[head] = value
        elif head == "project":
            data["project"][path[1]] = value
        else:
            nested = head in ("chapters", "stage_gates")
            target = data[head].setdefault(path[1], {}) if nested else data[head]
            rest = path[2:] if nested else path[1:]
            for key in rest[:-1]:
                target = target.setdefault(key, {})
            target[rest[-1]] = value
    for where, note in notes.items():
        *step, _, item_id = where  # ("feasibility", "items", id) or ("stage_gates", slug, ...)
        gates = data["stage_gates"]
        state = data["feasibility"] if step == ["feasibility"] else gates.get(step[1], {})
        items = state.get("items", {})
        if item_id in items:  # a note whose item was removed (a resolved conflict) goes too
            items[item_id] = {**items[item_id], "note": note}
    data["people"] = list(people.values())
    data["workshops"] = [w for w in workshops.values() if "date" in w]
    steps = [*data["chapters"].values(), *data["stage_gates"].values()]
    for state in [*steps, data["gate"], data["feasibility"]]:
        relist_review(state)
    old = derived_from.model_dump(mode="python")
    for slug, state in data["chapters"].items():
        _copy_derived(state, old["chapters"].get(slug, {}))
    _copy_derived(data["gate"], old["gate"])
    _copy_derived(data["feasibility"], old["feasibility"])
    for slug, state in data["stage_gates"].items():
        _copy_derived(state, old["stage_gates"].get(slug, {}))
    return Document.model_validate(data)


def _copy_derived(state: dict[str, Any], old: dict[str, Any]) -> None:
    for key in DERIVED:
        if key in old:
            state[key] = old[key]


def restore_referenced_people(doc: Document, sources: list[Document]) -> None:
    """Keep a person that one side removed while the other still names them (as an owner,
    an item owner or in an answer), so no reference ends up pointing at nobody."""
    known = {p.handle for p in doc.people}
    candidates = {p.handle: p for source in reversed(sources) for p in source.people}
    used: set[str] = set()
    states = [*doc.chapters.values(), doc.gate, doc.feasibility, *doc.stage_gates.values()]
    for state in states:
        used.update(state.owners)
        used.update(review_people(state.review))
        for value in state.answers.values():
            used.update(
                value if isinstance(value, list) else [value] if isinstance(value, str) else []
            )
    used.update(item.owner for item in doc.feasibility.items.values() if item.owner)
    for gate in doc.stage_gates.values():
        used.update(item.owner for item in gate.items.values() if item.owner)
    for handle in sorted(used - known):
        if handle in candidates:
            doc.people.append(candidates[handle].model_copy())


def record_changes(before: Document, after: Document, author: str, at: dt.datetime) -> bool:
    """Log every change; bump revision and ``updated`` of steps whose content changed.

    Review changes are logged as :mod:`mldwizard.core.review_log` says: credited to whom
    they record, one entry a sitting (so an entry can be folded into the last one rather
    than added). Returns whether anything was logged."""
    old, new = flatten(before), flatten(after)
    changed: dict[str | None, list[Path_]] = defaultdict(list)
    logged = False
    for path in list(new) + [p for p in old if p not in new]:
        if not _same(old.get(path, MISSING), new.get(path, MISSING)):
            changed[_step_of(path)].append(path)
    for step, paths in changed.items():
        reviewed = [p for p in paths if is_review_change(p)]
        summary, questions = _describe([p for p in paths if p not in reviewed], old, new)
        events = [
            e
            for p in reviewed
            for e in review_events(p, old.get(p, MISSING), new.get(p, MISSING), MISSING)
        ]
        if not summary and not events:
            continue
        logged = True
        if step is not None and any(_is_content(path) for path in paths):
            # Content (answers, the override, checklist items) makes a new revision; who
            # owns it, its status, links or a review are logged but do not.
            state = after.step(step)
            if step in ("gate", "feasibility") or step in before.chapters:
                keep_reviewed_answers(before.step(step), state)
            state.revision += 1
            state.updated = at
            if state.status == "empty" and (_has_answers(state.answers) or _has_items(after, step)):
                state.status = "draft"
        credited = credit(events, author)
        if summary:
            # Review changes and other changes by the same person are one entry; a status
            # that only follows from a review (an approval approves the step) is the
            # reviewer's.
            by = author
            others = [p for p in paths if p not in reviewed]
            if len(credited) == 1 and all(p[-1] == "status" for p in others):
                by = next(iter(credited))
            if by in credited:
                summary = summary_of(credited.pop(by)) + "; " + summary
            note = _moved_reason(paths, new)
            after.changelog.append(
                ChangelogEntry(
                    at=at, by=by, chapter=step, summary=summary, questions=questions, note=note
                )
            )
        for who, theirs in credited.items():
            log_review(after.changelog, step, who, theirs, at)
    return logged


def _is_content(path: Path_) -> bool:
    return path[0] in ("chapters", "gate", "feasibility", "stage_gates") and any(
        part in CONTENT_FIELDS for part in path[1:3]
    )


def _has_answers(answers: dict[str, Any]) -> bool:
    """A step has progress: an answer other than its notes (notes are never progress)."""
    return any(is_answered(v) for k, v in answers.items() if k != NOTES_ID)


def _has_items(doc: Document, step: str) -> bool:
    if step in doc.stage_gates:
        return bool(doc.stage_gates[step].items)
    return step == "feasibility" and bool(doc.feasibility.items)


def _step_of(path: Path_) -> str | None:
    if path[0] == "workshops":
        return None
    if path[0] in ("chapters", "stage_gates"):
        return path[1]
    if path[0] in ("gate", "feasibility"):
        return path[0]
    return None


def _describe(
    paths: list[Path_], old: dict[Path_, Any], new: dict[Path_, Any]
) -> tuple[str, list[str]]:
    answered: list[str] = []
    changed: list[str] = []
    cleared: list[str] = []
    fields: list[str] = []
    items: list[str] = []  # "data_allowed=not-met": an item and its new status, if it has one
    ids: list[str] = []
    stage = ""
    for path in paths:
        before, after = old.get(path, MISSING), new.get(path, MISSING)
        if before is MISSING and _is_default(path, after):
            continue  # a step newly stored with its defaults: nothing was set
        if (
            path[-1] == "status"
            and before in ("empty", MISSING)
            and after == "draft"
            and any(_is_content(p) for p in paths)
        ):
            continue  # follows from answering; not a decision of its own
        if "answers" in path:
            qid = path[-1]
            was, now = _filled(before), _filled(after)
            (answered if now and not was else cleared if was and not now else changed).append(qid)
        elif "items" in path:
            item = path[path.index("items") + 1]
            if item not in ids:
                ids.append(item)
                items.append(item + _new_status(path[: path.index("items") + 2], old, new))
        elif path[0] == "workshops":
            name = f"workshop {path[1]}"
            if name not in fields:
                fields.append(name)
        elif path[0] == "people":
            gone = path[2] == "handle" and after is MISSING
            name = f"person {path[1]}" + (" removed" if gone else "")
            if name not in fields and f"person {path[1]}" not in fields:
                fields.append(name)
        else:
            name = path[-1] if path[0] != "project" else f"project {path[-1]}"
            if name == "status":
                fields.append(f"status {before} -> {after}")
            elif path[-1] == "moved_despite":
                if after not in (MISSING, ""):
                    # The verdict only: the reason is the entry's note (a reason's "; " or
                    # ", " would split the summary), shown whole with the gate it passed.
                    fields.append(f"moved on despite {split_despite(str(after))[0] or 'it'}")
                else:
                    fields.append("moved_despite cleared")
            elif path == ("stage",):
                stage = f"stage: {before} -> {after}"
            else:
                fields.append(name)
    parts = [stage] if stage else []
    if answered:
        parts.append("answered " + ", ".join(answered))
    if changed:
        parts.append("changed " + ", ".join(changed))
    if cleared:
        parts.append("cleared " + ", ".join(cleared))
    if items:
        parts.append("checklist " + ", ".join(items))
    if fields:
        parts.append("set " + ", ".join(fields))
    return "; ".join(parts), answered + changed + cleared + ids


def _new_status(item: Path_, old: dict[Path_, Any], new: dict[Path_, Any]) -> str:
    """ "=not-met" when the item's status changed ("=none" when it lost it), else ""."""
    status = {
        side: value.get("status") if isinstance(value, dict) else None
        for side, value in (("old", old.get(item, MISSING)), ("new", new.get(item, MISSING)))
    }
    if status["old"] == status["new"]:
        return ""
    return f"={status['new'] or 'none'}"


def _moved_reason(paths: list[Path_], new: dict[Path_, Any]) -> str | None:
    """The reason given for moving on past a gate, when these changes set one."""
    for path in paths:
        if path[-1] == "moved_despite" and new.get(path, MISSING) not in (MISSING, ""):
            return split_despite(str(new[path]))[1]
    return None


def _filled(value: Any) -> bool:
    return value is not MISSING and is_answered(value)
