"""``--plain`` at the document's stage, in a real 80x24 terminal: a question not asked yet
at the stage is skipped (and counted as left for later stages), unless it already has an
answer; the red ``*`` marks what the stage requires."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import load_specs, notes_question

from ..conftest import load
from ..test_stages import RESULTS
from .terminal import ENTER, ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

UPLIFT = "What uplift did production show?"


def _results(doc_path: Path) -> Path:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    text = RESULTS.replace("number = 2\n", "").replace('part = "early-stage"\n', "")
    text = text.split('[[questions]]\nid = "llm_evals"', 1)[0]
    (folder / "results.toml").write_text(text, encoding="utf-8")
    return folder


def test_plain_mode_skips_a_later_question_and_says_so(
    doc_path: Path, terminals: list[PlainTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _results(doc_path)
    # Answered early: asked again (with its answer as the default), though it is "later".
    assert main(["set", str(doc_path), "results", "curves", "Flat after 20k."]) == 0
    capsys.readouterr()
    term = start(terminals, doc_path, "results", cols=80)
    term.wait_for_prompt("How will you analyse the errors? *")  # required at design
    term.type_and_see("By segment")
    term.type(ENTER)
    term.wait_for_prompt("What do the learning curves show?")  # no *: not required yet
    assert term.shows("Flat after 20k."), term.text
    term.type(ENTER)
    term.wait_for_prompt("What did the shadow run show?")  # asked, required from pilot
    term.type(ENTER)
    term.wait_for_prompt(notes_question().prompt)
    term.type(ESC_ENTER)
    term.wait_for(
        "1 question left for later stages (not asked at design): Measured uplift (from production)"
    )
    term.wait_for_text(f"Done. 1 change(s) saved in {doc_path}")
    assert term.finish() == 0
    assert UPLIFT.encode() not in term.raw  # never asked
    answers = load(doc_path, load_specs([folder])).step("results").answers
    assert answers == {"plan": "By segment", "curves": "Flat after 20k."}
