"""The answers a checklist or stage-gate item rests on read as the reader's document names
them: a link to the answer's heading when it is shown, else its title and chapter (never the
raw ``step.question`` id)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.core.mdsafe import github_anchor


@pytest.fixture
def example(tmp_path: Path, ok: Callable[..., str]) -> Path:
    path = tmp_path / "ex.toml"
    ok("new", path, "--example", "--no-input")
    return path


def _anchors(page: str) -> set[str]:
    seen: dict[str, int] = {}
    return {github_anchor(h, seen) for h in re.findall(r"^#+ (.+)$", page, re.M)}


def test_every_ref_of_the_example_is_a_link_to_a_heading_of_the_document(
    example: Path, ok: Callable[..., str]
) -> None:
    page = ok("export", example, "-o", "-")
    rests = [line for line in page.splitlines() if "Rests on:" in line]
    assert rests, "the example's checklist and pilot gate rest on answers"
    anchors = _anchors(page)
    for line in rests:
        assert not re.search(r"\b[a-z-]+\.[a-z_]+\b(?!\))", line.split("Rests on:")[1]), line
        links = re.findall(r"\]\(#([^)]+)\)", line)
        assert links and all(a in anchors for a in links), line


def test_a_ref_to_an_unanswered_question_names_it_and_its_chapter(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    doc = tmp_path / "d.toml"
    ok("new", doc, "--title", "Refs", "--no-input")
    ok(
        "set", doc, "feasibility", "labelled_data", "--note", "ask the team",
        "--ref", "metrics.target_values",
    )  # fmt: skip
    page = ok("export", doc, "-o", "-")
    assert (
        "Rests on: Current, minimum and target values "
        "(5. Loss functions and metrics, not answered yet)." in page
    )
    assert "metrics.target_values" not in page


def test_a_met_resting_on_an_unanswered_question_names_it_by_title_not_id(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    doc = tmp_path / "d.toml"
    ok("new", doc, "--title", "Refs", "--no-input")
    ok("set", doc, "feasibility", "problem_confirmed", "met", "--ref", "metrics.business_metric")
    ok("set", doc, "stage-gate-pilot", "fallback_works", "met")  # no evidence at all
    page = ok("export", doc, "-o", "-")
    html = ok("export", doc, "--format", "html", "-o", "-")
    said = (
        "Met without evidence: Business metric (5. Loss functions and metrics) has no answer "
        "yet: it counts as Unknown."
    )
    assert said in page
    assert said in html
    assert "such as Fallback behaviour (8. Baseline solution), Fallback drills" in page
    for ref in ("metrics.business_metric", "baseline.fallback_behaviour", "fallback_drills"):
        assert ref not in page
        assert ref not in html
