"""Review findings of a team's trial (QA of issue 14) through ``mldwizard review``: a
re-mark with the same mark keeps the mark's note unless ``--reason`` gives one (``--reason
''`` clears it), a changed mark drops it and says so (QA9a #3); a
not-applicable mark never inherits evidence as its reason; the Markdown says an unmarked
critical item is "not marked yet" and an approval that is not enough is not "approved";
the changelog credits each change to who made it, one entry a sitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core import review, storage
from mldwizard.core.identity import now
from mldwizard.core.review_model import ReviewPolicy

from .review_docs import cli, load, make_reviewable

KAPPA = "guideline v1.2; kappa 0.92"


def _mark(path: Path, item: str) -> tuple[str, str, str]:
    mark = load(path)[0].step("beta").review.marks[item]
    return (mark.mark, mark.reason, mark.by)


def _review(path: Path, by: str, *args: str) -> int:
    return cli("review", path, "beta", "--by", by, *args)


def test_a_re_mark_keeps_the_note_unless_one_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_reviewable(tmp_path)
    assert _review(path, "ana", "--item", "sized", "--mark", "met", "--reason", KAPPA) == 0
    assert _review(path, "bo", "--item", "sized", "--mark", "met") == 0
    assert _mark(path, "sized") == ("met", KAPPA, "bo")
    capsys.readouterr()
    # A changed mark: the evidence written for Met is no reason for Not met (QA9a #3).
    assert _review(path, "bo", "--item", "sized", "--mark", "not-met") == 0
    assert _mark(path, "sized") == ("not-met", "", "bo")
    out = capsys.readouterr().out
    assert "the note written for Met was dropped" in out
    assert KAPPA in out and "give --reason TEXT for Not met" in out
    assert _review(path, "bo", "--item", "sized", "--mark", "partial", "--reason", "half") == 0
    assert _mark(path, "sized") == ("partial", "half", "bo")
    assert _review(path, "bo", "--item", "sized", "--mark", "partial", "--reason", "") == 0
    assert _mark(path, "sized") == ("partial", "", "bo")


def test_a_review_file_without_a_reason_keeps_the_note_of_the_same_mark(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    assert _review(path, "ana", "--item", "sized", "--mark", "met", "--reason", KAPPA) == 0
    review_file = tmp_path / "review.toml"
    review_file.write_text('[[items]]\nid = "sized"\nmark = "partial"\n', encoding="utf-8")
    assert _review(path, "bo", "--from", review_file) == 0
    assert _mark(path, "sized") == ("partial", "", "bo")  # a changed mark drops Met's note
    review_file.write_text('[[items]]\nid = "sized"\nmark = "partial"\n', encoding="utf-8")
    assert _review(path, "ana", "--item", "sized", "--mark", "partial", "--reason", "half") == 0
    assert _review(path, "bo", "--from", review_file) == 0
    assert _mark(path, "sized") == ("partial", "half", "bo")  # the same mark keeps it


def test_evidence_is_never_taken_as_a_not_applicable_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_reviewable(tmp_path)
    assert _review(path, "ana", "--item", "tidy", "--mark", "met", "--reason", KAPPA) == 0
    capsys.readouterr()
    assert _review(path, "ana", "--item", "tidy", "--mark", "not-applicable") == 2
    err = capsys.readouterr().err
    assert "beta.tidy: not-applicable needs a reason" in err
    assert "--reason TEXT" in err  # the command line is told its flag
    assert _mark(path, "tidy") == ("met", KAPPA, "ana")
    assert _review(path, "ana", "--item", "tidy", "--mark", "not-applicable", "--reason",
                   "no data yet") == 0  # fmt: skip
    # back to an assessment: the reason does not become evidence
    assert _review(path, "ana", "--item", "tidy", "--mark", "met") == 0
    assert _mark(path, "tidy") == ("met", "", "ana")


def test_the_markdown_says_not_marked_yet_and_what_an_approval_still_needs(
    tmp_path: Path,
) -> None:
    path = make_reviewable(tmp_path)
    assert _review(path, "bo", "--comment", "A first look.") == 0
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Open: 1 minor comment, 1 critical item not marked yet" in markdown
    assert "not met" not in markdown
    assert _review(path, "bo", "--item", "sized", "--mark", "partial") == 0
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Open: 1 minor comment, 1 critical item not met" in markdown

    def policy(d):  # type: ignore[no-untyped-def]
        d.step("beta").review.policy = ReviewPolicy(approvals=2, roles=["Product"])

    storage.update_document(path, load(path)[1], "ana", policy)
    assert _review(path, "bo", "--item", "sized", "--mark", "met", "--approve") == 0
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert (
        "Approved by Bo (not enough yet; still needed: 1 more approval, an approval from a "
        "person with role 'Product')" in markdown
    )
    assert _review(path, "ana", "--approve") == 0
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Approved by Bo and Ana*" in markdown or "Approved by Bo and Ana ·" in markdown
    assert "not enough yet" not in markdown


def test_one_entry_a_sitting_credited_to_who_acted(tmp_path: Path) -> None:
    """Commands a moment apart (the clock is fixed here) by one reviewer make one entry;
    another reviewer's make their own."""
    path = make_reviewable(tmp_path)
    before = len(load(path)[0].changelog)
    assert _review(path, "bo", "--item", "sized", "--mark", "met") == 0
    assert _review(path, "bo", "--item", "shaped", "--mark", "partial") == 0
    assert _review(path, "bo", "--item", "shaped", "--comment", "Why round?") == 0
    assert _review(path, "bo", "--item", "sized", "--mark", "partial") == 0
    assert _review(path, "ana", "--thread", "1", "--reply", "Wheels.") == 0
    assert _review(path, "ana", "--resolve", "1") == 0
    entries = [(e.by, e.chapter, e.summary) for e in load(path)[0].changelog[before:]]
    assert entries == [
        (
            "bo",
            "beta",
            "reviewed: marked shaped (partial), sized (partial); opened comment #1",
        ),
        ("ana", "beta", "reviewed: replied to comment #1; resolved comment #1"),
    ]


def test_an_approval_saved_by_someone_else_is_the_approver_s_entry(tmp_path: Path) -> None:
    """A face saving under its own author (the wizard run by "tester", acting as bo): the
    approval, and the status it sets, are bo's."""
    path = make_reviewable(tmp_path)
    specs = load(path)[1]
    beta = specs.resolve("beta")
    before = len(load(path)[0].changelog)

    def approve(d):  # type: ignore[no-untyped-def]
        review.mark_item(d, beta, "bo", now(), "sized", "met")
        review.approve(d, beta, "bo", now())

    storage.update_document(path, specs, "tester", approve)
    entries = [(e.by, e.summary) for e in load(path)[0].changelog[before:]]
    assert entries == [
        ("bo", "reviewed: marked sized (met); approved; set status review -> approved")
    ]


def test_a_critical_not_met_after_approval_sends_the_step_back_to_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA9a #3: the reviewer fails a critical item of an approved step; status, the
    Markdown and ``check`` agree it is no longer approved; taking the mark back restores it."""
    path = make_reviewable(tmp_path)
    assert _review(path, "ana", "--item", "sized", "--mark", "met", "--reason", KAPPA) == 0
    assert _review(path, "ana", "--approve") == 0
    assert load(path)[0].step("beta").status == "approved"
    assert "Approved by Ana" in path.with_suffix(".md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert _review(path, "ana", "--item", "sized", "--mark", "not-met", "--reason", "no") == 0
    assert "status review." in capsys.readouterr().out
    assert load(path)[0].step("beta").status == "review"
    assert "Approved by Ana" not in path.with_suffix(".md").read_text(encoding="utf-8")
    assert cli("status", path, "--format", "json") == 0
    assert '"approval": "blocked"' in capsys.readouterr().out.replace("\n", " ")
    assert cli("check", path) in (0, 1)
    out = capsys.readouterr().out
    assert "(review): critical review item sized is not met" in out
    assert "(approved): critical" not in out
    # The mark taken back: the approval given with it Met holds again.
    assert _review(path, "ana", "--item", "sized", "--mark", "met", "--reason", KAPPA) == 0
    assert load(path)[0].step("beta").status == "approved"
