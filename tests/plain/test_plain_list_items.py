"""A list answer whose items hold several lines, in ``--plain`` in a real 80x24 terminal:
the prompt's default shows them as Markdown bullets, and accepting it keeps the document
byte for byte (before, the items came back split into lines, or were refused as repeated)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.list_text import BULLET_HINT
from mldwizard.core.specs import load_specs

from ..conftest import load
from .terminal import ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

BRIEF = """slug = "brief"
title = "Brief"
intro = "A chapter with one list question (and its notes)."

[[questions]]
id = "stakeholders"
title = "Stakeholders"
prompt = "Who must agree to the system?"
help = "h"
example = "Legal."
kind = "list"
"""
NOTES_PROMPT = "What else should a reader of this chapter know?"
ITEMS = [
    "Legal team:\n- must sign off\n  - in writing",
    "Data team, who run:\n```python\n# nightly job\nrun()\n```",
    "Ops:\n```\nrestart\n```",
]


def test_accepting_a_list_of_multi_line_items_keeps_the_document(
    doc_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "brief.toml").write_text(BRIEF)
    specs = load_specs([folder])
    brief = specs.resolve("brief")
    storage.update_document(
        doc_path, specs, "tester", lambda d: edits.set_answer(d, brief, "stakeholders", ITEMS)
    )
    before = doc_path.read_bytes()
    term = start(terminals, doc_path, "brief", cols=80)
    # The prompt with its default drawn (the cursor at its end, not on the "›" line).
    term.wait(
        lambda: term.shows("? Who must agree to the system?") and term.shows("restart ```"),
        "the list prompt and its default",
    )
    shown = term.text
    term.type(ESC_ENTER)
    term.wait_for_prompt(NOTES_PROMPT)
    term.type(ESC_ENTER)
    term.wait_for_text(f"Done. 0 change(s) saved in {doc_path}")
    assert term.finish() == 0
    assert load(doc_path, specs).step("brief").answers["stakeholders"] == ITEMS
    assert doc_path.read_bytes() == before
    # The default was shown as bullets, under a hint that says how to write them.
    assert f"({BULLET_HINT})" in shown, shown
    assert "› - Legal team:\n     - must sign off\n       - in writing\n   - Data team" in shown
