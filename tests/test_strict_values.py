"""TOML has native booleans, integers and dates: a value of another type is an error that
names the field and says what was expected, never silently coerced and written back."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from .conftest import load

STEP = '[chapters.metrics]\nstatus = "empty"\nrevision = 0\n'
ITEM = '\n[feasibility.items.problem_confirmed]\nstatus = "met"\n'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "review_interval_days = 90",
            "review_interval_days = true",
            "review_interval_days: expected a whole number, got true",
        ),
        (
            "review_interval_days = 90",
            'review_interval_days = "90"',
            'review_interval_days: expected a whole number, got text "90"',
        ),
        (
            "review_interval_days = 90",
            "review_interval_days = 90.0",
            "review_interval_days: expected a whole number, got 90.0",
        ),
        (STEP, STEP.replace("= 0", "= true"), "chapters.metrics.revision: expected a whole number"),
        (
            STEP,
            STEP.replace("= 0", '= "  7 "'),
            'metrics.revision: expected a whole number, got text "  7 "',
        ),
        (STEP, STEP.replace("= 0", "= 1.0"), "chapters.metrics.revision: expected a whole number"),
        (
            STEP,
            STEP + "updated = 1700000000\n",
            "chapters.metrics.updated: expected a date-time such as 2026-01-31T09:00:00Z, got "
            "1700000000",
        ),
        (
            STEP,
            STEP + 'updated = "2026-01-01T00:00:00Z"\n',
            "chapters.metrics.updated: expected a date-time such as 2026-01-31T09:00:00Z, got "
            'text "2026-01-01T00:00:00Z" (TOML writes dates without quotes)',
        ),
        (
            "created = 2026-11-01",
            'created = "2026-11-30"',
            'project.created: expected a date (YYYY-MM-DD), got text "2026-11-30"',
        ),
        (
            "created = 2026-11-01",
            "created = 2026-11-01T00:00:00Z",
            "project.created: expected a date (YYYY-MM-DD), got the date-time",
        ),
    ],
)
def test_wrong_toml_types_are_errors_never_coerced(
    doc_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    text = doc_path.read_text()
    assert old in text
    doc_path.write_text(text.replace(old, new, 1))
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "set", str(doc_path), "essentials", "--status", "draft")
    assert code == 2 and f"{doc_path}: " in err and expected in err, err
    assert "Input should" not in err and "unable to parse" not in err
    assert doc_path.read_bytes() == before  # never written back, coerced or not


@pytest.mark.parametrize("fatal", ['"yes"', '"off"', "1", "0"])
def test_fatal_must_be_a_toml_boolean(
    doc_path: Path, capsys: pytest.CaptureFixture[str], fatal: str
) -> None:
    doc_path.write_text(doc_path.read_text() + ITEM + f"fatal = {fatal}\n")
    code, _, err = run(capsys, "check", str(doc_path))
    assert code == 2
    assert f"feasibility.items.problem_confirmed.fatal: expected true or false, got {fatal}" in (
        err.replace("text ", "")
    )


def test_correct_toml_types_still_load(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    text = doc_path.read_text().replace(
        STEP, STEP.replace("= 0", "= 3") + "updated = 2026-11-02T10:00:00Z\n"
    )
    doc_path.write_text(text + ITEM + "fatal = false\n")
    assert run(capsys, "set", str(doc_path), "metrics", "--status", "draft")[0] == 0
    doc = load(doc_path, specs)
    assert doc.chapters["metrics"].revision == 3 and doc.feasibility.items["problem_confirmed"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "review_interval_days = true\n",
            "review_interval_days: expected a whole number, got true",
        ),
        (
            '[chapters.metrics]\nreview_interval_days = "30"\n',
            'chapters.metrics.review_interval_days: expected a whole number, got text "30"',
        ),
        (
            '[feasibility.items.problem_confirmed]\nstatus = "not-met"\nfatal = "yes"\n',
            'feasibility.items.problem_confirmed.fatal: expected true or false, got text "yes"',
        ),
        (
            '[chapters.baseline.answers]\nconstant_score = "0.5"\n',
            "baseline.constant_score: expected a number, got text",
        ),
        (
            '[chapters.metrics.answers]\nscores_used_as_probabilities = "yes"\n',
            "metrics.scores_used_as_probabilities: expected true or false, got text",
        ),
    ],
)
def test_an_answers_file_is_as_strict_as_the_document(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(content)
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(answers))
    assert code == 2 and f"{answers}: " in err and expected in err, err
    assert "Input should" not in err
    assert doc_path.read_bytes() == before


def test_values_typed_on_the_command_line_are_stored_with_their_type(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    assert run(capsys, "set", p, "baseline", "constant_score", "0.5")[0] == 0
    assert run(capsys, "set", p, "metrics", "scores_used_as_probabilities", "yes")[0] == 0
    doc = load(doc_path, specs)
    assert doc.chapters["baseline"].answers["constant_score"] == 0.5
    assert doc.chapters["metrics"].answers["scores_used_as_probabilities"] is True
    assert doc.chapters["metrics"].revision == 1 and doc.review_interval_days == 90


@pytest.mark.parametrize("digits", [4_301, 100_000])
def test_a_number_too_long_for_python_is_a_message_not_a_traceback(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str], digits: int
) -> None:
    """int() refuses more than 4,300 digits with a ValueError; typed on the command line
    (or pasted into the wizard, which parses through the same function) it is bad input."""
    code, _, err = run(capsys, "set", str(doc_path), "datasets", "labeled_examples", "9" * digits)
    assert code == 2
    assert f"a number of {digits:,} characters is too long" in err
    assert len(err) < 400  # the number is not echoed
    assert "labeled_examples" not in load(doc_path, specs).chapters["datasets"].answers
