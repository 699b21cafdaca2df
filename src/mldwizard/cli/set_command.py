"""``mldwizard set``: one answer, a chapter's metadata, the document's stage, or a whole
answers file, each through the core's edits and one locked, merged save."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..core import edits, storage
from ..core.approvals_voided import voided_approvals, voided_lines
from ..core.document import Document
from ..core.errors import UsageError
from ..core.identity import now, resolve_author
from ..core.names import shown_name
from ..core.shown import stage_change_lines
from ..core.specs import Specs, StepSpec
from ..core.stage_gate_verdicts import overdue_on_the_way
from ..core.stage_moves import blocker_lines, move_stage
from ..core.stages import STAGES, Stage
from ..core.tomlio import not_utf8
from ..core.workspace import specs_for
from .out import say, say_author_not_a_person, say_upgraded
from .set_item_status import refuse_item_status_as_option
from .set_stage_gate import set_stage_gate

CHAPTER_OPTIONS = {
    "clear": "--clear",
    "status": "--status",
    "owners": "--owner",
    "code_paths": "--code-path",
    "links": "--link",
    "override": "--override",
    "reason": "--reason",
    "note": "--note",
    "condition": "--condition",
    "fatal": "--fatal/--closable",
    "due": "--due",
    "waiver": "--waive",
    "evidence_links": "--evidence-link",
    "refs": "--ref",
    "in_scope": "--in-scope",
    "scope_note": "--scope-note",
    "scope": "--scope",
}
"""What only a chapter (or an item, the gate) takes: not with --stage alone."""


def cmd_set(args: argparse.Namespace) -> int:
    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in getattr(args, "specs", [])])
    author = resolve_author(args.author)
    version = storage.schema_on_disk(path)  # to say so when this save upgrades the file
    if args.from_file:
        from ..core.patch import apply_patch, read_patch

        if args.chapter or args.question or args.values:
            raise UsageError("--from takes no CHAPTER, QUESTION or VALUE")
        if args.stage is not None:
            raise UsageError('--from takes no --stage: put stage = "..." in the file')
        if args.from_file == "-":
            source = Path("<standard input>")
            patch = read_patch(source, sys.stdin.buffer.read())
        else:
            source = Path(args.from_file)
            patch = read_patch(source)
        stages: list[Stage] = []
        before: list[Document] = []

        def change(doc: Document) -> None:
            stages.append(doc.stage)
            before.append(doc.model_copy(deep=True))
            apply_patch(doc, specs, patch, source)

        saved = storage.update_document(path, specs, author, change)
        say(f"Applied {source} to {path}.")
        say_voided(path, specs, before, saved)
        say_author_not_a_person(author, saved)
        say_upgraded(path, version)
        if stages and stages[-1] != saved.stage:
            say(f"Stage {stages[-1]} -> {saved.stage}.")
            for line in stage_change_lines(saved, specs, stages[-1]):
                say(line)
        return 0
    if args.stage is not None and not args.chapter:
        # --reason goes with --stage too: why the project moves past a gate that does not pass
        flags = [f for o, f in CHAPTER_OPTIONS.items() if _given(args, o) and o != "reason"]
        if flags:
            raise UsageError(
                "--stage belongs to the document: give it alone, not with " + ", ".join(flags)
            )
        return _set_stage(path, specs, author, args.stage, version, args.reason)
    if not args.chapter:
        raise UsageError(
            "set needs CHAPTER QUESTION VALUE, chapter options, --stage STAGE or --from FILE"
        )
    spec = specs.resolve(args.chapter)
    refuse_item_status_as_option(spec, args)
    values = [_read_stdin() if v == "-" else v for v in args.values]
    if args.stage is not None:
        raise UsageError("--stage belongs to the document: set PATH --stage STAGE, no CHAPTER")
    as_it_was: list[Document] = []

    def set_one(doc: Document) -> None:
        as_it_was.append(doc.model_copy(deep=True))
        _set_one(doc, specs, spec, args, values)

    saved = storage.update_document(path, specs, author, set_one)
    say(f"Saved {path}.")
    say_voided(path, specs, as_it_was, saved)
    if args.question and values:
        say_unsafe_links(f"{spec.slug}.{args.question}", "\n".join(values))
    say_author_not_a_person(author, saved)
    say_upgraded(path, version)
    due = _due(args.due)
    if due is not None and due < now().date() and spec.kind in ("stage-gate", "feasibility"):
        code = "MLD022" if spec.kind == "stage-gate" else "MLD018"
        say(
            f"Warning: --due {due.isoformat()} is already past: check reports the gap ({code}) "
            "until it is closed or given a later date."
        )
    return 0


def say_voided(path: Path, specs: Specs, before: list[Document], saved: Document) -> None:
    """After "Saved": the approvals the change voided (its text is no longer the one
    approved), by name, and what the step needs now (nothing when none was voided)."""
    if before:
        for line in voided_lines(voided_approvals(before[-1], saved, specs), saved, str(path)):
            say(line)


def say_unsafe_links(where: str, text: str) -> None:
    """A warning when an answer links to an unsafe address (core/link_schemes.py)."""
    from ..core.mdlinks_unsafe import unsafe_schemes_in

    schemes = sorted(set(unsafe_schemes_in(text)))
    if schemes:
        say(
            f"Warning: {where} links to an unsafe {', '.join(s + ':' for s in schemes)} "
            "address; the document shows the link's text, with a note that the link was removed."
        )


def _given(args: argparse.Namespace, option: str) -> bool:
    value = getattr(args, option)
    return bool(value) if option == "clear" else value is not None


def _set_stage(
    path: Path, specs: Specs, author: str, stage: str, version: int | None, reason: str | None
) -> int:
    """Move the document to ``stage`` (past a stage gate that does not pass only with a
    reason) and say what became required."""
    moved: list[Stage] = []
    blockers: list[str] = []
    late: list[str] = []

    def change(doc: Document) -> None:
        moved.append(doc.stage)
        if stage in STAGES:
            blockers[:] = blocker_lines(doc, specs, stage)
            late[:] = overdue_on_the_way(doc, specs, STAGES[STAGES.index(stage)], now().date())
        move_stage(doc, specs, stage, reason)

    saved = storage.update_document(path, specs, author, change)
    before = moved[-1]
    if before == stage:
        say(f"{path} is already at stage {stage}; nothing changed.")
        return 0
    say(f"Saved {path}: stage {before} -> {stage}.")
    say_author_not_a_person(author, saved)
    say_upgraded(path, version)
    if blockers and reason:
        say(
            "Moved past a gate that does not pass; the reason is kept with it and in the changelog:"
        )
        for line in blockers:
            say(f"  {line}")
    if late:
        say(
            "Warning: the move rests on gaps closed by their due dates, and these are past it "
            "(check reports them, MLD022, until each is closed or given a new date):"
        )
        for line in late:
            say(f"  {line}")
    for line in stage_change_lines(saved, specs, before):
        say(line)
    return 0


def _set_one(
    doc: Document, specs: Specs, spec: StepSpec, args: argparse.Namespace, values: list[str]
) -> None:
    owners = (
        [h.strip() for group in args.owners for h in group.split(",") if h.strip()]
        if args.owners is not None
        else None
    )
    if spec.kind == "stage-gate":
        on_item = set_stage_gate(doc, specs, spec, args, values, owners, _due(args.due))
        if args.status:
            edits.set_status(doc, spec, args.status)
        if on_item and owners is not None:
            owners = None  # the item's owner, not the step's
        if owners is not None:
            edits.set_owners(doc, spec, owners)
        if not (on_item or args.status or owners is not None):
            raise UsageError(f"nothing to set: give ITEM STATUS, e.g. {spec.slug} ITEM met --note")
        return
    is_item = spec.kind == "feasibility" and bool(args.question)
    is_item = is_item and spec.question(args.question) is None
    item_flags = (
        args.note,
        args.condition,
        args.fatal,
        args.due,
        args.waiver,
        args.evidence_links,
        args.refs,
        args.in_scope,
        args.scope_note,
    )
    if not is_item and any(flag is not None for flag in item_flags):
        raise UsageError(
            "--note, --condition, --fatal, --closable, --due, --waive, --evidence-link, --ref "
            "--in-scope and --scope-note belong to a feasibility item"
        )
    if args.scope is not None:
        if spec.kind != "feasibility" or args.question:
            raise UsageError("--scope belongs to the checklist: set PATH feasibility --scope TEXT")
        edits.set_scope(doc, args.scope)
    did = False
    if is_item:
        did = True
        details = (args.note, args.condition, owners, *item_flags[2:])
        if len(values) > 1 or (not values and all(d is None for d in details)):
            raise UsageError(
                "a feasibility item takes one status: met, partial, not-met, unknown "
                "(without one, the other options keep the status it has, or none)"
            )
        status = values[0] if values else doc.feasibility.status_of(args.question)
        if args.fatal is not None:
            edits.check_fatal("--fatal" if args.fatal else "--closable", status)
        owner = None
        if owners is not None:
            if len(owners) != 1:
                raise UsageError("a feasibility item has one --owner")
            owner, owners = owners[0], None
        edits.set_item(
            doc,
            specs,
            args.question,
            status,
            args.note,
            owner,
            args.condition,
            args.fatal,
            due=_due(args.due),
            waiver=args.waiver,
            links=args.evidence_links,
            refs=args.refs,
            in_scope=args.in_scope,
            scope_note=args.scope_note,
        )
    elif args.question:
        did = True
        if args.clear:
            if values:
                raise UsageError("--clear takes no VALUE")
            edits.set_answer(doc, spec, args.question, None)
        elif not values:
            raise UsageError(f"{spec.slug}.{shown_name(args.question)}: give a VALUE, or --clear")
        else:
            edits.set_answer_text(doc, spec, args.question, values)
    elif values:
        raise UsageError("a VALUE needs a QUESTION")
    if args.status:
        did = True
        edits.set_status(doc, spec, args.status)
    if owners is not None:
        did = True
        edits.set_owners(doc, spec, owners)
    for field in ("code_paths", "links"):
        if getattr(args, field) is not None:
            if any(not v.strip() for v in getattr(args, field)):
                flag = "--code-path" if field == "code_paths" else "--link"
                raise UsageError(f"{spec.slug}: {flag} needs a value, got an empty one")
            did = True
            edits.set_list_field(doc, spec, field, getattr(args, field))
    if args.override is not None or args.reason is not None:
        if spec.kind != "gate":
            raise UsageError("--override and --reason belong to the gate: set PATH gate ...")
        did = True
        edits.change_override(doc, args.override, args.reason)
    did = did or args.scope is not None
    if not did:
        raise UsageError("nothing to set: give QUESTION VALUE or an option such as --status")


def _due(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--due: expected a date such as 2027-01-31, got {text!r}") from None


def _read_stdin() -> str:
    """A value from standard input: UTF-8 (a leading BOM dropped), whatever the locale."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, what = not_utf8(data, exc)
        raise UsageError(f"standard input, line {line}: {what}; nothing was saved") from None
    return text.removeprefix("\ufeff")
