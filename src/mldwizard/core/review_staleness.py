"""What changed since a revision was reviewed, and which review marks that leaves stale.

One rule, used by the checklist's "Changed since X's review of revision N" and by the
approval: a mark judged the answers as they were at its revision. Once the answers its item
looks at changed (the item's own questions; the step's text when it names none of them),
the mark is stale: it is not carried into an approval until someone marks the item again
(the same mark keeps its note). A mark by a handle that is not among the document's people
(a hand edit, a bad merge) is not carried either.

The answers a revision had are stored on one review round of it when a change makes the
next revision (:func:`mldwizard.core.review_merge.keep_reviewed_answers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .approved_text import content_digest
from .document import Document, StepState
from .review_model import MARK_LABEL, ItemMark
from .review_spec import ReviewItem
from .specs import StepSpec


def revision_answers(state: StepState, revision: int) -> dict[str, Any]:
    """The answers of ``revision`` as a review round of it stored them ({} while none has)."""
    same = [r for r in state.review.rounds if r.revision == revision and r.answers]
    return same[0].answers if same else {}


def changed_since_revision(
    state: StepState, revision: int, before: dict[str, Any] | None = None
) -> list[str]:
    """The question ids whose answers differ now from ``revision``'s (``before``: its answers
    when already known). [] for the current revision when its answers were never stored: a
    change by hand or a merge made no new revision, and which answers it changed is not
    known."""
    seen = revision_answers(state, revision) if before is None else before
    if revision == state.revision and not seen:
        return []
    now = state.answers
    return [q for q in dict.fromkeys([*seen, *now]) if seen.get(q) != now.get(q)]


def own_questions(step: StepSpec, item: ReviewItem) -> list[str]:
    """The ids of the step's own questions the item looks at."""
    return [q for q in item.questions if "." not in q and step.question(q) is not None]


@dataclass(frozen=True)
class MarkToConfirm:
    """A mark an approval would not carry: stale, or by someone who is not a person."""

    item: ReviewItem
    mark: ItemMark
    changed: list[str]
    """The answers it looks at that changed since the mark (question ids; [] when the
    text changed outside mldwizard, or the mark is by someone who is not a person)."""
    blocker: str
    """What an approval says about it, in words."""


def marks_to_confirm(doc: Document, step: StepSpec, items: list[ReviewItem]) -> list[MarkToConfirm]:
    """The marks of ``items`` (those that apply) to mark again before an approval."""
    state = doc.step(step.slug)
    digest = content_digest(state)
    out = []
    for item in items:
        mark = state.review.marks.get(item.id)
        if mark is None:
            continue
        said = f"item {item.id} was marked {MARK_LABEL[mark.mark]} by {mark.by}"
        if doc.person(mark.by) is None:
            blocker = f"{said}, who is not among the document's people: mark it again"
            out.append(MarkToConfirm(item, mark, [], blocker))
            continue
        changed = _changed_for(state, step, item, mark, digest)
        if changed is None:
            continue
        if changed:
            titles = [q.title if (q := step.question(i)) else i for i in changed]
            what = "changed since: " + ", ".join(titles)
        elif mark.revision >= state.revision:
            what = "the step's text changed since, outside mldwizard (which answers is not known)"
        else:
            what = "the step's text changed since"
        note = f" (its note: {mark.reason})" if mark.reason else ""
        blocker = (
            f"{said} at revision {mark.revision}{note}; {what}: mark it again to carry it "
            "into an approval (the same mark keeps its note)"
        )
        out.append(MarkToConfirm(item, mark, changed, blocker))
    return out


def _changed_for(
    state: StepState, step: StepSpec, item: ReviewItem, mark: ItemMark, digest: str
) -> list[str] | None:
    """What the mark did not see of what its item looks at (None: the mark is current)."""
    if mark.digest is not None and mark.digest == digest:
        return None
    if mark.revision >= state.revision:
        # The same revision: current, unless its text changed with no new revision.
        return [] if mark.digest is not None else None
    changed = changed_since_revision(state, mark.revision)
    looks = own_questions(step, item)
    relevant = [q for q in changed if q in looks] if looks else changed
    if relevant:
        return relevant
    if not looks and mark.digest is not None:
        return []  # the text changed (a checklist item, the override), not its answers
    return None
