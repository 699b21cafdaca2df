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


def migrate_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    raw.setdefault("stage", "design")
    for (slug, qid), move in MOVES.items():
        answers = _answers(raw, slug, create=False)
        if answers is None or qid not in answers:
            continue
        value = answers.pop(qid)
        target = _answers(raw, move.to[0], create=True)
        assert target is not None
        _place(target, move, value, (slug, qid))
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


def _place(target: dict[str, Any], move: Move, value: Any, old: tuple[str, str]) -> None:
    qid = move.to[1]
    there = target.get(qid)
    if _empty(there) or there == value:
        target[qid] = value
        return
    if move.how == "join":
        if isinstance(there, list) and isinstance(value, list):
            target[qid] = there + [v for v in value if v not in there]
            return
        if isinstance(there, str) and isinstance(value, str):
            target[qid] = f"{there.rstrip()}\n\n{value.lstrip()}"
            return
        if isinstance(there, list) and isinstance(value, str):
            target[qid] = [*there, value]
            return
        if isinstance(there, str) and isinstance(value, list):
            target[qid] = there.rstrip() + "\n\n" + "\n".join(f"- {v}" for v in value)
            return
    _to_notes(target, move, value, old)


def _to_notes(target: dict[str, Any], move: Move, value: Any, old: tuple[str, str]) -> None:
    shown = "\n".join(f"- {v}" for v in value) if isinstance(value, list) else f"{value}"
    line = f"{move.title} (was {old[0]}.{old[1]}, kept when the questions changed):"
    entry = f"{line}\n{shown}" if isinstance(value, list) else f"{line} {shown}"
    notes = target.get("notes")
    target["notes"] = f"{notes.rstrip()}\n\n{entry}" if isinstance(notes, str) and notes else entry


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []
