"""The wizard's review screen, driven by keys through Pilot at 80x24: marks, the reason a
not-applicable mark needs, comments and their threads, approving (blocked, then recorded),
the author's reply, Escape back to the step, F8 and the reviewer asked once, and a review
made while someone else saves the same document."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Input, Static, TextArea
from textual.widgets._footer import FooterKey

from mldwizard.core import review, storage
from mldwizard.core.examples import example_path
from mldwizard.core.identity import now
from mldwizard.tui.app import WizardApp
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.review import ReviewScreen
from mldwizard.tui.screens.review_dialogs import (
    ApproveDialog,
    ReviewerDialog,
    TextDialog,
    ThreadDialog,
)
from mldwizard.tui.screens.wizard import WizardScreen
from mldwizard.tui.widgets.review_answers import AnswerBlock
from mldwizard.tui.widgets.review_items import ReviewItemList

from ..review_docs import cli, load, make_reviewable
from .helpers import settle, until
from .review_keys import NARROW, _app, _highlight, _on_review, _summary, _text


def _detail(app: WizardApp) -> str:
    return _text(app.screen.query_one("#review-detail-text", Static))


def _marks(path: Path) -> dict[str, tuple[str, str, str]]:
    marks = load(path)[0].step("beta").review.marks
    return {k: (m.mark, m.reason, m.by) for k, m in marks.items()}


async def test_marks_by_key_are_saved_and_counted(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _on_review(pilot, app)
        # The items that apply at the design stage (proven waits for the pilot stage).
        items = screen.query_one(ReviewItemList)
        ids = [items.get_option_at_index(n).id for n in range(items.option_count)]
        assert ids == ["sized", "shaped", "tidy", "-chapter-"]
        assert "0 of 3 items met; 1 critical not marked yet; 0 open threads" in _summary(app)
        assert "critical · Metrics and measurement" in _detail(app)
        assert "Fix: Make sized hold." in _detail(app)
        await pilot.press("m")
        await _highlight(pilot, app, "shaped")
        await pilot.press("n")
        await until(
            pilot, lambda: "1 of 3 items met; 0 critical not met" in _summary(app), "counts"
        )
        await until(pilot, lambda: len(_marks(path)) == 2, "the marks saved")
    assert _marks(path) == {"sized": ("met", "", "bo"), "shaped": ("not-met", "", "bo")}


async def test_the_answers_an_item_looks_at_are_marked(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_review(pilot, app)
        blocks = {b.qid: b for b in screen.query(AnswerBlock)}
        assert set(blocks) == {"size", "shape"}
        assert (blocks["size"].title, blocks["size"].markdown) == ("Size", "Ten by ten")
        await until(pilot, lambda: blocks["size"].has_class("-looked-at"), "size marked")
        assert not blocks["shape"].has_class("-looked-at")
        await _highlight(pilot, app, "shaped")
        await until(pilot, lambda: blocks["shape"].has_class("-looked-at"), "shape marked")
        assert not blocks["size"].has_class("-looked-at")


async def test_not_applicable_asks_for_a_reason(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "tidy")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), "the reason dialog")
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, TextDialog)
        problem = _text(app.screen.query_one(".problem", Static))
        assert "not-applicable needs a reason" in problem
        assert "tidy" not in load(path)[0].step("beta").review.marks
        await pilot.press(*"no data yet")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await until(pilot, lambda: "tidy" in _marks(path), "the mark saved")
        assert "Not applicable at this stage: no data yet" in _detail(app)
    assert _marks(path)["tidy"] == ("not-applicable", "no data yet", "bo")


async def test_a_comment_opens_a_thread_on_the_item(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "shaped")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), "the comment dialog")
        await pilot.press(*"Which shape?")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await until(pilot, lambda: "#1 major, open, bo" in _detail(app), "the thread shown")
        assert "1 open thread" in _summary(app)
        await until(pilot, lambda: load(path)[0].step("beta").review.threads, "saved")
    (thread,) = load(path)[0].step("beta").review.threads
    assert (thread.item, thread.severity, thread.author, thread.text, thread.state) == (
        "shaped",
        "major",
        "bo",
        "Which shape?",
        "open",
    )


async def test_approve_says_what_blocks_it_then_approves(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "the approve dialog")
        said = _text(app.screen.query_one("#approve-blockers", Static))
        assert "critical item sized is not marked: The check sized holds." in said
        assert "MLD" not in said
        assert not app.screen.query("#approve-ok")  # nothing to confirm
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await pilot.press("m")  # sized: met
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "the approve dialog")
        assert app.screen.query("#approve-ok")
        await pilot.click("#approve-ok")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await until(pilot, lambda: load(path)[0].step("beta").status == "approved", "approved")
        assert "approved by bo" in _summary(app)
    state = load(path)[0].step("beta")
    (approval,) = state.review.approvals
    assert (approval.by, approval.revision) == ("bo", state.revision)
    assert approval.marks == {"sized": "met"}


async def test_the_author_replies_and_resolves_but_cannot_close(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "shaped", "--comment", "Odd") == 0
    app = _app(path, by="ana")
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "shaped")
        assert "ana may: reply, resolve (r)" in _detail(app)
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ThreadDialog), "the thread dialog")
        dialog = app.screen
        assert dialog.query_one("#thread-close", Button).disabled  # bo opened it
        assert not dialog.query_one("#thread-resolve", Button).disabled
        await pilot.press(*"Round now")
        await pilot.press("enter")  # a reply
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await until(pilot, lambda: "ana replied" in _detail(app), "the reply shown")
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ThreadDialog), "the thread dialog")
        await pilot.click("#thread-resolve")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
        await until(pilot, lambda: load(path)[0].step("beta").review.threads[0].replies, "saved")
        await until(
            pilot, lambda: len(load(path)[0].step("beta").review.threads[0].replies) == 2, "2"
        )
    (thread,) = load(path)[0].step("beta").review.threads
    assert thread.state == "resolved"
    assert [(r.by, r.text, r.action) for r in thread.replies] == [
        ("ana", "Round now", None),
        ("ana", "", "resolve"),
    ]


async def test_f8_asks_who_once_and_escape_goes_back_to_the_step(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "cy", "--item", "tidy", "--mark", "met") == 0
    app = _app(path, by=None)
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        await settle(pilot)
        assert app.wizard_screen.step.slug == "beta"
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ReviewerDialog), "who reviews")
        chooser = app.screen.query_one("#reviewer-list")
        assert chooser.get_option_at_index(chooser.highlighted).id == "cy"  # the last reviewer
        await pilot.press("up", "enter")  # bo
        screen = await _on_review(pilot, app)
        assert screen.by == "bo" and screen.step.slug == "beta"
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.wizard_screen, "back on the step")
        assert app.wizard_screen.step.slug == "beta"
        await pilot.press("f8")  # not asked again
        screen = await _on_review(pilot, app)
        assert screen.by == "bo"


async def test_a_review_survives_someone_else_saving_meanwhile(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await pilot.press("m")  # sized: met, not saved yet (autosave waits a second)
        specs = load(path)[1]
        beta = specs.resolve("beta")
        storage.update_document(
            path,
            specs,
            "cy",
            lambda d: review.mark_item(d, beta, "cy", now(), "tidy", "partial", ""),
        )
        await until(pilot, lambda: len(_marks(path)) == 2, "both marks on disk", 60)
        items = app.screen.query_one(ReviewItemList)

        def tidy_row() -> str:
            ids = [items.get_option_at_index(n).id for n in range(items.option_count)]
            return str(items.get_option_at_index(ids.index("tidy")).prompt)

        await until(pilot, lambda: tidy_row().startswith("~"), "cy's mark shown", 60)
    assert _marks(path) == {"sized": ("met", "", "bo"), "tidy": ("partial", "", "cy")}


async def test_an_approved_step_s_review_goes_on_without_reopening_it(tmp_path: Path) -> None:
    """Marking or answering a thread on an approved step is a review, not a change of the
    step: no "send it back to review?" dialog, and it stays approved."""
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--mark", "met") == 0
    assert cli("review", path, "beta", "--by", "bo", "--approve") == 0
    assert load(path)[0].step("beta").status == "approved"
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await _highlight(pilot, app, "tidy")
        await pilot.press("p")
        await until(pilot, lambda: "tidy" in _marks(path), "the mark saved", 60)
        assert isinstance(app.screen, ReviewScreen)
        assert app.save_state == "saved"
    state = load(path)[0].step("beta")
    assert state.status == "approved"
    assert _marks(path)["tidy"] == ("partial", "", "bo")


async def test_narrow_answers_instead_of_the_detail(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        screen = await _on_review(pilot, app)
        answers = screen.query_one("#review-answers")
        detail = screen.query_one("#review-detail")
        assert not answers.display or answers.region.height == 0
        assert detail.region.height > 0
        await pilot.press("v")
        await settle(pilot)
        assert answers.region.height > 0 and answers.region.width == 80
        assert detail.region.height == 0 or not detail.display
        await pilot.press("m")  # the keys still mark the highlighted item
        await until(pilot, lambda: "sized" in _marks(path), "marked", 60)


async def test_input_in_a_dialog_takes_the_mark_keys_as_text(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), "the comment dialog")
        await pilot.press(*"map")
        assert app.screen.query_one(Input).value == "map"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")
    assert _marks(path) == {}


async def test_f8_opens_the_review_from_a_long_answer(tmp_path: Path) -> None:
    """F6 was taken by a long answer's text box (Textual's "select line"): the review key
    must work with the cursor in one."""
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    specs = load(path)[1]
    app = make_app(path, specs, "tester", only=specs.resolve("metrics"))
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: isinstance(app.focused, TextArea), "a long answer's box")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ReviewerDialog), "who reviews")
        await pilot.press("enter")
        screen = await _on_review(pilot, app)
        assert screen.step.slug == "metrics"


def _footer(app: WizardApp) -> list[str]:
    return [k.key for k in app.screen.query(FooterKey)]


async def test_the_review_key_in_the_footer_where_it_fits(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    specs = load(path)[1]
    app = make_app(path, specs, "tester", only=specs.resolve("beta"))
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: "f8" in _footer(app), "F8 in the footer of one chapter")
    app = make_app(path, specs, "tester")
    async with app.run_test(size=NARROW) as pilot:  # with Ctrl+N/P: it gives way, all fit
        await until(pilot, lambda: "ctrl+q" in _footer(app), "the footer")
        await settle(pilot)
        assert "f8" not in _footer(app) and "f9" in _footer(app)
        await pilot.resize_terminal(120, 36)
        await until(pilot, lambda: "f8" in _footer(app), "F8 in a wider footer")


async def test_a_stage_gate_has_no_review_screen(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    specs = load(path)[1]
    app = make_app(path, specs, "tester", only=specs.resolve("stage-gate-pilot"))
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen is app.wizard_screen
        assert any("has no review items" in n.message for n in app._notifications)


async def test_the_mark_buttons_work_with_the_mouse(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_review(pilot, app)
        await pilot.click("#review-partial")
        await until(pilot, lambda: "sized" in _marks(path), "marked", 60)
    assert _marks(path)["sized"] == ("partial", "", "bo")


async def test_ctrl_q_with_a_comment_typed_saves_it(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    app = _app(path)
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), "the comment dialog")
        await pilot.press(*"Typed then quit")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running, "quit", 60)
    (thread,) = load(path)[0].step("beta").review.threads
    assert (thread.item, thread.text) == ("sized", "Typed then quit")


async def test_answers_changed_since_the_review_are_said(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--mark", "met") == 0
    assert cli("set", path, "beta", "shape", "Square") == 0  # a new revision
    app = _app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _on_review(pilot, app)
        blocks = {b.qid: b for b in screen.query(AnswerBlock)}
        assert blocks["shape"].title == "Shape (changed since revision 2)"
        assert blocks["size"].title == "Size"
        await _highlight(pilot, app, "-chapter-")
        assert "Changed since bo's review of revision 2" in _detail(app)


async def test_f8_offers_whoever_runs_the_wizard_when_they_are_one_of_the_people(
    tmp_path: Path,
) -> None:
    """The reviewer offered is the wizard's own author when they are a person of the
    document (not whoever happened to review last, e.g. an owner who replied)."""
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "cy", "--item", "tidy", "--mark", "met") == 0
    specs = load(path)[1]
    app = make_app(path, specs, "bo", start=specs.resolve("beta"))
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        await settle(pilot)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ReviewerDialog), "who reviews")
        chooser = app.screen.query_one("#reviewer-list")
        assert chooser.get_option_at_index(chooser.highlighted).id == "bo"


async def test_every_button_is_whole_beside_the_answers(tmp_path: Path) -> None:
    """At 120 columns the items take half the width: the eight buttons wrap onto a second
    row rather than run off its edge (N/A was cut off)."""
    app = _app(make_reviewable(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await _on_review(pilot, app)
        side = app.screen.query_one("#review-items-side").region
        buttons = list(app.screen.query("#review-buttons Button"))
        assert len(buttons) == 8
        for button in buttons:
            region = button.region
            assert region.width >= len(str(button.label)), button.label
            assert side.x <= region.x and region.right <= side.right, button.label
