"""QA9a finding 1 in plain mode: a handle stored in a people or person answer that is not among
the document's people (a hand edit, a merge) is offered, marked, and kept. Before, the list
offered only the people: Enter on the ticks (unchanged) stored the answer without the handle,
and Enter on the person list put the first person in its place. A real pty at 80x24."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import load_specs

from ..conftest import load
from .terminal import DOWN, ENTER, ESC_ENTER, SPACE, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

CREW = """slug = "crew"
title = "Crew"
intro = "Who builds it, and who decides."

[[questions]]
id = "team"
title = "Team"
prompt = "Who is on the team?"
help = "h"
example = "ana, bo"
kind = "people"

[[questions]]
id = "lead"
title = "Lead"
prompt = "Who makes the final call?"
help = "h"
example = "ana"
kind = "person"
"""

PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'


def test_an_unknown_handle_is_offered_and_kept(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "crew.toml").write_text(CREW)
    answers = doc_path.with_name("answers.toml")
    answers.write_text(
        PEOPLE + '[chapters.crew.answers]\nteam = ["ana"]\nlead = "ana"\n', encoding="utf-8"
    )
    assert main(["set", str(doc_path), "--from", str(answers)]) == 0
    text = doc_path.read_text(encoding="utf-8")
    edited = text.replace('team = [\n    "ana",\n]', 'team = [\n    "ana",\n    "zoe",\n]')
    edited = edited.replace('lead = "ana"', 'lead = "zoe"')
    assert edited.count("zoe") == 2, text
    doc_path.write_text(edited, encoding="utf-8")

    term = start(terminals, doc_path, "crew")
    term.wait_for_prompt("Who is on the team?")
    term.wait_for("zoe (not among the document's people")
    term.type(DOWN)
    term.type(SPACE)  # tick bo
    term.type(ENTER)
    term.wait_for_prompt("Who makes the final call?")
    term.wait_for("zoe (not among the document's people")
    term.type(ENTER)  # the pointer starts on the stored answer: zoe stays
    term.wait_for_prompt("What else should a reader of this chapter know?")
    term.type(ESC_ENTER)
    term.wait_for_text(f"change(s) saved in {doc_path}")
    assert term.finish() == 0
    stored = load(doc_path, load_specs([folder])).step("crew").answers
    assert sorted(stored["team"]) == ["ana", "bo", "zoe"]
    assert stored["lead"] == "zoe"
