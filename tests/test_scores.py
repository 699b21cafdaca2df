"""core/scores.has_measured_score: what a result that "was measured" must state (QA report
qa9c #2). A percentage, a metric with its value, a share, a rate, an error or latency with
its unit count; a head count, a duration, a meeting count, a version, a date, a volume or the
size of the data alone do not."""

from __future__ import annotations

import time

import pytest

from mldwizard.core.numbers import has_quantity
from mldwizard.core.scores import has_measured_score

SCORES = [
    # percentages
    "81% precision",
    "99.1% precision and 96% recall on 4,000 payments the auditors checked in 2026.",
    "fastText language id: 97% right on 400 messages",
    "Accuracy at least ninety percent",
    "up 5 percentage points on the Q3 audit",
    # fractions
    "0.87 top-1 on 2,400 tickets",
    "The 40 velocity rules: .31 precision on the Q2 chargebacks.",
    "Spike MLR-57 (September 2026): 0.81 top-1 accuracy",
    "0,81 on the gold set",
    # a metric with its value (F1, p95... are names with digits: the value still counts)
    "F1 0.71",
    "F1 71 on 500 cases",
    "AUC 0.8",
    "AUC of 0.8 on last month's payments",
    "precision 92%",
    "accuracy: 87",
    "BLEU 31 against the human summaries",
    "71 macro-F1",
    "top-1 accuracy 81",
    "nDCG@10 0.42",
    "Kappa 0.7 between two agents",
    "scored 87 on the audit",
    "RMSE 12.5",
    # shares and rates
    "12 of 300",
    "Read `eval.json`: 12 of 300 misrouted",
    "Captions judged acceptable for 281 of 300 photos by two editors.",
    "the rules got 1,480 of the 2,400 tickets right",
    "12 misroutes in 300 tickets",
    "1 in 20 misrouted",
    "45/50 right",
    "3 errors per 1,000 tickets",
    "error rate of 4 per 100 tickets",
    # errors and latency with their unit, ratios
    "latency 300 ms",
    "p95 of 280 ms",
    "280 ms at p95",
    "MAE 3.2 days",
    "mean absolute error of 2.1 days",
    "2x fewer misroutes than the old rules",
    "12 of 300 customers complained about a wrong queue",
]

NOT_SCORES = [
    # the tester's texts
    "We tried it with 2 people over 3 weeks; the team felt it was fine.",
    "Version 2 of the rules, shipped 2026-11-01, looked fine in 1 meeting.",
    # no number at all, or only names
    "The team felt it was fine.",
    "Tried on the cases of the Q3 review, version 2 of the rules: not good enough.",
    "Better than version 2 of the rules",
    "see SUPOPS-431 and the v0.4 notes",
    "GPT-4 did fine",
    "We will report F1 and AUC",
    "release 3.1 in H2",
    "Q3 2026 review",
    "by 2026-03-01",
    "In production since 2024",
    "",
    # head counts, durations, meetings
    "Ran for 3 weeks with 2 people; it looked fine.",
    "Reviewed in 4 meetings with 12 agents",
    "over 12 weeks, 3 reviewers",
    "0.5 FTE for 2 sprints",
    "2 people in 3 weeks",
    "We spent 2 of the 3 weeks on it",
    "1 of 2 meetings went well",
    "with 3 of our 5 agents",
    "the score was discussed in 3 sessions",
    "scored it in 2 workshops",
    "3 times more meetings",
    "accuracy checked by 2 people",
    "We measured accuracy over 3 weeks of tickets",
    "accuracy at 2 sites",
    "2 out of 3 stakeholders liked it",
    "It looked fine in 1 of 2 pilots",
    "3 complaints in 2 weeks",
    # volumes, costs, the size of the data alone
    "12 rules cover the main queues",
    "About 5,200 tickets a week go through it",
    "Tried on 300 tickets; the agents liked it.",
    "precision of 300 tickets was checked",
    "Cost €12k to build",
    "Takes 3 days to update",
    "24/7 on call",
]


NOT_MEASURED = [
    # qa10c #2: the tester's texts (a target, a vendor's claim, nothing measured)
    "Not measured yet. We guess the rules fall short of the 90% we need.",
    "Not measured; the vendor quotes 95% on their benchmark.",
    # a stated target, need or goal
    "the 90% we need",
    "We need 90%.",
    "at least 0.90",
    "target of 90%",
    "A target of 90% top-1 accuracy on the gold set.",
    "The 0.90 target the business case needs.",
    "0.90 needed",
    "It must reach 0.9 accuracy.",
    "Goal: 90% of tickets in the right queue.",
    "We aim for ninety percent.",
    "the 0.90 the business case needs",
    # nothing measured, a claim, a guess
    "Not yet measured on our data; 95% on the public leaderboard.",
    "We have not tested it yet, but the model card says 0.93 F1.",
    "The vendor claims 95% accuracy.",
    "According to the vendor, 95% of tickets are routed right.",
    "The vendor's own figures: 0.93 F1 on their benchmark.",
    "No measurement yet; we think it would reach about 80%.",
    "Untested: the sales deck promises 3x fewer misroutes.",
    "Our guess is 70% right.",
    "Nothing was measured: experts hope for 85%.",
]

MEASURED_BESIDE_A_TARGET = [
    # qa10c #2 the other way: a measured score stays one beside a target or a claim
    "The 212 keyword rules score 93% top-1 accuracy on the 2,400 gold tickets, above the 90% "
    "we need.",
    "64.2% right on 2,400 tickets; we need 90%.",
    "0.81 top-1 on 300 gold tickets, against the 0.90 target.",
    "Not measured on Spanish yet; on German, 0.58 on 400 tickets.",
    "The vendor quotes 95%, but on our 300 tickets it scored 0.81.",
    "The rules route 64.2% right, short of the at least 0.90 we need.",
    "We measured 0.81 F1 on 300 tickets, well short of the 0.90 we need.",
    "The vendor's model scored 0.81 on our 300 gold tickets.",
    "Expected calibration error 0.03 on 2,000 tickets.",
]


@pytest.mark.parametrize("text", NOT_MEASURED)
def test_a_target_a_claim_or_nothing_measured_is_not_a_measured_score(text: str) -> None:
    assert not has_measured_score(text)


@pytest.mark.parametrize("text", MEASURED_BESIDE_A_TARGET)
def test_a_measured_score_beside_a_target_or_a_claim_still_counts(text: str) -> None:
    assert has_measured_score(text)


@pytest.mark.parametrize("text", SCORES)
def test_a_measured_score_is_found(text: str) -> None:
    assert has_measured_score(text)


@pytest.mark.parametrize("text", NOT_SCORES)
def test_no_measured_score(text: str) -> None:
    assert not has_measured_score(text)


def test_a_score_is_a_quantity_the_other_way_round_not_always() -> None:
    """Every score is a quantity (a target's rule stays the looser one); the tester's texts
    are quantities without being scores."""
    assert all(has_quantity(t) for t in SCORES if "ninety" not in t)
    assert has_quantity(NOT_SCORES[0]) and has_quantity(NOT_SCORES[1])


def test_a_score_in_code_or_a_link_target_does_not_count() -> None:
    assert not has_measured_score("see `accuracy 0.91` in [the notes](notes/0.91.md)")
    assert has_measured_score("see [the notes](notes/run.md): 0.91 top-1")


def test_a_long_text_is_read_in_linear_time() -> None:
    hostile = (
        "1 " * 50_000
        + "accuracy of " * 20_000
        + "1,1" * 50_000
        + "12 people of " * 20_000
        + "0." * 50_000
        + "x" * 100_000
        + "we need " * 20_000
        + "not measured, " * 20_000
        + "at least at least " * 20_000
    )
    started = time.perf_counter()
    has_measured_score(hostile)
    assert time.perf_counter() - started < 20  # generous: linear runs take well under 1 s
