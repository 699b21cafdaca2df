"""Keeps the stored verdicts in step with the answers."""

from __future__ import annotations

from .context import StepAnswers, answered_in, ref_name
from .document import ChangelogEntry, Document
from .feasibility import FeasibilityResult, VerdictContext, evaluate_feasibility
from .gate import GateResult, evaluate_gate
from .new_questions import NEW_IN_V2, new_since_review
from .shown import missing_questions
from .specs import LEVEL_LABEL, Specs
from .stage_gate_verdicts import refresh_stage_gates


def gate_result(doc: Document, specs: Specs) -> GateResult | None:
    spec = specs.gate
    if spec is None:
        return None
    return evaluate_gate(spec, StepAnswers(doc, spec.slug, doc.gate.answers), doc.stage)


def feasibility_context(doc: Document, specs: Specs) -> VerdictContext:
    """What the feasibility verdict reads beyond the marks: the deliverables' required
    questions at the document's stage, the gate's level, the answers items refer to."""
    spec = specs.feasibility
    rules = spec.verdict_rules if spec is not None else None
    missing = []
    groups: list[tuple[str, list[str]]] = []
    for slug in rules.deliverables if rules else ():
        step = specs.get(slug)
        if step is not None:
            titles = [q.title for q in missing_questions(doc, step)]
            missing += [f"{step.label}: {title}" for title in titles]
            if titles:
                groups.append((step.label, titles))
    gate = gate_result(doc, specs)
    level = doc.gate.override or (gate.verdict if gate is not None else doc.gate.verdict)
    return VerdictContext(
        missing, level, answered_in(doc, specs), doc.feasibility.scope, groups, ref_name(specs)
    )


def feasibility_result(doc: Document, specs: Specs) -> FeasibilityResult | None:
    spec = specs.feasibility
    if spec is None:
        return None
    return evaluate_feasibility(spec, doc.feasibility.items, feasibility_context(doc, specs))


def gate_label(override: str | None, computed: str | None) -> str:
    """The gate verdict as every face shows it: an override says what it overrides."""
    if override:
        return f"{override} (override of {computed or 'pending'})"
    return computed or "pending"


def level_label(level: str | None) -> str:
    """ "A simple model": a gate level as a reader reads it ("pending" when there is none)."""
    return LEVEL_LABEL.get(level, level) if level else "pending"


def gate_verdict_text(override: str | None, computed: str | None, by: str = "") -> str:
    """The gate verdict in words: "A complex model (overridden; the answers say a simple
    model)"; ``by`` says who overrode it and when ("by Ana Silva on 2026-12-06")."""
    if override:
        who = f" {by}" if by else ""
        if computed is None:
            return f"{level_label(override)} (overridden{who}; the answers give no verdict yet)"
        said = level_label(computed)
        said = said[:1].lower() + said[1:]
        return f"{level_label(override)} (overridden{who}; the answers say {said})"
    return level_label(computed)


def override_entry(doc: Document) -> ChangelogEntry | None:
    """The changelog entry that set the gate's override in force (its level or its reason,
    the last such change), or None: no override, or one written by hand."""
    if not doc.gate.override:
        return None
    for entry in reversed(doc.changelog):
        if entry.chapter != "gate":
            continue
        for part in entry.summary.split("; "):
            verb, _, names = part.partition(" ")
            if verb == "set" and {"override", "override_reason"} & set(names.split(", ")):
                return entry
    return None


LEVEL_ADVICE: dict[str, str] = {
    "heuristic": "A rule will do: make it the baseline, and let a model earn its place by "
    "beating it.",
    "existing-model": "Use what exists: make its score on your data the baseline, and build a "
    "model of your own only if it falls short.",
    "do-not-build": "Do not build this as planned: record why, and what would have to change "
    "before anyone builds anything.",
}
"""What to do next, for the levels that say: do not write the ML chapters yet (a decisive
rule's own advice, e.g. why not to build, comes first: :func:`gate_advice`)."""


def gate_advice(result: GateResult, level: str | None = None) -> str | None:
    """What to do next for ``level`` (default: the verdict the answers lean to): the advice
    of the decisive rule that gave it, else the level's; None for the ML levels."""
    level = level or result.leaning
    if level is None or level not in LEVEL_ADVICE:
        return None
    if result.advice and level == result.leaning:
        return result.advice
    return LEVEL_ADVICE[level]


def gate_pending(doc: Document, specs: Specs, gate: GateResult) -> str:
    """Why the gate's verdict is pending, in one sentence: which required questions are not
    answered, whether they are new in question set v2 (the chapter was reviewed before the
    document was upgraded), and which way the answers so far lean, when enough of them
    support a lean (``GateResult.lean``)."""
    spec = specs.gate
    titles = {q.id: q.title for q in spec.questions} if spec is not None else {}
    count = len(gate.missing)
    new = new_since_review(doc, "gate", doc.gate.reviewed, gate.missing)
    what = plural(count, "required question") + " not answered yet"
    if new and len(new) == count:
        what += f", {'it is' if count == 1 else 'all'} {NEW_IN_V2}"
    elif new:
        what += f", {len(new)} of them {NEW_IN_V2}"
    named = ", ".join(
        titles.get(q, q) + (" states no measured score" if q in gate.unmeasured else "")
        for q in gate.missing
    )
    text = f"pending: {what} ({named})"
    if gate.lean:
        towards = level_label(gate.lean)
        text += f"; the answers so far lean towards {towards[:1].lower()}{towards[1:]}"
    return text + "."


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 item", "13 items"."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def refresh_verdicts(doc: Document, specs: Specs) -> None:
    gate = gate_result(doc, specs)
    if gate is not None:
        doc.gate.verdict = gate.verdict
        doc.gate.reasons = list(gate.reasons) if gate.verdict else []
    feasibility = feasibility_result(doc, specs)
    if feasibility is not None:
        doc.feasibility.verdict = feasibility.verdict
    refresh_stage_gates(doc, specs)
