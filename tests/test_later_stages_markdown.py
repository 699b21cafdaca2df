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
    assert '*Later stages: "Curves", "Worst" (from prototype); "Online" (from pilot).*' in empty
    written = _md(tmp_path / "b", "design", plan="A plan.", worst="Found early.")
    assert '*Later stages: "Curves" (from prototype); "Online" (from pilot).*' in written
    assert "#### Worst" in written


def test_nothing_is_later_once_the_stage_asks_it(tmp_path: Path) -> None:
    assert 'Later stages: "Online" (from pilot).' in _md(tmp_path / "a", "prototype")
    assert "Later stages" not in _md(tmp_path / "b", "pilot")


def test_a_title_with_a_comma_stays_one_title(tmp_path: Path) -> None:
    """qa9c #15: "from production: Measured maintenance hours per month, Cost of complexity,
    measured" read as three titles, after a second colon."""
    beta = BETA.replace('title = "Worst"', 'title = "Worst, by hand"')
    specs = load_specs([spec_folder(tmp_path, alpha=ALPHA, beta=beta)])
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    section = render_markdown(doc, specs).split("### Beta chapter", 1)[1].split("\n### ", 1)[0]
    assert '"Curves", "Worst, by hand" (from prototype)' in section
    line = next(x for x in section.splitlines() if x.startswith("*Later stages"))
    assert line.count(":") == 1
