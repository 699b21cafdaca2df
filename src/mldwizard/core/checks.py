"""``mldwizard check``: findings with stable codes, for people and for CI.

Codes are part of the public interface: never renumber one, only add.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .ack_records import review_moment
from .agent_names import is_agent
from .approved_text import ChangedAfterApproval, changed_after_approval
from .code_path_rules import stored_path_findings
from .codeowners_chapters import codeowners_findings
from .context import answers_of
from .date_checks import date_findings
from .feasibility_checks import feasibility_findings
from .future_dates import future_findings
from .gate_spec import LEVEL_LABEL
from .health import DocumentHealth, StepHealth
from .lint_checks import lint_findings
from .migrate_v2 import UPGRADER
from .new_questions import NEW_IN_V2, new_since_review
from .rescue import rescue_copies
from .review_checks import review_findings
from .scores import WHAT_COUNTS
from .shown import missing_questions
from .stage_gate_checks import stage_gate_findings

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


LATER_PARTS = ("early-stage", "intermediate-steps", "integration-and-growth")
NOT_ML = {  # MLD007: gate verdicts that put the ML chapters on hold, and what to do instead
    "heuristic": "build the rule",
    "existing-model": "measure and use the existing model",
    "do-not-build": "settle the value and the labels first",
}
LANGUAGE_MODEL_KINDS = frozenset({"llm", "rag", "agent"})
"""Kinds of system (essentials.system_kind) built on a language model: an existing model by
design, so its chapters are written for an ``existing-model`` verdict (no MLD007)."""


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    document: str
    chapter: str | None
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "document": self.document,
            "chapter": self.chapter,
            "message": self.message,
            "details": self.details,
        }


def check_document(health: DocumentHealth, now: dt.datetime) -> list[Finding]:
    out: list[Finding] = []
    doc, name = health.doc, str(health.path)

    def add(
        code: str, severity: Severity, step: StepHealth | None, message: str, **details: Any
    ) -> None:
        out.append(
            Finding(code, severity, name, step.step.slug if step else None, message, details)
        )

    handles = {p.handle for p in doc.people}
    for step in health.steps:
        state, label = step.state, step.step.label
        missing = missing_questions(doc, step.step)  # what the document's stage requires
        if step.step.kind == "feasibility":
            missing_items = [
                i.id for i in step.step.items if doc.feasibility.status_of(i.id) is None
            ]
        else:
            missing_items = []
        ids_missing = [q.id for q in missing] + missing_items
        new = new_since_review(doc, step.step.slug, state.reviewed, ids_missing)
        if new and state.status in ("review", "approved"):
            missing = [q for q in missing if q.id not in new]
            missing_items = [i for i in missing_items if i not in new]
            add(
                "MLD001",
                "warning",
                step,
                f"{label} ({state.status}): {len(new)} required answer(s) missing, "
                f"{NEW_IN_V2}; answer it at the chapter's next review: " + ", ".join(new),
                missing=new,
                new_in_v2=True,
            )
        if (missing or missing_items) and state.status in ("review", "approved", "draft"):
            severity: Severity = "warning" if state.status == "draft" else "error"
            ids = [q.id for q in missing] + missing_items
            add(
                "MLD001",
                severity,
                step,
                f"{label} ({state.status}): {len(ids)} required answer(s) missing: "
                + ", ".join(ids),
                missing=ids,
            )
        if step.answered:
            owners = list(dict.fromkeys(state.owners))
            if not owners:
                add("MLD002", "error", step, f"{label} has answers but no owner")
            elif len(owners) == 1:
                add(
                    "MLD003",
                    "warning",
                    step,
                    f"{label} has one owner ({owners[0]}): nobody else can keep it alive",
                    owners=owners,
                )
        if step.freshness == "review-due" and step.due is not None:
            add(
                "MLD004",
                "warning",
                step,
                f"{label}: review was due on {step.due.isoformat()} "
                f"({(now.date() - step.due).days} day(s) ago)",
                due=step.due.isoformat(),
            )
        if step.drift is not None:
            commit = step.drift.newest
            files = step.drift.files
            shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
            add(
                "MLD005",
                "warning",
                step,
                f"{label}: {len(files)} file(s) under its code paths changed since "
                f"{_when(state)}, newest in {commit.sha[:10]} ({commit.time.date()}, "
                f"{commit.subject!r}): {shown}",
                commit=commit.sha,
                committed=commit.time.isoformat(),
                files=files,
            )
        changed = changed_after_approval(doc, step.step.slug)
        if changed is not None:
            add(
                "MLD006",
                "error",
                step,
                _changed_words(doc, step, changed),
                **_changed_details(changed),
            )
        for handle in dict.fromkeys(state.owners):
            if handle not in handles:
                add(
                    "MLD010",
                    "error",
                    step,
                    f"{label}: owner {handle!r} is not among the document's people",
                )
        for question in step.step.questions:
            value = state.answers.get(question.id)
            if question.kind in ("person", "people") and value:
                for handle in [value] if isinstance(value, str) else value:
                    if handle not in handles:
                        add(
                            "MLD010",
                            "error",
                            step,
                            f"{label}: {question.id} names {handle!r}, who is not among "
                            "the document's people",
                        )
        if step.step.kind == "gate" and health.gate is not None:
            for text in health.gate.contradictions:
                add("MLD025", "warning", step, text)
            titles = {q.id: q.title for q in step.step.questions}
            for qid in health.gate.unmeasured:
                add(
                    "MLD026",
                    "warning",
                    step,
                    f"{label}: {titles.get(qid, qid)} ({qid}) states no measured score "
                    f"({WHAT_COUNTS}): until it does, the result counts as not written and "
                    "the verdict does not use it",
                    question=qid,
                )

        def add_review(
            code: str, severity: Severity, message: str, step: StepHealth = step, **kw: Any
        ) -> None:
            add(code, severity, step, message, **kw)

        review_findings(doc, step.step, now, add_review)
        if step.step.kind == "feasibility" and health.feasibility is not None:

            def add_feasibility(
                code: str, severity: Severity, message: str, step: StepHealth = step, **kw: Any
            ) -> None:
                add(code, severity, step, message, **kw)

            feasibility_findings(doc, health.specs, health.feasibility, now.date(), add_feasibility)
        if step.step.kind == "feasibility":
            for item_id, item in doc.feasibility.items.items():
                if item.owner and item.owner not in handles:
                    add(
                        "MLD010",
                        "error",
                        step,
                        f"feasibility item {item_id}: owner {item.owner!r} is not among "
                        "the document's people",
                    )
    by_slug = {s.step.slug: s for s in health.steps}

    def add_stage_gate(code: str, severity: Severity, slug: str, message: str, **kw: Any) -> None:
        add(code, severity, by_slug.get(slug), message, **kw)

    stage_gate_findings(doc, health.specs, now.date(), add_stage_gate)
    later = [
        s
        for s in health.steps
        if s.answered
        and s.step.kind == "chapter"
        and health.specs.parts[s.step.slug] in LATER_PARTS
    ]
    if later:
        names = ", ".join(s.step.label for s in later[:3]) + ("…" if len(later) > 3 else "")
        not_ml = _not_ml(health)
        if not_ml is not None:
            level, overridden = not_ml
            said = LEVEL_LABEL[level][:1].lower() + LEVEL_LABEL[level][1:]
            if overridden:
                message = (
                    f"the gate's verdict is overridden to {level} ({said}), yet ML chapters "
                    f"are being written ({names}); the override itself says no model of your "
                    f"own is needed: {NOT_ML[level]}, or change the override"
                )
            else:
                message = (
                    f"the gate's verdict is {level} ({said}), yet ML chapters are being "
                    f"written ({names}); {NOT_ML[level]}, or override the verdict with a reason"
                )
            add("MLD007", "warning", None, message, verdict=level, overridden=overridden)
        if health.feasibility_verdict is None:
            add(
                "MLD008",
                "warning",
                None,
                f"no feasibility verdict yet, while later chapters are being written ({names})",
            )
        elif health.feasibility_verdict == "INCOMPLETE":
            not_yet = health.feasibility.deliverables if health.feasibility else []
            add(
                "MLD008",
                "warning",
                None,
                f"feasibility is INCOMPLETE, while later chapters are being written ({names}); "
                f"describe the project first: {'; '.join(not_yet[:4])}",
                missing=not_yet,
            )
        elif health.feasibility_verdict == "NO-GO":
            add(
                "MLD009",
                "error",
                None,
                f"feasibility is NO-GO, yet later chapters are being written ({names})",
            )
    authors = {e.by for e in doc.changelog if not is_agent(e.by)}  # agents are no people
    for author in sorted(authors - handles - {UPGRADER}):
        add(
            "MLD011",
            "warning",
            None,
            f"changelog author {author!r} is not among the document's people (use --author HANDLE)",
        )
    codeowners_findings(  # MLD045, MLD046: owners that CODEOWNERS contradicts
        health.path,
        doc,
        health.specs,
        health.repo.root if health.repo else None,
        lambda code, severity, slug, message, **kw: add(
            code, severity, by_slug.get(slug) if slug else None, message, **kw
        ),
    )
    date_findings(  # MLD075: a version one date before the document was started
        doc,
        lambda slug, message: add("MLD075", "warning", by_slug.get(slug), message),
    )
    future_findings(  # MLD113: moments recorded ahead of the clock (by hand)
        doc,
        {s.step.slug: s.state for s in health.steps},
        {s.step.slug: s.step.label for s in health.steps},
        now,
        lambda slug, message, ahead: add(
            "MLD113", "error", by_slug.get(slug or ""), message, dates=ahead
        ),
    )
    stored_path_findings(  # MLD114: code paths outside the repository
        doc,
        list(by_slug),
        lambda slug: by_slug[slug].step.label,
        lambda slug, message, **kw: add("MLD114", "warning", by_slug[slug], message, **kw),
    )
    out += lint_findings(doc, health.specs, now.date(), name)  # MLD101+: weak answers
    has_paths = any(s.state.code_paths for s in health.steps)
    if has_paths:
        if health.drift_error:
            add("MLD014", "warning", None, f"code drift not checked: {health.drift_error}")
        elif health.repo is None:
            add(
                "MLD012",
                "info",
                None,
                "not in a git repository (or git is missing): code drift not checked; "
                "pass --repo DIR",
            )
        elif health.repo.shallow:
            add(
                "MLD013",
                "info",
                None,
                f"{health.repo.root} is a shallow clone: code drift is computed on the "
                "history there is; changes in or before the clone's oldest commit are not "
                "seen (check out the full history, e.g. fetch-depth: 0, for an exact answer)",
            )
    return out


def _not_ml(health: DocumentHealth) -> tuple[str, bool] | None:
    """The gate's level, overridden or not, when it puts the ML chapters on hold (and
    whether it is an override); None when they may be written. A system built on a language
    model uses an existing model by design: its chapters are that model's design."""
    gate = health.doc.gate
    level = gate.override or health.gate_computed or gate.verdict
    if level not in NOT_ML:
        return None
    if level == "existing-model":
        kind = answers_of(health.doc, "essentials").get("system_kind")
        if kind in LANGUAGE_MODEL_KINDS:
            return None
    return level, bool(gate.override)


def rescue_findings(document: Path) -> list[Finding]:
    """MLD016: rescue copies next to ``document`` (loadable or not), newest first."""
    copies = rescue_copies(document)
    if not copies:
        return []
    newest = copies[0]
    message = (
        f"{len(copies)} unsaved cop{'y' if len(copies) == 1 else 'ies'} next to the document "
        f"(text a session could not save), newest {newest.path.name} "
        f"({newest.made:%Y-%m-%d %H:%M} UTC): read it with `mldwizard show COPY`, copy the "
        "answers you want back, then delete the copy"
    )
    details = {"copies": [{"path": str(c.path), "made": c.made.isoformat()} for c in copies]}
    return [Finding("MLD016", "warning", str(document), None, message, details)]


def _changed_words(doc: Any, step: StepHealth, changed: ChangedAfterApproval) -> str:
    """MLD006's message: the chapter, who approved which text, and what to do."""
    label, state = step.step.label, step.state
    todo = "review it again (or approve it again) or set it back to review"
    if not changed.by_digest:
        reviewed = review_moment(doc, step.step.slug)
        when = state.updated.date() if state.updated else "an unknown day"
        return (
            f"{label} is approved but changed on {when} after its last "
            f"review ({reviewed.date() if reviewed else 'never'}): {todo}"
        )
    who = ", ".join(_person(doc, h) for h in changed.approvers)
    since = (
        f"changed on {state.updated.date()}"
        if state.updated is not None and state.updated > changed.at
        else "changed without mldwizard (by hand, a merge or a script)"
    )
    return (
        f"{label} is approved, but its text is not the one {who} approved on "
        f"{changed.at.date()} (revision {changed.revision}): {since}; {todo}"
    )


def _changed_details(changed: ChangedAfterApproval) -> dict[str, Any]:
    return {
        "approved_by": changed.approvers,
        "approved_at": changed.at.isoformat(),
        "approved_revision": changed.revision,
        "text_changed": changed.by_digest,
    }


def _person(doc: Any, handle: str) -> str:
    person = doc.person(handle)
    return f"{person.name} ({handle})" if person is not None and person.name else handle


def _when(state: Any) -> str:
    moments = [m for m in (state.updated, state.reviewed) if m is not None]
    return max(moments).date().isoformat() if moments else "it was created"


def fails(findings: list[Finding], fail_on: Severity) -> bool:
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)
