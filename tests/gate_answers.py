"""Gate answers shared by the tests of every face (CLI, wizard, plain mode)."""

from __future__ import annotations

from typing import Any

# A startup sorting its support mail: free text, few labels, cheap mistakes, a general
# model that may already do it, and nothing measured yet.
EMAIL_TRIAGE = {
    "expert_rule": "partly",
    "patterns": "dozens",
    "stability": "changes-slowly",
    "input_type": "unstructured",
    "rule_fields": "none",
    "labelled_data": "hundreds",
    "explanation": "no",
    "error_cost": "low",
    "gain_needed": "large-gain-needed",
    "would_pay": "likely",
    "heuristic_tried": "not-tried",
    "existing_model": "not-measured",
}

MEASURED = ("good-enough", "falls-short")
HEURISTIC_RESULT = (
    "The rule on 500 labelled cases from last quarter, each checked by two people: 88% right, "
    "against the 90% target."
)
EXISTING_MODEL_RESULT = (
    "The pretrained model on 300 of our own labelled cases: 0.82 F1, against 0.85 for a quick "
    "linear prototype on the same cases."
)

NO_SCORE_RESULT = (
    "Tried by 2 people over 3 weeks on the cases of the Q3 review, version 2 of the rules, "
    "shipped 2026-11-01: not good enough, said 1 meeting."
)
"""A result with numbers in it but no measured score (a head count, a duration, a version, a
date, a meeting): it counts as not written (QA report of issue 14, #2; qa9c #2)."""


def with_results(answers: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    """``answers`` with a written result for every measurement they mark (a measured choice
    decides only with its result: issue 13, QA #4); results already there are kept. With
    ``text``, every result written is that text."""
    out = dict(answers)
    if out.get("heuristic_tried") in MEASURED:
        out.setdefault("heuristic_result", text or HEURISTIC_RESULT)
    if out.get("existing_model") in MEASURED:
        out.setdefault("existing_model_result", text or EXISTING_MODEL_RESULT)
    return out
