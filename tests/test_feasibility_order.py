"""The order of the feasibility verdict's checks, as a table (the strongest finding wins), and
what the reasons say: a blocked PIVOT names what blocks it, a Met without evidence is said
once, a named scope is never ignored without a word, items are named by their text, and
INCOMPLETE lists everything that is missing (QA of issue 13: findings 5, 9, 10 and 17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mldwizard.core.document import FeasibilityItem, new_document
from mldwizard.core.feasibility import VerdictContext, evaluate_feasibility
from mldwizard.core.feasibility_checks import feasibility_findings
from mldwizard.core.specs import Specs, StepSpec

NON_CRITICAL = ["data_quality_known", "baseline_exists", "team_skills", "timeline_realistic"]
DUE = dt.date(2027, 1, 15)
NO_LABELS = "Labelled data exists or can be had at an acceptable cost"
LEGAL = "Using the data for this purpose is allowed"
VALUE = "The value outweighs the cost of building and running the system"


@pytest.fixture(scope="module")
def checklist(specs: Specs) -> StepSpec:
    step = specs.feasibility
    assert step is not None
    return step


def met(**fields: Any) -> FeasibilityItem:
    return FeasibilityItem(status="met", **({"note": "Checked."} | fields))


def gap(status: str, **fields: Any) -> FeasibilityItem:
    base: dict[str, Any] = {"owner": "alice", "condition": "Signed off.", "due": DUE}
    return FeasibilityItem(status=status, **(base | fields))  # type: ignore[arg-type]


def honest_no(**fields: Any) -> FeasibilityItem:
    """A critical Not met as the board records it: no owner, nothing would close it."""
    return FeasibilityItem(status="not-met", **({"note": "No, and none can be had."} | fields))


def items_with(checklist: StepSpec, **changes: FeasibilityItem | None) -> dict[str, Any]:
    items: dict[str, Any] = {i.id: met() for i in checklist.items}
    for item_id, state in changes.items():
        if state is None:
            del items[item_id]
        else:
            items[item_id] = state
    return items


# Each row: what the document holds, and the verdict the strongest finding gives.
# gate: the gate's level; missing: deliverables unanswered; items: item changes
# (None: no status).
ORDER: list[tuple[str, str | None, bool, dict[str, FeasibilityItem | None], str | None]] = [
    ("gate says stop, over a pivot-blocking gap", "do-not-build", False,
     {"value_over_cost": honest_no()}, "NO-GO"),
    ("gate says stop, over everything Met", "do-not-build", False, {}, "NO-GO"),
    ("any-approach gap that cannot close beats PIVOT", "existing-model", False,
     {"value_over_cost": honest_no()}, "NO-GO"),
    ("legal gap that cannot close beats PIVOT", "heuristic", False,
     {"data_allowed": honest_no(fatal=True)}, "NO-GO"),
    ("legal gap closable: no PIVOT, CONDITIONAL", "heuristic", False,
     {"data_allowed": gap("not-met", closable=True)}, "CONDITIONAL"),
    ("value item without a status: no PIVOT, no verdict", "existing-model", False,
     {"value_over_cost": None}, None),
    ("organisation item without a status blocks PIVOT", "heuristic", False,
     {"decision_owner": None}, None),
    ("legal item unchecked and deliverables missing", "heuristic", True,
     {"data_allowed": None}, None),
    ("label gap does not stop a rule: PIVOT", "heuristic", False,
     {"labelled_data": honest_no()}, "PIVOT"),
    ("partial legal item does not block PIVOT", "existing-model", False,
     {"data_allowed": gap("partial")}, "PIVOT"),
    ("PIVOT waits for the deliverables", "heuristic", True, {}, "INCOMPLETE"),
    ("PIVOT over non-critical gaps of the model", "heuristic", False,
     {i: gap("not-met") for i in NON_CRITICAL}, "PIVOT"),
    ("gate says stop, before the deliverables", "do-not-build", True, {}, "NO-GO"),
    ("no PIVOT when the problem is not confirmed", "heuristic", False,
     {"problem_confirmed": gap("partial")}, "CONDITIONAL"),
    ("critical gap that cannot close, nothing else asked", None, True,
     {"labelled_data": honest_no(), "team_skills": None}, "NO-GO"),
    ("four non-critical Not met beat missing items", None, True,
     {**{i: gap("not-met") for i in NON_CRITICAL}, "data_allowed": None}, "NO-GO"),
    ("items without a status before INCOMPLETE", None, True, {"team_skills": None}, None),
    ("INCOMPLETE before CONDITIONAL", None, True, {"data_allowed": gap("partial")},
     "INCOMPLETE"),
    ("CONDITIONAL before GO", None, False, {"data_allowed": gap("partial")}, "CONDITIONAL"),
    ("GO", None, False, {}, "GO"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("gate", "undescribed", "changes", "verdict"),
    [row[1:] for row in ORDER],
    ids=[row[0] for row in ORDER],
)
def test_the_strongest_finding_wins(
    checklist: StepSpec,
    gate: str | None,
    undescribed: bool,
    changes: dict[str, FeasibilityItem | None],
    verdict: str | None,
) -> None:
    missing = ["5. Metrics: Target values"] if undescribed else []
    ctx = VerdictContext(missing_deliverables=missing, gate_level=gate)
    result = evaluate_feasibility(checklist, items_with(checklist, **changes), ctx)
    assert result.verdict == verdict, result.reasons


@pytest.mark.parametrize(
    ("changes", "blocked"),
    [
        ({"value_over_cost": gap("not-met", closable=True)}, f"{VALUE} (not met)"),
        ({"value_over_cost": None}, f"{VALUE} (no status)"),
        ({"data_allowed": None}, f"{LEGAL} (no status)"),
    ],
)
def test_a_blocked_pivot_says_what_blocks_it(
    checklist: StepSpec, changes: dict[str, FeasibilityItem | None], blocked: str
) -> None:
    """QA finding 5: a hosted API on data nobody cleared is no plan a board signs."""
    ctx = VerdictContext(gate_level="existing-model")
    result = evaluate_feasibility(checklist, items_with(checklist, **changes), ctx)
    assert result.verdict != "PIVOT"
    (note,) = [r for r in result.reasons if r.startswith("No PIVOT")]
    assert note.startswith(
        "No PIVOT (the gate says use an existing model or API) while a critical item"
    )
    assert blocked in note


def test_a_no_go_that_blocks_a_pivot_says_so(checklist: StepSpec) -> None:
    ctx = VerdictContext(gate_level="existing-model")
    items = items_with(checklist, value_over_cost=honest_no())
    (reason,) = evaluate_feasibility(checklist, items, ctx).reasons
    assert reason.startswith(f"NO-GO: {VALUE}. Not met and not marked closable.")
    assert "no PIVOT, although the gate says use an existing model or API." in reason


def test_a_met_without_evidence_is_said_once_and_asks_for_evidence(
    checklist: StepSpec, specs: Specs
) -> None:
    """QA finding 9: not also as a gap lacking an owner, a condition and a due date."""
    items = items_with(checklist, baseline_exists=met(note=""), data_allowed=gap("partial"))
    result = evaluate_feasibility(checklist, items)
    assert result.verdict == "CONDITIONAL"
    said = [r for r in result.reasons if "A baseline exists to beat" in r]
    assert len(said) == 1
    assert "Met without evidence: add a note, a link or an answer it rests on" in said[0]
    assert "no owner" not in said[0]
    doc = new_document("Routing", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.feasibility.items.update(items)
    found: list[tuple[str, str, str]] = []
    feasibility_findings(
        doc, specs, result, dt.date(2026, 12, 6), lambda c, s, m, **d: found.append((c, s, m))
    )
    codes = {(c, m.split(":")[0]) for c, _, m in found}
    assert ("MLD019", "feasibility item baseline_exists") in codes
    assert not any(c == "MLD017" and "baseline_exists" in m for c, _, m in found)


# ---- a named scope ------------------------------------------------------------------


def test_a_scope_conditional_inside_gives_scope_down_with_its_conditions(
    checklist: StepSpec,
) -> None:
    """QA finding 10: labels are missing beyond English and German, the DPO sign-off is
    still open: the board signs a SCOPE-DOWN with a condition, not a NO-GO."""
    items = items_with(
        checklist,
        labelled_data=honest_no(in_scope=True, scope_note="80k labels, English and German only."),
        data_allowed=gap("partial"),
    )
    ctx = VerdictContext(scope="English and German tickets")
    result = evaluate_feasibility(checklist, items, ctx)
    assert result.verdict == "SCOPE-DOWN"
    head = result.reasons[0]
    assert head.startswith("SCOPE-DOWN: CONDITIONAL for English and German tickets only.")
    assert f"stays NO-GO until these hold beyond it: {NO_LABELS}." in head
    assert [g.item.id for g in result.conditions] == ["data_allowed"]
    assert f"{LEGAL} (partial): owner alice, due 2027-01-15" in result.reasons


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        # the scope leaves a condition open, and the whole is CONDITIONAL already
        (
            {"team_skills": gap("not-met", in_scope=True, scope_note="Two of us did it."),
             "baseline_exists": gap("not-met"),
             "data_allowed": gap("partial")},
            f"Within EU tickets: still CONDITIONAL, because: {LEGAL} (partial).",
        ),
        # the scope does not lift the NO-GO
        (
            {
                "labelled_data": honest_no(in_scope=True, scope_note="EU labels exist."),
                "value_over_cost": honest_no(),
            },
            f"Within EU tickets: still NO-GO, because: {VALUE} (not met and not marked "
            "closable).",
        ),
        # nothing marked as holding within it
        (
            {"data_allowed": gap("partial")},
            "Within EU tickets: no item that is not Met is marked as holding within it",
        ),
    ],
)  # fmt: skip
def test_a_scope_that_changes_nothing_is_explained(
    checklist: StepSpec, changes: dict[str, FeasibilityItem], said: str
) -> None:
    ctx = VerdictContext(scope="EU tickets")
    result = evaluate_feasibility(checklist, items_with(checklist, **changes), ctx)
    assert result.verdict in ("CONDITIONAL", "NO-GO")
    assert any(r.startswith(said) for r in result.reasons), result.reasons


# ---- readable reasons -----------------------------------------------------------------


def test_incomplete_lists_every_missing_question_by_chapter(checklist: StepSpec) -> None:
    """QA finding 17: all of them, not six and an ellipsis."""
    groups = [
        ("2. Is there a problem?", [f"Question {n}" for n in range(1, 9)]),
        ("5. Metrics", ["Target values", "Guardrails"]),
    ]
    flat = [f"{label}: {t}" for label, titles in groups for t in titles]
    ctx = VerdictContext(missing_deliverables=flat, deliverable_groups=groups)
    result = evaluate_feasibility(checklist, items_with(checklist), ctx)
    assert result.verdict == "INCOMPLETE"
    assert result.reasons[0] == (
        "INCOMPLETE: no verdict on a project nobody has described. Answer first (10): "
        "2. Is there a problem?: " + ", ".join(f"Question {n}" for n in range(1, 9)) + "; "
        "5. Metrics: Target values, Guardrails; then the checklist gives its verdict."
    )
    assert result.deliverable_groups == groups
