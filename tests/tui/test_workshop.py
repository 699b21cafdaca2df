"""Workshop mode: a timeboxed step, attendees, decisions, actions and open questions."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select, SelectionList
from textual.widgets._footer import FooterKey

from mldwizard.cli import main
from mldwizard.core import edits, storage, workshops
from mldwizard.core.errors import UsageError
from mldwizard.core.specs import Specs
from mldwizard.tui.workshop import CaptureDialog, WorkshopApp

from ..conftest import load
from .helpers import SIZE, settle, until


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def start(path: Path, specs: Specs) -> str:
    def change(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana", "ML lead")
        edits.upsert_person(d, "bo", "Bo", "PM")
        edits.set_answer(d, specs.resolve("1"), "summary", "Score payments.")
        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps("1-2,gate", specs), 10, "ana"
        )
        holder.append(w.id)

    holder: list[str] = []
    storage.update_document(path, specs, "ana", change)
    return holder[0]


async def capture(
    pilot,
    key: str,
    text: str,
    owner: str | None = None,  # type: ignore[no-untyped-def]
    due: str | None = None,
) -> None:
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CaptureDialog)
    dialog.query_one("#text", Input).value = text
    if owner:
        dialog.query_one("#owner", Select).value = owner
        dialog.query_one("#due", Input).value = due or ""
    await pilot.click("#record")
    await settle(pilot)


async def test_a_timeboxed_step_with_captures(doc_path: Path, specs: Specs) -> None:
    wid = start(doc_path, specs)
    clock = FakeClock()
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "10:00 left" in str(app.query_one("#ws-timer").render())
        shown = " ".join(str(w.render()) for w in app.query(".ws-answer"))
        assert "Score payments." in shown
        clock.now += 10 * 60 + 75
        app.tick()
        await pilot.pause()
        assert "OVER by 01:15" in str(app.query_one("#ws-timer").render())
        assert app.screen.has_class("over")
        await pilot.press("plus", "plus")  # the team needs two more minutes
        await pilot.pause()
        assert "00:45 left of 12 min" in str(app.query_one("#ws-timer").render())

        app.query_one("#ws-attendees", SelectionList).select("ana")
        app.query_one("#ws-attendees", SelectionList).select("bo")
        await settle(pilot)
        await capture(pilot, "d", "Start with the keyword rules as baseline")
        await capture(pilot, "a", "Ask legal about the DPA", owner="bo", due="2026-12-04")
        await capture(pilot, "o", "Do we route German tickets separately?")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.step.slug == "problem"
        assert "10:00 left" in str(app.query_one("#ws-timer").render())
        await pilot.press("ctrl+q")

    doc = load(doc_path, specs)
    (w,) = doc.workshops
    assert w.attendees == ["ana", "bo"]
    assert [d.text for d in w.decisions] == ["Start with the keyword rules as baseline"]
    assert w.decisions[0].step == "essentials"
    (action,) = w.actions
    assert (action.owner, action.due, action.done) == ("bo", dt.date(2026, 12, 4), False)
    assert [q.text for q in w.open_questions] == ["Do we route German tickets separately?"]
    md = storage.markdown_path(doc_path).read_text()
    assert "## Workshops" in md and "#### Decisions" in md
    assert "- [ ] Ask legal about the DPA (Bo, due 2026-12-04)" in md


async def test_an_action_needs_an_owner_and_a_date(doc_path: Path, specs: Specs) -> None:
    wid = start(doc_path, specs)
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        # Settled: in a short terminal the dialog takes its short layout after the first
        # frame, and a click aimed before that could miss Record.
        await until(pilot, lambda: isinstance(app.screen, CaptureDialog), "the dialog")
        await settle(pilot)
        app.screen.query_one("#text", Input).value = "Something"
        await pilot.click("#record")
        await pilot.pause()
        assert isinstance(app.screen, CaptureDialog)
        assert "owner and a due date" in str(app.screen.query_one(".problem").render())
        await pilot.press("escape")
    assert load(doc_path, specs).workshops[0].actions == []


def test_summary_and_status_list_open_actions(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    wid = start(doc_path, specs)

    def change(d):  # type: ignore[no-untyped-def]
        workshops.add_action(d, wid, "Label 500 tickets", "ana", dt.date(2026, 12, 1), "datasets")
        workshops.add_decision(
            d, wid, "Go with TF-IDF first", "gate", dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC)
        )

    storage.update_document(doc_path, specs, "ana", change)
    assert main(["workshop", str(doc_path), "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"## Workshop {wid}")
    assert "- Go with TF-IDF first (Should this be ML at all?)" in out
    assert "- [ ] Label 500 tickets (Ana, due 2026-12-01)" in out
    assert main(["status", str(doc_path)]) == 0
    assert "Label 500 tickets" in capsys.readouterr().out


def test_steps_spec(specs: Specs) -> None:
    slugs = [s.slug for s in workshops.parse_steps("1-4,gate,feasibility", specs)]
    assert slugs == ["essentials", "problem", "gate", "research", "design-document", "feasibility"]
    with pytest.raises(UsageError):
        workshops.parse_steps("4-1", specs)
    with pytest.raises(UsageError):
        workshops.parse_steps("40-41", specs)


def test_workshop_needs_a_terminal_and_a_held_workshop_for_summary(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["workshop", str(doc_path), "--summary"]) == 2
    assert "no workshop has been held yet" in capsys.readouterr().err
    assert main(["workshop", str(doc_path)]) == 2
    assert "needs a terminal" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "owner", "due", "recorded"),
    [
        ("decision", None, None, ("decision", ("Go", None, None))),
        ("action item", "bo", "2027-01-15", ("action item", ("Go", "bo", dt.date(2027, 1, 15)))),
        (
            "action item",
            "bo",
            "2027-13-01",
            ("open question", ("Action item (no owner/due yet): Go (owner bo, due 2027-13-01)",)),
        ),
        (
            "action item",
            None,
            "2027-01-15",
            ("open question", ("Action item (no owner/due yet): Go (due 2027-01-15)",)),
        ),
    ],
)
async def test_what_a_capture_dialog_holds_when_the_terminal_goes(
    doc_path: Path,
    specs: Specs,
    kind: str,
    owner: str | None,
    due: str | None,
    recorded: tuple[str, tuple[object, ...]],
) -> None:
    """The signal path (tests/tui/test_hangup_dialogs.py) takes what the dialog holds once:
    a complete capture as it is, half an action item as an open question naming it."""
    wid = start(doc_path, specs)
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press({"decision": "d", "action item": "a"}[kind])
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CaptureDialog)
        dialog.query_one("#text", Input).value = "Go"
        if kind == "action item":
            if owner:
                dialog.query_one("#owner", Select).value = owner
            dialog.query_one("#due", Input).value = due or ""
        taken = dialog.take_typed()
        assert taken is not None
        assert (taken[0], taken[1][: len(recorded[1])]) == recorded
        assert dialog.take_typed() is None  # taken once


async def test_every_workshop_key_fits_in_the_footer_at_80_columns(
    doc_path: Path, specs: Specs
) -> None:
    """The footer was cut at "o Open qu": +, - and F4 never showed at 80x24."""
    wid = start(doc_path, specs)
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = sorted(app.screen.query(FooterKey), key=lambda k: k.region.x)
        shown = {key.key for key in keys if key.region and key.region.right <= 80}
        wanted = {b.key.split(",")[0] for b in WorkshopApp.BINDINGS if isinstance(b, Binding)}
        assert wanted <= shown, wanted - shown
        for left, right in itertools.pairwise(keys):  # none drawn over another
            assert left.region.right <= right.region.x, (left.key, right.key)


async def test_the_notes_show_once_written_and_are_not_asked_of_the_room(
    doc_path: Path, specs: Specs
) -> None:
    """The chapter's free notes are not a question for the room: no "(not answered yet)"
    for them; once someone wrote notes, they show like any answer."""
    wid = start(doc_path, specs)
    notes_prompt = specs.resolve("1").questions[-1].prompt
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = " ".join(str(w.render()) for w in app.query(".ws-prompt"))
        summary = specs.resolve("1").questions[0]
        assert " ".join(summary.prompt.split()) in prompts  # the step's questions are there
        assert notes_prompt not in prompts
    storage.update_document(
        doc_path,
        specs,
        "ana",
        lambda d: edits.set_answer(d, specs.resolve("1"), "notes", "Budget call on Friday."),
    )
    app = WorkshopApp(doc_path, specs, "ana", wid, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompts = " ".join(str(w.render()) for w in app.query(".ws-prompt"))
        answers = [str(w.render()) for w in app.query(".ws-answer")]
        assert notes_prompt in prompts
        assert answers[-1] == "Budget call on Friday."
