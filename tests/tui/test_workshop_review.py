"""A review session in workshop mode, driven by keys through Pilot at 80x24: the room walks
the chapter's review items, one key per mark lands in the TOML through the core, a comment
becomes a thread, Not applicable needs a reason, the workshop entry records the session and
who was present, the summary shows what blocks approval, and A approves once nothing does.

The document (tests/review_docs.py): chapter ``beta`` in review with items ``sized``
(critical), ``shaped`` (major), ``tidy`` (minor); ``proven`` applies from the pilot stage."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from mldwizard.cli import main
from mldwizard.core import workshops
from mldwizard.core.document import Document
from mldwizard.tui.screens.review_dialogs import ApproveDialog
from mldwizard.tui.workshop_review import ItemDialog, ReviewWorkshopApp
from mldwizard.tui.workshop_thread_dialog import ThreadPickDialog

from ..cli_run import cli
from ..review_docs import load, make_reviewable
from .helpers import settle, until
from .test_workshop import FakeClock

SIZE = (80, 24)


@pytest.fixture
def doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = make_reviewable(tmp_path)
    capsys.readouterr()
    return path


def review_app(path: Path, by: str = "bo") -> ReviewWorkshopApp:
    """As the CLI makes it: today's workshop planned, not yet in the document."""
    d, specs = load(path)
    step = specs.resolve("beta")
    planned = workshops.plan_workshop(d, dt.date(2026, 11, 30), [step], 10, "ana")
    return ReviewWorkshopApp(path, specs, "ana", planned, "beta", by, clock=FakeClock())


def shown(app: ReviewWorkshopApp) -> str:
    """The item pane's words as the room reads them (Markdown rendered), lines joined."""
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for w in app.query("#ws-questions Static"):
        console.print(w.content)
    return " ".join(console.export_text().split())


def progress(app: ReviewWorkshopApp) -> str:
    return str(app.query_one("#wr-progress").render())


def on_disk(path: Path) -> Document:
    return load(path)[0]


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


async def test_walk_the_items_and_mark_each_with_one_key(doc: Path) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # The first item, large, with what the room needs to judge it.
        assert progress(app).startswith("Beta chapter · Item 1 of 3 · 3 not marked")
        assert "this item: not marked" in progress(app)
        text = shown(app)
        assert "CRITICAL · Metrics and measurement" in text
        assert "The check sized holds." in text
        assert "Fix: Make sized hold." in text
        assert "The answers it looks at Size Ten by ten" in text
        assert "Verdict: Not marked yet" in text
        await pilot.press("m")
        await settle(pilot)
        mark = on_disk(doc).step("beta").review.marks["sized"]
        assert (mark.mark, mark.by) == ("met", "bo")
        assert "Item 1 of 3 · 1 met · 2 not marked" in progress(app)
        assert "Verdict: Met (bo, 2026-11-30)" in shown(app)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Item 2 of 3" in progress(app)
        assert "MAJOR · Metrics and measurement" in shown(app)
        assert "Shape Round" in shown(app)
        await pilot.press("n")
        await settle(pilot)
        assert on_disk(doc).step("beta").review.marks["shaped"].mark == "not-met"
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "Item 1 of 3 · 1 met · 1 not met" in progress(app)
        assert "this item: met" in progress(app)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert "Item 3 of 3" in progress(app)
        await pilot.press("p")
        await settle(pilot)
        assert on_disk(doc).step("beta").review.marks["tidy"].mark == "partial"
        assert "1 met · 1 partial · 1 not met" in progress(app)
        # Past the last item, the summary; no further.
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert progress(app).startswith("Beta chapter · Summary")
        await pilot.press("m")  # no item on the summary: nothing to mark
        await settle(pilot)
        await pilot.press("ctrl+q")  # the workshop, with its session, stays in the document
    entry = on_disk(doc).workshops[-1].reviews
    assert [(e.step, e.by, e.marks) for e in entry] == [
        ("beta", "bo", {"sized": "met", "shaped": "not-met", "tidy": "partial"})
    ]


async def test_not_applicable_needs_a_reason(doc: Path) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        await pilot.press("enter")  # nothing typed: not recorded
        await settle(pilot)
        assert app.screen is dialog
        assert "Type the text first." in str(dialog.query_one(".problem").render())
        assert "tidy" not in on_disk(doc).step("beta").review.marks
        await type_text(pilot, "Tidiness is judged at the pilot")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ItemDialog)
        mark = on_disk(doc).step("beta").review.marks["tidy"]
        assert (mark.mark, mark.reason) == ("not-applicable", "Tidiness is judged at the pilot")
        text = shown(app)
        assert "Verdict: Not applicable at this stage: Tidiness is judged at the pilot" in text
        # Escape leaves the dialog with nothing recorded.
        await pilot.press("ctrl+p", "x")
        await settle(pilot)
        await type_text(pilot, "never mind")
        await pilot.press("escape")
        await settle(pilot)
        assert "shaped" not in on_disk(doc).step("beta").review.marks


async def test_a_comment_from_the_room_becomes_a_thread(doc: Path) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "c")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        await type_text(pilot, "Which shape, exactly?")
        await pilot.press("enter")
        await settle(pilot)
        (thread,) = on_disk(doc).step("beta").review.threads
        assert (thread.id, thread.item, thread.severity, thread.author, thread.state) == (
            1,
            "shaped",
            "major",
            "bo",
            "open",
        )
        assert thread.text == "Which shape, exactly?"
        assert "#1 open, major (bo): Which shape, exactly?" in shown(app)
        await pilot.press("ctrl+q")
    assert on_disk(doc).workshops[-1].reviews[0].threads == [1]


async def test_the_session_is_recorded_with_who_was_present(doc: Path) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one("#ws-attendees", SelectionList).select("cy")
        await pilot.press("m")
        await settle(pilot)
    (w,) = on_disk(doc).workshops
    assert (w.steps, w.attendees, w.facilitator) == (["beta"], ["cy"], "ana")
    assert w.reviews[0].marks == {"sized": "met"}


async def test_summary_shows_blockers_and_approves_when_none(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "c")
        await settle(pilot)
        await type_text(pilot, "Round how")
        await pilot.press("enter", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert progress(app).startswith("Beta chapter · Summary")
        text = shown(app)
        assert "Approval is blocked by" in text
        assert "critical item sized is not marked: The check sized holds." in text
        assert "major comment #1 on shaped is open: Round how" in text
        # Blocked: the key says what blocks it (QA10a #5; dimmed, it did nothing) and
        # writes nothing.
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "what blocks it")
        assert "critical item sized is not marked" in str(
            app.screen.query_one("#approve-blockers").render()
        )
        await pilot.press("escape")
        await settle(pilot)
        assert on_disk(doc).step("beta").review.approvals == []
        # The room marks sized; the reviewer closes the thread elsewhere (the CLI).
        await pilot.press("ctrl+p", "ctrl+p", "ctrl+p", "m")
        await settle(pilot)
        code, _, err = cli(capsys, "review", doc, "beta", "--by", "bo", "--close", "1")
        assert code == 0, err
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        await until(pilot, lambda: "Nothing blocks an approval" in shown(app), "unblocked")
        assert "A approves as bo." in shown(app)
        assert app.screen.active_bindings["A"].enabled is True
        await pilot.press("A")
        await settle(pilot)
        assert "Approved by bo (this revision)." in shown(app)
    beta = on_disk(doc).step("beta")
    assert beta.status == "approved"
    assert [(a.by, a.revision, a.marks) for a in beta.review.approvals] == [
        ("bo", beta.revision, {"sized": "met"})
    ]
    assert on_disk(doc).workshops[-1].reviews[0].approved


async def test_a_comment_typed_when_the_terminal_closes_is_kept(doc: Path) -> None:
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        app.screen.query_one("#text", Input).value = "Half a thought"
        app.take_typed()  # what StopOnSignal does on SIGHUP
        assert app.save_without_asking() == "saved"
    (thread,) = on_disk(doc).step("beta").review.threads
    assert (thread.item, thread.text) == ("sized", "Half a thought")


async def test_the_room_resolves_closes_and_reopens_comments(doc: Path) -> None:
    """QA 14b #7: the room's own comment blocked the approval with no key to clear it; the
    blocker now names the keys, and R/C/O act as the reviewer of record (the core's rules)."""
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "ctrl+n", "c")
        await settle(pilot)
        await type_text(pilot, "Round how")
        await pilot.press("enter")
        await settle(pilot)
        assert "R Resolve C Close O Reopen a comment" in shown(app)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert progress(app).startswith("Beta chapter · Summary")
        assert "major comment #1 on shaped is open: Round how (R resolves it, C closes it)" in (
            shown(app)
        )
        await pilot.press("C")  # bo opened it: bo closes it
        await settle(pilot)
        assert on_disk(doc).step("beta").review.thread(1).state == "closed"  # type: ignore[union-attr]
        assert "Nothing blocks an approval" in shown(app)
        await pilot.press("ctrl+p", "ctrl+p", "O")  # reopened on the item's page
        await settle(pilot)
        assert on_disk(doc).step("beta").review.thread(1).state == "open"  # type: ignore[union-attr]
        assert "#1 open, major (bo): Round how" in shown(app)
        await pilot.press("R")
        await settle(pilot)
        assert on_disk(doc).step("beta").review.thread(1).state == "resolved"  # type: ignore[union-attr]
        await pilot.press("ctrl+q")


async def test_a_reviewer_of_record_who_did_not_open_it_only_resolves(doc: Path) -> None:
    code = main(["review", str(doc), "beta", "--by", "ana", "--item", "shaped", "--comment", "A"])
    assert code == 0
    code = main(["review", str(doc), "beta", "--by", "ana", "--item", "shaped", "--comment", "B"])
    assert code == 0
    app = review_app(doc, by="cy")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert "major comment #1 on shaped is open: A (R resolves it)" in shown(app)
        await pilot.press("C")  # refused by the core's rule: only ana closes them
        await settle(pilot)
        assert all(t.state == "open" for t in on_disk(doc).step("beta").review.threads)
        await pilot.press("R")  # two fit: the room picks one
        await settle(pilot)
        assert isinstance(app.screen, ThreadPickDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        states = {t.id: t.state for t in on_disk(doc).step("beta").review.threads}
        assert states == {1: "open", 2: "resolved"}
        await pilot.press("ctrl+q")


async def test_a_change_made_elsewhere_shows_without_a_key(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 14b #7: the summary kept a blocker closed in another terminal until a key."""
    code, _, err = cli(
        capsys, "review", doc, "beta", "--by", "bo", "--item", "sized", "--mark", "met"
    )
    assert code == 0, err
    code, _, err = cli(
        capsys, "review", doc, "beta", "--by", "bo", "--comment", "Why", "--severity", "major"
    )
    assert code == 0, err
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await settle(pilot)
        assert "major comment #1 is open: Why" in shown(app)
        code, _, err = cli(capsys, "review", doc, "beta", "--by", "bo", "--close", "1")
        assert code == 0, err
        await until(pilot, lambda: "Nothing blocks an approval" in shown(app), "refreshed")
        await pilot.press("ctrl+q")


async def test_the_item_page_reads_well_on_a_projector(doc: Path) -> None:
    """QA 14b #10: answers rendered (no raw Markdown), the verdict and comments right under
    the item, the summary by the items' text, and x shows an existing reason."""
    assert main(["set", str(doc), "beta", "size", "- **Train:** ten\n- **Test:** two"]) == 0
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = shown(app)
        assert "Train: ten" in text and "**" not in text
        assert text.index("Verdict:") < text.index("Fix:") < text.index("The answers it")
        await pilot.press("ctrl+n", "ctrl+n", "x")
        await settle(pilot)
        await type_text(pilot, "Judged at the pilot")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ItemDialog)
        assert dialog.query_one("#text", Input).value == "Judged at the pilot"
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        assert "The check tidy holds. (minor): not applicable" in shown(app)
        await pilot.press("ctrl+q")


async def test_a_changed_mark_asks_its_own_reason_with_the_old_note_to_edit(doc: Path) -> None:
    """QA9a #3: Met's evidence is not recorded as the room's reason for Not met; the key
    asks for it, the old note in the box; Escape leaves the mark as it was."""
    args = ["review", doc, "beta", "--by", "ana", "--item", "sized", "--mark", "met"]
    assert main([str(a) for a in [*args, "--reason", "kappa 0.92"]]) == 0
    app = review_app(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ItemDialog), "the reason dialog")
        box = app.screen.query_one("#text", Input)
        assert box.value == "kappa 0.92"
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ItemDialog), "the dialog gone")
        mark = on_disk(doc).step("beta").review.marks["sized"]
        assert (mark.mark, mark.reason, mark.by) == ("met", "kappa 0.92", "ana")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ItemDialog), "the reason dialog")
        box = app.screen.query_one("#text", Input)
        box.value = ""
        await type_text(pilot, "no gold set yet")
        await pilot.press("enter")
        marks = lambda: on_disk(doc).step("beta").review.marks  # noqa: E731
        await until(pilot, lambda: marks()["sized"].mark == "not-met", "the Not met saved")
        mark = on_disk(doc).step("beta").review.marks["sized"]
        assert (mark.reason, mark.by) == ("no gold set yet", "bo")
        assert "Verdict: Not met" in shown(app) and "kappa" not in shown(app)
        # The same mark again keeps its note, with no question.
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, ItemDialog)
        assert on_disk(doc).step("beta").review.marks["sized"].reason == "no gold set yet"
        await pilot.press("ctrl+q")
