"""``check`` findings about review records a person did not make through mldwizard (a hand
edit, a bad merge): what the command line refuses on input is reported when it is on file.

* MLD092: an approval, mark, comment, reply or review round by a handle not among the
  document's people; an approval of the step's text by one does not count (an error);
* MLD093: a mark, an approval's mark or a comment on an item id the step's spec does not
  have;
* MLD094: a review record dated in the future, or of a revision the step has not reached;
  an error for an approval of the step's text (one of a later revision does not count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .approved_text import approval_counts, content_digest
from .document import Document
from .names import shown_repr
from .specs import StepSpec

Add = Callable[..., None]

CLOCK_SKEW = dt.timedelta(hours=1)
"""How far ahead of this machine's clock a record may be dated (another machine's clock)."""


def record_findings(doc: Document, step: StepSpec, now: dt.datetime, add: Add) -> None:
    """Report through ``add(code, severity, message, **details)``."""
    state = doc.step(step.slug)
    review, label = state.review, step.label
    digest = content_digest(state)
    items = {i.id for i in step.review}
    later = now + CLOCK_SKEW

    def unknown(handle: str) -> bool:
        return doc.person(handle) is None

    def when(at: dt.datetime, revision: int | None) -> list[str]:
        out = []
        if at > later:
            out.append(f"dated {at.isoformat()}, in the future")
        if revision is not None and revision > state.revision:
            out.append(f"of revision {revision}, which the step has not reached ({state.revision})")
        return out

    for a in review.approvals:
        counts = approval_counts(a, state, digest)
        what = f"{label}: the approval by {a.by} of {a.at.date()}"
        if unknown(a.by):
            tail = ": it does not count" if counts else ""
            add(
                "MLD092",
                "error" if counts else "warning",
                f"{what}: {a.by!r} is not among the document's people{tail}",
                handle=a.by,
                record="approval",
            )
        if bad := when(a.at, a.revision):
            tail = "" if a.revision <= state.revision else ": it does not count"
            add(
                "MLD094",
                "error" if counts else "warning",
                f"{what}: " + "; ".join(bad) + tail,
                handle=a.by,
                record="approval",
            )
        if strays := [i for i in a.marks if i not in items]:
            add(
                "MLD093",
                "warning",
                f"{what} records marks of items its spec does not have: " + ", ".join(strays),
                items=strays,
                record="approval",
            )
    for item_id, mark in review.marks.items():
        what = f"{label}: the mark of {item_id} by {mark.by}"
        if item_id not in items:
            add(
                "MLD093",
                "warning",
                f"{what}: {label} has no review item {shown_repr(item_id)}",
                items=[item_id],
                record="mark",
            )
        if unknown(mark.by):
            add(
                "MLD092",
                "warning",
                f"{what}: {mark.by!r} is not among the document's people (an approval does "
                "not carry it until it is marked again)",
                handle=mark.by,
                record="mark",
            )
        if bad := when(mark.at, mark.revision):
            add("MLD094", "warning", f"{what}: " + "; ".join(bad), handle=mark.by, record="mark")
    for thread in review.threads:
        what = f"{label}: comment #{thread.id}"
        if thread.item is not None and thread.item not in items:
            add(
                "MLD093",
                "warning",
                f"{what} is on {shown_repr(thread.item)}, which is not one of its review items",
                items=[thread.item],
                record="comment",
            )
        for handle in dict.fromkeys([thread.author, *(r.by for r in thread.replies)]):
            if unknown(handle):
                add(
                    "MLD092",
                    "warning",
                    f"{what} names {handle!r} (as its author or in a reply), who is not among "
                    "the document's people",
                    handle=handle,
                    record="comment",
                )
        moments = [thread.at, *(r.at for r in thread.replies)]
        if bad := when(max(moments), None):
            add("MLD094", "warning", f"{what}: " + "; ".join(bad), record="comment")
    for r in review.rounds:
        what = f"{label}: the review round by {r.by} of {r.at.date()}"
        if unknown(r.by):
            add(
                "MLD092",
                "warning",
                f"{what}: {r.by!r} is not among the document's people",
                handle=r.by,
                record="round",
            )
        if bad := when(r.at, r.revision):
            add("MLD094", "warning", f"{what}: " + "; ".join(bad), handle=r.by, record="round")
