"""The review state in ``mldwizard status`` (text and JSON): per reviewed step, who approved
which revision, items met, critical items not met, open threads and the approval state
(approved, blocked, more needed, can approve), with what blocks a blocked step. The wizard's
F5 shows the same rows (tests/tui/test_status_reviews.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import status_view
from mldwizard.cli.terminal import SafeConsole
from mldwizard.core.examples import example_path

from .cli_run import cli
from .review_docs import make_reviewable


def ok(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    return out


def steps_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(ok(capsys, "status", path, "--format", "json"))
    return {s["slug"]: s for s in data["documents"][0]["steps"]}


def row(out: str, start: str) -> list[str]:
    """The cells of the "Reviews" table's row that starts with ``start``."""
    lines = out.splitlines()
    lines = lines[[x.strip() for x in lines].index("Reviews") + 1 :]
    table = lines[: next(n for n, x in enumerate(lines) if not x.startswith(tuple("┏┃┡│└")))]
    [line] = [x for x in table if x.strip("│┃ ").startswith(start)]
    return [cell.strip() for cell in line.strip().strip("│┃").replace("┃", "│").split("│")]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return path


def test_the_example_s_reviews_in_the_text(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = ok(capsys, "status", example)
    reviews = out[out.index("Reviews") :]
    header = row(out, "Step")
    assert header == ["Step", "Approved by", "Met", "Critical", "Open", "Approval"]
    assert row(out, "2. Is there a problem?") == [
        "2. Is there a problem?",
        "carmen, mira (r9)",
        "5/5",
        "-",
        "0",
        "approved",
    ]
    assert row(out, "6. Gathering datasets") == [
        "6. Gathering datasets",
        "-",
        "3/5",
        "1 not met",
        "1",
        "blocked",
    ]
    assert row(out, "7. Validation schemas")[-1] == "can approve"
    blocked = reviews[reviews.index("6. Gathering datasets cannot be approved:\n") :]
    assert blocked.splitlines()[1].startswith("  • critical item use_allowed_in_writing is not met")
    words = " ".join(blocked.split())
    assert "• critical comment #1 on use_allowed_in_writing is open: Legal's written OK" in words
    assert "cannot be approved" not in reviews.replace("6. Gathering datasets cannot", "", 1)


def test_the_example_s_reviews_in_json(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps = steps_json(capsys, example)
    problem = steps["problem"]["review"]
    assert problem["approval"] == "approved" and problem["critical_not_met"] == []
    assert [(a["by"], a["revision"]) for a in problem["approvals"]] == [
        ("carmen", 9),
        ("mira", 9),
    ]
    datasets = steps["datasets"]["review"]
    assert datasets["approval"] == "blocked"
    assert datasets["critical_not_met"] == ["use_allowed_in_writing"]
    assert [t["severity"] for t in datasets["open_threads"]] == ["critical"]
    assert steps["validation"]["review"]["approval"] == "can approve"


def test_more_needed_and_an_earlier_approval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = make_reviewable(tmp_path)
    capsys.readouterr()
    ok(capsys, "review", doc, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.replace("[project]", "[review_policy]\napprovals = 2\n\n[project]", 1),
        encoding="utf-8",
    )
    ok(capsys, "review", doc, "beta", "--by", "bo", "--approve")
    assert steps_json(capsys, doc)["beta"]["review"]["approval"] == "more needed"
    out = ok(capsys, "status", doc)
    assert row(out, "Beta")[1:] == ["bo (r2)", "1/3", "-", "0", "more needed"]
    # What "more needed" means (QA 14b #12): the policy's lack, under the table.
    assert "Beta chapter needs more approvals:\n  • 2 approvals needed, 1 given (bo)\n" in out
    ok(capsys, "review", doc, "beta", "--by", "ana", "--approve")
    assert row(ok(capsys, "status", doc), "Beta")[1:] == [
        "bo, ana (r2)",
        "1/3",
        "-",
        "0",
        "approved",
    ]
    # A change makes revision 3: the approvals of revision 2 are shown as earlier.
    ok(capsys, "set", doc, "beta", "size", "Twelve by twelve")
    cells = row(ok(capsys, "status", doc), "Beta")
    assert cells[1] == "bo, ana (r2, earlier)"


def test_not_applicable_items_and_silences_at_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA 14b #12: the Met cell hid the items not applicable; at 80 columns a silence's
    reason became a cell 13 characters wide (25 lines, a word lost)."""
    doc = make_reviewable(tmp_path)
    capsys.readouterr()
    mark = ("--mark", "not-applicable", "--reason", "Judged at the pilot")
    ok(capsys, "review", doc, "beta", "--by", "bo", "--item", "tidy", *mark)
    ok(capsys, "review", doc, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    reason = "Counted by finance in the #support-routing notes, not by editing the plan " * 2
    ok(capsys, "set", doc, "beta", "shape", "TBD")
    ok(capsys, "lint", doc, "--silence", "beta.shape", "MLD101", "--reason", reason.strip())
    # A terminal 80 columns wide (piped, status prints 132 wide).
    monkeypatch.setattr(status_view, "_console", lambda: SafeConsole(highlight=False, width=80))
    out = ok(capsys, "status", doc)
    assert row(out, "Beta")[2] == "1/2, 1 n/a"
    assert all(len(line) <= 80 for line in out.splitlines())
    silences = out[out.index("Silenced lint findings") :]
    assert "#support-routing" in silences
    assert " ".join(reason.split()) in " ".join(silences.split())
    [where] = [x for x in silences.splitlines() if "MLD101" in x]
    assert where.startswith("Beta chapter › Shape: MLD101")
