"""Closing the terminal while a dialog is open: what was typed in it is on disk afterwards.
The same for Ctrl+Q ("save and quit"), which once saved everything but the open dialog.

The real ``python -m mldwizard`` on a pty that is its controlling terminal; the text is
typed into the workshop's capture dialog or the F4 People dialog (and echoed, so the app
has it), then the terminal goes (SIGHUP) and the process saves and exits.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pyte
import pytest

from mldwizard.core.examples import example_path

from .test_hangup import EXIT_TIMEOUT_S, ControllingTerminal

WORKSHOP = ("workshop", "--steps", "1-2", "--minutes", "5")
F4 = "\x1bOS"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(example_path(), path)
    return path


def _close(term: ControllingTerminal, how: str) -> None:
    """The terminal window is closed, or the process gets ``kill`` (the terminal stays
    and is read until the process is gone)."""
    if how == "terminal closed":
        term.vanish()
        assert term.exited_within(EXIT_TIMEOUT_S), "still running"
        return
    if how == "ctrl+q":
        term.type("\x11")
        deadline = time.monotonic() + EXIT_TIMEOUT_S * 10  # a save and Textual's shutdown
        while term.proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                term.read_until(b"\x00", timeout=0.1)
        assert term.proc.poll() is not None, "still running"
        return
    term.proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + EXIT_TIMEOUT_S
    while term.proc.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(AssertionError):
            term.read_until(b"\x00", timeout=0.1)  # keep reading: never a full pty
    assert term.proc.poll() is not None, "still running"


def _type_shown(term: ControllingTerminal, text: str) -> None:
    """Type ``text`` and wait until the app echoed it (it has the keys)."""
    term.type(text)
    term.read_until(text.encode()[-10:])


def _screen(term: ControllingTerminal, columns: int, lines: int) -> str:
    """What the terminal shows now (its output so far, drawn by a terminal emulator)."""
    screen = pyte.Screen(columns, lines)
    pyte.ByteStream(screen).feed(term.output)
    return "\n".join(line.rstrip() for line in screen.display)


def _workshop(path: Path) -> dict[str, object]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    workshop: dict[str, object] = doc["workshops"][-1]
    return workshop


@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM", "ctrl+q"])
def test_a_decision_typed_in_the_workshop_is_recorded(example: Path, how: str) -> None:
    term = ControllingTerminal(example, command=WORKSHOP)
    try:
        term.read_until(b"Quit")
        term.type("d")
        term.read_until(b"New decision")
        _type_shown(term, f"Decision typed when the lid closed {os.getpid()}")
        _close(term, how)
        assert term.proc.returncode == 0
    finally:
        term.cleanup()
    decisions = _workshop(example)["decisions"]
    assert isinstance(decisions, list)
    assert [d["text"] for d in decisions] == [f"Decision typed when the lid closed {os.getpid()}"]
    assert decisions[0]["step"] == "essentials"


def test_an_open_question_typed_in_the_workshop_is_recorded(example: Path) -> None:
    term = ControllingTerminal(example, command=WORKSHOP)
    try:
        term.read_until(b"Quit")
        term.type("o")
        term.read_until(b"New open question")
        _type_shown(term, "Who signs off the pilot")
        _close(term, "terminal closed")
    finally:
        term.cleanup()
    questions = _workshop(example)["open_questions"]
    assert isinstance(questions, list)
    assert [q["text"] for q in questions] == ["Who signs off the pilot"]


@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM"])
def test_an_action_item_without_owner_and_date_becomes_an_open_question(
    example: Path, how: str
) -> None:
    """An action item needs an owner and a due date; half a one is not lost: it is kept as
    an open question that says what it is (test_workshop.py: with what was given), and the
    closing message says so (where a terminal is left to show it)."""
    term = ControllingTerminal(example, command=WORKSHOP)
    try:
        term.read_until(b"Quit")
        term.type("a")
        term.read_until(b"New action item")
        _type_shown(term, "Ask legal about retention")
        _close(term, how)
        assert term.proc.returncode == 0
        if how == "SIGTERM":
            term.read_until(b"recorded as an open question", timeout=5)
    finally:
        term.cleanup()
    workshop = _workshop(example)
    assert workshop.get("actions", []) == []
    questions = workshop["open_questions"]
    assert isinstance(questions, list)
    assert [q["text"] for q in questions] == [
        "Action item (no owner/due yet): Ask legal about retention"
    ]


@pytest.mark.parametrize("how", ["terminal closed", "ctrl+q"])
def test_a_person_typed_in_the_wizards_people_dialog_is_added(example: Path, how: str) -> None:
    term = ControllingTerminal(example)
    try:
        term.read_until(b"Quit")
        term.type(F4)
        term.read_until(b"pick a row")
        _type_shown(term, "zoe")  # the handle; the name and role can come later
        _close(term, how)
        assert term.proc.returncode == 0
    finally:
        term.cleanup()
    people = tomllib.loads(example.read_text(encoding="utf-8"))["people"]
    assert "zoe" in [p["handle"] for p in people]


@pytest.mark.parametrize("command", [("edit",), WORKSHOP])
def test_a_person_with_a_bad_handle_is_kept_in_a_rescue_copy(
    example: Path, command: tuple[str, ...]
) -> None:
    term = ControllingTerminal(example, command=command)
    try:
        term.read_until(b"Quit")
        term.type(F4)
        term.read_until(b"pick a row")
        _type_shown(term, "Zoe Quinn!")  # not a handle: the name typed in the wrong field
        _close(term, "terminal closed")
    finally:
        term.cleanup()
    copies = list(example.parent.glob("ticket-routing.unsaved-*.toml"))
    assert len(copies) == 1, copies
    assert "Zoe Quinn!" in copies[0].read_text(encoding="utf-8")
    assert "Zoe Quinn!" not in example.read_text(encoding="utf-8")


def test_words_typed_into_the_conflict_dialog_are_kept_when_the_terminal_closes(
    tmp_path: Path,
) -> None:
    """As a tester met it: typing, autosaved; a colleague's `mldwizard set` of the same answer
    opens the conflict dialog; typing goes on into it; the terminal closes. The document
    keeps the colleague's version, and a rescue copy that `mldwizard show` reads keeps
    every word the author typed (before: the copy held only the words before the dialog, in
    a shape `show` refused).

    The author types on, a key every 0.2 s, while the colleague's command starts and writes
    (seconds on a loaded machine): words typed and left alone for the autosave's second
    would be saved before the colleague's write, and then there is nothing to conflict."""
    path = tmp_path / "c.toml"
    env = {**os.environ, "MLDWIZARD_AUTHOR": "ops"}
    cli = [sys.executable, "-m", "mldwizard"]
    subprocess.run([*cli, "new", str(path), "--no-input"], check=True, env=env, timeout=60)
    theirs = "Ops says: shelves are mislabelled."
    sentence = "Each pick takes 90 seconds. "
    term = ControllingTerminal(path, columns=120, lines=36, command=("chapter", "problem"))
    try:
        term.read_until(b"Quit")
        _type_shown(term, "Pickers walk too far. ")
        deadline = time.monotonic() + 60
        while "Pickers walk too far." not in path.read_text(encoding="utf-8"):  # autosaved
            assert time.monotonic() < deadline, "not autosaved"
            time.sleep(0.05)
        colleague = subprocess.Popen(
            [*cli, "set", str(path), "problem", "problem_statement", theirs], env=env
        )
        typed = ""
        deadline = time.monotonic() + 120
        while b"Someone else changed" not in term.output:
            assert time.monotonic() < deadline, f"no conflict dialog; typed {typed!r}"
            key = sentence[len(typed) % len(sentence)]
            term.type(key)
            typed += key
            with contextlib.suppress(AssertionError):
                term.read_until(b"Someone else changed", timeout=0.2)
        assert colleague.wait(timeout=60) == 0
        shown_from = len(term.output)
        rest = sentence[len(typed) % len(sentence) :] + "Zoning halves it."
        term.type(rest)  # typing goes on into the dialog, which shows what it holds
        # A word typed nowhere else: the dialog's own text ("Yours: ...") repeats the words
        # typed before it opened, and seeing those proves nothing about the keys just sent.
        try:
            term.read_until(b"halves", timeout=60, after=shown_from)
        except AssertionError:
            shown = _screen(term, 120, 36)
            raise AssertionError(f"the dialog does not show {rest!r}:\n{shown}") from None
        typed += rest
        _close(term, "terminal closed")
    finally:
        term.cleanup()
    answers = tomllib.loads(path.read_text(encoding="utf-8"))["chapters"]["problem"]["answers"]
    assert answers["problem_statement"] == theirs
    copies = list(tmp_path.glob("c.unsaved-*.toml"))
    assert len(copies) == 1, copies
    kept = tomllib.loads(copies[0].read_text(encoding="utf-8"))["chapters"]["problem"]
    assert kept["answers"]["problem_statement"] == "Pickers walk too far. " + typed
    shown = subprocess.run(
        [*cli, "show", str(copies[0])], capture_output=True, text=True, env=env, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    assert "pick takes 90 seconds." in shown.stdout
