"""Keeps the stored verdicts in step with the answers."""

from __future__ import annotations

from .document import Document
from .feasibility import FeasibilityResult, evaluate_feasibility
from .gate import GateResult, evaluate_gate
from .specs import Specs


def gate_result(doc: Document, specs: Specs) -> GateResult | None:
    spec = specs.gate
    return evaluate_gate(spec, doc.gate.answers) if spec is not None else None


def feasibility_result(doc: Document, specs: Specs) -> FeasibilityResult | None:
    spec = specs.feasibility
    return evaluate_feasibility(spec, doc.feasibility.items) if spec is not None else None


def gate_label(override: str | None, computed: str | None) -> str:
    """The gate verdict as every face shows it: an override says what it overrides."""
    if override:
        return f"{override} (override of {computed or 'pending'})"
    return computed or "pending"


def refresh_verdicts(doc: Document, specs: Specs) -> None:
    gate = gate_result(doc, specs)
    if gate is not None:
        doc.gate.verdict = gate.verdict
        doc.gate.reasons = list(gate.reasons) if gate.verdict else []
    feasibility = feasibility_result(doc, specs)
    if feasibility is not None:
        doc.feasibility.verdict = feasibility.verdict
