"""A document as a coding agent reads it: plain JSON-able data, built from the same
health, progress and specs every face uses (``mldwizard mcp`` serves it; the verdicts,
owners and freshness come from what ``status --format json`` builds)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .document import Document, FeasibilityItem
from .health import DocumentHealth
from .kinds import is_answered
from .progress import chapters_complete
from .shown import later_questions, shown_questions
from .specs import Question, Specs, StepSpec
from .stage_gate_verdicts import stage_gate_standings


def json_value(value: Any) -> Any:
    """An answer as JSON: dates as YYYY-MM-DD, lists item by item."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value


def _when(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def outline(health: DocumentHealth) -> dict[str, Any]:
    """Title, stage, progress, the verdicts in a line each, and every step with its status,
    owners, freshness and how far it is answered."""
    doc, specs = health.doc, health.specs
    done, total = chapters_complete(doc, specs)
    return {
        "path": str(health.path),
        "title": doc.project.title,
        "summary": doc.project.summary,
        "stage": doc.stage,
        "chapters_complete": done,
        "chapters": total,
        "verdicts": {
            "gate": health.gate_verdict,
            "gate_label": health.gate_label,
            "feasibility": health.feasibility_verdict,
            "stage_gates": [
                {"slug": g.spec.slug, "standing": g.standing, "verdict": g.result.verdict}
                for g in stage_gate_standings(doc, specs)
            ],
        },
        "steps": [
            {
                "slug": s.step.slug,
                "number": s.step.number,
                "kind": s.step.kind,
                "part": specs.parts.get(s.step.slug),
                "title": s.step.title,
                "status": s.state.status,
                "owners": s.state.owners,
                "freshness": s.freshness,
                "answered": s.progress.answered,
                "shown": s.progress.shown,
                "required": s.progress.required,
                "required_answered": s.progress.required_answered,
            }
            for s in health.steps
        ],
    }


def chapter(doc: Document, step: StepSpec) -> dict[str, Any]:
    """A step's answers under their question titles (every question, answered or not, with
    whether the document's stage asks or requires it), and its checklist items if any."""
    state = doc.step(step.slug)
    shown = {q.id for q in shown_questions(doc, step)}
    later = {q.id for q in later_questions(doc, step)}
    questions = []
    for q in step.questions:
        value = state.answers.get(q.id)
        entry: dict[str, Any] = {
            "id": q.id,
            "title": q.title,
            "kind": q.kind,
            "answered": is_answered(value),
            "answer": json_value(value) if is_answered(value) else None,
            "asked": "now" if q.id in shown else "later" if q.id in later else "not applicable",
            "required": q.required_at(doc.stage) and q.id in shown and not q.is_notes,
        }
        if q.choices and value is not None and is_answered(value):
            entry["answer_label"] = json_value(q.labelled(value))
        questions.append(entry)
    out: dict[str, Any] = {
        "slug": step.slug,
        "number": step.number,
        "kind": step.kind,
        "title": step.title,
        "status": state.status,
        "owners": state.owners,
        "updated": _when(state.updated),
        "reviewed": _when(state.reviewed),
        "revision": state.revision,
        "code_paths": state.code_paths,
        "links": state.links,
        "questions": questions,
    }
    items = _items(doc, step)
    if items is not None:
        out["items"] = items
    return out


def _items(doc: Document, step: StepSpec) -> list[dict[str, Any]] | None:
    """The checklist items of the feasibility checklist or a stage gate, as marked."""
    if step.kind == "feasibility":
        specs_items = [(i.id, i.text, i.critical) for i in step.items]
        marked: dict[str, FeasibilityItem] = doc.feasibility.items
    elif step.kind == "stage-gate":
        specs_items = [(i.id, i.text, i.critical) for i in step.criteria]
        gate = doc.stage_gates.get(step.slug)
        marked = gate.items if gate else {}
    else:
        return None
    out = []
    for item_id, text, critical in specs_items:
        state = marked.get(item_id)
        out.append(
            {
                "id": item_id,
                "text": text,
                "critical": critical,
                "status": state.status if state else None,
                "note": state.note if state else "",
                "owner": state.owner if state else None,
                "condition": state.condition if state else "",
                "due": state.due.isoformat() if state and state.due else None,
            }
        )
    return out


def step_specs(doc: Document, specs: Specs, step: StepSpec) -> dict[str, Any]:
    """What a step asks: each question's prompt, help and example (and its choices), so an
    answer can be written the way a person would be guided to write it."""
    out: dict[str, Any] = {
        "slug": step.slug,
        "number": step.number,
        "kind": step.kind,
        "part": specs.parts.get(step.slug),
        "title": step.title,
        "intro": step.intro,
        "questions": [_question(doc, q) for q in step.questions],
    }
    if step.kind == "feasibility":
        out["items"] = [
            {"id": i.id, "text": i.text, "help": i.help, "critical": i.critical} for i in step.items
        ]
    elif step.kind == "stage-gate":
        out["items"] = [
            {"id": i.id, "text": i.text, "help": i.help, "critical": i.critical}
            for i in step.criteria
        ]
    return out


def _question(doc: Document, q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "title": q.title,
        "kind": q.kind,
        "prompt": q.prompt,
        "help": q.help,
        "example": q.example,
        "required_now": q.required_at(doc.stage) and not q.is_notes,
        "from_stage": q.from_stage,
        "choices": None
        if q.choices is None
        else [{"value": c, "label": q.label_of(c)} for c in q.choices],
        "builds_on": q.builds_on,
        "expects": q.expects,
    }
