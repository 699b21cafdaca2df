"""What an approval approved: a digest of the step's text, and whether it still holds.

An approval (and a review mark) records the digest of the step's content when it was given:
its answers (the notes included), and for the gate, the feasibility checklist and the stage
gates their override, items and scope (:data:`CONTENT_FIELDS`, the same fields whose change
makes a new revision). The digest is taken over the values, not the file: TOML formatting,
key order and line endings do not change it, and neither does an answer left empty.

So an approved step changed by any means (the wizard, ``set``, a hand edit, a merge, a
rebase) no longer reads as approved: its approval counts only while the text is the one
approved. An approval recorded before digests existed has none; for it the step's
``updated`` moment is compared with its last review, as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .ack_records import review_moment
from .document import Document, StepState
from .review_model import Approval

CONTENT_FIELDS = frozenset({"answers", "items", "override", "override_reason", "scope"})
"""The fields of a step that are its text: a change to one makes a new revision."""


def content_digest(state: StepState) -> str:
    """The SHA-256 (hex) of the step's content, independent of how the file writes it."""
    content = state.model_dump(mode="json", include=set(CONTENT_FIELDS))
    shown = {k: _kept(v) for k, v in content.items()}
    text = json.dumps(
        {k: v for k, v in shown.items() if not _empty(v)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _kept(value: Any) -> Any:
    """``value`` without the empty entries a reader never sees (an answer left blank)."""
    if isinstance(value, dict):
        return {k: _kept(v) for k, v in value.items() if not _empty(_kept(v))}
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def approval_counts(approval: Approval, state: StepState, digest: str | None = None) -> bool:
    """Whether an approval approves the step as it stands: its text is the one approved
    (by digest); an approval without a digest (an older document) counts for the revision
    it approved."""
    if approval.digest is not None:
        return approval.digest == (digest or content_digest(state))
    return approval.revision == state.revision


@dataclass(frozen=True)
class ChangedAfterApproval:
    """An approved step whose text is no longer the one approved."""

    approvers: list[str]
    """Who approved the text it had (handles, in order of approval)."""
    revision: int
    at: dt.datetime
    by_digest: bool
    """True: the recorded digest differs from the text; False: an older approval without a
    digest, and the step was updated after its last review."""


def changed_after_approval(doc: Document, slug: str) -> ChangedAfterApproval | None:
    """Why an approved step does not hold as approved (None: it holds, or is not approved).

    With digests recorded, the text must be one that was approved (a mark or a comment on
    the new text approves nothing). Without any (an older document), the step's ``updated``
    moment after its last review (an ack is no review of a change) decides, as MLD006 always
    did."""
    if not doc.is_stored(slug):
        return None
    state = doc.step(slug)
    if state.status != "approved":
        return None
    approvals = state.review.approvals
    digested = [a for a in approvals if a.digest is not None]
    if digested:
        if any(a.digest == content_digest(state) for a in digested):
            return None
        newest = max(digested, key=lambda a: a.at)
        same = [a.by for a in digested if a.digest == newest.digest]
        return ChangedAfterApproval(list(dict.fromkeys(same)), newest.revision, newest.at, True)
    reviewed = review_moment(doc, slug)
    if state.updated is None or (reviewed is not None and state.updated <= reviewed):
        return None
    last = max(approvals, key=lambda a: a.at, default=None)
    if last is None:
        return ChangedAfterApproval([], state.revision, state.updated or _EPOCH, False)
    same = [a.by for a in approvals if a.revision == last.revision]
    return ChangedAfterApproval(list(dict.fromkeys(same)), last.revision, last.at, False)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def shown_status(doc: Document, slug: str) -> str:
    """The step's status as the reader's document says it: ``changed`` for an approved step
    whose text is not the one approved (see :func:`changed_after_approval`)."""
    if not doc.is_stored(slug):
        return "empty"
    if changed_after_approval(doc, slug) is not None:
        return "changed"
    return doc.step(slug).status


def status_words(doc: Document, slug: str) -> str:
    """The step's status in words for a face's header: ``approved at revision 6 by mira,
    changed since`` for an approved step whose text is not the one approved (the rule of
    :func:`shown_status`, which F5 and ``status`` show as ``approved, changed``)."""
    if not doc.is_stored(slug):
        return "empty"
    changed = changed_after_approval(doc, slug)
    if changed is None:
        return doc.step(slug).status
    who = f" by {', '.join(changed.approvers)}" if changed.approvers else ""
    return f"approved at revision {changed.revision}{who}, changed since"
