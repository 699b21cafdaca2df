"""What plain mode prints to be typed or pasted, in the real program at 80x24: the command
that shows a shortened answer whole works as printed, for a path with spaces and a
document opened with extra spec folders; the required mark never wraps onto a line alone."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.document import new_document
from mldwizard.core.specs import load_specs

from ..notes_specs import BASICS, DRILL_PROMPT, DRILLS, write_notes_specs
from .terminal import SPECS_DIR, PlainTerminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_the_command_to_see_an_answer_whole_works_as_printed(
    tmp_path: Path, terminals: list[PlainTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_notes_specs(tmp_path / "our specs")
    specs = load_specs([folder])
    doc = tmp_path / "my doc.toml"
    made = new_document("Doc", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    storage.create_document(doc, made, specs, "tester")
    long_answer = "\n".join(f"Step {n}: someone does something about it." for n in range(1, 13))
    storage.update_document(
        doc, specs, "tester", lambda d: edits.set_answer(d, specs.get(BASICS), "plan", long_answer)
    )
    args = ["chapter", "--specs", str(folder), str(doc), DRILLS, "--plain"]
    term = PlainTerminal(args, tmp_path, rows=24, cols=80)
    terminals.append(term)
    term.wait_for_prompt(DRILL_PROMPT + " *")
    term.settle()
    command = f"mldwizard show --specs {shlex.quote(str(folder))} {shlex.quote(str(doc))} {BASICS}"
    assert term.shows_typed(f"(shortened; whole: {command})"), term.text
    # Pasted into a shell, it shows the whole answer.
    words = shlex.split(command)
    assert main(words[1:]) == 0
    assert "Step 12: someone does something about it." in capsys.readouterr().out


def test_the_required_mark_stays_with_the_last_word(
    tmp_path: Path, terminals: list[PlainTerminal]
) -> None:
    specs = load_specs([write_notes_specs(tmp_path / SPECS_DIR)])
    doc = tmp_path / "doc.toml"
    made = new_document("Doc", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    storage.create_document(doc, made, specs, "tester")
    # The question fills its line exactly: the mark after it has no room left on it.
    width = len(f"? {DRILL_PROMPT}")
    term = PlainTerminal(["chapter", str(doc), DRILLS, "--plain"], tmp_path, 24, width)
    terminals.append(term)
    term.wait_for_prompt(DRILL_PROMPT + " *")
    rows = [row for row, line in enumerate(term.lines) if line.startswith("? ")]
    last_word = DRILL_PROMPT.split()[-1]
    assert term.lines[rows[-1] + 1] == f"{last_word} *", term.text
    assert all(line.strip() != "*" for line in term.lines), term.text
