"""Reading acks (``mldwizard ack``) back from a document's changelog: which entry is one,
the ack behind a step's ``reviewed`` moment, and the last review that was not an ack.

Kept free of storage so the renderers and the checks can use it.
"""

from __future__ import annotations

import datetime as dt

from .document import ChangelogEntry, Document

ACK_SUMMARY = "acknowledged: still holds"


def is_ack(entry: ChangelogEntry) -> bool:
    return entry.summary == ACK_SUMMARY and entry.note is not None


def last_ack(doc: Document, slug: str) -> ChangelogEntry | None:
    """The ack the step's ``reviewed`` moment comes from, when its last review was one."""
    if not doc.is_stored(slug):
        return None
    reviewed = doc.step(slug).reviewed
    if reviewed is None:
        return None
    for entry in reversed(doc.changelog):
        if entry.chapter == slug and is_ack(entry) and entry.at == reviewed:
            return entry
    return None


def review_moment(doc: Document, slug: str) -> dt.datetime | None:
    """The step's last review by a reviewer: ``reviewed``, unless an ack moved it last;
    then the latest review round or approval."""
    if not doc.is_stored(slug):
        return None
    state = doc.step(slug)
    if last_ack(doc, slug) is None:
        return state.reviewed
    moments = [r.at for r in state.review.rounds] + [a.at for a in state.review.approvals]
    return max(moments, default=None)
