"""The review screen's findings of a team's trial (QA of issue 14), driven by keys through
Pilot at 80x24: the not-applicable box holds only a reason given before, a re-mark keeps
the mark's note and ``e`` edits it, changes after ``w`` are credited to the person acting,
an approval that is not enough says what is still needed (screen, dialog, Markdown), an
unmarked critical item is "not marked yet", and a sitting makes one changelog entry."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from mldwizard.core import storage
from mldwizard.core.review_model import ReviewPolicy
from mldwizard.tui.app import WizardApp
from mldwizard.tui.screens.review import ReviewScreen
from mldwizard.tui.screens.review_dialogs import (
    ApproveDialog,
    ReviewerDialog,
    TextDialog,
    ThreadDialog,
)

from ..review_docs import cli, load, make_reviewable
from .helpers import settle, until
from .review_keys import NARROW, _app, _highlight, _on_review, _summary, _text

KAPPA = "guideline v1.2; kappa 0.92"


def _mark(path: Path, item: str) -> tuple[str, str, str] | None:
    mark = load(path)[0].step("beta").review.marks.get(item)
    return None if mark is None else (mark.mark, mark.reason, mark.by)


async def _dialog(pilot, app: WizardApp, kind: type) -> None:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: isinstance(app.screen, kind), kind.__name__)
    await settle(pilot)


async def _back(pilot, app: WizardApp) -> None:  # type: ignore[no-untyped-def]
    await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
    await settle(pilot)


async def test_the_not_applicable_box_holds_only_a_reason_given_before(tmp_path: Path) -> None:
    """#1: a Met note is evidence, not a reason: one Enter must not record it as one."""
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--mark", "met",
               "--reason", KAPPA) == 0  # fmt: skip
    assert cli("review", path, "beta", "--by", "bo", "--item", "tidy", "--mark",
               "not-applicable", "--reason", "no data before pilot") == 0  # fmt: skip
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "sized")
        await pilot.press("a")
        await _dialog(pilot, app, TextDialog)
        assert app.screen.query_one(Input).value == ""
        await pilot.press("enter")  # nothing typed: refused in the screen's words
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        problem = _text(app.screen.query_one(".problem", Static))
        assert "not-applicable needs a reason" in problem
        assert "--reason" not in problem  # #14: no command-line flag in a dialog
        await pilot.press("escape")
        await _back(pilot, app)
        await _highlight(pilot, app, "tidy")
        await pilot.press("a")
        await _dialog(pilot, app, TextDialog)
        assert app.screen.query_one(Input).value == "no data before pilot"  # its own reason
        await pilot.press("escape")
        await _back(pilot, app)
    assert _mark(path, "sized") == ("met", KAPPA, "bo")


async def test_a_re_mark_keeps_the_note_and_e_writes_it(tmp_path: Path) -> None:
    """#2: confirming a mark keeps the evidence; changing Met to Partial asks for Partial's
    reason with Met's note offered to edit (QA9a #3); ``e`` edits the note of any mark."""
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "ana", "--item", "sized", "--mark", "met",
               "--reason", KAPPA) == 0  # fmt: skip
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "sized")
        await pilot.press("m")  # the same mark, confirmed by bo
        await until(pilot, lambda: _mark(path, "sized") == ("met", KAPPA, "bo"), "kept, by bo")
        await pilot.press("p")  # the room changed its mind: the old note is offered to edit
        await _dialog(pilot, app, TextDialog)
        assert app.screen.query_one(Input).value == KAPPA
        await pilot.press("escape")  # Escape: the mark stays as it was
        await _back(pilot, app)
        assert _mark(path, "sized") == ("met", KAPPA, "bo")
        await pilot.press("p")
        await _dialog(pilot, app, TextDialog)
        await pilot.press("enter")  # kept as it is, now Partial's reason
        await _back(pilot, app)
        await until(pilot, lambda: _mark(path, "sized") == ("partial", KAPPA, "bo"), "partial")
        await pilot.press("e")
        await _dialog(pilot, app, TextDialog)
        assert app.screen.query_one(Input).value == KAPPA
        await pilot.press("end", *["backspace"] * len(KAPPA))
        await pilot.press(*"kappa 0.61 on the new guideline")
        await pilot.press("enter")
        await _back(pilot, app)
        await until(
            pilot,
            lambda: _mark(path, "sized") == ("partial", "kappa 0.61 on the new guideline", "bo"),
            "the note edited",
        )
        await _highlight(pilot, app, "shaped")
        await pilot.press("e")  # nothing marked: nothing to note, said so
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("n", "e")
        await _dialog(pilot, app, TextDialog)
        await pilot.press(*"shape not argued")
        await pilot.press("enter")
        await _back(pilot, app)
        await until(
            pilot, lambda: _mark(path, "shaped") == ("not-met", "shape not argued", "bo"), "noted"
        )


async def test_what_is_done_after_w_is_credited_to_the_person_acting(tmp_path: Path) -> None:
    """#3 and the picker of #14: ``w`` starts on the current reviewer; after it, the thread
    and the changelog name the person chosen, not the session's author."""
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--comment", "Why?") == 0
    before = len(load(path)[0].changelog)
    app = _app(path, by="bo")
    async with app.run_test(size=NARROW) as pilot:
        screen = await _on_review(pilot, app)
        await pilot.press("w")
        await _dialog(pilot, app, ReviewerDialog)
        chooser = app.screen.query_one("#reviewer-list", OptionList)
        assert chooser.get_option_at_index(chooser.highlighted or 0).id == "bo"
        await pilot.press("up", "enter")  # ana
        await _back(pilot, app)
        await until(pilot, lambda: screen.by == "ana", "acting as ana")
        await pilot.press("r")
        await _dialog(pilot, app, ThreadDialog)
        await pilot.press(*"Because wheels.")
        await pilot.press("enter")
        await _back(pilot, app)
        await until(pilot, lambda: load(path)[0].step("beta").review.threads[0].replies, "saved")
        await pilot.press("w")
        await _dialog(pilot, app, ReviewerDialog)
        chooser = app.screen.query_one("#reviewer-list", OptionList)
        assert chooser.get_option_at_index(chooser.highlighted or 0).id == "ana"
        await pilot.press("escape")
        await _back(pilot, app)
    doc = load(path)[0]
    (thread,) = doc.step("beta").review.threads
    assert [(r.by, r.text) for r in thread.replies] == [("ana", "Because wheels.")]
    (entry,) = doc.changelog[before:]
    assert (entry.by, entry.chapter, entry.summary) == (
        "ana",
        "beta",
        "reviewed: replied to comment #1",
    )


async def test_an_approval_that_is_not_enough_says_what_is_still_needed(tmp_path: Path) -> None:
    """#5: the confirmation, the summary line (for anyone opening the screen) and the
    Markdown say a product person's approval is still needed; none reads as approved."""
    path = make_reviewable(tmp_path)
    specs = load(path)[1]

    def policy(d):  # type: ignore[no-untyped-def]
        d.review_policy = ReviewPolicy(approvals=1, roles=["Product"])

    storage.update_document(path, specs, "ana", policy)
    app = _app(path, by="bo")
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await pilot.press("m")  # sized: met, nothing blocks any more
        await until(pilot, lambda: _mark(path, "sized") is not None, "marked")
        await pilot.press("y")
        await _dialog(pilot, app, ApproveDialog)
        said = _text(app.screen.query_one("#approve-blockers", Static))
        assert "It is not enough on its own to approve the step" in said
        assert "Nothing blocks it" not in said  # QA9a #15: it did read as approved
        assert "an approval from a person with role 'Product'" in said
        await pilot.click("#approve-ok")
        await _back(pilot, app)
        await until(pilot, lambda: load(path)[0].step("beta").review.approvals, "approved")
        await until(pilot, lambda: "approved by bo" in _summary(app), "the summary")
        assert "still needs an approval from a person with role 'Product'" in _summary(app)
    state = load(path)[0].step("beta")
    assert state.status == "review"
    app = _app(path, by="ana")  # the product manager opens it later: she is told
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        assert "still needs an approval from a person with role 'Product'" in _summary(app)
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert (
        "Approved by Bo (not enough yet; still needed: an approval from a person with role "
        "'Product')" in markdown
    )


async def test_unmarked_is_not_marked_yet_and_a_sitting_is_one_entry(tmp_path: Path) -> None:
    """#9 and #13: an unmarked critical item is "not marked yet" (not "not met"); marks
    made one after the other make one changelog entry naming them."""
    path = make_reviewable(tmp_path)
    before = len(load(path)[0].changelog)
    app = _app(path, by="bo")
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        assert "1 critical not marked yet" in _summary(app)
        assert "critical not met" not in _summary(app)
        await _highlight(pilot, app, "sized")
        await pilot.press("p")
        await until(pilot, lambda: _mark(path, "sized") is not None, "the first mark saved")
        assert "1 critical not met" in _summary(app)
        await _highlight(pilot, app, "shaped")
        await pilot.press("n")
        await until(pilot, lambda: _mark(path, "shaped") is not None, "the second mark saved")
        await _highlight(pilot, app, "tidy")
        await pilot.press("m")
        await until(pilot, lambda: _mark(path, "tidy") is not None, "the third mark saved")
    doc = load(path)[0]
    (entry,) = doc.changelog[before:]
    assert (entry.by, entry.chapter, entry.summary) == (
        "bo",
        "beta",
        "reviewed: marked sized (partial), shaped (not met), tidy (met)",
    )
