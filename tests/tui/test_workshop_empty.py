"""A workshop with nothing recorded is not written into the document.

Opening the workshop view and quitting at once used to add a ``### Workshop DATE`` section
with its whole agenda, "Present: nobody recorded" and three "- none" to the Markdown, and
every re-open that day another one (``-2``, ``-3``). A facilitator expects the document to
hold the workshops that happened: a workshop enters it with the first thing recorded
(someone present, a decision, an action item, an open question); a re-open the same day
after an empty one is the same workshop, a re-open after a recorded one is the day's next.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from mldwizard.core import edits, storage, workshops
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.workshop import WorkshopApp

from ..conftest import load
from .helpers import SIZE, settle
from .test_hangup import EXIT_TIMEOUT_S, ControllingTerminal
from .test_workshop import FakeClock, capture

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

CTRL_Q = "\x11"
WORKSHOP = ("workshop", "--steps", "1-2", "--minutes", "5")


def _workshop_and_quit(path: Path, before_quit: str = "") -> bytes:
    """`mldwizard workshop PATH` in a real terminal; record ``before_quit`` as a decision,
    then Ctrl+Q."""
    term = ControllingTerminal(path, columns=120, lines=36, command=WORKSHOP)
    try:
        term.read_until(b"Quit")
        if before_quit:
            term.type("d")
            term.read_until(b"New decision")
            term.type(before_quit)
            term.read_until(before_quit.encode()[-10:])
            term.type("\r")
            term.read_until(b"Decisions (1)")  # the capture is listed: saved
        term.type(CTRL_Q)
        deadline = time.monotonic() + EXIT_TIMEOUT_S * 4  # a save and Textual's shutdown
        while term.proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                term.read_until(b"\x00", timeout=0.1)  # keep reading: never a full pty
        assert term.proc.poll() is not None, f"still running: {term.output[-2000:]!r}"
        assert term.proc.returncode == 0
        with contextlib.suppress(AssertionError):  # the closing message, still on its way
            term.read_until(b"mldwizard workshop" if before_quit else b"nothing", timeout=10)
        return term.output
    finally:
        term.cleanup()


def test_opening_and_quitting_at_once_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    shutil.copyfile(example_path(), path)
    subprocess.run(  # the .md next to it, as the document has it
        [sys.executable, "-m", "mldwizard", "export", str(path), "-o"], check=True, timeout=60
    )
    toml, markdown = path.read_bytes(), path.with_suffix(".md").read_bytes()
    for _ in range(2):  # and again the same day
        said = _workshop_and_quit(path)
        assert path.read_bytes() == toml
        assert path.with_suffix(".md").read_bytes() == markdown
        assert b"nothing recorded, so nothing written" in said
    # A decision recorded: now the day's workshop is written, with it, and only once.
    _workshop_and_quit(path, "The pilot starts in March")
    today = tomllib.loads(path.read_text(encoding="utf-8"))["workshops"]
    before = len(tomllib.loads(toml.decode()).get("workshops", []))
    assert len(today) == before + 1
    assert [d["text"] for d in today[-1]["decisions"]] == ["The pilot starts in March"]
    _workshop_and_quit(path)  # a later re-open with nothing recorded adds nothing
    assert tomllib.loads(path.read_text(encoding="utf-8"))["workshops"] == today


async def test_a_reopen_after_an_empty_workshop_the_same_day_continues_it(
    doc_path: Path, specs: Specs
) -> None:
    """An empty workshop already in the document (an earlier version wrote one on opening)
    is today's workshop: what is recorded goes into it, not into a '-2'."""
    today = dt.date(2026, 11, 30)
    steps = workshops.parse_steps("1-2", specs)
    storage.update_document(
        doc_path, specs, "ana", lambda d: workshops.start_workshop(d, today, steps[:1], 10, None)
    )
    planned = workshops.plan_workshop(load(doc_path, specs), today, steps, 5, None)
    assert planned.id == "2026-11-30"
    app = WorkshopApp(doc_path, specs, "ana", planned, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await capture(pilot, "o", "Who signs off the pilot")
        await pilot.press("ctrl+q")
    held = load(doc_path, specs).workshops
    assert [w.id for w in held] == ["2026-11-30"]
    assert held[0].steps == [s.slug for s in steps] and held[0].minutes_per_step == 5
    assert [q.text for q in held[0].open_questions] == ["Who signs off the pilot"]
    # Recorded: the next workshop that day is the day's second.
    assert workshops.plan_workshop(load(doc_path, specs), today, steps, 5, None).id == (
        "2026-11-30-2"
    )


async def test_a_timebox_changed_and_attendance_unticked_is_still_nothing_recorded(
    doc_path: Path, specs: Specs
) -> None:
    """Changes that are written as they happen (a timebox, who is present) but leave
    nothing recorded take the workshop out of the document again on quit."""
    storage.update_document(
        doc_path,
        specs,
        "ana",
        lambda d: edits.upsert_person(d, "ana", "Ana", "ML lead"),
    )
    before = load(doc_path, specs).workshops
    planned = workshops.plan_workshop(
        load(doc_path, specs), dt.date(2026, 11, 30), workshops.parse_steps("1", specs), 5, None
    )
    app = WorkshopApp(doc_path, specs, "ana", planned, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("plus")
        app._save_pending()
        assert [w.id for w in load(doc_path, specs).workshops] == [planned.id]
        await pilot.press("ctrl+q")
    assert load(doc_path, specs).workshops == before
    assert not app.recorded
