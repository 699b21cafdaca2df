"""A chapter's free notes in ``--plain``, in a real 80x24 terminal: asked after the last
question, a multi-line answer like any long text, skipped by an empty answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core.specs import load_specs

from ..conftest import load
from .terminal import ENTER, ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

BRIEF = """slug = "brief"
title = "Brief"
intro = "A chapter with one question (and, like every chapter, its notes)."

[[questions]]
id = "owner_team"
title = "Owning team"
prompt = "Which team owns the system?"
help = "h"
example = "Support platform."
kind = "text"
"""
NOTES_PROMPT = "What else should a reader of this chapter know?"


def _brief(doc_path: Path) -> Path:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "brief.toml").write_text(BRIEF)
    return folder


def test_a_note_typed_last_is_saved_in_the_toml(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = _brief(doc_path)
    term = start(terminals, doc_path, "brief", cols=80)
    term.wait_for_prompt("Which team owns the system?")
    term.type_and_see("Support platform")
    term.type(ENTER)
    term.wait_for_prompt(NOTES_PROMPT)
    assert term.shows("(Esc then Enter to finish; Enter alone starts a new line)"), term.text
    assert term.shows("Optional."), term.text  # its help says it may stay empty
    first = "Waiting on the data platform team for the 2024 archive."
    second = "Retention decision deferred to January."
    term.type_and_see(first)
    term.type(ENTER)
    term.type_and_see(second, shown=first + second)
    term.type(ESC_ENTER)
    term.wait_for_text(f"Done. 2 change(s) saved in {doc_path}")
    assert term.finish() == 0
    answers = load(doc_path, load_specs([folder])).step("brief").answers
    assert answers == {"owner_team": "Support platform", "notes": f"{first}\n{second}"}
    assert f'notes = """\n{first}\n{second}"""' in doc_path.read_text()


def test_an_empty_note_is_skipped(doc_path: Path, terminals: list[PlainTerminal]) -> None:
    folder = _brief(doc_path)
    term = start(terminals, doc_path, "brief", cols=80)
    term.wait_for_prompt("Which team owns the system?")
    term.type_and_see("Support platform")
    term.type(ENTER)
    term.wait_for_prompt(NOTES_PROMPT)
    term.type(ESC_ENTER)
    term.wait_for_text(f"Done. 1 change(s) saved in {doc_path}")
    assert term.finish() == 0
    answers = load(doc_path, load_specs([folder])).step("brief").answers
    assert answers == {"owner_team": "Support platform"}
