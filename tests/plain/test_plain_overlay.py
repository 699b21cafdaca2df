"""Plain mode asks an overlay's questions when the overlay applies (say, for a system built
on a language model), and not otherwise: the real program in a pty, at 80x24."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.core import storage
from mldwizard.core.document import new_document
from mldwizard.core.specs import load_specs, notes_question

from ..conftest import load
from ..spec_folders import ALPHA, BETA, overlay, question
from .terminal import ENTER, ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

NOTES_PROMPT = notes_question().prompt


@pytest.mark.parametrize(("flavour", "asked"), [("sweet", True), ("sour", False)])
def test_plain_mode_asks_the_overlays_questions_when_it_applies(
    tmp_path: Path, terminals: list[PlainTerminal], flavour: str, asked: bool
) -> None:
    folder = tmp_path / SPECS_DIR
    folder.mkdir(parents=True)
    files = {
        "alpha": ALPHA,
        "beta": BETA,
        "o": overlay("o", question("sugar", extra='chapter = "beta"')),
    }
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    specs = load_specs([folder])
    path = tmp_path / "cakes.toml"
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.chapters["alpha"].answers["flavour"] = flavour
    storage.create_document(path, doc, specs, "tester")

    term = start(terminals, path, "beta")
    term.wait_for_prompt("What about size?")
    term.type_and_see("Big")
    term.type(ENTER)
    term.wait_for_prompt("What about shape?")
    term.type_and_see("Round")
    term.type(ENTER)
    if asked:
        term.wait_for_prompt("What about sugar?")
        term.type_and_see("Cane")
        term.type(ENTER)
    term.wait_for_prompt(NOTES_PROMPT)
    assert not term.shows("What about sugar?") or asked, term.text
    term.type(ESC_ENTER)
    assert term.finish() == 0
    answers = load(path, specs).chapters["beta"].answers
    assert answers.get("sugar") == ("Cane" if asked else None)
    assert answers["size"] == "Big"
