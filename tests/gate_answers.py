"""Gate answers shared by the tests of every face (CLI, wizard, plain mode)."""

from __future__ import annotations

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
