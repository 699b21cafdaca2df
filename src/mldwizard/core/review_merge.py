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
