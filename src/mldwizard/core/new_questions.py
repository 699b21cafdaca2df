"""Which missing answers are new in question set v2: a chapter reviewed before its document
was upgraded from question set v1 could not have answered them. ``check`` (MLD001) and the
verdict boxes say so in the same words."""

from __future__ import annotations

import datetime as dt

from .document import Document
from .migrate_v2 import MOVES, upgraded_at
from .question_set_v1 import V1_QUESTIONS

NEW_IN_V2 = "new in question set v2"


def in_question_set_v1(slug: str, qid: str) -> bool:
    """The question was asked in question set v1, under its id or one that moved to it."""
    if qid in V1_QUESTIONS.get(slug, frozenset()):
        return True
    return any(
        move.to == (slug, qid) and old[1] in V1_QUESTIONS.get(old[0], frozenset())
        for old, move in MOVES.items()
    )


def new_since_review(
    doc: Document, slug: str, reviewed: dt.datetime | None, missing: list[str]
) -> list[str]:
    """Of the ``missing`` question ids, those new in question set v2 in a chapter last
    reviewed before the document was upgraded: nobody could have answered them then."""
    upgraded = upgraded_at(doc.changelog)
    if upgraded is None or (reviewed is not None and reviewed >= upgraded):
        return []
    return [qid for qid in missing if not in_question_set_v1(slug, qid)]
