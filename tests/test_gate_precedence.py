"""The gate's precedence rules (issue 13), checked over every combination of the answers
that evidence, constraints and value depend on, each against the opinions that push hardest
for every level, and over random full combinations.

Stated in terms of answers, not of the spec's rules, so a change to gate.toml that breaks
the precedence fails here:

* a measurement counts only with its result written, and with a measured score in it (a
  result without one, even with a head count, a duration or a date, counts as not
  written): until then the verdict is pending and leans by the points, on opinion only,
  and no reason or ruled-out line speaks of the measurement;
* a heuristic measured good enough gives ``heuristic`` (unless the input is unstructured and
  the rule does not read named fields derived without ML), even where Fields a rule could
  read estimates that those fields decide only some cases: the measurement overrules the
  estimate, and the verdict carries the contradiction (qa10c #1);
* a heuristic measured (result written) that falls short never gives ``heuristic``;
* unstructured input without such fields never gives ``heuristic``;
* an existing model measured good enough gives ``existing-model`` unless a measured rule
  decided first or decisions must be reproducible by rule; one that cannot be used never does;
* nobody paying, nobody able to say, or no labels ever give ``do-not-build``, and nothing else
  does ("no labels yet" never does: labels can be had); "nobody pays" is in the reasons
  whatever the verdict;
* no labels yet caps at a rule or an existing model, unless neither can be used: then the
  verdict stands on the other answers, on the condition to collect labels first;
* a verdict from points with no measurement the points use (a result that falls short)
  says it rests on opinion only, and only then; its next steps never name a ruled-out
  level, and ask for labels first when there are none;
* a measurement marked with no labelled data is a contradiction the verdict carries.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mldwizard.core.gate import GateResult, evaluate_gate
from mldwizard.core.gate_spec import SCALE
from mldwizard.core.scores import has_measured_score
from mldwizard.core.specs import Specs, StepSpec, load_specs

from .gate_answers import NO_SCORE_RESULT, with_results

SPECS = load_specs()
GATE = SPECS.gate
assert GATE is not None
OPINIONS = ("expert_rule", "patterns", "stability", "error_cost", "gain_needed")
"""Questions that only give points: every other choice question is enumerated in full."""
UNSET = None
"""An optional or conditional question left unanswered."""


def choices(qid: str) -> list[str]:
    question = GATE.question(qid)
    assert question is not None and question.choices is not None, qid
    return list(question.choices)


def input_variants() -> Iterator[dict[str, Any]]:
    """The input, with the fields a rule reads where the input is unstructured."""
    for kind in choices("input_type"):
        if kind != "unstructured":
            yield {"input_type": kind}
            continue
        for fields in choices("rule_fields"):
            yield {"input_type": kind, "rule_fields": fields}
            if fields != "none":
                yield {"input_type": kind, "rule_fields": fields, "rule_fields_which": "Named."}


MEASURED = ("good-enough", "falls-short")


def evidence_combinations() -> Iterator[dict[str, Any]]:
    """Every combination of the answers that are not pure opinion; a measurement with its
    result written, written without a score, and not written (the last two only where
    something is marked measured)."""
    for variant, labels, explanation, pay, tried, existing, written in itertools.product(
        list(input_variants()),
        choices("labelled_data"),
        choices("explanation"),
        choices("would_pay"),
        [*choices("heuristic_tried"), UNSET],
        choices("existing_model"),
        (True, "no-score", False),
    ):
        if written is not True and tried not in MEASURED and existing not in MEASURED:
            continue
        answers = {
            **variant,
            "labelled_data": labels,
            "explanation": explanation,
            "would_pay": pay,
            "existing_model": existing,
        }
        if tried is not UNSET:
            answers["heuristic_tried"] = tried
        if written == "no-score":
            answers = with_results(answers, NO_SCORE_RESULT)
        elif written:
            answers = with_results(answers)
        yield answers


def strongest_opinions(level: str) -> dict[str, str]:
    """For each opinion question, the answer whose rules push hardest for ``level`` (its
    points minus the most any other level gets), read from the spec."""
    assert GATE.verdict is not None
    out: dict[str, str] = {}
    for qid in OPINIONS:

        def margin(value: str, qid: str = qid) -> int:
            points: dict[str, int] = dict.fromkeys(SCALE, 0)
            for rule in GATE.verdict.rules:  # type: ignore[union-attr]
                if all(c.holds({qid: value}) for c in rule.when):
                    for lv, p in rule.points.items():
                        points[lv] += p
            return points[level] - max(p for lv, p in points.items() if lv != level)

        out[qid] = max(choices(qid), key=margin)
    return out


PROFILES = {level: strongest_opinions(level) for level in SCALE}


def rule_reads_named_fields(a: dict[str, Any]) -> bool:
    """A rule reads named fields derived without ML: a measurement of it decides."""
    return a["input_type"] != "unstructured" or (
        a.get("rule_fields") in ("most", "some") and bool(a.get("rule_fields_which"))
    )


def rule_estimated_to_decide_most(a: dict[str, Any]) -> bool:
    """No answer says a rule could not decide (opinion: points alone never give it)."""
    return a["input_type"] != "unstructured" or (
        a.get("rule_fields") == "most" and bool(a.get("rule_fields_which"))
    )


def check(a: dict[str, Any], result: GateResult) -> None:
    """Every precedence rule, for one set of answers."""
    got = result.leaning
    heuristic_written = has_measured_score(a.get("heuristic_result", ""))
    existing_written = has_measured_score(a.get("existing_model_result", ""))
    heuristic_ok = (
        a.get("heuristic_tried") == "good-enough"
        and heuristic_written
        and rule_reads_named_fields(a)
    )
    existing_ok = (
        a["existing_model"] == "good-enough"
        and existing_written
        and a["explanation"] != "deterministic"
    )
    unwritten = [
        qid
        for qid, choice, written in (
            ("heuristic_result", a.get("heuristic_tried"), heuristic_written),
            ("existing_model_result", a["existing_model"], existing_written),
        )
        if choice in MEASURED and not written
    ]
    for qid in unwritten:
        assert result.verdict is None and qid in result.missing, a
        assert (qid in result.unmeasured) == bool(a.get(qid)), a
    ruled = [line for lines in result.ruled_out.values() for line in lines]
    said = " ".join([*result.reasons, *result.against, *ruled])
    if not heuristic_written:
        assert "heuristic was measured and falls short" not in said, a
        assert "A measured heuristic falls short" not in said, a
    if not existing_written:
        assert "existing model was measured" not in said, a
        assert "measured on your data and falls short" not in said, a
    if heuristic_ok:
        assert got == "heuristic", a
    if (a.get("heuristic_tried") == "falls-short" and heuristic_written) or (
        not rule_reads_named_fields(a)
    ):
        assert got != "heuristic", a
    if not rule_estimated_to_decide_most(a) and not heuristic_ok:
        assert got != "heuristic", a
    if heuristic_ok and not rule_estimated_to_decide_most(a):
        assert "heuristic" not in result.ruled_out, a
    if existing_ok and not heuristic_ok:
        assert got == "existing-model", a
    if (
        a["existing_model"] in ("none", "ruled-out")
        or (a["existing_model"] == "falls-short" and existing_written)
        or a["explanation"] == "deterministic"
    ):
        assert got != "existing-model", a
    value_or_labels_missing = a["would_pay"] in ("no", "unclear") or (
        a["labelled_data"] == "unobtainable"
    )
    if value_or_labels_missing and not heuristic_ok and not existing_ok:
        assert got == "do-not-build", a
    if got == "do-not-build":
        assert value_or_labels_missing, a
    if a["would_pay"] == "no":
        assert any(r.startswith("Nobody would pay") for r in result.reasons), a
    if a["labelled_data"] == "none":
        nothing_to_ship = {"heuristic", "existing-model"} <= set(result.ruled_out)
        if nothing_to_ship and result.decided_by is None:
            assert any("collect labels first" in r for r in result.reasons), a
        elif not nothing_to_ship:
            assert got not in ("simple-model", "complex-model"), a
    if a["labelled_data"] == "hundreds":
        assert got != "complex-model", a
    used = (a.get("heuristic_tried") == "falls-short" and heuristic_written) or (
        a["existing_model"] == "falls-short" and existing_written
    )
    by_points = result.decided_by is None
    assert bool(result.opinion_only) == (by_points and not used), a
    if result.opinion_only:
        if "heuristic" in result.ruled_out:
            assert "the rule" not in result.opinion_only, a
        if "existing-model" in result.ruled_out:
            assert "the existing model" not in result.opinion_only, a
        assert ("label at least 200 first" in result.opinion_only) == (
            a["labelled_data"] == "none"
        ), a
    marked = a.get("heuristic_tried") in MEASURED or a["existing_model"] in MEASURED
    no_labels = a["labelled_data"] in ("none", "unobtainable")
    rule_against_fields = (
        a.get("heuristic_tried") == "good-enough"
        and heuristic_written
        and a["input_type"] == "unstructured"
        and (
            a.get("rule_fields") == "none"
            or (a.get("rule_fields") == "some" and bool(a.get("rule_fields_which")))
        )
    )
    assert bool(result.contradictions) == ((marked and no_labels) or rule_against_fields), a
    assert set(result.contradictions) <= set(result.reasons), a
    assert result.reasons, a


@pytest.mark.parametrize("level", SCALE)
def test_precedence_over_every_evidence_combination(level: str) -> None:
    opinions = PROFILES[level]
    count = 0
    for evidence in evidence_combinations():
        answers = {**opinions, **evidence}
        check(answers, evaluate_gate(GATE, answers))
        count += 1
    unmeasured = 7 * 5 * 3 * 4 * 2 * 3  # neither tried (not-tried, unset) nor measured
    assert count == 3 * (7 * 5 * 3 * 4 * 4 * 5) - 2 * unmeasured


def test_the_profiles_push_for_their_level() -> None:
    """The adversaries are real: with no evidence at all, each profile's points favour its
    level (so a level ruled out above had the most points to beat the rule)."""
    neutral = {
        "input_type": "few-fields",
        "labelled_data": "hundreds-of-thousands",
        "explanation": "no",
        "would_pay": "committed",
        "existing_model": "not-measured",
    }
    for level, opinions in PROFILES.items():
        result = evaluate_gate(GATE, {**neutral, **opinions})
        best = max(result.scores.values())
        if level != "existing-model":
            assert result.scores[level] == best, (level, result.scores)


ALL_CHOICES = {q.id: q.choices for q in GATE.questions if q.choices is not None}


@st.composite
def full_answers(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, values in ALL_CHOICES.items():
        if qid == "heuristic_tried" and draw(st.booleans()):
            continue
        if qid == "rule_fields" and answers.get("input_type") != "unstructured":
            continue
        answers[qid] = draw(st.sampled_from(values))
    if answers.get("rule_fields") in ("most", "some") and draw(st.booleans()):
        answers["rule_fields_which"] = "Named fields."
    written = draw(st.sampled_from(["score", "no-score", "none"]))
    if written == "none":
        return answers
    return with_results(answers, NO_SCORE_RESULT if written == "no-score" else None)


@settings(max_examples=600, deadline=None)
@given(full_answers())
def test_precedence_over_random_full_combinations(answers: dict[str, Any]) -> None:
    check(answers, evaluate_gate(GATE, answers))


def test_every_choice_question_is_enumerated(specs: Specs) -> None:
    """A new choice question must join the enumeration (or the opinions) above."""
    gate: StepSpec | None = specs.gate
    assert gate is not None
    enumerated = {
        "input_type",
        "rule_fields",
        "labelled_data",
        "explanation",
        "would_pay",
        "heuristic_tried",
        "existing_model",
    }
    assert set(ALL_CHOICES) == enumerated | set(OPINIONS)
