"""``chapter --plain`` in a real terminal says which rescue copies of the document exist
(newest first, with their time) before its first question."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mldwizard.core.specs import Specs

from .terminal import PlainTerminal, prompt_of, start


def test_the_copies_are_listed_before_the_first_question(
    terminals: list[PlainTerminal], doc_path: Path, specs: Specs
) -> None:
    old = doc_path.with_name(f"{doc_path.stem}.unsaved-20261201T101500Z.toml")
    new = doc_path.with_name(f"{doc_path.stem}.unsaved-20261203T080000Z.toml")
    for path in (old, new):
        shutil.copyfile(doc_path, path)
    term = start(terminals, doc_path, "essentials")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    # All that was written (the notice has scrolled out of the 24 rows by now), without
    # escape sequences and spaces (long paths are wrapped to the terminal's width).
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\s", "", term.raw.decode("utf-8", "replace"))
    notice = text.index("2unsavedcopiesofdesign.toml")
    assert notice < text.index(new.name) < text.index(old.name) < text.index("mldwizardshow")
    assert "2026-12-0308:00UTC" in text
    assert text.index("mldwizardshow") < text.index("Inoneparagraph")  # the first question
