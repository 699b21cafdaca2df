"""How the changelog records review changes: who made them, in words, one entry a sitting.

A review change is credited to the person it records (the mark's ``by``, the reply's
``by``, the thread's author, the approval's ``by``), not to whoever saved: a face that lets
one person act for another (the review screen's ``w``, a workshop's reviewer of record)
saves under its own author, and the changelog and its people statistics must still say who
marked, replied or approved. What records nobody (a policy, a mark removed) goes with the
one person acting in the same save, else with the author who saved.

The summary says what happened ("reviewed: marked sized (met), tidy (partial); replied to
comment #3; approved"). Consecutive review entries of the same person on the same step
less than :data:`SITTING` apart are one entry (its ``at`` is the latest change): a review
made mark by mark, saved after each key, does not flood the changelog.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .document import ChangelogEntry
from .review_merge import is_review_path

Path_ = tuple[str, ...]
SITTING = dt.timedelta(seconds=60)
"""Review changes by one person on one step less than this apart make one entry."""

LOOKED = "reviewed"
"""The summary of a review entry, and its prefix when it says more ("reviewed: ...")."""

VERBS = (
    "marked",
    "unmarked",
    "opened comment",
    "replied to comment",
    "resolved comment",
    "closed comment",
    "reopened comment",
    "changed comment",
    "set the review policy",
    "approved",
)
_ACTION_VERB = {
    "resolve": "resolved comment",
    "close": "closed comment",
    "reopen": "reopened comment",
}
_MARK_WORD = {"met": "met", "partial": "partial", "not-met": "not met", "not-applicable": "n/a"}

Event = tuple[str | None, str | None, str | None]
"""(who, verb, object): who is None when the change records nobody; verb None: a look."""


def is_reviewed_stamp(path: Path_) -> bool:
    """The step's ``reviewed`` moment (set by every review)."""
    nested = path[0] in ("chapters", "stage_gates")
    return path[-1] == "reviewed" and len(path) == (3 if nested else 2)


def is_review_change(path: Path_) -> bool:
    return is_review_path(path) or is_reviewed_stamp(path)


def review_events(path: Path_, before: Any, after: Any, missing: Any) -> list[Event]:
    """What a changed review location records, as events."""
    if is_reviewed_stamp(path):
        # A look, unless the step merely came into being (unstored: no moment either way).
        return (
            [] if before in (None, missing) and after in (None, missing) else [(None, None, None)]
        )
    rest = path[3:] if path[0] in ("chapters", "stage_gates") else path[2:]
    kind = rest[0]
    key = rest[1] if len(rest) > 1 else ""
    if kind == "marks":
        if after is missing:
            return [(None, "unmarked", key)]
        return [(after["by"], "marked", f"{key} ({_MARK_WORD.get(after['mark'], after['mark'])})")]
    if kind == "threads":
        if after is missing:
            return [(None, "changed comment", key)]
        if before is missing:
            events: list[Event] = [(after["author"], "opened comment", key)]
            seen = 0
        else:
            events, seen = [], len(before["replies"])
        for reply in after["replies"][seen:]:
            action = reply.get("action")
            events.append((reply["by"], _ACTION_VERB.get(action, "replied to comment"), key))
        return events or [(None, "changed comment", key)]
    if kind == "approvals":
        return [(after["by"], "approved", None)] if after is not missing else []
    if kind == "rounds":
        # A new round is a look; a round given the answers it saw (a later content change)
        # is bookkeeping, not something anyone did.
        return [(after["by"], None, None)] if before is missing and after is not missing else []
    if before in (None, missing) and after in (None, missing):
        return []  # no policy before or after: a step stored for the first time, say
    return [(None, "set the review policy", None)]


def credit(events: list[Event], author: str) -> dict[str, list[Event]]:
    """The events by the person they are credited to (see the module's docstring)."""
    people = list(dict.fromkeys(who for who, _, _ in events if who is not None))
    fallback = people[0] if len(people) == 1 else author
    out: dict[str, list[Event]] = {}
    for event in events:
        out.setdefault(event[0] or fallback, []).append(event)
    return out


def summary_of(events: list[Event]) -> str:
    return render(_said(events))


def _said(events: list[Event]) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {}
    for _, verb, obj in events:
        if verb is None:
            continue
        objects = said.setdefault(verb, [])
        if obj is not None:
            _add(objects, obj)
    return said


def _add(objects: list[str], obj: str) -> None:
    """Add an object; a later mark of the same item replaces the earlier one."""
    name = obj.split(" (", 1)[0]
    objects[:] = [o for o in objects if o.split(" (", 1)[0] != name] + [obj]


def render(said: dict[str, list[str]]) -> str:
    parts = []
    for verb in VERBS:
        if verb in said:
            parts.append(f"{verb} {', '.join(said[verb])}".rstrip())
    return f"{LOOKED}: " + "; ".join(parts) if parts else LOOKED


def parse(summary: str) -> dict[str, list[str]] | None:
    """The changes a review entry's summary says (None: not a review entry)."""
    if summary == LOOKED:
        return {}
    if not summary.startswith(f"{LOOKED}: "):
        return None
    said: dict[str, list[str]] = {}
    for part in summary.removeprefix(f"{LOOKED}: ").split("; "):
        verb = next((v for v in sorted(VERBS, key=len, reverse=True) if part.startswith(v)), None)
        if verb is None:
            return None
        rest = part.removeprefix(verb).strip()
        said[verb] = rest.split(", ") if rest else []
    return said


def log_review(
    changelog: list[ChangelogEntry], step: str | None, by: str, events: list[Event], at: dt.datetime
) -> None:
    """Append the entry for ``by``'s review changes, or fold them into ``by``'s entry just
    before it (the same step, less than :data:`SITTING` earlier)."""
    last = changelog[-1] if changelog else None
    earlier = parse(last.summary) if last is not None else None
    if (
        last is not None
        and earlier is not None
        and last.by == by
        and last.chapter == step
        and last.note is None
        and dt.timedelta(0) <= at - last.at < SITTING
    ):
        for verb, objects in _said(events).items():
            kept = earlier.setdefault(verb, [])
            for obj in objects:
                _add(kept, obj)
        changelog[-1] = last.model_copy(update={"at": at, "summary": render(earlier)})
        return
    changelog.append(ChangelogEntry(at=at, by=by, chapter=step, summary=summary_of(events)))
