"""A lint finding silenced for one answer, with the reason, as the document stores it
(``silenced`` in a step's table). Kept apart from the lint itself so the document model can
hold it without loading the rules."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .ids import SNAKE

LINT_CODE = r"^MLD1[0-9][0-9]$"
NOT_BLANK = r"\S"


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
