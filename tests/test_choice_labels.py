"""Choice labels read right under the heading they appear under (qa9c #12).

The reader's document shows a choice as its question's title (a heading, never a question)
followed by the label. A label that answers the wizard's prompt with a bare "Yes" or "No"
("Gain needed over a heuristic" / "No, only a large gain pays") reads as the opposite of what
was chosen there, so no built-in label does; the slugs stay, so stored documents still load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.examples import example_path
from mldwizard.core.specs import Specs, load_specs
from mldwizard.core.storage import load_document

BARE_YES_NO = re.compile(r"(?:yes|no)(?:[,.:;!]|$)", re.I)
"""A label that opens with an answer to a yes/no prompt ("Yes, fully", "No", "No, nothing
fits"); "No fallback" or "None yet" name what was chosen and read right under a heading."""


def choice_questions(specs: Specs) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [
        (f"{step.slug}.{q.id}", q.title, list(q.choice_labels.items()))
        for step in specs.steps
        for q in step.questions
        if q.kind in ("choice", "multi_choice")
    ]


def test_the_rule_sees_the_labels_the_tester_read_wrongly() -> None:
    for label in ("No, only a large gain pays", "Yes, fully", "No", "Yes: committed"):
        assert BARE_YES_NO.match(label), label
    for label in ("No fallback", "None yet", "Nobody can say", "Not at all", "Not needed"):
        assert not BARE_YES_NO.match(label), label


def test_no_label_answers_the_prompt_instead_of_its_heading(specs: Specs) -> None:
    questions = choice_questions(specs)
    assert len(questions) >= 25
    wrong = [
        f"{qid} ({title!r}): {label!r}"
        for qid, title, labels in questions
        if not title.endswith("?")  # titles are headings (tests/test_specs.py)
        for _, label in labels
        if BARE_YES_NO.match(label)
    ]
    assert wrong == []


def test_no_example_of_a_choice_opens_with_a_bare_yes_or_no(specs: Specs) -> None:
    """A choice's example opens with the label it picks ("Only partly: senior agents...")."""
    wrong = [
        f"{step.slug}.{q.id}"
        for step in specs.steps
        for q in step.questions
        if q.kind in ("choice", "multi_choice") and BARE_YES_NO.match(q.example.strip())
    ]
    assert wrong == []


def test_the_bundled_examples_reasons_quote_the_gates_labels() -> None:
    """The example explains its gate answers as **Why "LABEL":**; each quote is the label of
    an answer given (it said "A large gain is needed" under a "No, only a large gain pays")."""
    specs = load_specs()
    assert specs.gate is not None
    answers = load_document(example_path(), specs).gate.answers
    shown = {
        q.choice_labels[answers[q.id]]
        for q in specs.gate.questions
        if q.kind == "choice" and q.id in answers
    }
    quoted = re.findall(r'(?:Why|and not) "([^"]+)"', answers["notes"])
    assert len(quoted) >= 5
    assert "A large gain is needed" in quoted
    not_given = {"Hundreds of thousands"}  # "Why "Thousands" and not "Hundreds of thousands""
    assert set(quoted) - not_given <= shown, set(quoted) - shown


def test_the_exported_example_reads_each_label_under_its_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ex.toml"
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    capsys.readouterr()
    assert main(["export", str(path)]) == 0
    exported = capsys.readouterr().out
    for title, label in [
        ("Gain needed over a heuristic", "A large gain is needed"),
        ("Expert rules", "Only partly"),
        ("Fields a rule could read", "Enough for only some cases"),
        ("Someone pays for the gain", "Committed"),
        ("Existing model or API", "Falls short on our data"),
    ]:
        assert f"#### {title}\n\n{label}\n" in exported, title
