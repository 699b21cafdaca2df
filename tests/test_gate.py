"""The gate verdict: the built-in gate's precise behaviour, and the engine on tiny gates.

The hand-written scenario table is ``tests/test_gate_scenarios.py``; the precedence rules
over every combination of answers are ``tests/test_gate_precedence.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from mldwizard.core.gate import evaluate_gate
from mldwizard.core.specs import Specs, StepSpec

from .gate_answers import with_results

REQUIRED = [
    "expert_rule",
    "patterns",
    "stability",
    "input_type",
    "labelled_data",
    "explanation",
    "error_cost",
    "gain_needed",
    "would_pay",
    "existing_model",
]


@pytest.fixture(scope="module")
def gate(specs: Specs) -> StepSpec:
    step = specs.gate
    assert step is not None
    return step


def reason(gate: StepSpec, question: str, value: str) -> str:
    """The reason text of the points rule `question = value` (exactly one such rule)."""
    assert gate.verdict is not None
    found = [
        r.reason
        for r in gate.verdict.rules
        if r.when[0].question == question and r.when[0].equals == value
    ]
    assert len(found) == 1, (question, value)
    return found[0]


def decisive(gate: StepSpec, rule_id: str) -> str:
    assert gate.verdict is not None
    return next(r.reason for r in gate.verdict.decisive if r.id == rule_id)


def never(gate: StepSpec, level: str, question: str) -> str:
    assert gate.verdict is not None
    return next(
        r.reason
        for r in gate.verdict.never
        if r.level == level and any(c.question == question for c in r.when)
    )


# A clear case for a rule: every answer points to a heuristic, and it was measured (with
# the measured results written: tests/gate_answers.py).
CLEAR_HEURISTIC: dict[str, Any] = with_results(
    {
        "expert_rule": "fully",
        "patterns": "a-handful",
        "stability": "stable",
        "input_type": "few-fields",
        "labelled_data": "thousands",
        "explanation": "no",
        "error_cost": "moderate",
        "gain_needed": "large-gain-needed",
        "would_pay": "committed",
        "heuristic_tried": "good-enough",
        "existing_model": "none",
    }
)
CLEAR_COMPLEX: dict[str, Any] = with_results(
    {
        "expert_rule": "no",
        "patterns": "open-ended",
        "stability": "changes-often",
        "input_type": "many-fields",
        "labelled_data": "hundreds-of-thousands",
        "explanation": "no",
        "error_cost": "moderate",
        "gain_needed": "small-gain-pays",
        "would_pay": "committed",
        "heuristic_tried": "falls-short",
        "existing_model": "falls-short",
    }
)


def test_a_measured_good_heuristic_decides_and_says_so(gate: StepSpec) -> None:
    result = evaluate_gate(gate, CLEAR_HEURISTIC)
    assert (result.verdict, result.decided_by, result.basis) == (
        "heuristic",
        "heuristic-good-enough",
        "evidence",
    )
    assert result.reasons == [decisive(gate, "heuristic-good-enough")]
    assert result.opinion_only == ""
    assert result.against == [reason(gate, "labelled_data", "thousands")]


def test_a_measured_good_heuristic_beats_every_opinion(gate: StepSpec) -> None:
    # Every points rule says complex; the measurement still decides.
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "heuristic_tried": "good-enough"})
    assert result.verdict == "heuristic"
    assert result.scores["complex-model"] > result.scores["heuristic"]


def test_clear_complex_by_points_with_a_measurement(gate: StepSpec) -> None:
    result = evaluate_gate(gate, CLEAR_COMPLEX)
    assert (result.verdict, result.decided_by, result.basis) == ("complex-model", None, "points")
    assert result.opinion_only == ""
    assert result.reasons[:2] == [
        reason(gate, "patterns", "open-ended"),  # 3
        reason(gate, "expert_rule", "no"),  # 2
    ]
    assert set(result.ruled_out) == {"heuristic", "existing-model"}


def test_without_a_measurement_the_verdict_says_it_rests_on_opinion(gate: StepSpec) -> None:
    case = {**CLEAR_HEURISTIC, "heuristic_tried": "not-tried"}
    result = evaluate_gate(gate, case)
    assert (result.verdict, result.basis) == ("heuristic", "opinion")
    assert result.opinion_only.startswith("No measurement yet")
    assert "Run the rule on 200 labelled cases" in result.opinion_only
    # An unanswered optional measurement is no measurement either.
    unasked = {k: v for k, v in case.items() if k != "heuristic_tried"}
    assert evaluate_gate(gate, unasked).opinion_only == result.opinion_only


def test_a_heuristic_that_falls_short_is_ruled_out_with_its_reason(gate: StepSpec) -> None:
    case = {**CLEAR_HEURISTIC, "heuristic_tried": "falls-short"}
    result = evaluate_gate(gate, case)
    # Heuristic has by far the most points; it is ruled out, and the reason comes first.
    assert result.scores["heuristic"] > max(result.scores["simple-model"], 0)
    assert result.verdict == "simple-model"
    assert result.reasons[0] == never(gate, "heuristic", "heuristic_tried")


def test_unstructured_input_needs_named_derived_fields_for_a_rule(gate: StepSpec) -> None:
    case = {**CLEAR_HEURISTIC, "input_type": "unstructured", "rule_fields": "most"}
    pending = evaluate_gate(gate, case)
    # The fields must be named: the question is required on that path ...
    assert pending.missing == ["rule_fields_which"]
    assert pending.ruled_out["heuristic"] == [never(gate, "heuristic", "rule_fields_which")]
    assert pending.leaning != "heuristic"
    assert "heuristic" in pending.ruled_out
    # ... and once they are, the measured rule decides.
    named = evaluate_gate(gate, {**case, "rule_fields_which": "The sender's domain."})
    assert named.verdict == "heuristic"
    # With no field that decides, there is no rule to measure: the measurement is set
    # aside, and the verdict says why and that the answers contradict it.
    result = evaluate_gate(gate, {**case, "rule_fields": "none"})
    assert result.verdict != "heuristic"
    assert result.ruled_out["heuristic"][0] in result.reasons
    assert "the content must be read" in result.ruled_out["heuristic"][0]
    assert result.contradictions and result.contradictions[0] in result.reasons
    assert "set aside" in result.contradictions[0]


def test_a_measured_rule_overrules_the_estimate_of_what_its_fields_decide(
    gate: StepSpec,
) -> None:
    """qa10c #1: a rule measured good enough on named derived fields decides, although
    Fields a rule could read estimates that they decide only some cases; the verdict says
    the answers contradict the measurement (check: MLD025)."""
    case = {
        **CLEAR_HEURISTIC,
        "input_type": "unstructured",
        "rule_fields": "some",
        "rule_fields_which": "Keyword hits from the 212 rules.",
    }
    result = evaluate_gate(gate, case)
    assert (result.verdict, result.decided_by) == ("heuristic", "heuristic-good-enough")
    assert result.basis == "evidence"
    assert "heuristic" not in result.ruled_out
    assert len(result.contradictions) == 1
    assert "The measurement decides" in result.contradictions[0]
    assert result.contradictions[0] in result.reasons
    assert not any("set aside" in r for r in result.reasons)
    # Not measured good enough: the estimate still rules the rule out.
    for tried in ("not-tried", "falls-short"):
        other = evaluate_gate(gate, {**case, "heuristic_tried": tried})
        assert other.verdict != "heuristic" and "heuristic" in other.ruled_out, tried
        assert not other.contradictions, tried
    # A fact is not an estimate: decisions that must be reproducible by rule still let a
    # rule decide, and an existing model ruled out by law stays set aside (other tests).


def test_an_existing_model_measured_good_enough_decides(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "existing_model": "good-enough"})
    assert (result.verdict, result.decided_by) == ("existing-model", "existing-model-good-enough")
    # Unless decisions must be reproducible by rule: then the points decide.
    strict = {**CLEAR_COMPLEX, "existing_model": "good-enough", "explanation": "deterministic"}
    result = evaluate_gate(gate, strict)
    assert result.verdict == "simple-model"
    assert "existing-model" in result.ruled_out


@pytest.mark.parametrize(
    ("answer", "rule_id"),
    [
        ({"would_pay": "no"}, "nobody-pays"),
        ({"would_pay": "unclear"}, "value-unclear"),
        ({"labelled_data": "unobtainable"}, "no-labels-ever"),
    ],
)
def test_do_not_build(gate: StepSpec, answer: dict[str, str], rule_id: str) -> None:
    unmeasured = {"heuristic_tried": "not-tried", "existing_model": "not-measured"}
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, **unmeasured, **answer})
    assert (result.verdict, result.decided_by, result.basis) == ("do-not-build", rule_id, "fact")
    assert result.reasons == [decisive(gate, rule_id)]


def test_no_labels_yet_with_nothing_to_ship_is_not_do_not_build(gate: StepSpec) -> None:
    """QA #2: labels can be had but none exist yet; rules cannot read the text and no model
    may be used. That is not "do not build": the verdict stands on the other answers, with
    the condition to collect labels first, and the advice never contradicts the answers."""
    case = {
        **CLEAR_COMPLEX,
        "input_type": "unstructured",
        "rule_fields": "none",
        "labelled_data": "none",
        "heuristic_tried": "not-tried",
        "existing_model": "ruled-out",
    }
    result = evaluate_gate(gate, case)
    assert result.verdict == "complex-model"
    assert result.decided_by is None and result.basis == "opinion"
    cap = next(r for r in gate.verdict.rules if r.beyond_cap)  # type: ignore[union-attr]
    assert result.reasons[0] == cap.beyond_cap
    assert "collect labels first" in result.reasons[0]
    assert cap.reason not in result.reasons  # "ship a rule or an existing model": neither can
    # Nothing to run on labelled cases that do not exist: label them first.
    assert "label at least 200 first" in result.opinion_only
    assert "Run the rule" not in result.opinion_only
    assert "Run the existing model" not in result.opinion_only
    assert "who would pay" not in " ".join(result.reasons)


def test_no_labels_yet_caps_at_an_existing_model(gate: StepSpec) -> None:
    case = {
        **CLEAR_COMPLEX,
        "labelled_data": "none",
        "heuristic_tried": "not-tried",
        "existing_model": "not-measured",
    }
    result = evaluate_gate(gate, case)
    assert result.verdict == "existing-model"
    assert result.reasons[0] == reason(gate, "labelled_data", "none")


# ---- missing answers ------------------------------------------------------------------


def test_missing_required_gives_no_verdict_but_a_leaning(gate: StepSpec) -> None:
    partial = {k: v for k, v in CLEAR_HEURISTIC.items() if k not in ("stability", "would_pay")}
    result = evaluate_gate(gate, partial)
    assert result.verdict is None
    assert result.leaning == "heuristic"
    assert result.missing == ["stability", "would_pay"]
    assert result.reasons == [decisive(gate, "heuristic-good-enough")]


def test_blank_answer_counts_as_missing(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "gain_needed": "  ", "explanation": ""})
    assert result.verdict is None
    assert result.leaning == "complex-model"
    assert result.missing == ["explanation", "gain_needed"]


def test_only_the_optional_question_unanswered_still_gives_a_verdict(gate: StepSpec) -> None:
    case = {k: v for k, v in CLEAR_COMPLEX.items() if k != "heuristic_tried"}
    result = evaluate_gate(gate, case)
    assert result.verdict == "complex-model"
    assert result.missing == []


def test_no_answers_at_all(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {})
    assert result.verdict is None
    assert result.leaning is None
    assert set(result.scores.values()) == {0}
    assert result.reasons == []
    assert result.against == []
    assert result.missing == REQUIRED


def test_required_gate_questions(gate: StepSpec) -> None:
    # rule_fields and rule_fields_which are required too, where shown; so is a measured
    # result, wherever its choice says it was measured.
    assert [q.id for q in gate.questions if q.required and q.when is None] == REQUIRED
    assert [q.id for q in gate.questions if q.required and q.when is not None] == [
        "rule_fields",
        "rule_fields_which",
        "heuristic_result",
        "existing_model_result",
    ]


def test_error_cost_builds_on_the_problem_chapters_answer(specs: Specs, gate: StepSpec) -> None:
    question = gate.question("error_cost")
    assert question is not None and question.builds_on == "problem.cost_of_mistake"
    problem = specs.get("problem")
    assert problem is not None and problem.question("cost_of_mistake") is not None


@pytest.mark.parametrize("case", [CLEAR_HEURISTIC, CLEAR_COMPLEX], ids=["heuristic", "complex"])
def test_deterministic(gate: StepSpec, case: dict[str, Any]) -> None:
    before = dict(case)
    first = evaluate_gate(gate, case)
    second = evaluate_gate(gate, case)
    reordered = evaluate_gate(gate, dict(reversed(list(case.items()))))
    assert first == second == reordered
    assert case == before, "evaluate_gate must not change the answers"


# ---- ties with a tiny custom gate -----------------------------------------------------


def tiny_gate(extra_rules: list[dict[str, Any]] | None = None, **verdict: Any) -> StepSpec:
    def question(qid: str) -> dict[str, Any]:
        return {
            "id": qid,
            "title": f"Lever {qid}",
            "prompt": f"{qid}?",
            "help": "h",
            "example": "e",
            "kind": "choice",
            "choices": ["yes", "no"],
        }

    return StepSpec.model_validate(
        {
            "slug": "tiny-gate",
            "kind": "gate",
            "title": "Tiny gate",
            "intro": "Three levers.",
            "questions": [question("h"), question("s"), question("c")],
            "verdict": {
                "rules": [
                    {
                        "when": {"question": "h", "equals": "yes"},
                        "points": {"heuristic": 2},
                        "reason": "H",
                    },
                    {
                        "when": {"question": "s", "equals": "yes"},
                        "points": {"simple-model": 2},
                        "reason": "S",
                    },
                    {
                        "when": {"question": "c", "equals": "yes"},
                        "points": {"complex-model": 2},
                        "reason": "C",
                    },
                    *(extra_rules or []),
                ],
                **verdict,
            },
        }
    )


@pytest.mark.parametrize(
    ("h", "s", "c", "verdict", "reasons", "against"),
    [
        ("yes", "yes", "no", "heuristic", ["H"], ["S"]),
        ("no", "yes", "yes", "simple-model", ["S"], ["C"]),
        ("yes", "no", "yes", "heuristic", ["H"], ["C"]),
        ("yes", "yes", "yes", "heuristic", ["H"], ["S", "C"]),
        ("no", "no", "yes", "complex-model", ["C"], []),
        ("no", "yes", "no", "simple-model", ["S"], []),
    ],
)
def test_ties_go_to_the_simpler_level(
    h: str, s: str, c: str, verdict: str, reasons: list[str], against: list[str]
) -> None:
    result = evaluate_gate(tiny_gate(), {"h": h, "s": s, "c": c})
    assert result.verdict == verdict
    assert result.reasons == reasons
    assert result.against == against


def test_no_matched_rule_gives_no_verdict() -> None:
    result = evaluate_gate(tiny_gate(), {"h": "no", "s": "no", "c": "no"})
    assert result.verdict is None
    assert result.leaning is None
    assert result.reasons == []
    assert result.missing == []


def test_negative_points_can_break_a_tie() -> None:
    spec = tiny_gate(
        [
            {
                "when": {"question": "h", "equals": "yes"},
                "points": {"heuristic": -1, "simple-model": 0},
                "reason": "H penalty",
            }
        ]
    )
    result = evaluate_gate(spec, {"h": "yes", "s": "yes", "c": "no"})
    assert result.scores == {
        "heuristic": 1,
        "existing-model": 0,
        "simple-model": 2,
        "complex-model": 0,
    }
    assert result.verdict == "simple-model"
    assert result.reasons == ["S"]
    assert result.against == ["H"]


def test_cap_in_a_tiny_gate() -> None:
    spec = tiny_gate(
        [
            {
                "when": {"question": "s", "equals": "no"},
                "max_level": "heuristic",
                "reason": "capped",
            }
        ]
    )
    result = evaluate_gate(spec, {"h": "no", "s": "no", "c": "yes"})
    assert result.scores == {
        "heuristic": 0,
        "existing-model": 0,
        "simple-model": 0,
        "complex-model": 2,
    }
    assert result.verdict == "heuristic"
    assert result.reasons == ["capped"]
    assert result.against == ["C"]


def test_evaluate_gate_refuses_a_step_without_rules(specs: Specs) -> None:
    chapter = specs.get("problem")
    assert chapter is not None
    with pytest.raises(ValueError, match="no verdict rules"):
        evaluate_gate(chapter, {})


# ---- decisive rules and constraints, on a tiny gate -----------------------------------


def decisive_rule(rule_id: str, order: int, level: str, question: str) -> dict[str, Any]:
    return {
        "id": rule_id,
        "order": order,
        "level": level,
        "when": {"question": question, "equals": "yes"},
        "reason": rule_id,
    }


def test_decisive_rules_are_tried_by_order_not_by_position() -> None:
    spec = tiny_gate(
        decisive=[
            decisive_rule("late", 20, "complex-model", "c"),
            decisive_rule("early", 10, "do-not-build", "h"),
        ]
    )
    assert evaluate_gate(spec, {"h": "yes", "s": "no", "c": "yes"}).decided_by == "early"
    result = evaluate_gate(spec, {"h": "no", "s": "yes", "c": "yes"})
    assert (result.verdict, result.decided_by, result.reasons) == (
        "complex-model",
        "late",
        ["late"],
    )
    # No decisive rule holds: the points decide, and nothing was measured.
    result = evaluate_gate(spec, {"h": "no", "s": "yes", "c": "no"})
    assert (result.verdict, result.decided_by, result.basis) == ("simple-model", None, "opinion")


def test_a_ruled_out_level_is_skipped_by_decisive_rules_and_points() -> None:
    spec = tiny_gate(
        decisive=[decisive_rule("rule-works", 1, "heuristic", "h")],
        never=[{"level": "heuristic", "when": {"question": "s", "equals": "yes"}, "reason": "N"}],
    )
    result = evaluate_gate(spec, {"h": "yes", "s": "yes", "c": "no"})
    # H 2 ties S 2 and would win the tie; it is ruled out, and that is the first reason.
    assert (result.verdict, result.decided_by) == ("simple-model", None)
    assert result.reasons == ["N", "S"]
    assert result.ruled_out == {"heuristic": ["N"]}


def test_never_with_several_conditions_needs_all_of_them() -> None:
    rule = {
        "level": "heuristic",
        "when": [{"question": "s", "equals": "yes"}, {"question": "c", "equals": "yes"}],
        "reason": "both",
    }
    spec = tiny_gate(never=[rule])
    assert evaluate_gate(spec, {"h": "yes", "s": "yes", "c": "no"}).verdict == "heuristic"
    assert evaluate_gate(spec, {"h": "yes", "s": "yes", "c": "yes"}).verdict == "simple-model"


def test_every_level_ruled_out_gives_do_not_build() -> None:
    levels = ["heuristic", "existing-model", "simple-model", "complex-model"]
    never_rules = [
        {"level": lv, "when": {"question": "h", "equals": "yes"}, "reason": lv} for lv in levels
    ]
    result = evaluate_gate(tiny_gate(never=never_rules), {"h": "yes", "s": "yes", "c": "no"})
    assert result.verdict == "do-not-build"
    assert result.reasons == levels


@pytest.mark.parametrize(
    ("verdict", "message"),
    [
        (
            {
                "decisive": [
                    decisive_rule("a", 1, "heuristic", "h"),
                    decisive_rule("b", 1, "simple-model", "s"),
                ]
            },
            "same order 1",
        ),
        (
            {
                "decisive": [
                    decisive_rule("a", 1, "heuristic", "h"),
                    decisive_rule("a", 2, "simple-model", "s"),
                ]
            },
            "'a' is used twice",
        ),
        ({"decisive": [decisive_rule("a", 1, "a-rule", "h")]}, "level"),
        ({"decisive": [{**decisive_rule("a", 1, "heuristic", "h"), "when": []}]}, "when"),
        (
            {"never": [{"level": "heuristic", "when": {"question": "h"}, "reason": "x"}]},
            "exactly one",
        ),
        ({"never": [{"level": "heuristic", "when": {"question": "h", "equals": "yes"}}]}, "reason"),
        ({"measured": {"question": "h"}}, "measured"),
    ],
)
def test_malformed_verdict_specs_are_refused(verdict: dict[str, Any], message: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match=message):
        tiny_gate(**verdict)


def test_a_lean_is_stated_only_when_enough_answers_support_it(gate: StepSpec) -> None:
    """qa10c #13: with one gate answer of ten the pending verdict states no lean; a lean is
    stated once a majority of the required questions asked is answered, or once evidence or
    a fact decides, or a measured result the points use holds."""
    order = ["expert_rule", "patterns", "stability", "input_type", "labelled_data"]
    order += ["explanation", "error_cost", "gain_needed", "would_pay", "existing_model"]
    answers: dict[str, Any] = {}
    for count, qid in enumerate(order, start=1):
        answers[qid] = CLEAR_COMPLEX[qid]
        result = evaluate_gate(gate, answers)
        asked = count + len(result.missing)
        assert result.leaning is not None  # the live display keeps its leaning
        assert (result.lean is not None) == (2 * count > asked), (count, asked)
    result = evaluate_gate(gate, {**answers, **with_results(answers)})
    assert result.verdict is not None and result.lean == result.verdict
    # A fact that decides is stated whatever is still open.
    nobody_pays = evaluate_gate(gate, {"would_pay": "no"})
    assert nobody_pays.verdict is None and nobody_pays.lean == "do-not-build"
    # So is a lean on a measured result the points use.
    measured = evaluate_gate(
        gate, with_results({"heuristic_tried": "falls-short", "expert_rule": "partly"})
    )
    assert measured.basis == "points" and measured.lean == measured.leaning


def test_the_advice_to_prove_the_gap_first_goes_once_the_gap_is_measured(
    gate: StepSpec,
) -> None:
    """qa10c #12: "prove the gap first" next to "A measured heuristic falls short" gave
    advice the reasons contradicted; once a gap is measured the reason says so."""
    answers = {**CLEAR_COMPLEX, "gain_needed": "large-gain-needed", "heuristic_tried": "not-tried"}
    answers["existing_model"] = "not-measured"
    before = evaluate_gate(gate, answers)
    said = " ".join([*before.reasons, *before.against])
    assert before.basis == "opinion" and "prove the gap first" in said
    for measured in (
        {"heuristic_tried": "falls-short"},
        {"existing_model": "falls-short"},
    ):
        result = evaluate_gate(gate, with_results({**answers, **measured}))
        said = " ".join([*result.reasons, *result.against])
        assert result.basis == "points", measured
        assert "prove the gap first" not in said, measured
        assert "must close most of the measured gap" in said, measured
        # The same points: only the words follow the evidence.
        assert result.scores["heuristic"] >= before.scores["heuristic"], measured
