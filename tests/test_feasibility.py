"""The feasibility verdict for the built-in checklist (chapter_specs/feasibility.toml)."""

from __future__ import annotations

from typing import Any

import pytest

from mldwizard.core.document import FeasibilityItem
from mldwizard.core.feasibility import FeasibilityResult, Gap, evaluate_feasibility
from mldwizard.core.specs import Specs, StepSpec

CRITICAL = [
    "problem_confirmed",
    "value_over_cost",
    "metric_tied_to_business",
    "labelled_data",
    "data_allowed",
    "budgets_plausible",
    "fallback_exists",
    "mistake_cost_contained",
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
    "budgets_plausible",
    "fallback_exists",
    "mistake_cost_contained",
    "team_skills",
    "timeline_realistic",
    "decision_owner",
]


@pytest.fixture(scope="module")
def checklist(specs: Specs) -> StepSpec:
    step = specs.feasibility
    assert step is not None
    return step


def met() -> FeasibilityItem:
    return FeasibilityItem(status="met", note="Checked.")


def gap(status: str, **fields: Any) -> FeasibilityItem:
    base: dict[str, Any] = {"owner": "alice", "condition": "Legal signs off in writing."}
    base.update(fields)
    return FeasibilityItem(status=status, **base)  # type: ignore[arg-type]


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


def test_all_met_is_go(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met())
    assert result == FeasibilityResult("GO", [], [], [], [])


@pytest.mark.parametrize("status", ["not-met", "partial", "unknown"])
def test_non_critical_gap_is_still_go_and_listed(checklist: StepSpec, status: str) -> None:
    result = evaluate_feasibility(checklist, all_met(baseline_exists=gap(status)))
    assert result.verdict == "GO"
    assert ids(result.gaps) == ["baseline_exists"]
    assert result.conditions == [] and result.fatal == [] and result.missing == []


def test_several_non_critical_gaps_listed_in_checklist_order(checklist: StepSpec) -> None:
    result = evaluate_feasibility(
        checklist,
        all_met(
            timeline_realistic=gap("not-met"),
            data_quality_known=gap("partial"),
            team_skills=gap("unknown"),
        ),
    )
    assert result.verdict == "GO"
    assert ids(result.gaps) == ["data_quality_known", "team_skills", "timeline_realistic"]


def test_non_critical_fatal_is_still_go(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(team_skills=gap("not-met", fatal=True)))
    assert result.verdict == "GO"
    assert result.fatal == []
    assert ids(result.gaps) == ["team_skills"]


def test_critical_partial_is_conditional_with_owner_and_condition(checklist: StepSpec) -> None:
    state = gap("partial", owner="bob", condition="Two more users confirm the cost.")
    result = evaluate_feasibility(checklist, all_met(problem_confirmed=state))
    assert result.verdict == "CONDITIONAL"
    assert ids(result.conditions) == ["problem_confirmed"]
    (only,) = result.conditions
    assert only.state.owner == "bob"
    assert only.state.condition == "Two more users confirm the cost."
    assert only.item.critical is True
    assert only.problems == []
    assert result.fatal == [] and result.gaps == [] and result.missing == []


def test_critical_unknown_never_counts_as_met(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(data_allowed=gap("unknown")))
    assert result.verdict == "CONDITIONAL"
    assert ids(result.conditions) == ["data_allowed"]


def test_critical_not_met_closable_is_conditional(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(fallback_exists=gap("not-met", fatal=False)))
    assert result.verdict == "CONDITIONAL"
    assert ids(result.conditions) == ["fallback_exists"]
    assert result.fatal == []


def test_fatal_flag_only_counts_on_not_met(checklist: StepSpec) -> None:
    # A partial item marked fatal is not a fatal gap: only "not met" can be unclosable.
    result = evaluate_feasibility(checklist, all_met(labelled_data=gap("partial", fatal=True)))
    assert result.verdict == "CONDITIONAL"
    assert ids(result.conditions) == ["labelled_data"]
    assert result.fatal == []


def test_critical_and_non_critical_gaps_together(checklist: StepSpec) -> None:
    result = evaluate_feasibility(
        checklist,
        all_met(
            decision_owner=gap("unknown"),
            value_over_cost=gap("partial"),
            baseline_exists=gap("not-met"),
        ),
    )
    assert result.verdict == "CONDITIONAL"
    assert ids(result.conditions) == ["value_over_cost", "decision_owner"]
    assert ids(result.gaps) == ["baseline_exists"]


def test_critical_fatal_is_no_go(checklist: StepSpec) -> None:
    result = evaluate_feasibility(
        checklist,
        all_met(
            data_allowed=gap("not-met", fatal=True, condition=""),
            value_over_cost=gap("partial"),
            team_skills=gap("not-met"),
        ),
    )
    assert result.verdict == "NO-GO"
    assert ids(result.fatal) == ["data_allowed"]
    assert ids(result.conditions) == ["value_over_cost"]
    assert ids(result.gaps) == ["team_skills"]
    assert result.missing == []


def test_critical_fatal_is_no_go_even_with_items_missing(checklist: StepSpec) -> None:
    items = {
        "labelled_data": gap("not-met", fatal=True),
        "problem_confirmed": met(),
        "baseline_exists": gap("not-met"),
    }
    result = evaluate_feasibility(checklist, items)
    assert result.verdict == "NO-GO"
    assert ids(result.fatal) == ["labelled_data"]
    assert ids(result.gaps) == ["baseline_exists"]
    assert result.missing == [
        i for i in ALL_IDS if i not in ("labelled_data", "problem_confirmed", "baseline_exists")
    ]


def test_two_fatal_gaps_listed_in_order(checklist: StepSpec) -> None:
    result = evaluate_feasibility(
        checklist,
        all_met(
            decision_owner=gap("not-met", fatal=True),
            problem_confirmed=gap("not-met", fatal=True),
        ),
    )
    assert result.verdict == "NO-GO"
    assert ids(result.fatal) == ["problem_confirmed", "decision_owner"]


def test_missing_items_give_no_verdict(checklist: StepSpec) -> None:
    items = all_met()
    del items["metric_tied_to_business"]
    del items["timeline_realistic"]
    result = evaluate_feasibility(checklist, items)
    assert result.verdict is None
    assert result.missing == ["metric_tied_to_business", "timeline_realistic"]


def test_missing_items_win_over_conditional(checklist: StepSpec) -> None:
    items = all_met(value_over_cost=gap("partial"))
    del items["team_skills"]
    result = evaluate_feasibility(checklist, items)
    assert result.verdict is None
    assert result.missing == ["team_skills"]
    assert ids(result.conditions) == ["value_over_cost"]


def test_nothing_filled_in(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, {})
    assert result == FeasibilityResult(None, [], [], [], ALL_IDS)


def test_unknown_item_ids_are_ignored(checklist: StepSpec) -> None:
    result = evaluate_feasibility(checklist, all_met(made_up=gap("not-met", fatal=True)))
    assert result.verdict == "GO"
    assert result.fatal == []


def test_deterministic(checklist: StepSpec) -> None:
    items = all_met(value_over_cost=gap("partial"), team_skills=gap("not-met"))
    first = evaluate_feasibility(checklist, items)
    second = evaluate_feasibility(checklist, dict(reversed(list(items.items()))))
    assert first == second
    assert ids(first.conditions) == ["value_over_cost"]


# ---- Gap.problems ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "condition", "problems"),
    [
        ("alice", "Legal signs off.", []),
        (None, "Legal signs off.", ["no owner"]),
        ("", "Legal signs off.", ["no owner"]),
        ("alice", "", ["no condition that would close it"]),
        ("alice", "  \n ", ["no condition that would close it"]),
        (None, "", ["no owner", "no condition that would close it"]),
    ],
)
def test_gap_problems(
    checklist: StepSpec, owner: str | None, condition: str, problems: list[str]
) -> None:
    state = FeasibilityItem(status="partial", owner=owner, condition=condition)
    result = evaluate_feasibility(checklist, all_met(data_allowed=state))
    (only,) = result.conditions
    assert only.problems == problems


def test_gap_problems_on_a_fatal_gap(checklist: StepSpec) -> None:
    state = FeasibilityItem(status="not-met", fatal=True)
    result = evaluate_feasibility(checklist, all_met(fallback_exists=state))
    (only,) = result.fatal
    assert only.problems == ["no owner", "no condition that would close it"]
