"""A lint finding silenced for one answer, with the reason, as the document stores it
(``silenced`` in a step's table). Kept apart from the lint itself so the document model can
hold it without loading the rules.

A silence holds for the answer it was given for: it stores that answer's fingerprint
(:func:`answer_fingerprint`). Once the answer changes, the silence no longer applies (the
finding shows again) and ``check``/``lint`` report it stale (MLD120). A silence written
before fingerprints existed (none stored) holds for the question, as it did then, until it
is lifted or given again."""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict, Field

from .ids import SNAKE

LINT_CODE = r"^MLD1[0-9][0-9]$"
NOT_BLANK = r"\S"
FINGERPRINT = r"^[0-9a-f]{16}$"


def answer_fingerprint(text: str) -> str:
    """What identifies an answer's text: a hash of it with runs of white space as one space
    (re-wrapping a paragraph does not change it; changing a word does)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


class Silence(BaseModel):
    """``MLD1xx`` is not reported for this answer, for this reason."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)

    question: str = Field(pattern=SNAKE, description="The question id of the answer.")
    code: str = Field(pattern=LINT_CODE, description="The lint code silenced, e.g. MLD105.")
    reason: str = Field(
        min_length=1, pattern=NOT_BLANK, description="Why the finding does not apply here."
    )
    by: str = Field("", description="Who silenced it (a handle, or the change's author).")
    on: dt.date | None = Field(None, description="When it was silenced.")
    answer: str | None = Field(
        None,
        pattern=FINGERPRINT,
        description="The fingerprint of the answer it was given for (none: any answer).",
    )

    def holds_for(self, fingerprint: str) -> bool:
        """True when the silence applies to the answer of this fingerprint."""
        return self.answer is None or self.answer == fingerprint

    def answer_changed(self, text: str | None) -> bool:
        """True when the answer (its text now, None or blank for none) is no longer the one
        it was silenced for: the silence no longer applies. Never for a silence without a
        fingerprint (it holds for any answer)."""
        if self.answer is None:
            return False
        return not text or not text.strip() or not self.holds_for(answer_fingerprint(text))
