"""The feasibility verdict from the command line: `set` with the item's new options, the
check codes MLD017-019, `status --format json` and the verdict in the Markdown."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from mldwizard.core import storage
from mldwizard.core.document import Document
from mldwizard.core.specs import load_specs
from mldwizard.core.verdicts import feasibility_result

from .cli_run import cli
from .conftest import load
from .feasibility_docs import all_items, described

SPECS = load_specs()
PEOPLE = """
[[people]]
handle = "ana"
[[people]]
handle = "bo"
"""


@pytest.fixture
def project(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """A described project (problem, gate, metrics answered) with every item Met."""
    path = tmp_path / "design.toml"
    ok("new", path, "--no-input", "--title", "Routing")
    answers = tmp_path / "answers.toml"
    answers.write_text(PEOPLE + described() + all_items("met"), encoding="utf-8")
    ok("set", path, "--from", answers)
    return path


def findings(capsys: pytest.CaptureFixture[str], path: Path, code: str) -> list[dict[str, Any]]:
    status, out, err = cli(capsys, "check", path, "--format", "json")
    assert status in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


def verdict(path: Path) -> str | None:
    return load(path, SPECS).feasibility.verdict


def stored_item(path: Path, item: str) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found: dict[str, Any] = data["feasibility"]["items"][item]
    return found


def test_the_described_project_is_go(project: Path) -> None:
    assert verdict(project) == "GO"


def test_closable_critical_gap_is_conditional_and_stored(
    project: Path, ok: Callable[..., str]
) -> None:
    ok("set", project, "feasibility", "fallback_exists", "not-met", "--owner", "ana",
       "--condition", "The rules stay behind a flag.")  # fmt: skip
    assert verdict(project) == "NO-GO"  # not marked closable
    ok("set", project, "feasibility", "fallback_exists", "--closable", "--due", "2026-12-20")
    assert verdict(project) == "CONDITIONAL"
    item = stored_item(project, "fallback_exists")
    assert item["closable"] is True and item["fatal"] is False
    assert str(item["due"]) == "2026-12-20"
    ok("set", project, "feasibility", "fallback_exists", "--fatal")
    item = stored_item(project, "fallback_exists")
    assert item["fatal"] is True and "closable" not in item  # False: left out
    assert verdict(project) == "NO-GO"


def test_set_refuses_a_bad_date_and_an_unknown_answer(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "set", project, "feasibility", "data_allowed", "--due", "soon")
    assert code == 2 and "--due: expected a date such as 2027-01-31, got 'soon'" in err
    code, _, err = cli(
        capsys, "set", project, "feasibility", "target_reachable", "--ref", "metrics.nothing"
    )
    assert code == 2 and "evidence 'metrics.nothing' names no question" in err
    code, _, err = cli(capsys, "set", project, "metrics", "--due", "2027-01-01")
    assert code == 2 and "belong to a feasibility item" in err


def test_met_resting_on_an_answer(project: Path, ok: Callable[..., str]) -> None:
    ok("set", project, "feasibility", "target_reachable", "met", "--note", "",
       "--ref", "metrics.target_values")  # fmt: skip
    assert stored_item(project, "target_reachable")["refs"] == ["metrics.target_values"]
    assert verdict(project) == "GO"  # the metrics chapter has target values
    markdown = project.with_suffix(".md").read_text(encoding="utf-8")
    assert "Rests on: [Current, minimum and target values](#current-minimum-and-target-values)" in (
        markdown
    )
    ok("set", project, "metrics", "target_values", "--clear")
    assert verdict(project) in ("CONDITIONAL", "INCOMPLETE")
    result = json.loads(ok("status", project, "--format", "json"))["documents"][0]
    gaps = result["feasibility"]["conditions"]
    assert [g["item"] for g in gaps] == ["target_reachable"]
    assert gaps[0]["unevidenced"] == (
        "Met without evidence: Current, minimum and target values (5. Loss functions and metrics) "
        "has no answer yet"
    )


def test_mld019_met_without_evidence(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert findings(capsys, project, "MLD019") == []
    ok("set", project, "feasibility", "data_allowed", "met", "--note", "")
    [finding] = findings(capsys, project, "MLD019")
    assert finding["severity"] == "warning" and finding["details"]["item"] == "data_allowed"
    assert (
        "Met without evidence" in finding["message"] and "counts as Unknown" in finding["message"]
    )
    assert verdict(project) == "CONDITIONAL"
    ok("set", project, "feasibility", "data_allowed", "--evidence-link", "https://x.invalid/1")
    assert findings(capsys, project, "MLD019") == []
    assert verdict(project) == "GO"


def test_mld017_gap_without_a_due_date(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    ok("set", project, "feasibility", "data_allowed", "partial", "--owner", "ana",
       "--condition", "The DPO signs off.")  # fmt: skip
    assert verdict(project) == "CONDITIONAL"
    [finding] = findings(capsys, project, "MLD017")
    assert finding["severity"] == "error" and finding["details"]["lacking"] == ["no due date"]
    status = json.loads(ok("status", project, "--format", "json"))["documents"][0]
    reasons = status["feasibility"]["reasons"]
    assert any(r.endswith("(partial): no due date") for r in reasons)
    ok("set", project, "feasibility", "data_allowed", "--due", "2026-12-20")
    assert findings(capsys, project, "MLD017") == []


def test_mld018_gap_past_its_due_date(
    project: Path,
    ok: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok("set", project, "feasibility", "data_allowed", "partial", "--owner", "ana",
       "--condition", "The DPO signs off.", "--due", "2026-12-04")  # fmt: skip
    assert findings(capsys, project, "MLD018") == []  # the clock says 2026-11-30
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-05T09:00:00Z")
    [finding] = findings(capsys, project, "MLD018")
    assert finding["severity"] == "error" and finding["details"]["due"] == "2026-12-04"
    assert "was due on 2026-12-04" in finding["message"]


def test_non_critical_gaps_add_up_and_waivers(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    items = ["data_quality_known", "baseline_exists", "team_skills", "timeline_realistic"]
    for n, item in enumerate(items, start=1):
        ok("set", project, "feasibility", item, "not-met", "--owner", "bo",
           "--condition", "Measure it.", "--due", "2026-12-20")  # fmt: skip
        assert verdict(project) == ("GO" if n == 1 else "CONDITIONAL" if n < 4 else "NO-GO")
    status = json.loads(ok("status", project, "--format", "json"))["documents"][0]
    assert status["feasibility_verdict"] == "NO-GO"
    assert "4 non-critical items Not met (NO-GO from 4)" in status["feasibility"]["reasons"][0]
    for item in items:
        ok("set", project, "feasibility", item, "--waive", "Accepted for a first version.")
    assert verdict(project) == "CONDITIONAL"
    assert stored_item(project, "team_skills")["waiver"] == "Accepted for a first version."


def test_incomplete_until_described(tmp_path: Path, ok: Callable[..., str]) -> None:
    path = tmp_path / "empty.toml"
    ok("new", path, "--no-input", "--title", "Nobody described it")
    answers = tmp_path / "answers.toml"
    answers.write_text(PEOPLE + all_items("met"), encoding="utf-8")
    ok("set", path, "--from", answers)
    assert verdict(path) == "INCOMPLETE"
    status = json.loads(ok("status", path, "--format", "json"))["documents"][0]["feasibility"]
    assert status["verdict"] == "INCOMPLETE"
    assert "2. Is there a problem?: Problem statement" in status["deliverables_missing"]
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "> **Feasibility:** INCOMPLETE" in markdown
    assert "> - No verdict on a project nobody has described" in markdown


def test_scope_down_from_the_command_line(project: Path, ok: Callable[..., str]) -> None:
    ok("set", project, "feasibility", "data_allowed", "partial", "--owner", "ana",
       "--condition", "Legal rules on the other accounts.", "--due", "2027-01-15",
       "--note", "Allowed for accounts on the standard DPA.")  # fmt: skip
    assert verdict(project) == "CONDITIONAL"
    ok("set", project, "feasibility", "--scope", "accounts on the standard DPA")
    assert verdict(project) == "CONDITIONAL"
    ok("set", project, "feasibility", "data_allowed", "--in-scope")
    assert verdict(project) == "CONDITIONAL"  # a mark alone: nothing says why it holds there
    ok("set", project, "feasibility", "data_allowed", "--scope-note", "The standard DPA allows it.")
    assert verdict(project) == "SCOPE-DOWN"
    status = json.loads(ok("status", project, "--format", "json"))["documents"][0]["feasibility"]
    assert status["outside_scope"] == ["data_allowed"]
    markdown = project.with_suffix(".md").read_text(encoding="utf-8")
    assert "> **Feasibility:** SCOPE-DOWN" in markdown
    assert "GO for accounts on the standard DPA only" in markdown
    ok("set", project, "feasibility", "--scope", "")
    assert verdict(project) == "CONDITIONAL"


def test_pivot_from_the_gate(project: Path, ok: Callable[..., str]) -> None:
    ok("set", project, "gate", "--override", "heuristic", "--reason", "The rules measured 0.95.")
    assert verdict(project) == "PIVOT"
    markdown = project.with_suffix(".md").read_text(encoding="utf-8")
    assert "> **Feasibility:** PIVOT" in markdown
    assert "Build that instead of a new model" in markdown


# ---- documents written before issue 13 --------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "verdict", "closable"),
    [
        # "fatal" keeps its meaning (cannot be closed): still a NO-GO.
        ("fatal = true", "NO-GO", False),
        # Not ticked used to mean closable; now a critical Not met is closable only when
        # the author says so (with a due date): NO-GO until then, and the verdict says why.
        ("fatal = false", "NO-GO", False),
        ("", "NO-GO", False),
    ],
)
def test_a_stored_not_met_keeps_loading(
    project: Path, stored: str, verdict: str, closable: bool
) -> None:
    text = project.read_text(encoding="utf-8")
    old = (
        '[feasibility.items.fallback_exists]\nstatus = "not-met"\nnote = "No fallback yet."\n'
        f'owner = "ana"\ncondition = "The rules stay behind a flag."\n{stored}\n'
    )
    start = text.index("[feasibility.items.fallback_exists]")
    end = text.index("[feasibility.items.", start + 1)
    project.write_text(text[:start] + old + "\n" + text[end:], encoding="utf-8")
    doc = load(project, SPECS)
    item = doc.feasibility.items["fallback_exists"]
    assert item.closable is closable and item.due is None
    result = feasibility_result(doc, SPECS)
    assert result is not None and result.verdict == verdict
    assert any("fallback" in r and "closable" in r for r in result.reasons)


def test_an_evidence_link_cannot_inject_markup(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An evidence link with markup is refused by set; one a document already holds (or
    writes by hand) is shown as text."""
    link = "<script>alert(1)</script> [x](javascript:alert(1))"
    code, _, err = cli(
        capsys, "set", project, "feasibility", "data_allowed", "--evidence-link", link
    )
    assert code == 2 and "has spaces; give a web address" in err

    def change(doc: Document) -> None:
        doc.feasibility.items["data_allowed"].links = [link]

    storage.update_document(project, SPECS, "tester", change)
    markdown = project.with_suffix(".md").read_text(encoding="utf-8")
    line = next(x for x in markdown.splitlines() if x.strip().startswith("Links:"))
    html = MarkdownIt("commonmark").render(line.strip())
    assert "<script>" not in html and "href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text


def test_a_gap_that_cannot_be_closed_needs_no_owner_or_condition(
    project: Path, ok: Callable[..., str]
) -> None:
    """The honest NO-GO ("no labels, and none can be had") is recorded as it is, from the
    command line, without an invented owner and closing condition."""
    ok("set", project, "feasibility", "labelled_data", "not-met", "--fatal",
       "--note", "No labels exist and the data owner will not allow labelling.")  # fmt: skip
    item = stored_item(project, "labelled_data")
    assert item["status"] == "not-met" and item["fatal"] is True
    assert verdict(project) == "NO-GO"
    ok("set", project, "feasibility", "labelled_data", "--note", "Confirmed by legal.")
    assert stored_item(project, "labelled_data")["note"] == "Confirmed by legal."
