"""What keeps a review honest (QA10a #1-#3), through ``mldwizard review`` and ``check`` as a
team meets it: a mark made before the answers it looks at changed is not carried into an
approval; nobody approves their own step alone, nor overrules a reviewer's critical Not
met on it; and review records nobody made through mldwizard are reported and do not count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .cli_run import cli
from .review_docs import load


def review(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    return cli(capsys, "review", path, "beta", *args)


def findings(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["chapter"] == "beta"]


def test_a_mark_on_answers_changed_since_must_be_given_again_before_approving(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert review(capsys, reviewable, "--by", "bo", "--item", "sized", "--mark", "met",
                  "--reason", "ten by ten, measured")[0] == 0  # fmt: skip
    assert review(capsys, reviewable, "--by", "bo", "--item", "shaped", "--mark", "met")[0] == 0
    assert review(capsys, reviewable, "--by", "bo", "--approve")[0] == 0
    # The author changes what `sized` looked at (`size`), not what `shaped` did (`shape`).
    assert cli(capsys, "set", reviewable, "beta", "size", "Twelve by ten")[0] == 0
    before = reviewable.read_bytes()

    code, _, err = review(capsys, reviewable, "--by", "ana", "--approve")
    assert code == 2 and reviewable.read_bytes() == before
    assert (
        "  - item sized was marked Met by bo at revision 2 (its note: ten by ten, measured); "
        "changed since: Size: mark it again to carry it into an approval" in err
    )
    assert "item shaped" not in err  # its answers did not change: its mark still holds
    code, out, _ = review(capsys, reviewable, "--by", "ana")  # the checklist says so too
    assert "Approval is blocked by:\n  - item sized was marked Met by bo at revision 2" in out

    assert review(capsys, reviewable, "--by", "ana", "--item", "sized", "--mark", "met",
                  "--reason", "twelve by ten, measured")[0] == 0  # fmt: skip
    assert review(capsys, reviewable, "--by", "ana", "--approve")[0] == 0
    doc, _ = load(reviewable)
    state = doc.step("beta")
    assert state.status == "approved"
    assert state.review.marks["sized"].revision == state.revision == 3
    assert state.review.approvals[-1].by == "ana"


def test_an_owner_approves_their_own_step_only_with_someone_who_does_not_own_it(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "set", reviewable, "beta", "--owner", "ana")[0] == 0
    assert review(capsys, reviewable, "--by", "bo", "--item", "sized", "--mark", "not-met",
                  "--comment", "Ten by ten is not a size.")[0] == 0  # fmt: skip

    # The owner neither overrules the reviewer's critical Not met (nothing is written)...
    before = reviewable.read_bytes()
    code, _, err = review(capsys, reviewable, "--by", "ana", "--item", "sized", "--mark", "met")
    assert code == 2 and reviewable.read_bytes() == before
    assert "bo marked this critical item Not met; ana owns Beta chapter" in err
    assert "Traceback" not in err
    # ... nor approves alone once the reviewer is satisfied: the approval is recorded, and
    # does not make the step approved.
    assert review(capsys, reviewable, "--by", "ana", "--resolve", "1")[0] == 0
    assert review(capsys, reviewable, "--by", "bo", "--item", "sized", "--mark", "met")[0] == 0
    code, out, _ = review(capsys, reviewable, "--by", "ana", "--approve")
    assert code == 0 and "status review." in out
    assert "Not approved yet: an approval from someone who does not own the step" in out
    doc, _ = load(reviewable)
    assert doc.step("beta").status == "review"
    code, out, _ = cli(capsys, "status", reviewable, "--format", "json")
    [beta] = [s for s in json.loads(out)["documents"][0]["steps"] if s["slug"] == "beta"]
    assert beta["review"]["approval"] == "more needed"
    assert review(capsys, reviewable, "--by", "cy", "--approve")[0] == 0
    doc, _ = load(reviewable)
    assert doc.step("beta").status == "approved"

    # Set approved by hand with the owner's approval alone: check says what it lacks.
    text = reviewable.read_text(encoding="utf-8")
    start = text.index('[[chapters.beta.review.approvals]]\nby = "cy"')
    end = text.index("[[", start + 2) if "[[" in text[start + 2 :] else len(text)
    reviewable.write_text(text[:start] + text[end:], encoding="utf-8")
    [lacking] = [f for f in findings(capsys, reviewable) if f["code"] == "MLD032"]
    assert lacking["severity"] == "error"
    assert (
        "an approval from someone who does not own the step (its owners: ana)"
        in (lacking["message"])
    )


def test_review_records_made_by_hand_are_reported_and_do_not_count(
    reviewable: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert review(capsys, reviewable, "--by", "bo", "--item", "sized", "--mark", "met")[0] == 0
    assert review(capsys, reviewable, "--by", "bo", "--approve")[0] == 0
    assert not [f for f in findings(capsys, reviewable) if f["code"] in ("MLD032", "MLD092")]
    text = reviewable.read_text(encoding="utf-8")
    approval = '[[chapters.beta.review.approvals]]\nby = "bo"'
    assert approval in text
    text = text.replace(approval, '[[chapters.beta.review.approvals]]\nby = "eve"')
    text += (
        "\n[chapters.beta.review.marks.bogus_item]\n"
        'mark = "met"\nby = "nobody"\nat = 2030-01-01T10:00:00Z\nrevision = 999\n'
    )
    reviewable.write_text(text, encoding="utf-8")

    found = findings(capsys, reviewable)
    codes = {(f["code"], f["severity"]) for f in found}
    assert ("MLD092", "error") in codes  # eve's approval of the text as it is
    assert ("MLD093", "warning") in codes  # a mark of an item the spec does not have
    assert ("MLD094", "warning") in codes  # dated 2030, of revision 999
    [eve] = [f for f in found if f["code"] == "MLD092" and f["severity"] == "error"]
    assert "'eve' is not among the document's people: it does not count" in eve["message"]
    assert "MLD032" in {f["code"] for f in found}  # approved, with no approval that counts
    _, out, _ = cli(capsys, "status", reviewable, "--format", "json")
    [beta] = [s for s in json.loads(out)["documents"][0]["steps"] if s["slug"] == "beta"]
    assert beta["review"]["approvals"] == [] and beta["review"]["approval"] != "approved"
    assert cli(capsys, "export", reviewable, "-o")[0] == 0
    assert "Approved by eve" not in reviewable.with_suffix(".md").read_text(encoding="utf-8")
