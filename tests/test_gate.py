"""The gate verdict for the built-in gate spec, computed by hand from chapter_specs/gate.toml.

Points per rule (H = heuristic, S = simple-model, C = complex-model):

    expert_rule      fully H4 | mostly H2 S1 | partly S2 C1 | no S1 C2
    patterns         a-handful H3 | dozens H1 S2 | hundreds S1 C2 | open-ended C3
    stability        stable H2 | changes-slowly S1 | changes-often S1 C1
    input_type       few-fields H1 S1 | many-fields S2 C1 | unstructured C3
    labelled_data    none cap H | hundreds S1 cap S | thousands S2 | hundreds-of-thousands C2
    explanation      no - | explanation S2 | deterministic H2 cap S
    gain_needed      small-gain-pays C2 | large-gain-needed H2 | unclear H2
    heuristic_tried  not-tried - | good-enough H4 | falls-short S1 C1
"""

from __future__ import annotations

from typing import Any

import pytest

from mldwizard.core.gate import evaluate_gate
from mldwizard.core.specs import Specs, StepSpec

REQUIRED = [
    "expert_rule",
    "patterns",
    "stability",
    "input_type",
    "labelled_data",
    "explanation",
    "gain_needed",
]


@pytest.fixture(scope="module")
def gate(specs: Specs) -> StepSpec:
    step = specs.gate
    assert step is not None
    return step


def reason(gate: StepSpec, question: str, value: str) -> str:
    """The reason text of the rule `question = value` (exactly one such rule)."""
    assert gate.verdict is not None
    found = [
        r.reason
        for r in gate.verdict.rules
        if r.when.question == question and r.when.equals == value
    ]
    assert len(found) == 1, (question, value)
    return found[0]


def answers(
    expert_rule: str,
    patterns: str,
    stability: str,
    input_type: str,
    labelled_data: str,
    explanation: str,
    gain_needed: str,
    heuristic_tried: str | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "expert_rule": expert_rule,
        "patterns": patterns,
        "stability": stability,
        "input_type": input_type,
        "labelled_data": labelled_data,
        "explanation": explanation,
        "gain_needed": gain_needed,
    }
    if heuristic_tried is not None:
        result["heuristic_tried"] = heuristic_tried
    return result


CLEAR_HEURISTIC = answers(
    "fully", "a-handful", "stable", "few-fields", "thousands", "no", "large-gain-needed",
    "good-enough",
)  # fmt: skip
CLEAR_COMPLEX = answers(
    "no", "open-ended", "changes-often", "unstructured", "hundreds-of-thousands", "no",
    "small-gain-pays", "falls-short",
)  # fmt: skip

# (id, answers, verdict, scores H/S/C)
CASES: list[tuple[str, dict[str, Any], str, tuple[int, int, int]]] = [
    # H 4+3+2+1+2+4 = 16, S 1+2 = 3
    ("clear-heuristic", CLEAR_HEURISTIC, "heuristic", (16, 3, 0)),
    # C 2+3+1+3+2+2+1 = 14, S 1+1+1 = 3
    ("clear-complex", CLEAR_COMPLEX, "complex-model", (0, 3, 14)),
    # S 2+2+1+2+2+2+1 = 12, H 1+2 = 3, C 1+1+1 = 3
    (
        "simple-model",
        answers(
            "partly",
            "dozens",
            "changes-slowly",
            "many-fields",
            "thousands",
            "explanation",
            "large-gain-needed",
            "falls-short",
        ),
        "simple-model",
        (3, 12, 3),
    ),
    # Everything says complex (C 12, S 3) but there are no labels: capped at heuristic.
    (
        "no-labels-caps-at-heuristic",
        {**CLEAR_COMPLEX, "labelled_data": "none"},
        "heuristic",
        (0, 3, 12),
    ),
    # Only hundreds of labels: C 12, S 4, capped at simple-model.
    (
        "hundreds-of-labels-caps-at-simple",
        {**CLEAR_COMPLEX, "labelled_data": "hundreds"},
        "simple-model",
        (0, 4, 12),
    ),
    # Deterministic decisions: C 14, S 3, H 2, capped at simple-model.
    (
        "deterministic-caps-at-simple",
        {**CLEAR_COMPLEX, "explanation": "deterministic"},
        "simple-model",
        (2, 3, 14),
    ),
    # A cap never raises the verdict: H 18 wins, the simple-model cap does not bind.
    (
        "deterministic-cap-does-not-raise",
        {**CLEAR_HEURISTIC, "explanation": "deterministic"},
        "heuristic",
        (18, 3, 0),
    ),
    # Two caps: the lower one wins. H 2, S 3, C 12 -> capped at heuristic.
    (
        "two-caps-lowest-wins",
        {**CLEAR_COMPLEX, "labelled_data": "none", "explanation": "deterministic"},
        "heuristic",
        (2, 3, 12),
    ),
    # A tie in the built-in rules: H 2+1+2+2 = 7, S 1+2+2+2 = 7, C 1 -> the simpler level.
    (
        "tie-heuristic-vs-simple",
        answers(
            "mostly",
            "dozens",
            "stable",
            "many-fields",
            "thousands",
            "no",
            "unclear",
            "not-tried",
        ),
        "heuristic",
        (7, 7, 1),
    ),
    # Explanations needed and few labels: H 1+1+2 = 4, S 2+2+1+1+1+2 = 9, C 1. The
    # simple-model cap from "hundreds" does not bind.
    (
        "explanations-and-few-labels",
        answers(
            "partly",
            "dozens",
            "changes-slowly",
            "few-fields",
            "hundreds",
            "explanation",
            "unclear",
        ),
        "simple-model",
        (4, 9, 1),
    ),
    # heuristic_tried is optional: without it the verdict is still given.
    # H 2, S 1+1 = 2, C 2+2+3+2+2 = 11.
    (
        "optional-question-unanswered",
        answers(
            "no",
            "hundreds",
            "stable",
            "unstructured",
            "hundreds-of-thousands",
            "no",
            "small-gain-pays",
        ),
        "complex-model",
        (2, 2, 11),
    ),
]


@pytest.mark.parametrize(
    ("case", "expected", "scores"),
    [pytest.param(a, v, s, id=name) for name, a, v, s in CASES],
)
def test_verdict_table(
    gate: StepSpec, case: dict[str, Any], expected: str, scores: tuple[int, int, int]
) -> None:
    result = evaluate_gate(gate, case)
    assert result.verdict == expected
    assert result.leaning == expected
    assert result.scores == {
        "heuristic": scores[0],
        "simple-model": scores[1],
        "complex-model": scores[2],
    }
    assert result.missing == []


@pytest.mark.parametrize(
    "case",
    [pytest.param(a, id=name) for name, a, _, _ in CASES],
)
def test_reasons_are_matched_rule_texts(gate: StepSpec, case: dict[str, Any]) -> None:
    assert gate.verdict is not None
    matched = [r.reason for r in gate.verdict.rules if r.when.holds(case)]
    result = evaluate_gate(gate, case)
    assert result.reasons, "a verdict always carries reasons"
    assert len(result.reasons) == len(set(result.reasons))
    assert set(result.reasons) <= set(matched)
    assert set(result.against) <= set(matched)
    assert not set(result.against) & set(result.reasons)
    assert all(r.strip() for r in result.reasons)


def test_reasons_clear_heuristic(gate: StepSpec) -> None:
    result = evaluate_gate(gate, CLEAR_HEURISTIC)
    # Rules with heuristic points, strongest first (ties keep rule order).
    assert result.reasons == [
        reason(gate, "expert_rule", "fully"),  # 4
        reason(gate, "heuristic_tried", "good-enough"),  # 4
        reason(gate, "patterns", "a-handful"),  # 3
        reason(gate, "stability", "stable"),  # 2
        reason(gate, "gain_needed", "large-gain-needed"),  # 2
        reason(gate, "input_type", "few-fields"),  # 1
    ]
    assert result.against == [reason(gate, "labelled_data", "thousands")]


def test_reasons_clear_complex(gate: StepSpec) -> None:
    result = evaluate_gate(gate, CLEAR_COMPLEX)
    assert result.reasons == [
        reason(gate, "patterns", "open-ended"),  # 3
        reason(gate, "input_type", "unstructured"),  # 3
        reason(gate, "expert_rule", "no"),  # 2
        reason(gate, "labelled_data", "hundreds-of-thousands"),  # 2
        reason(gate, "gain_needed", "small-gain-pays"),  # 2
        reason(gate, "stability", "changes-often"),  # 1
        reason(gate, "heuristic_tried", "falls-short"),  # 1
    ]
    # Every matched rule also gives complex-model points, so nothing argues against.
    assert result.against == []


def test_reasons_when_no_labels_caps_the_verdict(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "labelled_data": "none"})
    assert result.verdict == "heuristic"
    assert result.reasons == [reason(gate, "labelled_data", "none")]
    assert result.against == [
        reason(gate, "expert_rule", "no"),
        reason(gate, "patterns", "open-ended"),
        reason(gate, "stability", "changes-often"),
        reason(gate, "input_type", "unstructured"),
        reason(gate, "gain_needed", "small-gain-pays"),
        reason(gate, "heuristic_tried", "falls-short"),
    ]


def test_reasons_when_deterministic_caps_the_verdict(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "explanation": "deterministic"})
    assert result.verdict == "simple-model"
    # The cap first, then the rules with simple-model points.
    assert result.reasons == [
        reason(gate, "explanation", "deterministic"),
        reason(gate, "expert_rule", "no"),
        reason(gate, "stability", "changes-often"),
        reason(gate, "heuristic_tried", "falls-short"),
    ]
    assert result.against == [
        reason(gate, "patterns", "open-ended"),
        reason(gate, "input_type", "unstructured"),
        reason(gate, "labelled_data", "hundreds-of-thousands"),
        reason(gate, "gain_needed", "small-gain-pays"),
    ]


def test_reasons_when_a_capping_rule_also_gives_points(gate: StepSpec) -> None:
    result = evaluate_gate(gate, {**CLEAR_COMPLEX, "labelled_data": "hundreds"})
    assert result.verdict == "simple-model"
    # "hundreds" caps and gives a simple-model point: listed once, first.
    assert result.reasons == [
        reason(gate, "labelled_data", "hundreds"),
        reason(gate, "expert_rule", "no"),
        reason(gate, "stability", "changes-often"),
        reason(gate, "heuristic_tried", "falls-short"),
    ]


def test_reasons_with_two_caps(gate: StepSpec) -> None:
    result = evaluate_gate(
        gate, {**CLEAR_COMPLEX, "labelled_data": "none", "explanation": "deterministic"}
    )
    assert result.verdict == "heuristic"
    assert result.reasons == [
        reason(gate, "labelled_data", "none"),
        reason(gate, "explanation", "deterministic"),
    ]


def test_reasons_on_a_builtin_tie(gate: StepSpec) -> None:
    case = dict(CASES[[c[0] for c in CASES].index("tie-heuristic-vs-simple")][1])
    result = evaluate_gate(gate, case)
    assert result.verdict == "heuristic"
    assert result.reasons == [
        reason(gate, "expert_rule", "mostly"),  # 2
        reason(gate, "stability", "stable"),  # 2
        reason(gate, "gain_needed", "unclear"),  # 2
        reason(gate, "patterns", "dozens"),  # 1
    ]
    assert result.against == [
        reason(gate, "input_type", "many-fields"),
        reason(gate, "labelled_data", "thousands"),
    ]


# ---- missing answers ------------------------------------------------------------------


def test_missing_required_gives_no_verdict_but_a_leaning(gate: StepSpec) -> None:
    partial = {k: v for k, v in CLEAR_HEURISTIC.items() if k not in ("stability", "gain_needed")}
    result = evaluate_gate(gate, partial)
    assert result.verdict is None
    # H 4+3+1+4 = 12, S 1+2 = 3
    assert result.leaning == "heuristic"
    assert result.scores == {"heuristic": 12, "simple-model": 3, "complex-model": 0}
    assert result.missing == ["stability", "gain_needed"]
    # Reasons are computed for the leaning, so a live display can show them.
    assert result.reasons == [
        reason(gate, "expert_rule", "fully"),
        reason(gate, "heuristic_tried", "good-enough"),
        reason(gate, "patterns", "a-handful"),
        reason(gate, "input_type", "few-fields"),
    ]


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
    assert result.scores == {"heuristic": 0, "simple-model": 0, "complex-model": 0}
    assert result.reasons == []
    assert result.against == []
    assert result.missing == REQUIRED


def test_required_gate_questions(gate: StepSpec) -> None:
    assert [q.id for q in gate.questions if q.required] == REQUIRED


def test_builtin_rules_name_real_choices(gate: StepSpec) -> None:
    """A typo in a rule's value would make it silently never match."""
    assert gate.verdict is not None
    for rule in gate.verdict.rules:
        question = gate.question(rule.when.question)
        assert question is not None and question.choices is not None
        values = [rule.when.equals] if rule.when.equals is not None else rule.when.in_ or []
        assert values, rule.reason
        assert all(v in question.choices for v in values), rule.reason


# ---- determinism ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [pytest.param(a, id=name) for name, a, _, _ in CASES],
)
def test_deterministic(gate: StepSpec, case: dict[str, Any]) -> None:
    before = dict(case)
    first = evaluate_gate(gate, case)
    second = evaluate_gate(gate, case)
    reordered = evaluate_gate(gate, dict(reversed(list(case.items()))))
    assert first == second == reordered
    assert case == before, "evaluate_gate must not change the answers"


# ---- ties with a tiny custom gate -----------------------------------------------------


def tiny_gate(extra_rules: list[dict[str, Any]] | None = None) -> StepSpec:
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
                ]
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
    assert result.scores == {"heuristic": 1, "simple-model": 2, "complex-model": 0}
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
    assert result.scores == {"heuristic": 0, "simple-model": 0, "complex-model": 2}
    assert result.verdict == "heuristic"
    assert result.reasons == ["capped"]
    assert result.against == ["C"]


def test_evaluate_gate_refuses_a_step_without_rules(specs: Specs) -> None:
    chapter = specs.get("problem")
    assert chapter is not None
    with pytest.raises(ValueError, match="no verdict rules"):
        evaluate_gate(chapter, {})


def test_a_cap_at_the_verdicts_level_is_a_reason_even_when_it_did_not_bind(
    gate: StepSpec,
) -> None:
    # Heuristic wins on points alone; the "no labels" cap agrees and is named as a reason.
    result = evaluate_gate(
        gate, answers("fully", "a-handful", "stable", "few-fields", "none", "no", "unclear")
    )
    assert result.verdict == "heuristic"
    assert result.reasons[-1] == reason(gate, "labelled_data", "none")
    assert reason(gate, "labelled_data", "none") not in result.against
