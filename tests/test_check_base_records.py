"""``check --base`` after QA10b: what a branch does to the document by hand, without a record.

A reviewer's mark and comment removed (MLD110), a chapter's answers deleted (MLD111, and
MLD040 on the merge base's code paths), a ``reviewed`` date moved by hand (MLD112; it does
not satisfy MLD040), an agent's answer "cleared" by someone who is not among the people
(MLD040 stays). Real temporary repositories (test_check_base's), the real CLI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_check_base import branch, check_base, codes, commit_all  # noqa: F401
from .test_check_base_fixes import agent_answers_after_a_code_change
from .test_living_git import (  # noqa: F401  (isolated_git: autouse here too)
    AFTER,
    LATER,
    MARKED,
    cli,
    commit,
    git,
    isolated_git,
    ok,
)

REVIEWED_ON_MAIN = "2026-11-01 14:00:00 +0000"


@pytest.fixture
def reviewed(
    branch: tuple[Path, Path],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Path, Path]:
    """test_check_base's repository, where bo marked Essentials' critical item Not met and
    opened a critical comment on ``main``; ``feature`` starts from there."""
    repo, doc = branch
    git(repo, "checkout", "-q", "main")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-01T13:30:00Z")
    ok(
        capsys,
        "review",
        doc,
        "essentials",
        "--by",
        "bo",
        "--item",
        "one_decision_owner",
        "--mark",
        "not-met",
        "--reason",
        "nobody signs off the decision",
    )
    ok(
        capsys,
        "review",
        doc,
        "essentials",
        "--by",
        "bo",
        "--comment",
        "Who decides when scores disagree?",
        "--severity",
        "critical",
    )
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-30T12:00:00Z")
    ok(capsys, "export", doc, "-o")
    commit_all(repo, REVIEWED_ON_MAIN, "bo reviews essentials")
    git(repo, "checkout", "-q", "-B", "feature")
    return repo, doc


def _cut(text: str, header: str) -> str:
    """``text`` without the TOML table ``header`` (up to the next table)."""
    out = re.sub(rf"(?ms)^{re.escape(header)}\n.*?(?=^\[)", "", text, count=1)
    assert out != text, header
    return out


def test_removing_a_reviewers_mark_and_comment_by_hand_is_an_error(
    reviewed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = reviewed
    text = doc.read_text()
    text = _cut(text, "[chapters.essentials.review.marks.one_decision_owner]")
    text = _cut(text, "[[chapters.essentials.review.threads]]")
    doc.write_text(text)
    ok(capsys, "export", doc, "-o")
    commit_all(repo, AFTER, "tidy the design")

    code, data = check_base(capsys, doc)
    assert code == 1
    [finding] = [f for f in data["findings"] if f["code"] == "MLD110"]
    assert finding["chapter"] == "essentials" and finding["severity"] == "error"
    records = finding["details"]["records"]
    assert "one_decision_owner marked not-met by bo removed" in records
    assert any(r.startswith("comment #1 by bo (Who decides") for r in records)
    # Review changes made with mldwizard are recorded: no MLD110 for them.
    git(repo, "checkout", "-q", "--", ".")
    git(repo, "reset", "-q", "--hard", "main")
    ok(
        capsys,
        "review",
        doc,
        "essentials",
        "--by",
        "bo",
        "--item",
        "one_decision_owner",
        "--mark",
        "met",
        "--reason",
        "ana signs off",
    )
    ok(capsys, "review", doc, "essentials", "--by", "bo", "--close", "1", "--reply", "settled")
    commit_all(repo, LATER, "bo's second look")
    _, data = check_base(capsys, doc)
    assert "MLD110" not in {c for c, _ in codes(data)}


def test_status_says_an_unmarked_critical_item_is_not_marked(
    reviewed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, doc = reviewed
    doc.write_text(_cut(doc.read_text(), "[chapters.essentials.review.marks.one_decision_owner]"))
    out = ok(capsys, "status", doc)
    row = next(line for line in out.splitlines() if "Essentials" in line and "│" in line)
    assert "not met" not in row and "not marked" in row, row


def test_a_chapter_deleted_on_the_branch_is_reported_and_its_code_still_counts(
    branch: tuple[Path, Path],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo, doc = branch
    text = doc.read_text()
    kept = re.sub(r"(?ms)^\[chapters\.serving[.\]].*?(?=^\[(?!chapters\.serving[.\]]))", "", text)
    assert "chapters.serving" not in kept
    doc.write_text(kept)
    ok(capsys, "export", doc, "-o")
    commit(repo, AFTER, "faster serving", write=("src/serving/api.py",))
    commit_all(repo, LATER, "drop the serving chapter")

    code, data = check_base(capsys, doc)
    assert code == 1
    found = codes(data)
    assert ("MLD111", "serving") in found
    assert ("MLD040", "serving") in found  # the merge base's code paths cover api.py
    [mld040] = [f for f in data["findings"] if f["code"] == "MLD040"]
    assert mld040["details"]["files"] == ["src/serving/api.py"]


def test_a_reviewed_date_moved_by_hand_clears_nothing(
    branch: tuple[Path, Path],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo, doc = branch
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    text = doc.read_text()
    doc.write_text(
        text.replace(
            "[chapters.essentials]\n", "[chapters.essentials]\nreviewed = 2026-11-11T10:00:00Z\n", 1
        )
    )
    ok(capsys, "export", doc, "-o")
    commit_all(repo, LATER, "essentials still holds")

    code, data = check_base(capsys, doc)
    assert code == 1
    found = codes(data)
    assert ("MLD040", "essentials") in found
    assert ("MLD112", "essentials") in found
    [mld112] = [f for f in data["findings"] if f["code"] == "MLD112"]
    assert mld112["details"]["dates"] == {"reviewed": "2026-11-11T10:00:00+00:00"}
    # An ack records the review: no MLD112, no MLD040.
    git(repo, "checkout", "-q", "HEAD~1", "--", str(doc.relative_to(repo)))
    ok(capsys, "ack", doc, "essentials", "--by", "ana", "--note", "refactor only")
    commit_all(repo, LATER, "ana acks essentials")
    code, data = check_base(capsys, doc)
    assert code == 0, data


async def test_an_outsiders_edit_does_not_clear_an_agents_wait(
    branch: tuple[Path, Path],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo, doc = branch
    await agent_answers_after_a_code_change(repo, doc, "probe")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-30T12:05:00Z")
    ok(
        capsys,
        "set",
        doc,
        "essentials",
        "summary",
        "Scores card payments; checked.",
        "--author",
        "outsider",
    )
    commit_all(repo, LATER, "outsider")

    code, data = check_base(capsys, doc)
    assert code == 1
    [mld040] = [f for f in data["findings"] if f["code"] == "MLD040"]
    assert mld040["details"]["waiting_for_review_of"] == "agent:probe"
    # A person of the document clears it.
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-30T12:10:00Z")
    ok(capsys, "review", doc, "essentials", "--by", "bo", *MARKED)
    commit_all(repo, LATER, "bo reviews")
    code, data = check_base(capsys, doc)
    assert "MLD040" not in {c for c, _ in codes(data)}, data
