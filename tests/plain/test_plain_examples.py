"""Plain mode prints a question's help and example as they read: a list's example one item
per line, a text's list items and paragraphs on their own lines (the real program in a pty,
at 80x24), not one run-on paragraph."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.core import storage
from mldwizard.core.document import new_document
from mldwizard.core.specs import load_specs

from ..test_specs_listing import SPEC
from .terminal import ESC_ENTER, SPECS_DIR, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_examples_keep_their_items_on_their_own_lines(
    tmp_path: Path, terminals: list[PlainTerminal]
) -> None:
    folder = tmp_path / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "fairness.toml").write_text(SPEC, encoding="utf-8")
    specs = load_specs([folder])
    path = tmp_path / "doc.toml"
    doc = new_document("Doc", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    storage.create_document(path, doc, specs, "tester")
    term = start(terminals, path, "fairness")
    term.wait_for_prompt("Which groups could be treated worse?")
    lines = [line.strip() for line in term.text.splitlines()]
    assert "e.g. - German speakers" in lines, term.text
    assert "- Accounts under a year old" in lines, term.text
    term.type(ESC_ENTER)
    term.wait_for_prompt("What did you measure?")
    lines = [line.strip() for line in term.text.splitlines()]
    assert "e.g. Accuracy by language, measured on gold set v1:" in lines, term.text
    assert "- English: 0.91" in lines and "- German: 0.88" in lines, term.text
