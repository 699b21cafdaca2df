"""The real ``mldwizard ... --plain`` in a pty, read back as a screen a person would see.

pexpect runs the program in a pseudo-terminal of a fixed size; pyte, a terminal emulator,
turns its output into the rows and columns on the screen (and answers the cursor-position
requests prompt_toolkit sends, as a real terminal does). Asserting on that screen, not on
the raw bytes, tells a drawn prompt from a blank one.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

from mldwizard.core.specs import Specs

# Generous: the machine may be slow and busy; every wait ends as soon as its condition holds.
TIMEOUT = 60.0

ESC_ENTER = "\x1b\r"  # ends a multi-line answer
CTRL_C = "\x03"
CTRL_D = "\x04"
UP = "\x1b[A"
DOWN = "\x1b[B"
SPACE = " "
ENTER = "\r"


PROMPT_HINTS = (b"Enter to finish", b"to move,")
"""What only a prompt's hint prints: a text prompt's, a choice's and a list's."""


def strip_styles(raw: str) -> str:
    """Output without its colour and style sequences (what rich prints between prompts)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", raw)


def squeeze(text: str) -> str:
    """Words separated by single spaces: text wrapped at word boundaries reads the same."""
    return " ".join(text.split())


def compact(text: str) -> str:
    """Without any whitespace: text wrapped anywhere (typed text, by character) reads the
    same."""
    return "".join(text.split())


class PlainTerminal:
    def __init__(self, args: list[str], cwd: Path, rows: int = 24, cols: int = 80) -> None:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "MLDWIZARD_AUTHOR": "tester",
            "COLUMNS": str(cols),
            "LINES": str(rows),
        }
        env.pop("NO_COLOR", None)
        self.screen = pyte.Screen(cols, rows)
        self.screen.write_process_input = self._answer  # type: ignore[method-assign]
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "mldwizard", *args],
            cwd=str(cwd),
            env=env,
            dimensions=(rows, cols),
            timeout=TIMEOUT,
        )

    def _answer(self, data: str) -> None:
        """What the terminal answers to the program (the cursor position)."""
        self.child.send(data.encode())

    # -- reading -----------------------------------------------------------------------

    def pump(self, wait: float = 0.05) -> bool:
        """Take in what the program wrote; False once it has ended and all is read."""
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.raw += data
        self.stream.feed(data)
        return True

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def cursor_line(self) -> str:
        return self.lines[self.screen.cursor.y]

    def shows(self, words: str) -> bool:
        """``words`` are on the screen, whole (wrapped only between words)."""
        return squeeze(words) in squeeze(self.text)

    def shows_typed(self, typed: str) -> bool:
        """``typed`` is on the screen, wrapped anywhere."""
        return compact(typed) in compact(self.text)

    def wait(self, condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            alive = self.pump()
            if not alive and not condition():
                raise AssertionError(f"the program ended before {what}:\n{self.text}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{what}: not on the screen after {timeout} s:\n{self.text}")

    def wait_for(self, words: str, timeout: float = TIMEOUT) -> None:
        self.wait(lambda: self.shows(words), repr(words), timeout)

    def wait_for_text(self, text: str, timeout: float = TIMEOUT) -> None:
        """Like :meth:`wait_for`, for text that may wrap anywhere (a long path)."""
        self.wait(lambda: self.shows_typed(text), repr(text), timeout)

    def last_question(self) -> tuple[str, int]:
        """The last question printed on the screen (``? ...`` up to its hint or its answer
        line) and the row where it starts."""
        lines = self.lines
        starts = [row for row, line in enumerate(lines) if line.startswith("? ")]
        if not starts:
            return "", -1
        words: list[str] = []
        for line in lines[starts[-1] :]:
            if line.startswith(("  (", " ›", "  Cover: ")):  # hint, answer, checklist
                break
            words.append(line)
        return squeeze(" ".join(words))[2:], starts[-1]

    def wait_for_prompt(self, question: str) -> None:
        """``question`` is the last one asked and its answer line is drawn below it, with the
        cursor in it."""

        def ready() -> bool:
            asked, row = self.last_question()
            return (
                asked == squeeze(question)
                and self.screen.cursor.y > row
                and self.cursor_line.startswith(" ›")
            )

        self.wait(ready, f"the prompt of {question!r}")

    def prompts_drawn(self) -> int:
        """How many text, choice and list prompts the program has drawn so far (each
        prints its hint once)."""
        return sum(self.raw.count(hint) for hint in PROMPT_HINTS)

    def wait_for_prompt_or(self, number: int, words: str) -> bool:
        """Wait until prompt ``number`` (counted from 1) is drawn and takes keys (the answer
        or the choices drawn below its hint), or ``words`` show (the run ended); True for
        the prompt."""

        def ready() -> bool:
            if self.prompts_drawn() < number:
                return False
            hints = [row for row, line in enumerate(self.lines) if line.startswith("  (")]
            return bool(hints) and any(self.lines[hints[-1] + 1 :])

        self.wait(lambda: ready() or self.shows(words), f"prompt {number} or {words!r}")
        return not self.shows(words)

    def settle(self) -> None:
        """Read until the program has drawn everything it had to draw (a quiet moment)."""
        quiet_since = time.monotonic()
        deadline = quiet_since + TIMEOUT
        while time.monotonic() - quiet_since < 0.3 and time.monotonic() < deadline:
            before = len(self.raw)
            if not self.pump(0.05):
                return
            if len(self.raw) != before:
                quiet_since = time.monotonic()

    # -- typing ------------------------------------------------------------------------

    def type(self, text: str) -> None:
        self.child.send(text.encode())

    def type_and_see(self, text: str, shown: str | None = None) -> None:
        """Type ``text`` and wait until all of it (or ``shown``: it with what was typed
        before) is echoed on the screen."""
        self.type(text)
        seen = text if shown is None else shown
        self.wait(lambda: self.shows_typed(seen), f"the typed text {seen!r}")

    def finish(self, timeout: float = TIMEOUT) -> int:
        """Wait for the program to end; its exit code."""
        deadline = time.monotonic() + timeout
        while self.pump():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout} s:\n{self.text}")
        self.child.close()
        assert self.child.exitstatus is not None, self.child.signalstatus
        return int(self.child.exitstatus)

    def hang_up(self) -> None:
        """Close the terminal (as a closed window or a dropped ssh connection does): the
        program gets SIGHUP and can no longer write."""
        self.child.ptyproc.fileobj.close()  # the pty's master side

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """After :meth:`hang_up`: wait for the program to end; its exit code."""
        deadline = time.monotonic() + timeout
        while self.child.ptyproc.isalive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running {timeout} s after the hangup")
            time.sleep(0.05)
        status = self.child.ptyproc.exitstatus
        assert status is not None, self.child.ptyproc.signalstatus
        return int(status)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


# -- starting ------------------------------------------------------------------------------

SPECS_DIR = Path(".mldwizard") / "chapters"  # extra chapter specs next to a document


def prompt_of(specs: Specs, slug: str, qid: str) -> str:
    question = specs.resolve(slug).question(qid)
    assert question is not None
    return question.prompt


def start(terminals: list[PlainTerminal], doc: Path, step: str, cols: int = 80) -> PlainTerminal:
    """``mldwizard chapter DOC STEP --plain`` in a terminal of 24 rows and ``cols`` columns
    (closed by the ``terminals`` fixture at the end of the test)."""
    term = PlainTerminal(["chapter", str(doc), step, "--plain"], doc.parent, rows=24, cols=cols)
    terminals.append(term)
    return term


def step_through(term: PlainTerminal, typed: dict[str, str] | None = None) -> list[str]:
    """Esc then Enter on every prompt until the run says what it saved (the answer as it stands,
    a choice or ticks kept); at a question starting with a key of ``typed``, type its
    value first (at the end of the answer already there). The questions asked, in order."""
    asked: list[str] = []
    while term.wait_for_prompt_or(len(asked) + 1, "change(s) saved in"):
        question, _ = term.last_question()
        asked.append(question)
        for start, text in (typed or {}).items():
            if question.startswith(squeeze(start)):
                term.type_and_see(text)
        term.type(ESC_ENTER)
    return asked
