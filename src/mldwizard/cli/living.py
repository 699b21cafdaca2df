"""Commands that keep documents alive: status, check, owners, review. No Textual here."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core import edits, storage
from ..core.checks import Finding, check_document, fails, rescue_findings
from ..core.companion_checks import markdown_findings
from ..core.document import Document
from ..core.errors import MldwizardError, UsageError
from ..core.feasibility import FeasibilityResult, Gap
from ..core.finding_order import severity_counts as _counts
from ..core.health import DocumentHealth, assess_documents
from ..core.identity import now
from ..core.owners import suggest_backups
from ..core.rescue import rescue_copies
from ..core.unloadable import unloadable_findings
from ..core.verdicts import level_label
from ..core.workshops import open_actions
from ..core.workspace import specs_for
from .check_formats import CI_FORMATS, print_ci_format
from .out import json_text, say, say_upgraded
from .stage_gate_views import stage_gates_json

JSON_VERSION = 1


def _healths(
    args: argparse.Namespace, unloadable: dict[Path, MldwizardError] | None = None
) -> list[DocumentHealth]:
    paths = document_paths(args)
    repo = Path(args.repo) if args.repo else None
    if repo is not None and not repo.is_dir():
        raise UsageError(f"{repo}: --repo must be a folder")
    return assess_documents(paths, [Path(d) for d in args.specs], repo, now(), unloadable)


def document_paths(args: argparse.Namespace) -> list[Path]:
    """The PATH arguments, each file once (``d.toml ./d.toml`` is one document)."""
    seen: set[Path] = set()
    out = []
    for arg in args.paths:
        path = Path(arg)
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: reported when it is read
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def cmd_status(args: argparse.Namespace) -> int:
    """One document in detail, or a portfolio. A document that does not load is named with
    why (on stderr, and in the JSON), the others are still shown, and the exit code is 2."""
    unloadable: dict[Path, MldwizardError] = {}
    healths = _healths(args, unloadable)
    for error in unloadable.values():
        say(f"mldwizard: {error}", err=True)
    if args.format == "json":
        broken = [{"path": str(p), "error": str(e)} for p, e in unloadable.items()]
        documents = [status_json(h) for h in healths]
        print(json_text({"version": JSON_VERSION, "documents": documents, "unloadable": broken}))
    elif healths:
        from .status_view import show_portfolio, show_status

        if len(healths) == 1 and not unloadable:
            show_status(healths[0])
        else:
            show_portfolio(healths, {p: str(e) for p, e in unloadable.items()})
    return 2 if unloadable else 0


def feasibility_json(result: FeasibilityResult | None) -> dict[str, Any] | None:
    """The feasibility verdict, its reasons and every gap it rests on."""
    if result is None:
        return None

    def gap(g: Gap) -> dict[str, Any]:
        s = g.state
        return {
            "item": g.item.id,
            "critical": g.item.critical,
            "status": g.status,
            "owner": s.owner,
            "condition": s.condition,
            "due": s.due.isoformat() if s.due else None,
            "closable": s.closable,
            "fatal": s.fatal,
            "waiver": s.waiver,
            "waived": g.waived,  # a waiver on a critical item counts for nothing
            "lacking": g.problems,
            "unevidenced": g.unevidenced,
        }

    return {
        "verdict": result.verdict,
        "reasons": result.reasons,
        "blocking": [gap(g) for g in result.fatal],
        "conditions": [gap(g) for g in result.conditions],
        "gaps": [gap(g) for g in result.gaps],
        "items_without_status": result.missing,
        "deliverables_missing": result.deliverables,
        "outside_scope": [g.item.id for g in result.scoped],
    }


def status_json(health: DocumentHealth) -> dict[str, Any]:
    from ..core.lint_silence_report import checked_silences, silences_by_step
    from ..core.review_status import review_json

    moment = now()
    silenced = silences_by_step(checked_silences(health.doc, health.specs, moment.date()))
    return {
        "path": str(health.path),
        "title": health.doc.project.title,
        "stage": health.doc.stage,
        "unsaved_copies": [str(c.path) for c in rescue_copies(health.path)],
        "gate_verdict": health.gate_verdict,
        "gate_computed": health.gate_computed,
        "gate": gate_json(health),
        "feasibility_verdict": health.feasibility_verdict,
        "feasibility": feasibility_json(health.feasibility),
        "stage_gates": stage_gates_json(health.doc, health.specs),
        "bus_factor": health.bus_factor,
        "single_owner_steps": [s.step.slug for s in health.single_owner_steps],
        "steps": [
            {
                "slug": s.step.slug,
                "number": s.step.number,
                "title": s.step.title,
                "status": s.state.status,
                "owners": s.state.owners,
                "updated": s.state.updated.isoformat() if s.state.updated else None,
                "reviewed": s.state.reviewed.isoformat() if s.state.reviewed else None,
                "acknowledged": None
                if s.ack is None
                else {
                    "by": s.ack.by,
                    "at": s.ack.at.isoformat(),
                    "note": s.ack.note,
                    "commit": s.ack.commit,
                },
                "revision": s.state.revision,
                "freshness": s.freshness,
                "review_due": s.due.isoformat() if s.due else None,
                "answered": s.progress.answered,
                "shown": s.progress.shown,
                "required": s.progress.required,
                "required_answered": s.progress.required_answered,
                "review": review_json(health.doc, s.step, moment),
                "lint_silences": silenced.get(s.step.slug, []),
                "drift": None
                if s.drift is None
                else {
                    "commit": s.drift.newest.sha,
                    "committed": s.drift.newest.time.isoformat(),
                    "files": s.drift.files,
                },
            }
            for s in health.steps
        ],
        "people": [
            {
                "handle": p.handle,
                "name": p.name,
                "owns": p.owns,
                "sole_owner_of": p.sole_owner_of,
                "updates": p.updates,
            }
            for p in health.people
        ],
        "open_actions": [
            {
                "workshop": w.id,
                "text": a.text,
                "owner": a.owner,
                "due": a.due.isoformat() if a.due else None,
                "step": a.step,
            }
            for w, a in open_actions(health.doc)
        ],
    }


def cmd_check(args: argparse.Namespace) -> int:
    """Findings of every document; one that does not load is an MLD015 finding among
    them (and the exit code is 2, bad input), never the end of the check."""
    unloadable: dict[Path, MldwizardError] = {}
    moment = now()
    documents = document_paths(args)
    healths: dict[Path, DocumentHealth] = {}  # with --base, git is asked about the branch only
    if args.base is not None:
        from .base_check import on_branch

        per_document = on_branch(args, documents, unloadable, moment)
    else:
        healths = {h.path: h for h in _healths(args, unloadable)}
        per_document = {
            p: check_document(h, moment) + markdown_findings(p, h.doc, h.specs)
            for p, h in healths.items()
        }
    for error in unloadable.values():
        say(f"mldwizard: {error}", err=True)
    findings = [
        f
        for path in documents
        for f in (
            per_document[path]
            if path in per_document
            else unloadable_findings(path, unloadable[path])
        )
        + rescue_findings(path)
    ]
    if args.format == "json":
        print(
            json_text(
                {
                    "version": JSON_VERSION,
                    "documents": [str(p) for p in documents],
                    "findings": [f.as_json() for f in findings],
                    "summary": _counts(findings),
                    "fail_on": args.fail_on,
                    "failed": fails(findings, args.fail_on),
                }
            )
        )
    elif args.format in CI_FORMATS:  # github, sarif, junit: cli/check_formats.py
        print_ci_format(args, documents, findings, healths)
    else:
        _print_text(documents, findings)
    if unloadable:
        return 2
    return 1 if fails(findings, args.fail_on) else 0


def _print_text(documents: list[Path], findings: list[Finding]) -> None:
    for path in documents:
        mine = [f for f in findings if f.document == str(path)]
        say(f"{path}: {len(mine)} finding(s)")
        for f in mine:
            where = f.chapter or "-"
            line = f"line {f.details['line']}: " if "line" in f.details else ""
            say(f"  {f.severity:<7} {f.code}  {where:<18} {line}{one_line(f.message)}")
    counts = _counts(findings)
    say(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
        f"in {len(documents)} document(s). Codes: mldwizard check --help"
    )


def one_line(text: str) -> str:
    """``text`` on one line: a finding quoting a comment or an answer keeps every line it
    prints its own. (A quoted line of its own could pass for anything: a forged finding, or
    a workflow command such as ``::error ...`` that a CI runner reading the log obeys.)"""
    return " ↵ ".join(part.strip() for part in text.splitlines() if part.strip())


def cmd_owners(args: argparse.Namespace) -> int:
    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in args.specs])
    if args.from_codeowners is not None:
        from .owners_codeowners import cmd_owners_from_codeowners

        return cmd_owners_from_codeowners(args, path, specs)
    doc = storage.load_document(path, specs)
    if args.max_load is not None and args.max_load < 1:
        raise UsageError("--max-load must be at least 1")
    if args.apply and not args.suggest:
        raise UsageError("--apply goes with --suggest")
    if args.max_load is not None and not args.suggest:
        raise UsageError("--max-load only applies with --suggest")
    suggestion = suggest_backups(doc, specs, args.max_load)
    if not args.suggest:
        for person in doc.people:
            owned = [s.slug for s in specs.steps if person.handle in doc.step(s.slug).owners]
            say(f"{person.handle:<14} {len(owned):>2} step(s): {', '.join(owned) or '-'}")
        return 0
    if not suggestion.additions and not suggestion.unfilled:
        say("Every answered step already has at least two owners.")
        return 0
    for slug, handle in suggestion.additions:
        step = specs.resolve(slug)
        say(f"add {handle:<14} to {step.label}")
    for slug, missing in suggestion.unfilled.items():
        say(
            f"cannot fill {missing} owner place(s) of {specs.resolve(slug).label}: "
            "not enough people" + (" under --max-load" if args.max_load else "")
        )
    loads = ", ".join(f"{h} {n}" for h, n in sorted(suggestion.loads.items()))
    say(f"steps owned afterwards: {loads} (most: {suggestion.max_load})")
    if args.apply:

        def change(d: Document) -> None:
            for slug, handle in suggestion.additions:
                step = specs.resolve(slug)
                edits.set_owners(d, step, [*d.step(slug).owners, handle])

        from ..core.identity import resolve_author

        version = storage.schema_on_disk(path)
        storage.update_document(path, specs, resolve_author(args.author), change)
        say(f"Saved {path}.")
        say_upgraded(path, version)
    return 1 if suggestion.unfilled else 0


def cmd_review(args: argparse.Namespace) -> int:
    from .review_cmd import cmd_review as review

    return review(args)


def cmd_ack(args: argparse.Namespace) -> int:
    from .ack_cmd import cmd_ack as ack

    return ack(args)


def gate_json(health: DocumentHealth) -> dict[str, Any] | None:
    """The gate verdict with everything behind it: what it rests on and why."""
    gate, state = health.gate, health.doc.gate
    if gate is None:
        return None
    return {
        "verdict": state.override or gate.verdict,
        "label": level_label(state.override or gate.verdict),
        "computed": gate.verdict,
        "leaning": gate.leaning,
        "override": state.override,
        "override_reason": state.override_reason,
        "basis": gate.basis,
        "decided_by": gate.decided_by,
        "opinion_only": gate.opinion_only or None,
        "reasons": gate.reasons,
        "against": gate.against,
        "ruled_out": gate.ruled_out,
        "contradictions": gate.contradictions,
        "missing": gate.missing,
        "without_number": gate.unmeasured,
    }
