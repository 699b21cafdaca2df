"""The feasibility verdict for the built-in checklist (chapter_specs/feasibility.toml).

Every rule of issue 13: a Met needs evidence; no verdict but NO-GO on an undescribed project
(INCOMPLETE); a critical Not met is NO-GO unless closable with owner, condition and due date;
non-critical gaps add up (thresholds as data); PIVOT and SCOPE-DOWN.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core.document import FeasibilityItem
from mldwizard.core.errors import SpecError
from mldwizard.core.feasibility import Gap, VerdictContext, evaluate_feasibility
from mldwizard.core.specs import Specs, StepSpec, load_specs

CRITICAL = [
    "problem_confirmed",
    "value_over_cost",
    "metric_tied_to_business",
    "labelled_data",
    "data_allowed",
    "target_reachable",
    "data_representative",
    "budgets_plausible",
    "fallback_exists",
    "mistake_cost_contained",
    "safety_cases_exist",
    "decision_owner",
]
NON_CRITICAL = ["data_quality_known", "baseline_exists", "team_skills", "timeline_realistic"]
ALL_IDS = [
    "problem_confirmed",
    "value_over_cost",
    "metric_tied_to_business",
    "labelled_data",
    "data_allowed",
    "data_quality_known",
    "baseline_exists",
    "target_reachable",
    "data_representative",
    "budgets_plausible",
    "fallback_exists",
    "mistake_cost_contained",
    "safety_cases_exist",
    "team_skills",
    "timeline_realistic",
    "decision_owner",
]
DUE = dt.date(2026, 12, 15)


@pytest.fixture(scope="module")
def checklist(specs: Specs) -> StepSpec:
    step = specs.feasibility
    assert step is not None
    return step


def met(**fields: Any) -> FeasibilityItem:
    return FeasibilityItem(status="met", **({"note": "Checked."} | fields))


def gap(status: str, **fields: Any) -> FeasibilityItem:
    base: dict[str, Any] = {
        "owner": "alice",
        "condition": "Legal signs off in writing.",
        "due": DUE,
    }
    base.update(fields)
    return FeasibilityItem(status=status, **base)  # type: ignore[arg-type]


def closable(**fields: Any) -> FeasibilityItem:
    return gap("not-met", closable=True, **fields)


def all_met(**changes: FeasibilityItem) -> dict[str, FeasibilityItem]:
    items = {item_id: met() for item_id in ALL_IDS}
    items.update(changes)
    return items


def ids(gaps: list[Gap]) -> list[str]:
    return [g.item.id for g in gaps]


def test_builtin_checklist_items(checklist: StepSpec) -> None:
    assert [item.id for item in checklist.items] == ALL_IDS
    assert [item.id for item in checklist.items if item.critical] == CRITICAL
    assert [item.id for item in checklist.items if not item.critical] == NON_CRITICAL


def test_builtin_rules_are_data(checklist: StepSpec) -> None:
    rules = checklist.verdict_rules
    assert rules is not None
    assert (rules.conditional_gaps, rules.no_go_gaps) == (2, 4)
    assert rules.deliverables == ["problem", "gate", "metrics"]
    assert rules.pivot_levels == ["heuristic", "existing-model"]
    assert rules.stop_levels == ["do-not-build"]


def test_all_met_is_go(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met())
    assert result.verdict == "GO"
    assert result.fatal == result.conditions == result.gaps == []
    assert result.reasons == ["GO: every critical item is Met with evidence."]


# ---- the verdict, table-driven ---------------------------------------------------------

NOT_MET = "not-met"
CASES: list[tuple[str, dict[str, FeasibilityItem], str | None]] = [
    # The example: four non-critical items Not met gave GO.
    (
        "four non-critical Not met",
        {i: gap(NOT_MET) for i in NON_CRITICAL},
        "NO-GO",
    ),
    (
        "four non-critical Not met, each waived",
        {i: gap(NOT_MET, waiver="Accepted by the sponsor for v1.") for i in NON_CRITICAL},
        "CONDITIONAL",
    ),
    (
        "four non-critical Not met, three waived",
        {
            **{i: gap(NOT_MET, waiver="Accepted for v1.") for i in NON_CRITICAL[:3]},
            NON_CRITICAL[3]: gap(NOT_MET),
        },
        "NO-GO",
    ),
    ("three non-critical Not met", {i: gap(NOT_MET) for i in NON_CRITICAL[:3]}, "CONDITIONAL"),
    ("two non-critical Not met", {i: gap(NOT_MET) for i in NON_CRITICAL[:2]}, "CONDITIONAL"),
    ("one non-critical Not met", {"baseline_exists": gap(NOT_MET)}, "GO"),
    (
        "non-critical partial and unknown do not count as Not met",
        {i: gap("partial") for i in NON_CRITICAL[:2]}
        | {i: gap("unknown") for i in NON_CRITICAL[2:]},
        "GO",
    ),
    # "fatal" was whatever the author ticked: a critical Not met is NO-GO by default now.
    ("critical Not met, no tick", {"fallback_exists": gap(NOT_MET)}, "NO-GO"),
    ("critical Not met, fatal", {"fallback_exists": gap(NOT_MET, fatal=True)}, "NO-GO"),
    ("critical Not met, closable and complete", {"fallback_exists": closable()}, "CONDITIONAL"),
    ("closable without an owner", {"fallback_exists": closable(owner=None)}, "NO-GO"),
    ("closable without a condition", {"fallback_exists": closable(condition="")}, "NO-GO"),
    ("closable without a due date", {"fallback_exists": closable(due=None)}, "NO-GO"),
    ("critical partial", {"value_over_cost": gap("partial")}, "CONDITIONAL"),
    ("critical unknown", {"data_allowed": gap("unknown")}, "CONDITIONAL"),
    ("fatal only counts on Not met", {"labelled_data": gap("partial", fatal=True)}, "CONDITIONAL"),
    # A Met needs evidence.
    ("critical Met without a note", {"data_allowed": met(note="  ")}, "CONDITIONAL"),
    (
        "critical Met with a link only",
        {"data_allowed": met(note="", links=["https://legal.example.com/DPO-12"])},
        "GO",
    ),
    ("critical Met with a path only", {"data_allowed": met(note="", links=["dpo/ok.pdf"])}, "GO"),
    ("a link to nothing", {"data_allowed": met(note="", links=["x"])}, "CONDITIONAL"),
    ("non-critical Met without evidence", {"team_skills": met(note="")}, "GO"),
]


@pytest.mark.parametrize(("changes", "verdict"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_verdict_table(
    checklist: StepSpec, changes: dict[str, FeasibilityItem], verdict: str | None
) -> None:
    assert evaluate_feasibility(checklist, all_met(**changes)).verdict == verdict


def test_four_not_met_names_them_and_what_to_do(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(**{i: gap(NOT_MET) for i in NON_CRITICAL}))
    assert result.verdict == "NO-GO"
    (reason,) = result.reasons
    assert "4 non-critical items Not met (NO-GO from 4)" in reason
    assert "waive each with a reason" in reason
    # named as a reader names them, not by their ids
    assert "The team has the skills, or can get them in time" in reason
    assert "team_skills" not in reason and "baseline_exists" not in reason


def test_critical_not_met_says_why_it_blocks(checklist: StepSpec) -> None:
    for state, why in [
        (gap(NOT_MET), "Not met and not marked closable"),
        (gap(NOT_MET, fatal=True), "Not met, marked as not closable"),
        (closable(due=None, owner=None), "Not met, closable but no owner, no due date"),
    ]:
        result = evaluate_feasibility(checklist, all_met(fallback_exists=state))
        assert ids(result.fatal) == ["fallback_exists"]
        assert why in result.reasons[0]


def test_closable_critical_is_a_condition(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(fallback_exists=closable()))
    assert ids(result.conditions) == ["fallback_exists"]
    assert result.fatal == []
    assert any("owner alice, due 2026-12-15" in r for r in result.reasons)


def test_critical_no_go_decides_with_items_missing(checklist: StepSpec) -> None:
    items = {"labelled_data": gap(NOT_MET), "problem_confirmed": met()}
    result = evaluate_feasibility(checklist, items)
    assert result.verdict == "NO-GO"
    assert ids(result.fatal) == ["labelled_data"]
    assert len(result.missing) == len(ALL_IDS) - 2


def test_missing_items_give_no_verdict(checklist: StepSpec) -> None:
    items = all_met(value_over_cost=gap("partial"))
    del items["team_skills"]
    result = evaluate_feasibility(checklist, items)
    assert result.verdict is None
    assert result.missing == ["team_skills"]


# ---- evidence --------------------------------------------------------------------------


def test_met_without_evidence_counts_as_unknown_and_says_why(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(data_allowed=met(note="")))
    (only,) = result.conditions
    assert only.status == "unknown"
    assert only.unevidenced == "Met without evidence: add a note, a link or an answer it rests on"
    assert any("Met without evidence" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("answered", "verdict"), [(set(), "CONDITIONAL"), ({"metrics.target_values"}, "GO")]
)
def test_met_resting_on_an_answer(checklist: StepSpec, answered: set[str], verdict: str) -> None:
    state = met(note="", refs=["metrics.target_values"])
    ctx = VerdictContext(answered=lambda ref: ref in answered)
    result = evaluate_feasibility(checklist, all_met(target_reachable=state), ctx)
    assert result.verdict == verdict
    if verdict == "CONDITIONAL":
        assert result.conditions[0].unevidenced == (
            "Met without evidence: metrics.target_values has no answer yet"
        )


# ---- INCOMPLETE ------------------------------------------------------------------------


def test_incomplete_until_the_deliverables_are_answered(checklist: StepSpec) -> None:
    ctx = VerdictContext(missing_deliverables=["2. Problem: Problem statement"])
    result = evaluate_feasibility(checklist, all_met(), ctx)
    assert result.verdict == "INCOMPLETE"
    assert result.deliverables == ["2. Problem: Problem statement"]
    assert "Answer first (1): 2. Problem: Problem statement" in result.reasons[0]
    conditional = evaluate_feasibility(checklist, all_met(value_over_cost=gap("partial")), ctx)
    assert conditional.verdict == "INCOMPLETE"


def test_no_go_is_given_on_an_undescribed_project(checklist: StepSpec) -> None:
    ctx = VerdictContext(missing_deliverables=["2. Problem: Problem statement"])
    result = evaluate_feasibility(checklist, all_met(labelled_data=gap(NOT_MET)), ctx)
    assert result.verdict == "NO-GO"


# ---- PIVOT and the gate ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "problem", "verdict"),
    [
        ("heuristic", met(), "PIVOT"),
        ("existing-model", met(), "PIVOT"),
        ("heuristic", gap("partial"), "CONDITIONAL"),
        ("heuristic", met(note=""), "CONDITIONAL"),
        ("simple-model", met(), "GO"),
        ("do-not-build", met(), "NO-GO"),
        (None, met(), "GO"),
    ],
)
def test_gate_levels(
    checklist: StepSpec, level: str | None, problem: FeasibilityItem, verdict: str
) -> None:
    ctx = VerdictContext(gate_level=level)
    result = evaluate_feasibility(checklist, all_met(problem_confirmed=problem), ctx)
    assert result.verdict == verdict


def test_pivot_wins_over_ml_gaps_and_says_what_to_do(checklist: StepSpec) -> None:
    ctx = VerdictContext(gate_level="heuristic")
    result = evaluate_feasibility(checklist, all_met(labelled_data=gap(NOT_MET)), ctx)
    assert result.verdict == "PIVOT"
    assert result.reasons[0].startswith("PIVOT: the problem is real, but the gate says")
    assert "Build that instead of a new model" in result.reasons[0]


def test_pivot_waits_for_the_deliverables(checklist: StepSpec) -> None:
    ctx = VerdictContext(gate_level="heuristic", missing_deliverables=["5. Metrics: Targets"])
    result = evaluate_feasibility(checklist, all_met(), ctx)
    assert result.verdict == "INCOMPLETE"
    assert "then the verdict is PIVOT" in result.reasons[0]


def test_do_not_build_says_stop(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(), VerdictContext(gate_level="do-not-build"))
    assert result.reasons[0].startswith("NO-GO: the gate says")


# ---- SCOPE-DOWN ------------------------------------------------------------------------


def test_scope_down_when_the_named_subset_is_go(checklist: StepSpec) -> None:
    items = all_met(
        data_allowed=gap("partial", in_scope=True, scope_note="Allowed for EU web-form tickets."),
        data_representative=gap(NOT_MET, in_scope=True, scope_note="English tickets only."),
    )
    ctx = VerdictContext(scope="English web-form tickets")
    result = evaluate_feasibility(checklist, items, ctx)
    assert result.verdict == "SCOPE-DOWN"
    assert ids(result.scoped) == ["data_allowed", "data_representative"]
    assert result.reasons[0].startswith("SCOPE-DOWN: GO for English web-form tickets only.")
    assert "The whole project stays NO-GO" in result.reasons[0]
    assert ".;" not in result.reasons[0]


@pytest.mark.parametrize(
    ("scope", "in_scope", "scope_note", "verdict"),
    [
        ("", True, "Holds for EU tickets.", "CONDITIONAL"),  # no scope named
        ("EU tickets", False, "Holds for EU tickets.", "CONDITIONAL"),  # item not marked
        ("EU tickets", True, "", "CONDITIONAL"),  # no evidence that it holds there
        ("EU tickets", True, "Holds for EU tickets.", "SCOPE-DOWN"),
    ],
)
def test_scope_down_needs_a_scope_a_mark_and_evidence(
    checklist: StepSpec, scope: str, in_scope: bool, scope_note: str, verdict: str
) -> None:
    items = all_met(data_allowed=gap("partial", in_scope=in_scope, scope_note=scope_note))
    result = evaluate_feasibility(checklist, items, VerdictContext(scope=scope))
    assert result.verdict == verdict


def test_scope_down_not_when_other_gaps_remain(checklist: StepSpec) -> None:
    items = all_met(
        data_allowed=gap("partial", in_scope=True, scope_note="EU only."),
        value_over_cost=gap("partial"),
    )
    result = evaluate_feasibility(checklist, items, VerdictContext(scope="EU tickets"))
    assert result.verdict == "CONDITIONAL"


# ---- gaps and what they lack -----------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        ({}, []),
        ({"owner": None}, ["no owner"]),
        ({"condition": "  \n "}, ["no condition that would close it"]),
        ({"due": None}, ["no due date"]),
        (
            {"owner": None, "condition": "", "due": None},
            ["no owner", "no condition that would close it", "no due date"],
        ),
    ],
)
def test_gap_problems(checklist: StepSpec, fields: dict[str, Any], problems: list[str]) -> None:
    result = evaluate_feasibility(checklist, all_met(data_allowed=gap("partial", **fields)))
    (only,) = result.conditions
    assert only.problems == problems
    assert result.verdict == "CONDITIONAL"
    line = next(r for r in result.reasons if r.startswith("Using the data"))
    assert all(p in line for p in problems)


def test_a_waived_non_critical_gap_needs_no_date(checklist: StepSpec) -> None:
    state = gap(NOT_MET, owner=None, condition="", due=None, waiver="Not needed for v1.")
    result = evaluate_feasibility(checklist, all_met(team_skills=state))
    assert result.gaps[0].problems == []


def test_deterministic(checklist: StepSpec) -> None:
    items = all_met(value_over_cost=gap("partial"), team_skills=gap(NOT_MET))
    first = evaluate_feasibility(checklist, items)
    second = evaluate_feasibility(checklist, dict(reversed(list(items.items()))))
    assert first == second


# ---- the rules are validated on load ---------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("conditional_gaps = 4\nno_go_gaps = 4", "no_go_gaps (4) must be more than"),
        ("conditional_gaps = 0", "conditional_gaps"),
        ('deliverables = ["nowhere"]', "verdict_rules.deliverables: no step 'nowhere'"),
        ('problem_items = ["made_up"]', "verdict_rules.problem_items: no item 'made_up'"),
        ('pivot_levels = ["heuristic"]\nstop_levels = ["heuristic"]', "both pivot_levels"),
        ("thresholds = 2", "thresholds"),
    ],
)
def test_bad_rules_are_refused_on_load(tmp_path: Path, rules: str, message: str) -> None:
    from mldwizard.core.specs import builtin_specs_dir

    folder = tmp_path / "specs"
    folder.mkdir()
    for source in builtin_specs_dir().glob("*.toml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "feasibility.toml":
            head, _, tail = text.partition("[verdict_rules]\n")
            body = tail[tail.index("\n\n") :]
            text = f"{head}[verdict_rules]\n{rules}\n{body}"
        (folder / source.name).write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_specs(builtin=folder)
    assert message in str(err.value)
    assert "feasibility.toml" in str(err.value)


def test_a_closed_for_good_gap_any_approach_needs_stops_a_pivot(checklist: StepSpec) -> None:
    """The value not outweighing the cost holds for a rule as much as for a model: NO-GO,
    not PIVOT. A gap in labels (the model's own need) does not stop a rule."""
    ctx = VerdictContext(gate_level="heuristic")
    result = evaluate_feasibility(checklist, all_met(value_over_cost=gap(NOT_MET)), ctx)
    assert result.verdict == "NO-GO"
    assert "This holds for any approach" in result.reasons[0]
    labels = evaluate_feasibility(checklist, all_met(labelled_data=gap(NOT_MET)), ctx)
    assert labels.verdict == "PIVOT"


def test_a_pivot_names_the_items_still_without_a_status(checklist: StepSpec) -> None:
    ctx = VerdictContext(gate_level="existing-model")
    items = all_met()
    del items["labelled_data"]  # data: an existing model may need no labels of its own
    result = evaluate_feasibility(checklist, items, ctx)
    assert result.verdict == "PIVOT"
    assert any(r.startswith("Still to check, whatever is built: ") for r in result.reasons)
