"""The bundled example agrees with itself where a reviewer checks its verdicts (qa10c #12).

A reviewer reads the feasibility evidence against the chapters it cites, the gate's answers
against the chapters that build on them, and the changelog against each chapter's revision
and dates. Each test here reads the example's TOML and compares two places that state the
same fact; it fails on the contradiction the tester found."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import pytest

from mldwizard.core.examples import EXAMPLE_AS_OF, example_document, example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import Specs

TOPIC_TICKETS_A_WEEK = 6_000  # all tickets; an upper bound for the topic tickets among them


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return tomllib.loads(example_path().read_text(encoding="utf-8"))


def steps(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = dict(raw["chapters"])
    found["gate"], found["feasibility"] = raw["gate"], raw["feasibility"]
    found.update(raw["stage_gates"])
    return found


def number(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_feasibility_evidence_cites_the_v03_score_the_chapters_report(
    raw: dict[str, Any],
) -> None:
    worst = raw["chapters"]["error-analysis"]["answers"]["segments"]
    [overall] = re.findall(r"Overall, gold set v1: top-1 accuracy (0\.\d+)", "\n".join(worst))
    evidence = raw["feasibility"]["items"]["target_reachable"]["note"]
    assert re.findall(r"v0\.3 logistic regression scores (0\.\d+)", evidence) == [overall]


def test_the_usable_labels_grow_no_faster_than_tickets_arrive(raw: dict[str, Any]) -> None:
    """The gate counts the usable labels on the day it was written, the datasets chapter
    in its snapshot: the difference is at most the tickets that came in between."""
    notes = raw["gate"]["answers"]["notes"]
    [then] = re.findall(r"about ([\d,]+) usable ones today", notes)
    gate_day = raw["gate"]["updated"].date()
    volume = raw["chapters"]["datasets"]["answers"]["data_volume"]
    snapshot, now = re.findall(r"As of the (\S+) snapshot we have about ([\d,]+) usable", volume)[0]
    days = (dt.date.fromisoformat(snapshot) - gate_day).days
    assert 0 < number(now) - number(then) <= days / 7 * TOPIC_TICKETS_A_WEEK
    feasibility = raw["feasibility"]["items"]["labelled_data"]["note"]
    assert re.findall(r"About ([\d,]+) usable", feasibility) == [now]
    # Every other count of the labelled tickets is the gate's, from the same weeks.
    research = raw["chapters"]["research"]["answers"]["build_vs_buy_reasoning"]
    assert re.findall(r"([\d,]+) labelled tickets", research + notes) == [then, then]


def test_the_running_cost_is_the_same_everywhere(raw: dict[str, Any]) -> None:
    """Chapter 15 prices the people (26 hours a month) and the compute a month; chapter 3
    and the feasibility checklist give the same as a year."""
    cost = raw["chapters"]["serving"]["answers"]["cost"]
    [people] = re.findall(r"26 engineer-hours a month, about EUR ([\d,]+)", cost)
    [compute] = re.findall(r"Roughly EUR (\d+) a month", cost)
    research = raw["chapters"]["research"]["answers"]["build_vs_buy_reasoning"]
    [research_year] = re.findall(r"about EUR [\d,]+ a month, EUR ([\d.]+)k a year", research)
    assert number(research_year) * 1000 == 12 * number(people)
    feasibility = raw["feasibility"]["items"]["value_over_cost"]["note"]
    [feasibility_year] = re.findall(r"about EUR ([\d.]+)k a year to run", feasibility)
    expected = 12 * (number(people) + number(compute))
    assert abs(number(feasibility_year) * 1000 - expected) <= 0.02 * expected


def test_the_channels_are_the_same_everywhere(raw: dict[str, Any]) -> None:
    text = example_path().read_text(encoding="utf-8")
    named = re.findall(r"email, web form,? (?:and )?(?:the )?([a-z-]+(?: [a-z-]+)?)", text)
    assert len(named) >= 4
    assert set(named) == {"in-app widget"}


def test_the_gate_says_why_its_explanation_requirement_differs_from_chapter_11(
    raw: dict[str, Any],
) -> None:
    gate = raw["gate"]["answers"]
    features = raw["chapters"]["features"]["answers"]
    assert gate["explanation"] == "no" and features["interpretability"] == "per-prediction"
    why = [p for p in gate["notes"].split("\n\n") if p.startswith('**Why "Not required"')]
    assert len(why) == 1 and "Interpretability needed" in why[0] and "chapter 11" in why[0]


def test_the_changelog_matches_each_steps_revision_and_dates(raw: dict[str, Any]) -> None:
    """As mldwizard keeps them: each change of a step's text is a revision and a changelog
    entry naming what changed, so a step at revision N has N such entries, the last at its
    ``updated`` moment; a review round of revision R comes after the R-th; every entry is
    credited to someone in the document and names questions (items) the step has."""
    handles = {p["handle"] for p in raw["people"]}
    entries = raw["changelog"]
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)
    assert {e["by"] for e in entries} <= handles
    for slug, state in steps(raw).items():
        mine = [e for e in entries if e.get("chapter") == slug and e.get("questions")]
        assert len(mine) == state.get("revision", 0), slug
        if not mine:
            continue
        assert mine[-1]["at"] == state["updated"], slug
        known = set(state.get("answers") or state.get("items") or {})
        assert {q for e in mine for q in e["questions"]} == known, slug
        for reviewed in state.get("review", {}).get("rounds", []):
            before = [e for e in mine if e["at"] <= reviewed["at"]]
            assert len(before) == reviewed["revision"], (slug, reviewed["at"])


def test_the_baseline_links_the_integration_answers_it_names(specs: Specs) -> None:
    """qa10c #15: chapter 8 named "integration chapter (fallback chain, drills)" in plain
    text, where the document's references to other answers are links."""
    md = render_markdown(example_document(specs, EXAMPLE_AS_OF), specs)
    baseline = md.split("#### Fallback behaviour\n", 1)[1].split("\n#### ", 1)[0]
    links = re.findall(r"\[([^]]+)\]\(#([a-z0-9-]+)\)", baseline)
    assert ("Fallback chain", "fallback-chain") in links
    assert ("Fallback drills", "fallback-drills") in links
    for title, _ in links:
        assert f"\n#### {title}\n" in md
    assert "integration chapter (" not in md
