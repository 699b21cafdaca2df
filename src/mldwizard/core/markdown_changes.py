"""The "Recent changes" section of the reader's document.

The changelog stores short summaries with ids, as ``core/merge.py`` writes them ("answered
costlier_error; checklist data_allowed; set status draft -> review, owners, person li").
They are read here with the specs and the people: questions and checklist items by their
titles, a status change in words ("status from Draft to In review"), people by name. A part
that is not in that form (an entry written by hand, an id the specs no longer have) is shown
as written.
"""

from __future__ import annotations

import re

from .ack_records import is_ack
from .document import ChangelogEntry, Document
from .markdown_text import STATUS_TEXT, People, readable
from .specs import Specs, StepSpec
from .stages import STAGE_LABEL

_ID = re.compile(r"[a-z][a-z0-9_-]*")
_STATUS = re.compile(r"status (\w+) -> (\w+)")
_PERSON = re.compile(r"person (\S+)( removed)?")
_STAGE = re.compile(r"stage: (\w+) -> (\w+)")
_FIELD_WORDS = {
    "owners": "owners",
    "code_paths": "code paths",
    "links": "links",
    "review_interval_days": "review interval",
    "override": "override",
    "override_reason": "override reason",
}


def changes(doc: Document, specs: Specs, shown: int) -> str:
    """The last ``shown`` changes, newest first, one bullet each."""
    people = People(doc)
    lines = []
    for entry in reversed(doc.changelog[-shown:]):
        step = specs.get(entry.chapter) if entry.chapter else None
        who = people.name(entry.by)
        where = f" ({readable(step.title if step else entry.chapter or '')})"
        where = where if entry.chapter else ""
        what = described(entry, step, specs, people)
        if is_ack(entry):  # `mldwizard ack`: the chapter still holds, and why
            what = f"acknowledged it still holds ({readable(entry.note or '')})"
        lines.append(f"- {entry.at.date().isoformat()}, {who}{where}: {what}")
    return "\n".join(lines)


def described(entry: ChangelogEntry, step: StepSpec | None, specs: Specs, people: People) -> str:
    """The entry's summary in words, part by part."""
    return "; ".join(_part(part, step, specs, people) for part in entry.summary.split("; "))


def _part(part: str, step: StepSpec | None, specs: Specs, people: People) -> str:
    if (stage := _STAGE.fullmatch(part)) is not None:
        before, after = (STAGE_LABEL.get(s, s) for s in stage.groups())
        return readable(f"stage from {before} to {after}")
    verb, _, rest = part.partition(" ")
    names = rest.split(", ")
    words: list[str] | None = None
    if verb in ("answered", "changed", "cleared") and step is not None:
        words = _titles(names, step)
    elif verb == "checklist" and specs.feasibility is not None:
        texts = {i.id: i.text.rstrip(".") for i in specs.feasibility.items}
        words = [texts[n] for n in names] if all(n in texts for n in names) else None
        if words is not None:
            return "checklist: " + "; ".join(readable(w) for w in words)
    elif verb == "set":
        found = [_field(name, people) for name in names]
        words = None if None in found else [w for w in found if w is not None]
        if words is not None:
            return "set " + ", ".join(words)
    if words is None:
        return readable(part)
    return f"{verb} " + ", ".join(readable(w) for w in words)


def _titles(ids: list[str], step: StepSpec) -> list[str] | None:
    questions = [step.question(qid) if _ID.fullmatch(qid) else None for qid in ids]
    if any(q is None for q in questions):
        return None
    return [q.title for q in questions if q is not None]


def _field(name: str, people: People) -> str | None:
    """A "set" field in words (already readable), or None when it is not one we know."""
    if (status := _STATUS.fullmatch(name)) is not None:
        before, after = (STATUS_TEXT.get(s, s) for s in status.groups())
        return readable(f"status from {before} to {after}")
    if (person := _PERSON.fullmatch(name)) is not None:
        handle, removed = person.groups()
        return f"person {people.name(handle)}" + (" (removed)" if removed else "")
    if name.startswith("project ") and _ID.fullmatch(name[8:]):
        return "project " + name[8:].replace("_", " ")
    if name.startswith("workshop "):
        return readable(name)
    return _FIELD_WORDS.get(name)
