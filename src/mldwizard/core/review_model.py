"""A step's review as stored in the document: marks, comment threads, rounds, approvals.

Every field has a default, so a document written before reviews existed loads unchanged
(no migration). What the rules make of it (what blocks an approval, what counts as met)
lives in :mod:`mldwizard.core.review_rules`; the changes a face can make, in
:mod:`mldwizard.core.review`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from .kinds import normalize_newlines
from .review_spec import Severity

Text = Annotated[str, AfterValidator(normalize_newlines)]
HANDLE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
DIGEST = r"^[0-9a-f]{64}$"
DIGEST_HELP = (
    "SHA-256 of the step's text (answers, notes, checklist items) as it was then "
    "(set by mldwizard; see mldwizard.core.approved_text)."
)

Mark = Literal["met", "partial", "not-met", "not-applicable"]
MARKS: tuple[Mark, ...] = ("met", "partial", "not-met", "not-applicable")
MARK_LABEL: dict[str, str] = {
    "met": "Met",
    "partial": "Partial",
    "not-met": "Not met",
    "not-applicable": "Not applicable at this stage",
}
ThreadState = Literal["open", "resolved", "closed"]
Action = Literal["resolve", "close", "reopen"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)


class ReviewPolicy(_Strict):
    """What approving a step takes: a number of approvals, and approvals from roles."""

    approvals: int = Field(1, ge=1, le=20, description="Approvals from different reviewers.")
    roles: list[Annotated[str, Field(min_length=1, pattern=r"\S")]] = Field(
        default_factory=list,
        description="For each role named, one approval from a person with that role "
        "(e.g. 'Product': a person whose role says Product).",
    )


class ItemMark(_Strict):
    """A reviewer's verdict on one review item."""

    mark: Mark
    reason: Text = Field("", description="Why (required for not-applicable).")
    by: str = Field(pattern=HANDLE, description="The reviewer's handle.")
    at: AwareDatetime
    revision: int = Field(0, ge=0, description="The step's revision when it was marked.")
    digest: str | None = Field(None, pattern=DIGEST, description=DIGEST_HELP)

    @model_validator(mode="after")
    def _not_applicable_has_reason(self) -> ItemMark:
        if self.mark == "not-applicable" and not self.reason.strip():
            raise ValueError("not-applicable needs a reason (why it does not apply yet)")
        return self


class Reply(_Strict):
    """A reply in a thread, or a change of its state (with an optional word)."""

    by: str = Field(pattern=HANDLE)
    at: AwareDatetime
    text: Text = ""
    action: Action | None = Field(None, description="resolve, close or reopen (else a reply).")

    @model_validator(mode="after")
    def _says_something(self) -> Reply:
        if self.action is None and not self.text.strip():
            raise ValueError("a reply needs text")
        return self


class Thread(_Strict):
    """A review comment and what followed: open -> resolved (author) -> closed (reviewer)."""

    id: int = Field(ge=1, description="Numbered within the step, from 1.")
    item: str | None = Field(None, description="The review item it is about, if any.")
    severity: Severity = Field(description="The item's severity, or given.")
    author: str = Field(pattern=HANDLE, description="Who opened it (a reviewer).")
    at: AwareDatetime
    text: Text = Field(min_length=1, pattern=r"\S")
    state: ThreadState = "open"
    replies: list[Reply] = Field(default_factory=list)

    @property
    def changed(self) -> dt.datetime:
        """When it was last replied to or changed state."""
        return self.replies[-1].at if self.replies else self.at


class ReviewRound(_Strict):
    """A reviewer's pass over the step at one revision, with the answers as they were."""

    by: str = Field(pattern=HANDLE)
    at: AwareDatetime
    revision: int = Field(ge=0)
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="The answers it reviewed, stored when a change made the next revision "
        "(for the diff since); on one round of that revision.",
    )
    digest: str | None = Field(None, pattern=DIGEST, description=DIGEST_HELP)


class Approval(_Strict):
    by: str = Field(pattern=HANDLE)
    at: AwareDatetime
    revision: int = Field(ge=0, description="The revision approved.")
    digest: str | None = Field(None, pattern=DIGEST, description=DIGEST_HELP)
    marks: dict[str, Mark] = Field(
        default_factory=dict, description="The item marks when approved."
    )


class StepReview(_Strict):
    policy: ReviewPolicy | None = Field(
        None, description="This step's own requirement, on top of the spec's and document's."
    )
    marks: dict[str, ItemMark] = Field(default_factory=dict, description="By review item id.")
    threads: list[Thread] = Field(default_factory=list)
    rounds: list[ReviewRound] = Field(default_factory=list)
    approvals: list[Approval] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.policy or self.marks or self.threads or self.rounds or self.approvals)

    def thread(self, number: int) -> Thread | None:
        return next((t for t in self.threads if t.id == number), None)


def review_people(review: StepReview) -> set[str]:
    """Everyone a review names: who marked, commented, replied, reviewed or approved."""
    named = {m.by for m in review.marks.values()}
    named |= {r.by for r in review.rounds} | {a.by for a in review.approvals}
    for thread in review.threads:
        named |= {thread.author} | {r.by for r in thread.replies}
    return named
