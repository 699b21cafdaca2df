"""The document as TOML text: a stable, readable layout in wizard order."""

from __future__ import annotations

from typing import Any

from .document import Document, StageGateState, StepState
from .review_model import ReviewPolicy, StepReview
from .specs import Specs, StepSpec
from .tomlio import dumps

_STEP_KEYS = (
    "status",
    "owners",
    "updated",
    "reviewed",
    "revision",
    "review_interval_days",
    "code_paths",
    "links",
)


def to_toml_dict(doc: Document, specs: Specs) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": doc.schema_version,
        "review_interval_days": doc.review_interval_days,
        "stage": doc.stage,
    }
    if doc.review_policy != ReviewPolicy():
        data["review_policy"] = _clean(doc.review_policy.model_dump())
    data["project"] = _clean(doc.project.model_dump())
    if doc.people:
        data["people"] = [_clean(p.model_dump()) for p in doc.people]
    chapters: dict[str, Any] = {}
    order = [s.slug for s in specs.chapters]
    for slug in order + [s for s in doc.chapters if s not in order]:
        if slug in doc.chapters:
            chapters[slug] = _step(doc.chapters[slug], specs.get(slug))
    data["chapters"] = chapters
    gate = _step(doc.gate, specs.gate)
    for key in ("verdict", "reasons", "override", "override_reason"):
        value = getattr(doc.gate, key)
        if value not in (None, []):
            gate[key] = value
    data["gate"] = gate
    feasibility = _step(doc.feasibility, specs.feasibility)
    if doc.feasibility.verdict is not None:
        feasibility["verdict"] = doc.feasibility.verdict
    if doc.feasibility.scope:
        feasibility["scope"] = doc.feasibility.scope
    if doc.feasibility.moved_despite:
        feasibility["moved_despite"] = doc.feasibility.moved_despite
    item_order = [i.id for i in specs.feasibility.items] if specs.feasibility else []
    items = doc.feasibility.items
    ordered = [i for i in item_order if i in items] + [i for i in items if i not in item_order]
    if items:
        feasibility["items"] = {i: _item(items[i].model_dump()) for i in ordered}
    data["feasibility"] = feasibility
    gates: dict[str, Any] = {}
    gate_order = [s.slug for s in specs.stage_gates]
    for slug in gate_order + [s for s in doc.stage_gates if s not in gate_order]:
        # A gate nobody touched (read, not set) is not written, as an empty chapter is not.
        if slug in doc.stage_gates and doc.stage_gates[slug] != StageGateState():
            gates[slug] = _stage_gate(doc.stage_gates[slug], specs.get(slug))
    if gates:
        data["stage_gates"] = gates
    if doc.changelog:
        data["changelog"] = [_clean(e.model_dump()) for e in doc.changelog]
    if doc.workshops:
        data["workshops"] = [_deep_clean(w.model_dump()) for w in doc.workshops]
    return data


def to_toml_text(doc: Document, specs: Specs) -> str:
    header = (
        "# mldwizard design document: the source of truth. The .md next to it is generated.\n"
        "# Field reference: `mldwizard schema`. Questions: `mldwizard specs`.\n"
    )
    data = to_toml_dict(doc, specs)
    people = data.pop("people", [])
    changelog = data.pop("changelog", [])
    workshops = data.pop("workshops", [])
    keys = ("schema_version", "review_interval_days", "stage", "review_policy", "project")
    head = {k: data.pop(k) for k in keys if k in data}
    # Arrays of tables are written as [[name]] blocks, never as inline tables.
    return "".join(
        [header, dumps(head)]
        + [f"\n[[people]]\n{dumps(p)}" for p in people]
        + ["\n", dumps(data)]
        + [f"\n[[changelog]]\n{dumps(e)}" for e in changelog]
        + ([f"\n{dumps({'workshops': workshops})}"] if workshops else [])
    )


def _step(state: StepState, spec: StepSpec | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _STEP_KEYS:
        value = getattr(state, key)
        if key in ("status", "revision") or value not in (None, [], ""):
            out[key] = value
    if state.answers:
        order = [q.id for q in spec.questions] if spec else []
        keys = [q for q in order if q in state.answers]
        keys += [q for q in state.answers if q not in order]
        out["answers"] = {q: state.answers[q] for q in keys}
    if state.silenced:  # lint findings silenced with a reason (core/lint_silence.py)
        out["silenced"] = [
            {k: v for k, v in s.model_dump().items() if v not in (None, "")} for s in state.silenced
        ]
    if not state.review.is_empty():
        out["review"] = review_dict(state.review)
    return out


def _stage_gate(state: StageGateState, spec: StepSpec | None) -> dict[str, Any]:
    out = _step(state, spec)
    if state.verdict is not None:
        out["verdict"] = state.verdict
    if state.moved_despite:
        out["moved_despite"] = state.moved_despite
    order = [i.id for i in spec.criteria] if spec else []
    items = state.items
    ordered = [i for i in order if i in items] + [i for i in items if i not in order]
    if items:
        # New with stage gates: no older file to keep as it was, so every default goes.
        out["items"] = {
            i: {k: v for k, v in _clean(items[i].model_dump()).items() if v not in ("", False)}
            for i in ordered
        }
    return out


def review_dict(review: StepReview) -> dict[str, Any]:
    """A step's review as TOML: empty parts left out, no None."""
    out: dict[str, Any] = {}
    if review.policy is not None:
        out["policy"] = _clean(review.policy.model_dump())
    if review.marks:
        out["marks"] = {i: _clean(m.model_dump()) for i, m in review.marks.items()}
    for key in ("threads", "rounds", "approvals"):
        entries = getattr(review, key)
        if entries:
            out[key] = [_deep_clean(e.model_dump()) for e in entries]
    return out


def _deep_clean(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = [_deep_clean(v) if isinstance(v, dict) else v for v in value]
        if value is not None:
            out[key] = value
    return out


_ITEM_DEFAULTS = {"closable": False, "waiver": "", "in_scope": False, "scope_note": ""}
"""Fields added by issue 13, left out at their default so older files stay as they were."""


def _item(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in _clean(data).items() if _ITEM_DEFAULTS.get(k, ...) != v}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop what TOML cannot hold (None) and empty lists."""
    return {k: v for k, v in data.items() if v is not None and v != []}
