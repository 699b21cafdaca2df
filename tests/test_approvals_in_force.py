"""Approvals in force, said the same way everywhere (QA10c #5).

The bundled example's chapter 2 is approved by Carmen Vidal and Mira Okafor at revision 9,
its gate by Devika Rao and Mira Okafor at revision 5. A change to an approved step keeps
its approvals visible (every approver of the text approved last, never only the latest),
and takes it out of the "approved" count under the title (Markdown and HTML) and off the
sidebar's approved mark: the rule of its status line, the status table and MLD006.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown_header import progress
from mldwizard.core.specs import Specs
from mldwizard.tui.widgets.review_items import summary_line as review_summary
from mldwizard.tui.widgets.sidebar import step_state

from .approved_example import copy_example, make_example
from .cli_run import cli

HEADLINE = "16 of 16 chapters complete, "


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_example(tmp_path_factory)


@pytest.fixture
def example(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_example(made, tmp_path, monkeypatch)


def headline(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if HEADLINE in line)


def review_line(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    return next(line for line in markdown[start:].splitlines() if line.startswith("*Reviewed by"))


# ---- #5: every approver of the text approved last -----------------------------------------


def test_a_changed_step_names_every_approver_of_the_revision_approved(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[chapters.problem.answers]\nnotes = "The audit is repeated each quarter."\n\n'
        '[gate.answers]\nnotes = "The vendor add-on was looked at too."\n',
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "set", str(example), "--from", str(answers))
    assert code == 0, err
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")

    problem = review_line(markdown, "### 2. Is there a problem?")
    assert " · Approved by Carmen Vidal and Mira Okafor at revision 9 · " in problem
    assert "Changed since revision 9: Other notes" in problem
    gate = review_line(markdown, "### Should this be ML at all?")
    assert " · Approved by Devika Rao and Mira Okafor at revision 5 · " in gate

    code, out, _ = cli(capsys, "status", str(example))
    assert code == 0
    rows = [line for line in out.splitlines() if "(r9, " in line or "(r5, " in line]
    assert any("2. Is there a problem?" in r and "carmen, mira (r9, earlier)" in r for r in rows)
    assert any("Should this be ML at all?" in r and "devika, mira (r5, earlier)" in r for r in rows)


# ---- #5: the headline counts approvals in force -------------------------------------------


def test_the_headline_counts_a_changed_chapter_as_changed_not_approved(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    assert HEADLINE + "6 approved · " in headline(markdown)

    code, _, err = cli(capsys, "set", str(example), "essentials", "status_updates", "Weekly.")
    assert code == 0, err
    markdown = example.with_suffix(".md").read_text(encoding="utf-8")
    assert HEADLINE + "5 approved, 1 changed since its approval · " in headline(markdown)
    code, html, _ = cli(capsys, "export", str(example), "--format", "html")
    assert code == 0
    assert HEADLINE + "5 approved, 1 changed since its approval · " in html


def test_the_headline_says_how_many_changed_since_their_approval(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    assert progress(doc, specs) == HEADLINE + "6 approved"
    for slug in ("essentials", "metrics"):  # a hand edit, a merge: no new revision
        doc.step(slug).answers["notes"] = "Seen again in March."
    assert progress(doc, specs) == HEADLINE + "4 approved, 2 changed since their approval"


def test_the_sidebar_marks_a_changed_step_as_not_approved(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    essentials = specs.resolve("essentials")
    assert step_state(doc, essentials) == "approved"
    doc.step("essentials").answers["status_updates"] = "Weekly."  # a hand edit, a merge
    assert step_state(doc, essentials) == "complete"


def test_the_review_screen_says_the_approval_no_longer_counts(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    problem = specs.resolve("problem")
    line = review_summary(doc, problem, "mira").plain
    assert ", approved (revision 9); " in line and line.endswith("; approved by carmen, mira")
    doc.step("problem").answers["notes"] = "Quarterly."  # a hand edit, a merge
    line = review_summary(doc, problem, "mira").plain
    assert ", approved, changed (revision 9); " in line
    assert line.endswith("; approved by carmen, mira at revision 9, no longer counted")
