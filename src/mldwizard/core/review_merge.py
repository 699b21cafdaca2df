"""How a step's review takes part in the three-way merge of :mod:`mldwizard.core.merge`.

A review is flattened into one location per item mark, per thread (by its number), per
round and per approval (by reviewer and moment), and its policy: a mark set here and a
thread answered there both stay; the same thread changed on both sides is a conflict,
never a silent loss. After the merge, the keyed entries become lists again, in order.
"""

from __future__ import annotations

import copy
from typing import Any

from .document import StepState
from .review_model import MARK_LABEL

Path_ = tuple[str, ...]
_KEYED = ("threads", "rounds", "approvals")


def flatten_review(flat: dict[Path_, Any], prefix: Path_, review: dict[str, Any]) -> None:
    flat[(*prefix, "policy")] = review["policy"]
    for item, mark in review["marks"].items():
        flat[(*prefix, "marks", item)] = mark
    for thread in review["threads"]:
        flat[(*prefix, "threads", f"#{thread['id']}")] = thread
    for field in ("rounds", "approvals"):
        for entry in review[field]:
            flat[(*prefix, field, f"{entry['by']} {entry['at'].isoformat()}")] = entry


def relist_review(state: dict[str, Any]) -> None:
    """Turn a rebuilt step's keyed threads, rounds and approvals back into lists."""
    review = state.get("review")
    if not isinstance(review, dict):
        return
    for field in _KEYED:
        entries = review.get(field)
        if isinstance(entries, dict):
            order = "id" if field == "threads" else "at"
            review[field] = sorted(entries.values(), key=lambda e: e[order])


def review_words(location: str, value: Any) -> tuple[str, str] | None:
    """A review location of a conflict and one version of it, in words ("validation: review
    mark fitted_in_fold", "Partial, by devika (no note)"); None when it is not a review's."""
    path = tuple(location.split("."))
    if not is_review_path(path):
        return None
    nested = path[0] in ("chapters", "stage_gates")
    step, rest = (path[1], path[3:]) if nested else (path[0], path[2:])
    kind, key = rest[0], ".".join(rest[1:])
    if kind == "marks":
        what = f"review mark {key}"
        if isinstance(value, dict):
            note = f": {value['reason']}" if value.get("reason") else " (no note)"
            label = MARK_LABEL.get(value["mark"], value["mark"])
            return f"{step}: {what}", f"{label}, by {value['by']}{note}"
    elif kind == "threads":
        what = f"review comment {key}"
        if isinstance(value, dict):
            replies = value.get("replies", [])
            last = f"; last: {_reply_words(replies[-1])}" if replies else ""
            said = f"{value['state']}, by {value['author']}: {value['text']}{last}"
            return f"{step}: {what}", said
    else:
        what = {"approvals": "an approval", "rounds": "a review round"}.get(kind, "review policy")
    return f"{step}: {what}", "(none)" if value is None else "as recorded"


def _reply_words(reply: dict[str, Any]) -> str:
    word = f"{reply['action']}d" if reply.get("action") else "replied"
    text = f": {reply['text']}" if reply.get("text") else ""
    return f"{reply['by']} {word}{text}"


def keep_reviewed_answers(before: StepState, after: StepState) -> None:
    """A content change makes a new revision: a review of the revision it replaces keeps the
    answers it saw (so the change can be shown against them). Stored once per revision,
    and only for a revision that was reviewed and then changed."""
    for reviewed in after.review.rounds:
        if reviewed.revision == before.revision:
            if not any(r.answers for r in after.review.rounds if r.revision == before.revision):
                reviewed.answers = copy.deepcopy(before.answers)
            return


def is_review_path(path: Path_) -> bool:
    """Whether a flattened location belongs to a step's review."""
    if path[0] in ("chapters", "stage_gates"):
        return len(path) > 2 and path[2] == "review"
    return path[0] in ("gate", "feasibility") and len(path) > 1 and path[1] == "review"
