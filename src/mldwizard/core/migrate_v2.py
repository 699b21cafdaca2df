"""Schema 1 to 2: the second question set. Answers follow their questions, none is lost.

Version 2 adds the document's ``stage`` (a version 1 document is at ``design``) and the
question set v2, where some questions were merged into another or renamed. Each row of
:data:`MOVES` says where an answer goes and how it meets an answer already there:

* ``rename``: the question only changed its id or chapter; the answer moves as is.
* ``join``: the two asked the same thing in text or lists; texts are joined with a blank
  line, lists keep every item once.
* ``keep``: a single value (a choice, a person, a number); the answer already there
  stays, and a different moved one is written into the chapter's free notes, named.

When the target already holds an answer that cannot take the moved one (or one of the
wrong kind for its question: the author's problem stays theirs, named on load), it also
goes to the notes, so a migration never drops what an author wrote.

An answer moved into a chapter nobody had started makes it a ``draft`` kept by the source
chapter's owners (an answer is never "not started", nor without an owner). The migration
appends a changelog entry by ``mldwizard`` (:data:`UPGRADE_SUMMARY`), and one per chapter
that received moved answers: ``check`` reads its time to tell a question new in v2 from
one an author skipped, in a chapter reviewed before the upgrade.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .identity import now as clock_now

How = Literal["rename", "join", "keep"]
Shape = Literal["text", "list"]

UPGRADER = "mldwizard"
"""The changelog author of the upgrade (``check`` does not ask for it among the people)."""
UPGRADE_SUMMARY = "upgraded to question set v2 (schema 2)"
UPGRADE_NOTICE = (
    "{path} was upgraded to schema 2 (question set v2): mldwizard versions that read only "
    "schema 1 cannot open it any more"
)
"""Said once, when a version 1 document is first written as version 2."""


@dataclass(frozen=True)
class Move:
    to: tuple[str, str]  # (step slug, question id); "gate" is the gate
    how: How
    title: str  # the old question's title, to name it in the notes
    shape: Shape | None = None  # a join's target: one text, or a list of texts

    def pointer(self) -> str:
        """``renamed to reporting.randomisation_unit``, ``merged into metrics.x``."""
        verb = "renamed to" if self.how == "rename" else "merged into"
        return f"{verb} {self.to[0]}.{self.to[1]}"


MOVES: dict[tuple[str, str], Move] = {
    ("reporting", "split_unit"): Move(
        ("reporting", "randomisation_unit"), "rename", "Randomisation unit"
    ),
    ("reporting", "control_metrics"): Move(
        ("metrics", "guardrail_metrics"), "join", "Control metrics", "list"
    ),
}
"""Old (step, question) -> where its answer goes. Add a row for every id that changes."""

VALUE_MAPS: dict[tuple[str, str], dict[str, str]] = {}
"""(step, question) -> {old choice value: new value}, applied after the moves."""


def moved_pointer(slug: str, qid: str) -> str | None:
    """For an id of question set v1 that moved: ``split_unit was renamed to
    reporting.randomisation_unit (question set v2)``; None for any other id. The one place
    ``set``, ``set --from`` and loading a document name an old id's new place."""
    move = MOVES.get((slug, qid))
    if move is None:
        return None
    return f"{qid} was {move.pointer()} (question set v2)"


def upgraded_at(changelog: list[Any]) -> dt.datetime | None:
    """When the document was upgraded from question set v1 (its last upgrade entry)."""
    times = [e.at for e in changelog if e.by == UPGRADER and e.summary.startswith(UPGRADE_SUMMARY)]
    return max(times) if times else None


def field_path(slug: str, qid: str) -> str:
    """Where an answer is in the document: ``chapters.metrics.answers.x``, ``gate.answers.x``."""
    return f"{'gate' if slug == 'gate' else f'chapters.{slug}'}.answers.{qid}"


Ahead = list[tuple[tuple[str, str], tuple[str, str], Any]]


def moves_ahead(raw: dict[str, Any]) -> Ahead:
    """For a version 1 document, before :func:`migrate_1_to_2`: (old, new) (step, question)
    of every answer it is about to move, with the value already at the new place."""
    ahead = []
    for (slug, qid), move in MOVES.items():
        answers = _answers(raw, slug, create=False)
        if answers is not None and qid in answers:
            target = _answers(raw, move.to[0], create=False)
            there = target.get(move.to[1]) if target is not None else None
            ahead.append(((slug, qid), move.to, copy.deepcopy(there)))
    return ahead


def moves_made(ahead: Ahead, raw: dict[str, Any]) -> dict[str, str]:
    """After the migration: new field path -> old, for each answer of ``ahead`` that moved
    (a problem found at the new place then names where the author wrote it). An answer that
    went to the notes, the value there left as the author wrote it, names the notes."""
    made: dict[str, str] = {}
    for old, new, there in ahead:
        answers = _answers(raw, old[0], create=False)
        if answers is None or old[1] not in answers:
            target = _answers(raw, new[0], create=False) or {}
            kept = not _empty(there) and target.get(new[1]) == there
            place = (new[0], "notes") if kept else new
            made.setdefault(field_path(*place), field_path(*old))
    return made


def where_from(problem: str, made: dict[str, str]) -> str:
    """``problem`` (``field.path: message``), saying where a moved answer was written."""
    field = problem.partition(": ")[0]
    old = made.get(field)
    if old is None:
        return problem
    return f"{problem} (moved there from {old} when the file was upgraded from version 1)"


def migrate_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    raw.setdefault("stage", "design")
    moved: dict[str, list[str]] = {}
    for (slug, qid), move in MOVES.items():
        answers = _answers(raw, slug, create=False)
        if answers is None or qid not in answers:
            continue
        target = _answers(raw, move.to[0], create=True)
        if target is None or not _place(target, move, answers[qid], (slug, qid)):
            # The target's table (or its notes) is malformed: the answer stays where it was
            # written, and loading names both problems; nothing is lost, nothing written.
            continue
        del answers[qid]
        if move.to[0] != slug:
            _started(raw, move.to[0], slug)
        moved.setdefault(move.to[0], []).append(f"{slug}.{qid} {move.pointer()}")
    for (slug, qid), mapping in VALUE_MAPS.items():
        answers = _answers(raw, slug, create=False)
        if answers is None or qid not in answers:
            continue
        value = answers[qid]
        if isinstance(value, str):
            answers[qid] = mapping.get(value, value)
        elif isinstance(value, list):
            answers[qid] = [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    _log_upgrade(raw, moved)
    return raw


def _log_upgrade(raw: dict[str, Any], moved: dict[str, list[str]]) -> None:
    """The upgrade's changelog entries (none when the changelog is malformed: loading
    names it)."""
    changelog = raw.setdefault("changelog", [])
    if not isinstance(changelog, list):
        return
    at = clock_now()
    changelog.append({"at": at, "by": UPGRADER, "summary": UPGRADE_SUMMARY})
    for slug, lines in moved.items():
        chapter = {} if slug == "gate" else {"chapter": slug}
        summary = f"{UPGRADE_SUMMARY}: " + "; ".join(lines)
        changelog.append({"at": at, "by": UPGRADER, **chapter, "summary": summary})


def _holder(raw: dict[str, Any], slug: str) -> dict[str, Any] | None:
    holder = raw.get("gate") if slug == "gate" else (raw.get("chapters") or {}).get(slug)
    return holder if isinstance(holder, dict) else None


def _started(raw: dict[str, Any], slug: str, source: str) -> None:
    """A chapter that receives a moved answer and had no status is a draft, and one
    without owners gets the source chapter's (an answer is never unowned)."""
    holder, origin = _holder(raw, slug), _holder(raw, source)
    if holder is None:
        return
    if holder.get("status", "empty") == "empty":
        holder["status"] = "draft"
    owners = origin.get("owners") if origin is not None else None
    if not holder.get("owners") and isinstance(owners, list) and owners:
        holder["owners"] = list(owners)


def _answers(raw: dict[str, Any], slug: str, *, create: bool) -> dict[str, Any] | None:
    """The answers table of a step in the raw document (None if absent or malformed:
    validation reports a malformed document after the migration, naming the field)."""
    if slug == "gate":
        holder = raw.get("gate") if not create else raw.setdefault("gate", {})
    else:
        chapters = raw.get("chapters") if not create else raw.setdefault("chapters", {})
        if not isinstance(chapters, dict):
            return None
        holder = chapters.get(slug) if not create else chapters.setdefault(slug, {})
    if not isinstance(holder, dict):
        return None
    answers = holder.get("answers") if not create else holder.setdefault("answers", {})
    return answers if isinstance(answers, dict) else None


def _place(target: dict[str, Any], move: Move, value: Any, old: tuple[str, str]) -> bool:
    """Put ``value`` at the move's target (or into the notes); False when it cannot go
    anywhere without overwriting something (the notes are there but not text)."""
    qid = move.to[1]
    there = target.get(qid)
    if _empty(there) or there == value:
        target[qid] = value
        return True
    if move.how == "join" and _texts(there) and _texts(value) and _fits(there, move.shape):
        if isinstance(there, list) and isinstance(value, list):
            target[qid] = there + [v for v in value if v not in there]
        elif isinstance(there, str) and isinstance(value, str):
            target[qid] = f"{there.rstrip()}\n\n{value.lstrip()}"
        elif isinstance(there, list):
            target[qid] = [*there, value]
        else:  # text there, a list moved
            target[qid] = f"{there}".rstrip() + "\n\n" + "\n".join(f"- {v}" for v in value)
        return True
    return _to_notes(target, move, value, old)


def _fits(there: Any, shape: Shape | None) -> bool:
    """The answer already there is of the target question's kind (a join never builds a
    valid-looking value out of an author's invalid one: that one stays, and is named)."""
    if shape is None:
        return True
    return isinstance(there, list) if shape == "list" else isinstance(there, str)


def _texts(value: Any) -> bool:
    """Text, or a list of texts: what a join can merge without changing a value's type."""
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def _to_notes(target: dict[str, Any], move: Move, value: Any, old: tuple[str, str]) -> bool:
    notes = target.get("notes")
    if notes is not None and not isinstance(notes, str):
        return False
    many = isinstance(value, list)
    shown = "\n".join(f"- {_shown(v)}" for v in value) if many else _shown(value)
    line = f"{move.title} (was {old[0]}.{old[1]}, kept when the questions changed):"
    entry = f"{line}\n{shown}" if many or "\n" in shown else f"{line} {shown}"
    target["notes"] = f"{notes.rstrip()}\n\n{entry}" if notes else entry
    return True


def _shown(value: Any) -> str:
    """A value as text in the notes: TOML's spelling for booleans and dates."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return f"{value}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []
