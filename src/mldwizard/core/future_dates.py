"""``check`` findings about moments the document records in the future (MLD113).

mldwizard stamps ``updated``, ``reviewed``, marks, comments, review rounds, approvals and
changelog entries with the moment they happen, so none can lie ahead of the clock. A date
ahead (by more than a day: clocks disagree, time zones are typed by hand) was written by
hand; a ``reviewed`` in 2099 would keep a step fresh and its code drift unseen for ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .document import Document, StepState

SKEW = dt.timedelta(days=1)
"""How far ahead of the clock a moment may be (another machine's clock, a time zone)."""

Add = Callable[[str | None, str, dict[str, str]], None]
"""``add(slug or None, message, {what: when})``."""


def _step_moments(state: StepState) -> Iterator[tuple[str, dt.datetime | None]]:
    yield "updated", state.updated
    yield "reviewed", state.reviewed
    review = state.review
    for item, mark in review.marks.items():
        yield f"the mark of {item}", mark.at
    for thread in review.threads:
        yield f"comment #{thread.id}", thread.at
        for n, reply in enumerate(thread.replies, 1):
            yield f"reply {n} to comment #{thread.id}", reply.at
    for round_ in review.rounds:
        yield f"the review round by {round_.by}", round_.at
    for approval in review.approvals:
        yield f"the approval by {approval.by}", approval.at


def _ahead(moments: Iterator[tuple[str, dt.datetime | None]], limit: dt.datetime) -> dict[str, str]:
    return {what: when.isoformat() for what, when in moments if when is not None and when > limit}


def future_findings(
    doc: Document, steps: dict[str, StepState], labels: dict[str, str], now: dt.datetime, add: Add
) -> None:
    """Report through ``add`` each step (and the changelog, the project) holding a moment
    more than :data:`SKEW` after ``now``."""
    limit = now + SKEW
    for slug, state in steps.items():
        ahead = _ahead(_step_moments(state), limit)
        if ahead:
            add(slug, f"{labels.get(slug, slug)}: {_said(ahead)} {_advice(now)}", ahead)
    entries = ((f"the changelog entry by {e.by} ({e.summary[:40]})", e.at) for e in doc.changelog)
    ahead = _ahead(entries, limit)
    if doc.project.created > limit.date():
        ahead["project.created"] = doc.project.created.isoformat()
    if ahead:
        add(None, f"{_said(ahead)} {_advice(now)}", ahead)


def _said(ahead: dict[str, str]) -> str:
    shown = "; ".join(f"{what} {when}" for what, when in list(ahead.items())[:4])
    more = f" and {len(ahead) - 4} more" if len(ahead) > 4 else ""
    return f"dates in the future ({shown}{more}):"


def _advice(now: dt.datetime) -> str:
    return (
        f"it is {now.date().isoformat()}; mldwizard records each moment when it happens, so "
        "a later one was written by hand, and a review date ahead keeps the step fresh and its "
        "code drift unseen: correct the date (or the machine's clock)"
    )
