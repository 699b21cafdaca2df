"""A step's review in the document: it round-trips through TOML, a document without one is
written as before, and the per-field merge keeps a review and a concurrent edit both."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from mldwizard.core import edits, review, storage
from mldwizard.core.document import Document
from mldwizard.core.review_model import ItemMark, ReviewPolicy

from .review_docs import AT, load, make_reviewable

LATER = AT + dt.timedelta(days=2)


def reviewed(path: Path) -> Document:
    """Everything a review holds, written through the storage."""
    _, specs = load(path)
    beta = specs.resolve("beta")

    def change(d: Document) -> None:
        d.review_policy = ReviewPolicy(approvals=1, roles=["Product"])
        d.step("beta").review.policy = ReviewPolicy(approvals=2)
        review.mark_item(d, beta, "bo", AT, "sized", "met", "")
        review.mark_item(d, beta, "bo", AT, "tidy", "not-applicable", "Not at design")
        t = review.open_thread(d, beta, "bo", AT, "Why round?\nExplain.", "shaped")
        review.reply(d, beta, "ana", LATER, t.id, "Because wheels.")
        review.change_thread(d, beta, "ana", LATER, t.id, "resolve")
        review.approve(d, beta, "ana", LATER)

    return storage.update_document(path, specs, "bo", change)


def test_a_review_round_trips_through_toml(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    saved = reviewed(path)
    again, _ = load(path)
    assert again == saved
    state = again.step("beta")
    assert again.review_policy == ReviewPolicy(approvals=1, roles=["Product"])
    assert state.review.policy == ReviewPolicy(approvals=2)
    assert state.review.marks["tidy"].reason == "Not at design"
    [thread] = state.review.threads
    assert (thread.state, thread.text, thread.severity) == (
        "resolved",
        "Why round?\nExplain.",
        "major",
    )
    assert [(r.by, r.action) for r in thread.replies] == [("ana", None), ("ana", "resolve")]
    assert [(r.by, r.revision) for r in state.review.rounds] == [("bo", 2), ("ana", 2)]
    assert state.review.rounds[0].answers == {}  # stored when a change makes revision 3
    [approval] = state.review.approvals
    assert approval.marks == {"sized": "met", "tidy": "not-applicable"}
    text = path.read_text(encoding="utf-8")
    assert "[review_policy]" in text and "[[chapters.beta.review.threads]]" in text
    # a review is not content: the revision stays, the changelog says what happened
    assert state.revision == 2
    # each change credited to whom it records (bo saved them all), in words
    by_bo, by_ana = again.changelog[-2:]
    assert (by_bo.by, by_bo.chapter, by_bo.summary) == (
        "bo",
        "beta",
        "reviewed: marked sized (met), tidy (n/a); opened comment #1; set the review policy",
    )
    assert (by_ana.by, by_ana.summary) == (
        "ana",
        "reviewed: replied to comment #1; resolved comment #1; approved",
    )


def test_a_document_without_reviews_is_written_as_before(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "review_policy" not in text and ".review" not in text


def test_a_broken_review_in_the_file_names_its_field(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    reviewed(path)
    text = path.read_text(encoding="utf-8").replace('mark = "met"', 'mark = "great"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(storage.LoadError, match=r"chapters\.beta\.review\.marks\.sized\.mark"):
        load(path)


def test_not_applicable_without_reason_is_refused_by_the_model() -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        ItemMark(mark="not-applicable", by="ana", at=AT)


def test_a_review_and_a_concurrent_edit_are_both_kept(tmp_path: Path) -> None:
    """A session loaded the document, a reviewer saved a review meanwhile, then the
    session saves its edit of the same chapter: nothing of either is lost."""
    path = make_reviewable(tmp_path)
    base, specs = load(path)
    mine = base.model_copy(deep=True)
    edits.set_answer(mine, specs.resolve("beta"), "shape", "Square")
    reviewed(path)  # the reviewer, meanwhile
    merged = storage.save_changes(path, base, mine, specs, "cy")
    on_disk, _ = load(path)
    assert on_disk == merged
    state = on_disk.step("beta")
    assert state.answers["shape"] == "Square"
    assert set(state.review.marks) == {"sized", "tidy"} and len(state.review.threads) == 1
    assert [a.by for a in state.review.approvals] == ["ana"]
    assert state.revision == 3  # the edit made a new revision: the approval is of 2
    # the answers the reviewers saw at revision 2 are kept, once, for the diff since
    assert [r.answers for r in state.review.rounds] == [
        {"size": "Ten by ten", "shape": "Round"},
        {},
    ]


def test_two_reviewers_saving_from_the_same_base_both_stay(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    base, specs = load(path)
    beta = specs.resolve("beta")
    first, second = base.model_copy(deep=True), base.model_copy(deep=True)
    review.mark_item(first, beta, "ana", AT, "sized", "met", "")
    review.open_thread(first, beta, "ana", AT, "Size of what?", "sized")
    review.mark_item(second, beta, "bo", LATER, "shaped", "partial", "")
    storage.save_changes(path, base, first, specs, "ana")
    storage.save_changes(path, base, second, specs, "bo")
    state = load(path)[0].step("beta")
    assert {i: m.by for i, m in state.review.marks.items()} == {"sized": "ana", "shaped": "bo"}
    assert [r.by for r in state.review.rounds] == ["ana", "bo"]
    assert [t.text for t in state.review.threads] == ["Size of what?"]


def test_reviews_and_edits_in_parallel_processes_lose_nothing(tmp_path: Path) -> None:
    """Real processes, at once: each review and each edit takes the lock in turn."""
    path = make_reviewable(tmp_path)
    run = [sys.executable, "-m", "mldwizard"]
    jobs = [
        [*run, "review", str(path), "beta", "--by", "ana", "--item", "sized", "--mark", "met"],
        [*run, "review", str(path), "beta", "--by", "bo", "--comment", "A remark"],
        [*run, "review", str(path), "beta", "--by", "cy", "--item", "tidy", "--mark", "partial"],
        [*run, "set", str(path), "beta", "shape", "Oval", "--author", "cy"],
        [*run, "set", str(path), "alpha", "colour", "Blue", "--author", "ana"],
    ]
    procs = [
        subprocess.Popen(job, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for job in jobs
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, (out, err)
    doc, _ = load(path)
    state = doc.step("beta")
    assert state.answers["shape"] == "Oval" and doc.step("alpha").answers["colour"] == "Blue"
    assert {i: m.mark for i, m in state.review.marks.items()} == {"sized": "met", "tidy": "partial"}
    assert [t.text for t in state.review.threads] == ["A remark"]


def test_a_reviewer_cannot_be_removed_while_a_review_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mldwizard.cli import main

    path = make_reviewable(tmp_path)
    assert main(["review", str(path), "beta", "--by", "cy", "--comment", "Hm."]) == 0
    capsys.readouterr()
    assert main(["person", str(path), "cy", "--remove"]) == 2
    assert "cy is still named in chapters.beta.review" in capsys.readouterr().err
    assert load(path)[0].person("cy") is not None
