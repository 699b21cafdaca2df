"""An item of either checklist (the feasibility checklist, a stage gate) as an edit sets it,
whatever face sets it: the fields given merged into the item as it is, and what is refused
for both: evidence that names no question, links that are not web addresses or paths in the
repository, a waiver given on a Met item (there is no gap to accept), an owner who is not
among the people."""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

from pydantic import ValidationError

from .document import Document, FeasibilityItem, ItemStatus
from .errors import UsageError
from .evidence_links import link_problem
from .names import shown_repr
from .specs import Specs
from .tomlio import validation_messages

ITEM_STATUSES: tuple[ItemStatus, ...] = get_args(ItemStatus)
"""An item's statuses as they are spelled (met, partial, not-met, unknown)."""


def parse_item_status(where: str, text: str | None) -> ItemStatus | None:
    """``text`` as an item's status (None: no status given). Anything else is a
    :class:`UsageError` naming ``where`` ("feasibility.data_allowed") and the status as
    unknown, with the valid spellings (and the one meant, when ``text`` is one of them in
    another case, with ``_``, a space or nothing for the ``-``): never taken for a status
    the item has (``--fatal`` on ``not_met`` is a misspelling, not an item that is not Not met)."""
    if text is None:
        return None
    for status in ITEM_STATUSES:
        if text == status:
            return status
    squeezed = "".join(c for c in text.lower() if c.isalpha())
    close = [s for s in ITEM_STATUSES if s.replace("-", "") == squeezed]
    meant = f" (did you mean {close[0]}?)" if close else ""
    raise UsageError(
        f"{where}: unknown status {shown_repr(text)}{meant}; an item's status is one of: "
        + ", ".join(ITEM_STATUSES)
    )


def merged_item(
    where: str,
    old: FeasibilityItem | None,
    status: str | None,
    *,
    fatal: bool | None = None,
    closable: bool | None = None,
    clear_due: bool = False,
    **given: str | bool | dt.date | list[str] | None,
) -> FeasibilityItem:
    """``old`` (None for an item not marked yet) with ``status`` and every field of ``given``
    that is not None (note, owner, condition, due, waiver, links, refs, ...); a blank owner
    is none. Whether the gap can close is one question with two answers: ``fatal`` sets
    ``closable`` to its opposite, ``closable`` (the wizard's two boxes, both may be blank)
    clears ``fatal`` when it is true; only an item Not met keeps either. A field the item
    refuses is a :class:`UsageError` naming ``where`` ("feasibility.data_access")."""
    fields: dict[str, Any] = old.model_dump() if old else {}
    fields["status"] = parse_item_status(where, status)
    fields.update((key, value) for key, value in given.items() if value is not None)
    if fatal is not None:
        fields["fatal"] = fatal
        fields["closable"] = not fatal
    if closable is not None:
        fields["closable"] = closable
        if closable:
            fields["fatal"] = False
    if clear_due:
        fields["due"] = None
    if fields.get("owner") == "":
        fields["owner"] = None
    try:
        item = FeasibilityItem.model_validate(fields)
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc, where))) from None
    if item.status != "not-met":
        item.fatal = item.closable = False
    return item


def check_item(
    where: str, doc: Document, specs: Specs, item: FeasibilityItem, old: FeasibilityItem | None
) -> None:
    """Refuse ``item`` (as it would be stored; ``old`` as it is) with a :class:`UsageError`
    naming ``where`` for what neither checklist accepts."""
    for ref in item.refs:
        if specs.question_at(ref) is None:
            raise UsageError(
                f"{where}: evidence {shown_repr(ref)} names no question (give it as "
                "step-slug.question_id, e.g. metrics.target_values)"
            )
    problem = item_problem(where, item, old)
    if problem is not None:
        raise UsageError(problem)
    kept = old.owner if old else None  # an owner already stored stays (MLD010 says so)
    if item.owner is not None and doc.person(item.owner) is None and item.owner != kept:
        raise UsageError(f"{where}: owner {shown_repr(item.owner)} is not among the people")


def item_problem(where: str, item: FeasibilityItem, old: FeasibilityItem | None) -> str | None:
    """Why ``item`` (the item as it would be stored; ``old`` as it is) is refused, with
    ``where`` ("stage-gate-pilot.latency_measured") first; None when it is accepted."""
    for link in item.links:
        problem = link_problem(link)
        if problem is not None and link not in (old.links if old else []):
            return f"{where}: {problem}"
    waiver = item.waiver.strip()
    if item.status == "met" and waiver and item.waiver != (old.waiver if old else ""):
        return (
            f"{where}: --waive accepts a gap as it is, and a Met item has none: give the "
            "waiver only on an item that is Partial, Not met or Unknown"
        )
    return None
