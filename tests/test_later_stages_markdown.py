"""The document names what its stage puts off: a reviewer of a design-stage document sees
which questions are asked only later, grouped by stage, in each chapter (answered ones are
shown as answers instead)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mldwizard.core.document import new_document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import load_specs

from .spec_folders import ALPHA, chapter, question, spec_folder

BETA = chapter(
    "beta",
    question("plan")
    + question("curves", extra='from_stage = "prototype"\nrequired = true')
    + question("worst", extra='from_stage = "prototype"')
    + question("online", extra='from_stage = "pilot"'),
    head='after = "alpha"',
)


def _md(tmp_path: Path, stage: str, **answers: str) -> str:
    tmp_path.mkdir()
    specs = load_specs([spec_folder(tmp_path, alpha=ALPHA, beta=BETA)])
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.stage = stage  # type: ignore[assignment]
    doc.chapters["beta"].answers.update(answers)
    section = render_markdown(doc, specs).split("### Beta chapter", 1)[1]
    return section.split("\n### ", 1)[0]


def test_a_chapter_names_the_questions_left_for_later_stages(tmp_path: Path) -> None:
    empty = _md(tmp_path / "a", "design")
    assert "*Later stages: from prototype: Curves, Worst; from pilot: Online.*" in empty
    written = _md(tmp_path / "b", "design", plan="A plan.", worst="Found early.")
    assert "*Later stages: from prototype: Curves; from pilot: Online.*" in written
    assert "#### Worst" in written


def test_nothing_is_later_once_the_stage_asks_it(tmp_path: Path) -> None:
    assert "Later stages: from pilot: Online." in _md(tmp_path / "a", "prototype")
    assert "Later stages" not in _md(tmp_path / "b", "pilot")
