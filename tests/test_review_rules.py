"""The approval rules (core/review_rules.py), one at a time: each blocks an approval by
itself, and the approval goes through once it is met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mldwizard.core import edits, review, storage
from mldwizard.core.document import Document
from mldwizard.core.errors import UsageError
from mldwizard.core.review_model import ReviewPolicy
from mldwizard.core.review_rules import (
    approval_blockers,
    has_role,
    policy_of,
    reviewed_answers,
    summarise,
)
from mldwizard.core.specs import Specs, StepSpec

from .review_docs import AT, load, make_reviewable

LATER = AT + dt.timedelta(days=1)


@pytest.fixture
def reviewable(tmp_path: Path) -> tuple[Document, Specs, StepSpec]:
    doc, specs = load(make_reviewable(tmp_path))
    return doc, specs, specs.resolve("beta")


def meet_all(doc: Document, beta: StepSpec) -> None:
    review.mark_item(doc, beta, "ana", AT, "sized", "met", "")


def test_an_unmarked_critical_item_blocks_and_met_unblocks(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    assert approval_blockers(doc, beta) == [
        "critical item sized is not marked: The check sized holds."
    ]
    with pytest.raises(review.ApprovalBlocked) as info:
        review.approve(doc, beta, "ana", AT)
    assert info.value.exit_code == 2 and "sized" in str(info.value)
    assert doc.step("beta").status == "review" and doc.step("beta").review.approvals == []
    meet_all(doc, beta)
    assert review.approve(doc, beta, "ana", LATER) == []
    state = doc.step("beta")
    assert state.status == "approved"
    [approval] = state.review.approvals
    assert (approval.by, approval.at, approval.revision) == ("ana", LATER, state.revision)
    assert approval.marks == {"sized": "met"}


@pytest.mark.parametrize("mark", ["not-met", "partial"])
def test_a_critical_item_not_met_or_partial_blocks(
    reviewable: tuple[Document, Specs, StepSpec], mark: str
) -> None:
    doc, _, beta = reviewable
    review.mark_item(doc, beta, "bo", AT, "sized", mark, "")
    shown = {"not-met": "not met", "partial": "partial"}[mark]
    assert approval_blockers(doc, beta) == [
        f"critical item sized is {shown}: The check sized holds."
    ]


def test_not_applicable_needs_a_reason_and_then_does_not_block(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    with pytest.raises(UsageError, match="not-applicable needs a reason"):
        review.mark_item(doc, beta, "bo", AT, "sized", "not-applicable", " ")
    review.mark_item(doc, beta, "bo", AT, "sized", "not-applicable", "No size before pilot")
    assert approval_blockers(doc, beta) == []
    summary = summarise(doc, beta)
    assert (summary.not_applicable, summary.counted) == (["sized"], 2)


def test_a_critical_item_of_a_later_stage_blocks_only_from_that_stage(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, specs, beta = reviewable
    meet_all(doc, beta)
    assert approval_blockers(doc, beta) == []
    edits.set_stage(doc, specs, "pilot")
    assert approval_blockers(doc, beta) == [
        "critical item proven is not marked: The check proven holds."
    ]


def test_an_overlay_item_applies_only_when_its_overlay_does(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, specs, beta = reviewable
    meet_all(doc, beta)
    assert approval_blockers(doc, beta) == []
    edits.set_answer(doc, specs.resolve("alpha"), "flavour", "sweet")
    assert [b.split(":")[0] for b in approval_blockers(doc, beta)] == [
        "critical item sweet_enough is not marked"
    ]


@pytest.mark.parametrize(
    ("severity", "blocks"), [("critical", True), ("major", True), ("minor", False)]
)
def test_an_open_comment_blocks_when_major_or_critical(
    reviewable: tuple[Document, Specs, StepSpec], severity: str, blocks: bool
) -> None:
    doc, _, beta = reviewable
    meet_all(doc, beta)
    thread = review.open_thread(doc, beta, "bo", AT, "Why round?", None, severity)
    expected = [f"{severity} comment #1 is open: Why round?"] if blocks else []
    assert approval_blockers(doc, beta) == expected
    review.change_thread(doc, beta, "ana", LATER, thread.id, "resolve", "Explained")
    assert approval_blockers(doc, beta) == []
    review.change_thread(doc, beta, "cy", LATER, thread.id, "reopen")
    assert approval_blockers(doc, beta) == expected


def test_a_comment_on_an_item_takes_its_severity(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    assert review.open_thread(doc, beta, "bo", AT, "x", "shaped").severity == "major"
    assert review.open_thread(doc, beta, "bo", AT, "x", "shaped", "minor").severity == "minor"
    assert review.open_thread(doc, beta, "bo", AT, "x").severity == "minor"


def test_only_a_step_in_review_with_its_answers_can_be_approved(tmp_path: Path) -> None:
    doc, specs = load(make_reviewable(tmp_path, status="draft"))
    beta = specs.resolve("beta")
    meet_all(doc, beta)
    assert approval_blockers(doc, beta) == [
        "it is draft: only a step in review can be approved (set its status to review first: F3 "
        "in the wizard, set --status review on the command line)",
    ]
    with pytest.raises(review.ApprovalBlocked, match="it is draft"):
        review.approve(doc, beta, "ana", AT)
    edits.set_status(doc, beta, "review")
    assert review.approve(doc, beta, "ana", AT) == []


@pytest.mark.parametrize(
    ("role", "wanted", "has"),
    [
        ("Product manager", "Product", True),
        ("Head of product", "Product", True),
        ("Production engineer", "Product", False),
        ("", "Product", False),
        ("ML engineer", "ml engineer", True),
    ],
)
def test_a_role_is_named_as_a_word_in_any_case(
    reviewable: tuple[Document, Specs, StepSpec], role: str, wanted: str, has: bool
) -> None:
    doc, _, _ = reviewable
    edits.upsert_person(doc, "cy", None, role)
    assert has_role(doc, "cy", wanted) is has


def test_two_approvals_needed_by_the_document(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    doc.review_policy = ReviewPolicy(approvals=2)
    meet_all(doc, beta)
    assert review.approve(doc, beta, "ana", AT) == ["2 approvals needed, 1 given (ana)"]
    assert doc.step("beta").status == "review"
    assert review.approve(doc, beta, "ana", LATER) == ["2 approvals needed, 1 given (ana)"]
    assert review.approve(doc, beta, "bo", LATER) == []
    assert doc.step("beta").status == "approved"


def test_a_role_required_by_the_step_spec(tmp_path: Path) -> None:
    from .review_docs import BETA_REVIEWED

    beta_text = BETA_REVIEWED.replace(
        'intro = "About beta."', 'intro = "About beta."\nreview_policy = { roles = ["Product"] }'
    )
    doc, specs = load(make_reviewable(tmp_path, beta=beta_text))
    beta = specs.resolve("beta")
    assert policy_of(doc, beta) == ReviewPolicy(approvals=1, roles=["Product"])
    meet_all(doc, beta)
    assert review.approve(doc, beta, "bo", AT) == ["an approval from a person with role 'Product'"]
    assert doc.step("beta").status == "review"
    assert review.approve(doc, beta, "ana", LATER) == []  # ana: "Product manager"
    assert doc.step("beta").status == "approved"


def test_the_step_own_policy_adds_to_the_document_policy(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    doc.review_policy = ReviewPolicy(approvals=2, roles=["product"])
    doc.step("beta").review.policy = ReviewPolicy(approvals=1, roles=["ML engineer", "Product"])
    assert policy_of(doc, beta) == ReviewPolicy(approvals=2, roles=["product", "ML engineer"])


def test_an_approval_of_an_earlier_revision_no_longer_counts(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    specs = load(path)[1]
    beta = specs.resolve("beta")

    def approve(doc: Document) -> None:
        meet_all(doc, beta)
        review.approve(doc, beta, "ana", AT)

    storage.update_document(path, specs, "ana", approve)
    change = lambda doc: edits.set_answer(doc, beta, "size", "Eleven")  # noqa: E731
    doc = storage.update_document(path, specs, "bo", change)
    summary = summarise(doc, beta)
    assert summary.approvals == [] and [a.by for a in summary.earlier] == ["ana"]
    assert summary.changed == ["size"]
    assert summary.since is not None
    assert reviewed_answers(doc.step("beta"), summary.since)["size"] == "Ten by ten"


def test_the_reviewer_must_be_among_the_people(
    reviewable: tuple[Document, Specs, StepSpec],
) -> None:
    doc, _, beta = reviewable
    with pytest.raises(UsageError, match=r"'zed' is not among .*people are: ana, bo, cy"):
        review.mark_item(doc, beta, "zed", AT, "sized", "met", "")


def test_an_item_applies_only_when_one_of_its_own_questions_is_shown(tmp_path: Path) -> None:
    """An item about questions the answers hide does not apply (nobody can mark it), while
    one naming another step's question is not affected by that step's conditions."""
    from .review_docs import BETA_REVIEWED, item

    hidden = 'when = { question = "alpha.flavour", equals = "sweet" }'
    beta_text = BETA_REVIEWED.replace('id = "shape"', f'id = "shape"\n{hidden}') + item(
        "cross", "critical", questions='["alpha.colour"]'
    )
    doc, specs = load(make_reviewable(tmp_path, beta=beta_text))
    beta = specs.resolve("beta")
    ids = [i.id for i in summarise(doc, beta).applicable]
    assert "shaped" not in ids and {"sized", "cross"} <= set(ids)
    edits.set_answer(doc, specs.resolve("alpha"), "flavour", "sweet")
    assert "shaped" in [i.id for i in summarise(doc, beta).applicable]
