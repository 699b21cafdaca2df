"""The bundled example's Markdown, byte for byte, as reviewed by eye.

The files in tests/golden/ are what a team would read: the reader's document, the draft, and
the reader's document of the example with Parts III and IV not yet written (to show the
"Open questions" section). After a deliberate change to the layout, regenerate them with

    MLDWIZARD_UPDATE_GOLDEN=1 pytest tests/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mldwizard.core.document import Document, StepState
from mldwizard.core.examples import example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import Specs

from .conftest import load

GOLDEN = Path(__file__).parent / "golden"
UNWRITTEN_PARTS = ("intermediate-steps", "integration-and-growth")


def example(tmp_path: Path, specs: Specs) -> Document:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return load(path, specs)


def half_written(tmp_path: Path, specs: Specs) -> Document:
    doc = example(tmp_path, specs)
    for step in specs.chapters:
        if specs.parts[step.slug] in UNWRITTEN_PARTS:
            doc.chapters[step.slug] = StepState()
    return doc


CASES = {
    "example-reader.md": (example, False),
    "example-draft.md": (example, True),
    "example-half-written-reader.md": (half_written, False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_markdown(tmp_path: Path, specs: Specs, name: str) -> None:
    make, draft = CASES[name]
    text = render_markdown(make(tmp_path, specs), specs, draft=draft)
    golden = GOLDEN / name
    if os.environ.get("MLDWIZARD_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs; see tests/test_golden.py to regenerate"
