"""``mldwizard set PATH stage-gate-pilot ITEM met --note ...``: a stage gate's item takes
the feasibility item's options (--note, --owner, --condition, --fatal/--closable, --due,
--waive, --evidence-link, --ref); the step's own --status and --owner work as for any step."""

from __future__ import annotations

import argparse
import datetime as dt

from ..core import edits
from ..core.document import Document
from ..core.errors import UsageError
from ..core.specs import Specs, StepSpec
from ..core.stage_gate_edits import set_gate_item


def set_stage_gate(
    doc: Document,
    specs: Specs,
    spec: StepSpec,
    args: argparse.Namespace,
    values: list[str],
    owners: list[str] | None,
    due: dt.date | None,
) -> bool:
    """Apply the item options to ``args.question``; True when something was set."""
    if args.in_scope is not None or args.scope is not None or args.scope_note is not None:
        raise UsageError("--in-scope, --scope-note and --scope belong to the feasibility checklist")
    if args.override is not None or args.clear:
        raise UsageError(f"{spec.slug}: a stage gate takes no --override or --clear")
    if not args.question:
        if values:
            raise UsageError(f"{spec.slug}: give the ITEM before its status")
        return False
    details = (
        args.note,
        args.condition,
        owners,
        args.fatal,
        args.due,
        args.waiver,
        args.evidence_links,
        args.refs,
    )
    if len(values) > 1 or (not values and all(d is None for d in details)):
        raise UsageError(
            f"{spec.slug}: an item takes one status: met, partial, not-met, unknown (without "
            "one, the other options keep the status it has, or none)"
        )
    state = doc.stage_gates.get(spec.slug)
    status = values[0] if values else (state.status_of(args.question) if state else None)
    if args.fatal is not None:
        edits.check_fatal("--fatal" if args.fatal else "--closable", status)
    owner = None
    if owners is not None:
        if len(owners) != 1:
            raise UsageError(f"{spec.slug}: an item has one --owner")
        owner = owners[0]
    set_gate_item(
        doc,
        specs,
        spec,
        args.question,
        status,
        args.note,
        owner,
        args.condition,
        args.fatal,
        due=due,
        waiver=args.waiver,
        links=args.evidence_links,
        refs=args.refs,
    )
    return True
