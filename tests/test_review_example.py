"""The bundled example carries a realistic review history: approved chapters with every
critical item met and the approvals their policy asks, and the datasets chapter held up by
an open critical comment (the history: /work/notes/s7/review-history.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.examples import example_path
from mldwizard.core.review_rules import summarise, unmet_critical
from mldwizard.core.specs import Specs

from .conftest import load


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def test_approved_chapters_meet_the_rules(example: Path, specs: Specs) -> None:
    doc = load(example, specs)
    approved = [s for s in specs.steps if doc.step(s.slug).status == "approved"]
    assert {s.slug for s in approved} >= {"essentials", "problem", "gate", "metrics", "baseline"}
    for step in approved:
        summary = summarise(doc, step)
        assert summary.approvals, step.slug
        assert summary.lacking == [], step.slug
        assert unmet_critical(doc, step) == [], step.slug
        assert "mira" in [a.by for a in summary.approvals], step.slug  # the sponsor signs


def test_datasets_is_held_up_by_an_open_critical_comment(
    example: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = load(example, specs)
    summary = summarise(doc, specs.resolve("datasets"))
    [thread] = summary.open
    assert (thread.item, thread.severity, thread.author) == (
        "use_allowed_in_writing",
        "critical",
        "devika",
    )
    assert summary.changed == ["etl_filtering", "privacy_legal", "quality_checks"]
    before = example.read_bytes()
    assert main(["review", str(example), "datasets", "--by", "mira", "--approve"]) == 2
    err = capsys.readouterr().err
    assert "critical item use_allowed_in_writing is not met" in err
    assert "critical comment #1 on use_allowed_in_writing is open" in err
    assert example.read_bytes() == before


def test_check_reports_only_what_is_open(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(example), "--format", "json"])
    found = [
        (f["code"], f["chapter"], f["severity"])
        for f in json.loads(capsys.readouterr().out)["findings"]
        if f["code"] in ("MLD030", "MLD031", "MLD032")
    ]
    assert found == [("MLD030", "datasets", "warning"), ("MLD031", "datasets", "warning")]


def test_the_document_shows_the_reviews(example: Path, specs: Specs) -> None:
    from mldwizard.core.markdown import render_markdown

    md = render_markdown(load(example, specs), specs)
    assert (
        "*Reviewed by Carmen Vidal and Mira Okafor on 2026-09-30 (revision 9): 5 of 5 items "
        "met · Approved by Carmen Vidal and Mira Okafor*"
    ) in md
    appendix = md.split("## Open review comments", 1)[1].split("\n## ", 1)[0]
    assert "### 6. Gathering datasets" in appendix and "**#1** (critical" in appendix
