"""core/numbers.has_quantity: a number that can be a target, a budget or a measured result,
not a version, a quarter, a reference, a date or a name with digits (QA14 #10)."""

from __future__ import annotations

import time

import pytest

from mldwizard.core.numbers import has_quantity


@pytest.mark.parametrize(
    "text",
    [
        "Top-1 accuracy: today 0.64, ship at 0.90.",
        "p95 latency under 300 ms",
        "about 5,200 tickets a week",
        "€12k a month",
        "misroutes down 30%",
        "at least 95 %",
        "Accuracy at least ninety percent",
        "five per cent fewer reassignments",
        "Better than version 2 of the rules by 5 points",
        "2x faster than the rules",
        "$5000 budget",
        "2000 tickets a week",
        "accuracy may 95%",
        "March 2026: accuracy 0.91",
        "Q3 2026: 5% fewer misroutes",
        "since 2024 down 30%",
    ],
)
def test_a_quantity_is_found(text: str) -> None:
    assert has_quantity(text)


@pytest.mark.parametrize(
    "text",
    [
        "Better than version 2 of the rules",
        "Improve accuracy, see Q3 review",
        "as good as iteration v0.4",
        "lawful under GDPR Art. 6",
        "Article 6(1)(f) applies, see section 4.2 and page 12",
        "macro-F1 as high as possible, p95 low",
        "better than GPT-4 (SUPOPS-431), top-1 up",
        "by 2026-03-01, reviewed 2027-Q1",
        "one of the queues, ninety of them",
        "release 3.1 and H2 planning",
        "Q3 2026",
        "see the H2 2026 review",
        "by March 2026, from 1 March, March 1st, 2026",
        "since 2024, until the end of 2027, mid-2026",
        "",
    ],
)
def test_no_quantity_in_names_versions_and_references(text: str) -> None:
    assert not has_quantity(text)


def test_a_long_text_is_read_in_linear_time() -> None:
    hostile = "a" * 200_000 + " Art. " * 50_000 + "-" * 100_000 + "version " * 50_000
    started = time.perf_counter()
    assert not has_quantity(hostile)
    assert time.perf_counter() - started < 20  # generous: linear runs take well under 1 s
