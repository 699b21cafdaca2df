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
from .moved_anyway import one_line
from .specs import Specs, StepSpec
from .stages import STAGE_LABEL

_ID = re.compile(r"[a-z][a-z0-9_-]*")
_STATUS = re.compile(r"status (\w+) -> (\w+)")
_PERSON = re.compile(r"person (\S+)( removed)?")
_STAGE = re.compile(r"stage: (\w+) -> (\w+)")
# How a move past a gate that did not pass was summarised: before, with the reason inside
# (always the last field set); now, the verdict only, the reason being the entry's note.
_OLD_MOVED = re.compile(r"moved on despite the gate \((.*)\)$", re.S)
_MOVED = re.compile(r"moved on despite ([\w -]+)")
STATUS_LABEL = {"met": "Met", "partial": "Partial", "not-met": "Not met", "unknown": "Unknown"}
_FIELD_WORDS = {
    "owners": "owners",
    "code_paths": "code paths",
    "links": "links",
    "review_interval_days": "review interval",
    "override": "override",
    "override_reason": "override reason",
    "moved_despite cleared": "the reason given for moving on removed",
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
    summary, moved = entry.summary, ""
    if (old := _OLD_MOVED.search(summary)) is not None:  # the reason inside the summary
        verdict, _, reason = old.group(1).partition(": ")
        moved = _moved_words(step, verdict, reason)
        head = summary[: old.start()]  # "...; set owners, " or "...; set "
        summary = head[:-2] if head.endswith(", ") else head.removesuffix("set ")
        summary = summary.removesuffix("; ")
    note = entry.note or ""
    parts = [_part(part, step, specs, people, note) for part in summary.split("; ") if part]
    return "; ".join([*parts, moved] if moved else parts)


def _moved_words(step: StepSpec | None, verdict: str, reason: str) -> str:
    """ "moved on although the checklist said NO-GO. Reason given: ...", the reason's
    Markdown kept on one line (the gate's section shows it whole)."""
    what = "the checklist" if step is not None and step.kind == "feasibility" else "the gate"
    said = f"moved on although {what} said {verdict}" if verdict != "it" else "moved on anyway"
    reason = one_line(reason)
    return f"{readable(said)}. Reason given: {reason}" if reason else readable(said)


def _part(part: str, step: StepSpec | None, specs: Specs, people: People, note: str) -> str:
    if (stage := _STAGE.fullmatch(part)) is not None:
        before, after = (STAGE_LABEL.get(s, s) for s in stage.groups())
        return readable(f"moved the stage from {before} to {after}")
    verb, _, rest = part.partition(" ")
    names = rest.split(", ")
    words: list[str] | None = None
    if verb in ("answered", "changed", "cleared") and step is not None:
        words = _titles(names, step)
    elif verb == "checklist":
        marked = _items(names, step, specs)
        if marked is not None:
            return "; ".join(marked)
    elif verb == "set":
        moved = [_moved_words(step, m.group(1), note) for n in names if (m := _MOVED.fullmatch(n))]
        found = [_field(name, people) for name in names if not _MOVED.fullmatch(name)]
        words = None if None in found else [w for w in found if w is not None]
        if words is not None:
            return "; ".join(([f"set {', '.join(words)}"] if words else []) + moved)
    if words is None:
        return readable(part)
    return f"{verb} " + ", ".join(readable(w) for w in words)


def _items(names: list[str], step: StepSpec | None, specs: Specs) -> list[str] | None:
    """Checklist items as sentences, by their text: 'set "The fallback works" to Not met'
    (an entry since items carry their new status, ``fallback_works=not-met``), 'updated
    "..."' when only its evidence or record changed (and for older entries, which do not
    say). None when an id is not an item of the step's checklist (then shown as written)."""
    where = step if step is not None and step.kind != "chapter" else specs.feasibility
    if where is None:
        return None
    items = where.items if where.kind == "feasibility" else where.criteria
    texts = {i.id: i.text.rstrip(".") for i in items}
    out: list[str] = []
    for name in names:
        item, _, status = name.partition("=")
        if item not in texts:
            return None
        title = readable(f'"{texts[item]}"')
        if status == "none":
            out.append(f"cleared the status of {title}")
        elif status:
            out.append(f"set {title} to {STATUS_LABEL.get(status, readable(status))}")
        else:
            out.append(f"updated {title}")
    return out


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
