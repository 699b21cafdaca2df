"""Schema 1 to 2: the second question set. Answers follow their questions, none is lost.

Version 2 adds the document's ``stage`` (a version 1 document is at ``design``) and the
question set v2, where some questions were merged into another or renamed. Each row of
:data:`MOVES` says where an answer goes and how it meets an answer already there:

* ``rename``: the question only changed its id or chapter; the answer moves as is.
* ``join``: the two asked the same thing in text or lists; texts are joined with a blank
  line, lists keep every item once.
* ``keep``: a single value (a choice, a person, a number); the answer already there
  stays, and a different moved one is written into the chapter's free notes, named.

When the target already holds an answer that cannot take the moved one, it also goes to
the notes, so a migration never drops what an author wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

How = Literal["rename", "join", "keep"]


@dataclass(frozen=True)
class Move:
    to: tuple[str, str]  # (step slug, question id); "gate" is the gate
    how: How
    title: str  # the old question's title, to name it in the notes


MOVES: dict[tuple[str, str], Move] = {
    ("reporting", "split_unit"): Move(
        ("reporting", "randomisation_unit"), "rename", "Randomisation unit"
    ),
    ("reporting", "control_metrics"): Move(
        ("metrics", "guardrail_metrics"), "join", "Control metrics"
    ),
}
"""Old (step, question) -> where its answer goes. Add a row for every id that changes."""

VALUE_MAPS: dict[tuple[str, str], dict[str, str]] = {}
"""(step, question) -> {old choice value: new value}, applied after the moves."""


def field_path(slug: str, qid: str) -> str:
    """Where an answer is in the document: ``chapters.metrics.answers.x``, ``gate.answers.x``."""
    return f"{'gate' if slug == 'gate' else f'chapters.{slug}'}.answers.{qid}"


def moves_ahead(raw: dict[str, Any]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """For a version 1 document, before :func:`migrate_1_to_2`: (old, new) (step, question)
    of every answer it is about to move."""
    ahead = []
    for (slug, qid), move in MOVES.items():
        answers = _answers(raw, slug, create=False)
        if answers is not None and qid in answers:
            ahead.append(((slug, qid), move.to))
    return ahead


def moves_made(
    ahead: list[tuple[tuple[str, str], tuple[str, str]]], raw: dict[str, Any]
) -> dict[str, str]:
    """After the migration: new field path -> old, for each answer of ``ahead`` that moved
    (a problem found at the new place then names where the author wrote it)."""
    made: dict[str, str] = {}
    for old, new in ahead:
        answers = _answers(raw, old[0], create=False)
        if answers is None or old[1] not in answers:
            made.setdefault(field_path(*new), field_path(*old))
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
    for (slug, qid), mapping in VALUE_MAPS.items():
        answers = _answers(raw, slug, create=False)
        if answers is None or qid not in answers:
            continue
        value = answers[qid]
        if isinstance(value, str):
            answers[qid] = mapping.get(value, value)
        elif isinstance(value, list):
            answers[qid] = [mapping.get(v, v) if isinstance(v, str) else v for v in value]
    return raw


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
    if move.how == "join" and _texts(there) and _texts(value):
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
