"""Plain mode in a real terminal: choices are shown by their labels, values are stored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core.specs import load_specs

from ..conftest import load
from .terminal import DOWN, ENTER, ESC_ENTER, SPACE, SPECS_DIR, UP, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

LABELLED = """slug = "labelled"
title = "Labelled choices"
intro = "Two choice questions whose choices have labels."

[[questions]]
id = "worse"
title = "Costlier kind of mistake"
prompt = "Which kind of mistake is worse?"
help = "h"
example = "Missed fraud costs more."
kind = "choice"
choices = [
    { value = "false-positives", label = "False positives are worse" },
    { value = "false-negatives", label = "False negatives are worse" },
]

[[questions]]
id = "stages"
title = "Release stages"
prompt = "Which release stages will you use?"
help = "h"
example = "Shadow first."
kind = "multi_choice"
choices = [
    { value = "shadow", label = "Shadow mode" },
    { value = "a-b-test", label = "A/B test" },
]
"""


def test_choices_read_as_labels_and_are_stored_as_values(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "labelled.toml").write_text(LABELLED)
    term = start(terminals, doc_path, "labelled")
    term.wait_for_prompt("Which kind of mistake is worse?")
    term.wait_for("False negatives are worse")
    assert term.shows("False positives are worse"), term.text
    assert "false-negatives" not in term.text, term.text
    assert "» (skip)" in term.text  # unanswered: the pointer starts on (skip), the last line
    term.type(UP)  # the choice above it: the second one
    term.type(ENTER)
    term.wait_for_prompt("Which release stages will you use?")
    term.wait_for("Shadow mode")
    assert term.shows("A/B test") and "a-b-test" not in term.text, term.text
    term.type(DOWN)
    term.type(SPACE)
    term.wait(lambda: "●" in term.text, "A/B test ticked")
    term.type(ENTER)
    term.wait_for_prompt("What else should a reader of this chapter know?")
    term.type(ESC_ENTER)  # the chapter's free notes, asked last: left empty
    term.wait_for_text(f"Done. 2 change(s) saved in {doc_path}")
    assert term.finish() == 0
    answers = load(doc_path, load_specs([folder])).step("labelled").answers
    assert answers == {"worse": "false-negatives", "stages": ["a-b-test"]}
