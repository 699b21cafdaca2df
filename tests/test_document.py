"""The document model is strict: wrong shapes are errors with a location."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from mldwizard.core.document import Document
from mldwizard.core.tomlio import validation_messages

BASE: dict[str, Any] = {
    "schema_version": 2,
    "project": {"title": "T", "created": dt.date(2026, 1, 1)},
}


def errors(extra: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        Document.model_validate({**BASE, **extra})
    return validation_messages(info.value)


def test_minimal_document_is_valid() -> None:
    doc = Document.model_validate(BASE)
    assert doc.review_interval_days == 90 and doc.people == [] and doc.chapters == {}


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"people": [{"handle": "a"}, {"handle": "a"}]}, "people: handle 'a' appears twice"),
        (
            {"people": [{"handle": "has space"}]},
            "people[0].handle: 'has space' is not a valid handle",
        ),
        ({"people": [{"handle": "a", "email": "x"}]}, "people[0].email: unknown field"),
        ({"chapters": {"metrics": {"status": "done"}}}, "chapters.metrics.status: Input should"),
        ({"chapters": {"metrics": {"revision": -1}}}, "chapters.metrics.revision"),
        ({"chapters": {"metrics": {"owner": ["a"]}}}, "chapters.metrics.owner: unknown field"),
        ({"gate": {"override": "heuristic"}}, "override needs a written override_reason"),
        ({"gate": {"override": "deep"}}, "gate.override: Input should be"),
        ({"feasibility": {"items": {"x": {"status": "maybe"}}}}, "feasibility.items.x.status"),
        ({"feasibility": {"items": {"x": {}}}}, "feasibility.items.x: an item needs a status"),
        ({"review_interval_days": 0}, "review_interval_days: Input should be greater"),
        (
            {"changelog": [{"at": dt.datetime(2026, 1, 1), "by": "a", "summary": "s"}]},
            "changelog[0].at",
        ),
        ({"schema_version": 3}, "schema_version: Input should be 2"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"chapters": {"metrics": 5}}, "chapters.metrics: expected a table"),
        ({"people": 3}, "people: expected a list"),
        (
            {"chapters": {"metrics": {"updated": dt.datetime(2026, 1, 1)}}},
            "chapters.metrics.updated: a date-time needs a time zone",
        ),
    ],
)
def test_wrong_shapes_are_errors_with_a_location(extra: dict[str, Any], expected: str) -> None:
    assert any(expected in line for line in errors(extra)), errors(extra)


def test_line_endings_are_normalised_on_entry() -> None:
    doc = Document.model_validate(
        {**BASE, "chapters": {"metrics": {"answers": {"a": "x\r\ny\rz", "b": ["p\r\nq"]}}}}
    )
    assert doc.chapters["metrics"].answers == {"a": "x\ny\nz", "b": ["p\nq"]}
    doc.project.summary = "one\r\ntwo"
    assert doc.project.summary == "one\ntwo"
