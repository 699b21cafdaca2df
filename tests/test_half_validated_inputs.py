"""Inputs that were silently ignored or half validated: each is a clear usage error (exit
2) naming what is wrong, or does the right thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.kinds import ValueProblem, parse_text
from mldwizard.core.specs import Specs

from .conftest import load


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def with_ana(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "person", str(doc_path), "ana")[0] == 0
    return doc_path


@pytest.mark.parametrize(("status", "flag"), [("met", "--fatal"), ("partial", "--closable")])
def test_fatal_and_closable_apply_only_to_not_met_items(
    with_ana: Path, capsys: pytest.CaptureFixture[str], specs: Specs, status: str, flag: str
) -> None:
    before = with_ana.read_bytes()
    args = ["--owner", "ana", "--condition", "c"] if status != "met" else []
    code, _, err = run(
        capsys, "set", str(with_ana), "feasibility", "problem_confirmed", status, flag, *args
    )
    assert code == 2 and f"{flag} applies only to an item that is not-met" in err
    assert with_ana.read_bytes() == before
    code, _, err = run(
        capsys, "set", str(with_ana), "feasibility", "problem_confirmed", "not-met", "--fatal",
        "--owner", "ana", "--condition", "c",
    )  # fmt: skip
    assert code == 0, err
    assert load(with_ana, specs).feasibility.items["problem_confirmed"].fatal is True


def test_fatal_in_an_answers_file_applies_only_to_not_met_items(
    with_ana: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[feasibility.items.problem_confirmed]\nstatus = "met"\nfatal = true\n')
    code, _, err = run(capsys, "set", str(with_ana), "--from", str(answers))
    assert (
        code == 2
        and "feasibility.items.problem_confirmed.fatal applies only to an item that is not-met"
        in err
    )


@pytest.mark.parametrize(
    ("item", "args", "said"),
    [
        ("problem_confirmed", ["partial"], "an item that is partial"),
        ("problem_confirmed", ["unknown"], "an item that is unknown"),
        ("problem_confirmed", ["not-met", "--closable"], "a gap marked closable"),
        ("team_skills", ["not-met"], "a non-critical item that is not met"),
    ],
)
def test_a_gap_without_an_owner_is_named_by_its_status(
    doc_path: Path, capsys: pytest.CaptureFixture[str], item: str, args: list[str], said: str
) -> None:
    code, _, err = run(capsys, "set", str(doc_path), "feasibility", item, *args)
    assert code == 2 and f"{said}" in err and "needs an owner and a condition" in err


@pytest.mark.parametrize("flag", ["--code-path", "--link"])
def test_an_empty_code_path_or_link_is_refused(
    doc_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    before = doc_path.read_bytes()
    code, out, err = run(capsys, "set", str(doc_path), "metrics", flag, "")
    assert code == 2 and f"metrics: {flag} needs a value" in err and "Saved" not in out
    code, _, err = run(capsys, "set", str(doc_path), "metrics", flag, "src/**", flag, " ")
    assert code == 2 and doc_path.read_bytes() == before


def test_max_load_only_applies_with_suggest(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "owners", str(doc_path), "--max-load", "3")
    assert code == 2 and "--max-load only applies with --suggest" in err


def test_a_file_where_the_local_chapters_folder_belongs_is_an_error(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (doc_path.parent / ".mldwizard").mkdir()
    (doc_path.parent / ".mldwizard" / "chapters").write_text("slug = 'x'\n")
    code, _, err = run(capsys, "show", str(doc_path))
    assert code == 2 and ".mldwizard/chapters: not a folder" in err


@pytest.mark.parametrize("steps", ["0-3", "1-99", "99", "17-18"])
def test_workshop_steps_out_of_range_are_refused(
    doc_path: Path, capsys: pytest.CaptureFixture[str], steps: str
) -> None:
    code, _, err = run(capsys, "workshop", str(doc_path), "--steps", steps)
    assert code == 2 and "Traceback" not in err
    assert "the chapters are numbered 1-16" in err or "no chapter '99'" in err, err


@pytest.mark.parametrize("minutes", ["0", "-5", "1441", "99999999999999999999999"])
def test_workshop_minutes_are_checked_at_the_argument(
    doc_path: Path, capsys: pytest.CaptureFixture[str], minutes: str
) -> None:
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "workshop", str(doc_path), "--minutes", minutes)
    assert code == 2 and "--minutes must be between 1 and 1440" in err, err
    assert doc_path.read_bytes() == before


@pytest.mark.parametrize("text", ["١٢٣", "１２", "5_", "_5", "1__000", "1_", "inf", "nan", "0x10"])
def test_number_answers_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueProblem, match="digits 0-9"):
        parse_text("number", [text])


@pytest.mark.parametrize(
    ("text", "value"),
    [("42", 42), ("-7", -7), ("+3", 3), ("0.82", 0.82), ("1_000", 1000), (".5", 0.5), ("2e3", 2e3)],
)
def test_number_answers_in_ascii_still_parse(text: str, value: float) -> None:
    parsed = parse_text("number", [text])
    assert parsed == value and type(parsed) is type(value)


def test_a_unicode_number_is_refused_on_the_command_line(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "set", str(doc_path), "baseline", "constant_score", "١٢٣")
    assert (
        code == 2
        and "baseline.constant_score: expected a number, got '١٢٣' (write it with the digits 0-9"
        in err
    )


@pytest.mark.parametrize("author", ["ana\nbo", "ana\x1b]0;x\x07", "a\tb", "x\x9b"])
def test_an_author_with_control_characters_is_refused(
    doc_path: Path, capsys: pytest.CaptureFixture[str], author: str
) -> None:
    before = doc_path.read_bytes()
    code, _, err = run(
        capsys, "set", str(doc_path), "essentials", "summary", "x", "--author", author
    )
    assert code == 2 and "--author: a name is one line of text" in err
    assert doc_path.read_bytes() == before
