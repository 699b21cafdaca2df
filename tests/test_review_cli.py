"""``mldwizard review`` driven as a reviewer does: marks, comments, threads through their
states, approvals refused and given, a whole review from a file, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_run import cli
from .review_docs import load


def test_approve_is_refused_with_every_blocker_then_given(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys, "review", reviewable, "beta", "--by", "bo", "--comment", "Why?", "--item", "shaped"
    )
    assert code == 0
    before = reviewable.read_bytes()
    code, out, err = cli(capsys, "review", reviewable, "beta", "--by", "ana", "--approve")
    assert code == 2, (out, err)
    assert "Beta chapter cannot be approved yet; nothing was written:" in err
    assert "  - critical item sized is not marked: The check sized holds." in err
    assert "  - major comment #1 on shaped is open: Why?" in err
    assert reviewable.read_bytes() == before

    assert (
        cli(capsys, "review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")[
            0
        ]
        == 0
    )
    code, out, err = cli(capsys, "review", reviewable, "beta", "--by", "ana", "--approve")
    assert code == 2 and "critical item sized" not in err and "#1 on shaped" in err
    assert (
        cli(
            capsys,
            "review",
            reviewable,
            "beta",
            "--by",
            "ana",
            "--resolve",
            "1",
            "--reply",
            "Round rolls.",
        )[0]
        == 0
    )
    code, out, err = cli(capsys, "review", reviewable, "beta", "--by", "ana", "--approve")
    assert code == 0, err
    assert (
        out == "Beta chapter: reviewed by ana; status approved.\n  approved by ana (revision 2)\n"
    )
    state = load(reviewable)[0].step("beta")
    assert state.status == "approved" and [a.by for a in state.review.approvals] == ["ana"]


def test_a_thread_goes_through_its_states(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok = lambda *a: cli(capsys, "review", reviewable, "beta", *a)  # noqa: E731
    assert ok("--by", "bo", "--comment", "Which unit?", "--severity", "critical")[0] == 0
    assert ok("--by", "ana", "--thread", "1", "--reply", "Centimetres.")[0] == 0
    code, _, err = ok("--by", "ana", "--close", "1")
    assert code == 2 and "opened by bo: only they close it" in err
    assert ok("--by", "ana", "--resolve", "1", "--reply", "Said in the answer now.")[0] == 0
    code, _, err = ok("--by", "ana", "--resolve", "1")
    assert code == 2 and "is resolved; only an open thread can be resolved" in err
    assert ok("--by", "bo", "--reopen", "1", "--reply", "Not in the answer.")[0] == 0
    assert ok("--by", "ana", "--resolve", "1")[0] == 0
    code, out, _ = ok("--by", "bo", "--close", "1")
    assert code == 0 and "#1 is closed" in out
    [thread] = load(reviewable)[0].step("beta").review.threads
    assert thread.state == "closed"
    assert [(r.by, r.action) for r in thread.replies] == [
        ("ana", None),
        ("ana", "resolve"),
        ("bo", "reopen"),
        ("ana", "resolve"),
        ("bo", "close"),
    ]
    assert thread.replies[2].text == "Not in the answer."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--item", "nope", "--mark", "met"],
            "beta: no review item 'nope'; its review items are: sized, shaped, tidy, proven, "
            "sweet_enough",
        ),
        (
            ["--item", "sized", "--mark", "great"],
            "mark 'great' is not allowed; choose one of: met, partial, not-met, not-applicable",
        ),
        (["--item", "sized", "--mark", "not-applicable"], "not-applicable needs a reason"),
        (
            ["--comment", "x", "--severity", "huge"],
            "severity 'huge' is not allowed; choose one of: critical, major, minor",
        ),
        (["--thread", "7", "--reply", "x"], "no comment thread #7; its threads are: none yet"),
        (["--close", "3"], "no comment thread #3"),
        (["--mark", "met"], "--mark and --reason go with --item ID"),
        (["--item", "sized"], "--item ID goes with --mark MARK, --comment TEXT or both"),
        (["--reply", "x"], "--reply goes with --thread N"),
        (["--resolve", "1", "--close", "1"], "one of --resolve, --close and --reopen"),
    ],
)
def test_bad_input_is_named_with_the_valid_choices(
    reviewable: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = reviewable.read_bytes()
    code, _, err = cli(capsys, "review", reviewable, "beta", "--by", "bo", *args)
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert reviewable.read_bytes() == before


def test_a_reviewer_not_among_the_people(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys, "review", reviewable, "beta", "--by", "zed", "--item", "sized", "--mark", "met"
    )
    assert code == 2
    assert "--by 'zed' is not among the document's people; the people are: ana, bo, cy" in err


def test_without_an_action_it_prints_the_checklist(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(
        capsys,
        "review",
        reviewable,
        "beta",
        "--by",
        "bo",
        "--item",
        "sized",
        "--mark",
        "partial",
        "--comment",
        "Only one axis.",
    )
    cli(
        capsys,
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
        "Nothing to tidy yet",
    )
    before = {p: p.read_bytes() for p in (reviewable, reviewable.with_suffix(".md"))}
    code, out, _ = cli(capsys, "review", reviewable, "beta", "--by", "ana")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Beta chapter: review, revision 2"
    assert "Review items at the design stage: 0 of 2 met, 1 not applicable" in lines
    assert "  [~] sized (critical): The check sized holds." in lines
    assert "  [?] shaped (major): The check shaped holds." in lines
    assert "  [-] tidy (minor): The check tidy holds." in lines
    assert any(
        line.startswith("      Not applicable at this stage: Nothing to tidy yet") for line in lines
    )
    assert "  later, from pilot: proven: The check proven holds." in lines
    assert "  #1 critical on sized, by bo on 2026-11-30: Only one axis." in lines
    assert "Approval is blocked by:" in lines
    assert "  - critical item sized is partial: The check sized holds." in lines
    # Looking writes nothing (QA 14b #11): no round, no "reviewed" moment, no .md rewrite.
    assert {p: p.read_bytes() for p in before} == before
    assert [r.by for r in load(reviewable)[0].step("beta").review.rounds] == ["bo"]


def test_the_checklist_shows_long_texts_whole(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 14b #11: piped, an item's check and a reason were cut at about 100 characters."""
    reason = "Measured on the gold set v1 " + "with a paired bootstrap interval " * 5 + "END"
    comment = "Shadow mode data should confirm the link " * 4 + "TAIL"
    code, _, err = cli(
        capsys, "review", reviewable, "beta", "--by", "bo", "--item", "sized",
        "--mark", "partial", "--reason", reason, "--comment", comment,
    )  # fmt: skip
    assert code == 0, err
    code, _, err = cli(capsys, "review", reviewable, "beta", "--by", "ana", "--thread", "1",
                       "--reply", "Answered " * 12 + "LAST")  # fmt: skip
    assert code == 0, err
    code, out, _ = cli(capsys, "review", reviewable, "beta", "--by", "ana")
    assert code == 0
    assert f"      Partial: {reason} (bo, " in out
    assert f": {comment}" in out
    assert "Answered " * 12 + "LAST" in out
    assert "…" not in out


def test_a_change_after_approval_keeps_the_old_review_with_a_diff(
    reviewable: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(capsys, "review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    assert cli(capsys, "review", reviewable, "beta", "--by", "bo", "--approve")[0] == 0
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-02T10:00:00Z")
    assert cli(capsys, "set", reviewable, "beta", "size", "Twelve by ten")[0] == 0
    code, out, _ = cli(capsys, "review", reviewable, "beta", "--by", "ana")
    assert code == 0
    assert "Earlier approval: bo on 2026-11-30 (revision 2)." in out
    assert "Changed since bo's review of revision 2 (2026-11-30):" in out
    assert "  size:\n    - Ten by ten\n    + Twelve by ten\n" in out
    md = reviewable.with_suffix(".md").read_text(encoding="utf-8")
    assert "Approved by Bo at revision 2 · Changed since revision 2: Size" in md


REVIEW_FILE = """\
by = "bo"

[[items]]
id = "sized"
mark = "met"

[[items]]
id = "tidy"
mark = "not-applicable"
reason = "Nothing to tidy at design"

[[items]]
id = "shaped"
mark = "partial"
comment = "Round, but how round?"

[[comments]]
text = "Clear chapter."
"""


def test_a_whole_review_from_a_file(
    reviewable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.toml"
    review.write_text(REVIEW_FILE, encoding="utf-8")
    code, out, err = cli(capsys, "review", reviewable, "beta", "--by", "bo", "--from", review)
    assert code == 0, err
    assert out.splitlines() == [
        "Beta chapter: reviewed by bo; status review.",
        "  marked sized: met",
        "  marked tidy: not-applicable",
        "  marked shaped: partial",
        "  comment #1 (major) on shaped",
        "  comment #2 (minor)",
    ]
    state = load(reviewable)[0].step("beta")
    assert {i: m.mark for i, m in state.review.marks.items()} == {
        "sized": "met",
        "tidy": "not-applicable",
        "shaped": "partial",
    }
    assert [(t.item, t.severity) for t in state.review.threads] == [
        ("shaped", "major"),
        (None, "minor"),
    ]
    # then the author answers and the reviewer approves, from a file too
    answer = tmp_path / "answer.toml"
    answer.write_text('[[replies]]\nthread = 1\ntext = "Perfectly."\naction = "resolve"\n')
    assert cli(capsys, "review", reviewable, "beta", "--by", "ana", "--from", answer)[0] == 0
    approve = tmp_path / "approve.toml"
    approve.write_text("approve = true\n")
    code, out, err = cli(capsys, "review", reviewable, "beta", "--by", "bo", "--from", approve)
    assert code == 0, err
    assert load(reviewable)[0].step("beta").status == "approved"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            REVIEW_FILE.replace('mark = "partial"', 'mark = "half"'),
            "review.toml:14: items[2].mark: mark 'half' is not allowed; choose one of: met, "
            "partial, not-met, not-applicable",
        ),
        (
            REVIEW_FILE.replace('id = "tidy"', 'id = "tidier"'),
            "review.toml:8: items[1].id: beta: no review item 'tidier'; its review items are: "
            "sized, shaped, tidy, proven, sweet_enough",
        ),
        (
            REVIEW_FILE.replace('reason = "Nothing to tidy at design"\n', ""),
            "review.toml:9: items[1].mark: beta.tidy: not-applicable needs a reason",
        ),
        (
            REVIEW_FILE.replace('text = "Clear chapter."', 'txt = "Clear chapter."'),
            "review.toml:18: comments[0].txt: ",
        ),
        (
            REVIEW_FILE.replace('by = "bo"', 'by = "ana"'),
            "review.toml:1: by: 'ana' is not the reviewer (--by bo)",
        ),
        (
            REVIEW_FILE + "\n[[replies]]\nthread = 9\ntext = 'x'\n",
            "review.toml:21: replies[0].thread: beta: no comment thread #9",
        ),
        (
            REVIEW_FILE.replace('id = "sized"\nmark = "met"', 'id = "sized"\nmark = "met'),
            "review.toml:5:",
        ),
        ("approve = false\n", "the review file marks, says and approves nothing"),
    ],
)
def test_a_broken_review_file_is_named_by_line_and_field(
    reviewable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    review = tmp_path / "review.toml"
    review.write_text(text, encoding="utf-8")
    before = reviewable.read_bytes()
    code, _, err = cli(capsys, "review", reviewable, "beta", "--by", "bo", "--from", review)
    assert code == 2, err
    assert message in err and "Traceback" not in err
    assert reviewable.read_bytes() == before


def test_a_look_keeps_the_diff_a_new_mark_ends_it(
    reviewable: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(capsys, "review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "partial")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-02T10:00:00Z")
    assert cli(capsys, "set", reviewable, "beta", "shape", "Oval")[0] == 0
    for _ in range(2):  # looking (a round of revision 3) does not hide the change
        out = cli(capsys, "review", reviewable, "beta", "--by", "ana")[1]
        assert "Changed since bo's review of revision 2 (2026-11-30):" in out
        assert "  shape:\n    - Round\n    + Oval\n" in out
    cli(capsys, "review", reviewable, "beta", "--by", "bo", "--item", "sized", "--mark", "met")
    assert "Changed since" not in cli(capsys, "review", reviewable, "beta", "--by", "ana")[1]
