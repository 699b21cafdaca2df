"""``mldwizard set PATH feasibility ITEM --status not-met``: a checklist item's status is
positional (``set PATH feasibility ITEM not-met``); ``--status`` is the step's own status
(empty, draft, review, approved). Given an item's status, ``--status`` gets a message that
shows the command meant, not "must be one of empty, draft, ..." about the step."""

from __future__ import annotations

import argparse
import shlex

from ..core.errors import UsageError
from ..core.item_rules import ITEM_STATUSES
from ..core.specs import StepSpec


def refuse_item_status_as_option(spec: StepSpec, args: argparse.Namespace) -> None:
    """Refuse ``--status met|partial|not-met|unknown`` on the feasibility checklist."""
    if spec.kind not in ("feasibility", "stage-gate") or args.status not in ITEM_STATUSES:
        return
    words = ["mldwizard", "set", args.path, spec.slug, args.question or "ITEM", args.status]
    for flag, value in (("--note", args.note), ("--condition", args.condition)):
        words += [flag, value] if value is not None else []
    for owner in args.owners or []:
        words += ["--owner", owner]
    if args.fatal is not None:
        words.append("--fatal" if args.fatal else "--closable")
    meant = shlex.join(words)
    raise UsageError(
        f"--status {args.status}: a checklist item's status comes after the item, without "
        f"--status: {meant} (--status is the checklist step's own status: empty, draft, "
        "review or approved)"
    )
