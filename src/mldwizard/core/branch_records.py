"""``check --base``: what a branch may not do to the document quietly.

mldwizard records every review change, answer and acknowledgement in the changelog, under
the person it records. A branch that changes the document by hand (an editor, a script, a
coding agent with a shell) leaves no entry, so:

* MLD110: review records that existed at the merge base (item marks, comment threads and
  their replies, review rounds, approvals) are gone or rewritten, and the branch adds no
  changelog entry for that step by a person of the document. A reviewer's "not met" and
  her open comment are exactly what a pull request must not erase in silence.
* MLD111: a step that had answers (or checklist items) at the merge base has none now, or
  is gone from the document. Its code paths at the merge base still count for MLD040.
* MLD112: a step's ``updated`` or ``reviewed`` moment, or an approval's, moved on the branch
  without a changelog entry for the step made then (by a person of the document, for a
  review or an approval; from a minute before to a day after the moment: a review made mark
  by mark is one entry, stamped with its last change). Such a ``reviewed`` records no
  review, so it does not satisfy MLD040 either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .agent_names import is_agent
from .checks import Finding
from .document import ChangelogEntry, Document, StepState
from .kinds import is_answered
from .review_model import StepReview
from .specs import NOTES_ID, Specs

EARLY = dt.timedelta(minutes=1)
LATE = dt.timedelta(days=1)
"""A changelog entry made from a minute before a moment to a day after it records it."""

Report = Callable[[str, str, str, dict[str, Any]], None]
"""``report(code, slug, message, details)``."""


def has_content(state: StepState | None) -> bool:
    """Answers other than the notes, or checklist items: something written to keep."""
    if state is None:
        return False
    return any(is_answered(v) for k, v in state.answers.items() if k != NOTES_ID) or bool(
        getattr(state, "items", None)
    )


def _key(entry: ChangelogEntry) -> tuple[str, str, str | None, str]:
    return (entry.at.isoformat(), entry.by, entry.chapter, entry.summary)


@dataclass(frozen=True)
class NewEntries:
    """The changelog entries the branch added (those the merge base's document lacks)."""

    entries: list[ChangelogEntry]
    people: frozenset[str]

    @classmethod
    def of(cls, doc: Document, base_doc: Document) -> NewEntries:
        old = {_key(e) for e in base_doc.changelog}
        return cls(
            [e for e in doc.changelog if _key(e) not in old],
            frozenset(p.handle for p in doc.people),
        )

    def by_person(self, slug: str) -> list[ChangelogEntry]:
        return [
            e
            for e in self.entries
            if e.chapter == slug and e.by in self.people and not is_agent(e.by)
        ]

    def records(self, slug: str, moment: dt.datetime, person: bool) -> bool:
        """Whether an entry for the step (by a person, when ``person``) records ``moment``."""
        pool = self.by_person(slug) if person else [e for e in self.entries if e.chapter == slug]
        return any(moment - EARLY <= e.at <= moment + LATE for e in pool)


def _thread_changes(before: StepReview, after: StepReview) -> list[str]:
    out: list[str] = []
    for old in before.threads:
        new = after.thread(old.id)
        who = f"comment #{old.id} by {old.author} ({_short(old.text)})"
        if new is None:
            out.append(f"{who} removed")
            continue
        same_head = (old.author, old.at, old.text, old.item, old.severity) == (
            new.author,
            new.at,
            new.text,
            new.item,
            new.severity,
        )
        kept_replies = new.replies[: len(old.replies)] == old.replies
        state_moved = new.state != old.state and len(new.replies) == len(old.replies)
        if not same_head or not kept_replies or state_moved:
            out.append(f"{who} rewritten")
    return out


def review_changes(before: StepReview, after: StepReview) -> list[str]:
    """The merge base's review records that ``after`` lost or rewrote, in words."""
    out: list[str] = []
    for item, old in before.marks.items():
        new = after.marks.get(item)
        if new is None:
            out.append(f"{item} marked {old.mark} by {old.by} removed")
        elif new != old:
            out.append(f"{item} marked {old.mark} by {old.by} rewritten")
    out += _thread_changes(before, after)
    for r in before.rounds:
        if not any(
            (n.by, n.at, n.revision, n.digest) == (r.by, r.at, r.revision, r.digest)
            for n in after.rounds
        ):
            out.append(f"review round by {r.by} on {r.at.date().isoformat()} removed")
    for a in before.approvals:
        if a not in after.approvals:
            out.append(f"approval by {a.by} of revision {a.revision} removed or rewritten")
    return out


def _short(text: str, most: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


def stored_steps(doc: Document) -> dict[str, StepState]:
    """Every step the document stores, by slug: chapters, the gate, feasibility, stage gates."""
    steps: dict[str, StepState] = dict(doc.chapters)
    steps["gate"] = doc.gate
    steps["feasibility"] = doc.feasibility
    steps.update(doc.stage_gates)
    return steps


def record_findings(
    doc_path: Path, doc: Document, base_doc: Document, specs: Specs
) -> tuple[list[Finding], set[str]]:
    """MLD110, MLD111 and MLD112 (errors), and the steps whose ``reviewed`` moved without
    a changelog entry (their move records no review)."""
    found: list[Finding] = []

    def report(code: str, slug: str, message: str, details: dict[str, Any]) -> None:
        found.append(Finding(code, "error", str(doc_path), slug, message, details))

    def label(slug: str) -> str:
        spec = specs.get(slug)
        return spec.label if spec is not None else slug

    unrecorded = _records(doc, base_doc, stored_steps(doc), stored_steps(base_doc), label, report)
    return found, unrecorded


def _records(
    doc: Document,
    base_doc: Document,
    steps: dict[str, StepState],
    old_steps: dict[str, StepState],
    label: Callable[[str], str],
    report: Report,
) -> set[str]:
    new = NewEntries.of(doc, base_doc)
    unrecorded: set[str] = set()
    for slug, before in old_steps.items():
        after = steps.get(slug)
        name = label(slug)
        lost = review_changes(before.review, after.review if after else StepReview())
        if lost and not new.by_person(slug):
            report(
                "MLD110",
                slug,
                f"{name}: the branch removed or rewrote review records of the merge base "
                f"without a changelog entry by a person of the document: {'; '.join(lost)}; "
                "review changes are made with `mldwizard review` (or the wizard), which records "
                "who made them: put the records back",
                {"records": lost},
            )
        if has_content(before) and not has_content(after):
            gone = after is None
            report(
                "MLD111",
                slug,
                f"{name}: it had answers at the merge base and "
                + ("is gone from the document" if gone else "has none now")
                + (
                    ""
                    if new.by_person(slug)
                    else ", and no person of the document recorded clearing it"
                )
                + ": put its answers back (git checkout BASE -- the document), or clear them "
                "with `mldwizard set ... --clear` and say why in the pull request",
                {"removed": gone, "recorded": bool(new.by_person(slug))},
            )
        if after is None:
            continue
        moved = _moved_dates(before, after, slug, new)
        if moved:
            if any(what == "reviewed" for what, _ in moved):
                unrecorded.add(slug)
            said = ", ".join(f"{what} {when.isoformat()}" for what, when in moved)
            report(
                "MLD112",
                slug,
                f"{name}: dates changed on the branch without a changelog entry that records "
                f"them ({said}): a review, an approval or an ack is recorded by mldwizard "
                "(`mldwizard review`, `mldwizard ack`), never by editing the date; put the "
                "dates back",
                {"dates": {what: when.isoformat() for what, when in moved}},
            )
    return unrecorded


def _moved_dates(
    before: StepState, after: StepState, slug: str, new: NewEntries
) -> list[tuple[str, dt.datetime]]:
    out: list[tuple[str, dt.datetime]] = []
    for what, person in (("updated", False), ("reviewed", True)):
        moment = getattr(after, what)
        moved = moment is not None and moment != getattr(before, what)
        if moved and not new.records(slug, moment, person=person):
            out.append((what, moment))
    for approval in after.review.approvals:
        if approval in before.review.approvals:
            continue
        if not new.records(slug, approval.at, person=True):
            out.append((f"approval by {approval.by}", approval.at))
    return out
