"""QA9a #9: a solo author in ``--plain`` adds the people a question asks for without
leaving it (handle, name, role; the handle by the core's rules), in a real pty at 80x24:
a people question with no people yet offers to add one, a person question lists
"(add a person)" after the people and "(skip)"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core.specs import load_specs

from ..conftest import load
from .terminal import DOWN, ENTER, ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

WHO = """slug = "who"
title = "Who"
intro = "Who works on it."

[[questions]]
id = "crew"
title = "Team"
prompt = "Who is on the team?"
help = "The people who build it."
example = "ana, ben"
kind = "people"

[[questions]]
id = "decider"
title = "Decision owner"
prompt = "Who makes the final call?"
help = "One person."
example = "ana"
kind = "person"
"""

BACKSPACE = "\x7f"


def test_a_solo_author_adds_people_where_they_are_asked_for(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "who.toml").write_text(WHO)
    assert load(doc_path, load_specs([folder])).people == []
    term = start(terminals, doc_path, "who", cols=80)
    # The people question, with no people yet: add one first.
    term.wait_for("No people in the document yet.")
    term.wait_for("Add a person now?")
    term.type(ENTER)
    term.wait_for("Their handle, e.g. ana or j.smith")
    term.type_and_see("Zoë!")
    term.type(ENTER)
    term.wait_for("is not a valid handle: use ASCII letters")  # ë is a letter, not ASCII
    term.type(BACKSPACE * 4)
    term.type_and_see("sam")
    term.type(ENTER)
    term.wait_for("sam's full name?")
    term.type_and_see("Sam Solo")
    term.type(ENTER)
    term.wait_for("sam's role, e.g. ML engineer?")
    term.type_and_see("ML engineer")
    term.type(ENTER)
    term.wait_for("Added sam (Sam Solo, ML engineer).")
    # The list, the new person ticked, and the line that adds another.
    term.wait_for("Who is on the team?")
    term.wait_for("(add a person)")
    term.type(ENTER)
    # The person question: the people, "(skip)" (the cursor is on it), "(add a person)".
    term.wait_for("Who makes the final call?")
    term.wait_for("(add a person)")
    term.type(DOWN)
    term.type(ENTER)
    term.wait_for("Their handle, e.g. ana or j.smith")
    term.type_and_see("SAM")
    term.type(ENTER)
    term.wait_for("'sam' is already among the people")
    term.type(BACKSPACE * 3)
    term.type_and_see("bo")
    term.type(ENTER)
    term.wait_for("bo's full name?")
    term.type_and_see("Bo Kim")
    term.type(ENTER)
    term.wait_for("bo's role, e.g. ML engineer?")
    term.type_and_see("Sponsor")
    term.type(ENTER)
    term.wait_for("Added bo (Bo Kim, Sponsor).")
    term.wait_for("What else should a reader of this chapter know?")  # the free notes
    term.type(ESC_ENTER)
    term.wait_for("change(s) saved in")
    assert term.finish() == 0
    doc = load(doc_path, load_specs([folder]))
    assert [(p.handle, p.name, p.role) for p in doc.people] == [
        ("sam", "Sam Solo", "ML engineer"),
        ("bo", "Bo Kim", "Sponsor"),
    ]
    answers = doc.chapters["who"].answers
    assert answers == {"crew": ["sam"], "decider": "bo"}
