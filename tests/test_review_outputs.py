"""What a review shows: the chapter's line and the "Open review comments" appendix in the
Markdown, the review state in ``status --format json``, and the ``check`` codes
MLD030-MLD032. A document without reviews shows none of it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .cli_run import cli


def findings(capsys: pytest.CaptureFixture[str], path: Path, code: str) -> list[dict[str, Any]]:
    _, out, err = cli(capsys, "check", path, "--format", "json")
    assert out, err
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


def beta_review(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    code, out, err = cli(capsys, "status", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    [beta] = [s for s in data["documents"][0]["steps"] if s["slug"] == "beta"]
    review: dict[str, Any] = beta["review"]
    return review


def test_no_review_no_line_no_appendix(
    reviewable: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    md = reviewable.with_suffix(".md").read_text(encoding="utf-8")
    assert "Reviewed by" not in md and "Open review comments" not in md
    assert "Reviews" not in ok("status", reviewable)
    for code in ("MLD030", "MLD031", "MLD032"):
        assert findings(capsys, reviewable, code) == []


def test_the_chapter_line_and_the_appendix(
    reviewable: Path,
    ok: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok("review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    ok(
        "review",
        reviewable,
        "beta",
        "--by",
        "bo",
        "--item",
        "shaped",
        "--mark",
        "partial",
        "--comment",
        "How *round*?",
    )
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-01T08:00:00Z")
    ok("review", reviewable, "beta", "--by", "ana", "--thread", "1", "--reply", "Very.")
    ok("review", reviewable, "beta", "--by", "cy", "--comment", "Typo in size.")
    ok("review", reviewable, "beta", "--by", "cy", "--resolve", "2")
    md = reviewable.with_suffix(".md").read_text(encoding="utf-8")
    assert (
        # ana only replied: a reply records no round (QA 14b #11)
        "*Reviewed by Bo and Cy on 2026-12-01 (revision 2): 1 of 3 items met "
        "(partial: The check shaped holds) · "
        "Open: 1 major comment (see [Open review comments](#open-review-comments))*"
    ) in md
    assert "- [Open review comments](#open-review-comments)" in md
    appendix = md.split("## Open review comments\n\n", 1)[1].split("\n## ", 1)[0]
    assert appendix.startswith(
        "### Beta chapter\n\n"
        "- **#1** (major, on *The check shaped holds.*) by Bo on 2026-11-30: How \\*round\\*?\n"
        "  - Ana replied on 2026-12-01: Very.\n"
    )
    assert appendix.rstrip("\n").endswith(
        "- **#2** (minor, resolved, waiting for Cy to close it) by Cy on 2026-12-01: "
        "Typo in size.\n  - Cy resolved on 2026-12-01"
    )
    ok("review", reviewable, "beta", "--by", "cy", "--close", "2")
    md = reviewable.with_suffix(".md").read_text(encoding="utf-8")
    assert "Typo in size" not in md.split("## Open review comments", 1)[1].split("\n## ", 1)[0]


def test_a_critical_open_item_on_the_line(reviewable: Path, ok: Callable[..., str]) -> None:
    ok(
        "review",
        reviewable,
        "beta",
        "--by",
        "bo",
        "--item",
        "sized",
        "--mark",
        "not-met",
        "--comment",
        "Unmeasured.",
    )
    ok(
        "review",
        reviewable,
        "beta",
        "--by",
        "bo",
        "--item",
        "tidy",
        "--mark",
        "not-applicable",
        "--reason",
        "later",
    )
    md = reviewable.with_suffix(".md").read_text(encoding="utf-8")
    assert (
        "*Reviewed by Bo on 2026-11-30 (revision 2): 0 of 2 items met "
        "(not met: The check sized holds), 1 not applicable · "
        "Open: 1 critical comment, 1 critical item not met"
    ) in md


def test_status_json_shows_the_review_state(
    reviewable: Path,
    capsys: pytest.CaptureFixture[str],
    ok: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert beta_review(capsys, reviewable)["last_review"] is None
    ok("review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    ok(
        "review",
        reviewable,
        "beta",
        "--by",
        "bo",
        "--comment",
        "Why?",
        "--severity",
        "major",
    )
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-04T12:00:00Z")
    review = beta_review(capsys, reviewable)
    assert review["items_met"] == 1 and review["items_counted"] == 3
    assert review["items_unmarked"] == ["shaped", "tidy"]
    [thread] = review["open_threads"]
    assert (thread["id"], thread["severity"], thread["author"], thread["age_days"]) == (
        1,
        "major",
        "bo",
        4,
    )
    assert review["blockers"] == ["major comment #1 is open: Why?"]
    assert review["approvals"] == [] and review["required"] == {"approvals": 1, "roles": []}
    assert review["last_review"] == {"by": "bo", "at": "2026-11-30T12:00:00+00:00", "revision": 2}
    ok("review", reviewable, "beta", "--by", "bo", "--close", "1")
    ok("review", reviewable, "beta", "--by", "ana", "--approve")
    review = beta_review(capsys, reviewable)
    assert review["blockers"] == [] and review["approvals_lacking"] == []
    assert review["approvals"] == [{"by": "ana", "at": "2026-12-04T12:00:00+00:00", "revision": 2}]
    assert "Reviews" in ok("status", reviewable)


def test_check_mld030_critical_item_not_met(
    reviewable: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "partial")
    [finding] = findings(capsys, reviewable, "MLD030")
    assert finding["severity"] == "warning" and finding["chapter"] == "beta"
    assert finding["details"] == {"item": "sized", "mark": "partial"}
    assert "critical review item sized is partial" in finding["message"]
    # approved by hand, past the rules: an error
    ok("set", reviewable, "beta", "--status", "approved")
    [finding] = findings(capsys, reviewable, "MLD030")
    assert finding["severity"] == "error"
    ok("review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    assert findings(capsys, reviewable, "MLD030") == []


def test_check_mld031_open_thread_with_its_age(
    reviewable: Path,
    capsys: pytest.CaptureFixture[str],
    ok: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok("review", reviewable, "beta", "--by", "bo", "--item", "shaped", "--comment", "Oval?")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-10T12:00:00Z")
    [finding] = findings(capsys, reviewable, "MLD031")
    assert finding["severity"] == "warning"
    assert finding["details"] == {
        "thread": 1,
        "item": "shaped",
        "comment_severity": "major",
        "age_days": 10,
    }
    assert "open for 10 day(s)" in finding["message"]
    ok("set", reviewable, "beta", "--status", "approved")
    assert findings(capsys, reviewable, "MLD031")[0]["severity"] == "error"
    ok("review", reviewable, "beta", "--by", "ana", "--resolve", "1")
    assert findings(capsys, reviewable, "MLD031") == []


def test_check_mld032_an_approval_lacking_a_role(
    reviewable: Path, capsys: pytest.CaptureFixture[str], ok: Callable[..., str]
) -> None:
    ok("review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    ok("review", reviewable, "beta", "--by", "bo", "--approve")
    assert findings(capsys, reviewable, "MLD032") == []
    text = reviewable.read_text(encoding="utf-8")
    reviewable.write_text(
        text.replace("[project]", '[review_policy]\nroles = ["Product"]\n\n[project]', 1),
        encoding="utf-8",
    )
    [finding] = findings(capsys, reviewable, "MLD032")
    assert finding["severity"] == "error"
    assert finding["details"] == {"lacking": ["an approval from a person with role 'Product'"]}
    out = ok("review", reviewable, "beta", "--by", "ana", "--approve")
    assert "status approved" in out
    assert findings(capsys, reviewable, "MLD032") == []
