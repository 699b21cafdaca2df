"""A name or value of a megabyte, typed into a document, an answers file or an argument,
is named in the message about it by its start and its length: the message stays short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.names import shown_name, shown_repr

BIG = "k" * 1_048_576
SHORTENED = "…(1,048,576 characters)"
MOST = 1_000  # characters of output: the message, never the megabyte


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_helper_keeps_short_names_and_cuts_long_ones() -> None:
    assert shown_name("metrics") == "metrics" and shown_repr("a'b") == repr("a'b")
    assert shown_name(BIG) == "k" * 60 + SHORTENED
    assert shown_repr(BIG) == repr("k" * 60) + SHORTENED
    assert shown_repr(10**100).endswith("…(101 characters)")


def insert_after(path: Path, header: str, line: str) -> None:
    text = path.read_text()
    assert f"\n{header}\n" in text
    path.write_text(text.replace(f"\n{header}\n", f"\n{header}\n{line}\n", 1))


DOCUMENT_CASES = {
    "unknown-field": lambda p: insert_after(p, "[project]", f"{BIG} = 1"),
    "unknown-question": lambda p: insert_after(p, "[chapters.metrics.answers]", f'{BIG} = "x"'),
    "unknown-chapter": lambda p: p.write_text(
        p.read_text() + f'\n[chapters.{BIG}]\nstatus = "draft"\n'
    ),
    "unknown-item": lambda p: p.write_text(
        p.read_text() + f'\n[feasibility.items.{BIG}]\nstatus = "met"\n'
    ),
    "integer-out-of-range": lambda p: insert_after(p, "[project]", f"{BIG} = {'9' * 30}"),
    "bad-handle": lambda p: p.write_text(
        p.read_text() + f'\n[[people]]\nhandle = "-{BIG}"\nname = "X"\n'
    ),
}


@pytest.mark.parametrize("command", ["show", "check", "status", "export"])
@pytest.mark.parametrize("case", list(DOCUMENT_CASES))
def test_a_megabyte_name_in_a_document_is_named_shortly(
    doc_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    if "[chapters.metrics.answers]" not in doc_path.read_text():
        doc_path.write_text(doc_path.read_text() + "\n[chapters.metrics.answers]\n")
    DOCUMENT_CASES[case](doc_path)
    code, out, err = run(capsys, command, str(doc_path))
    assert code == 2
    assert "…(1,048,57" in err and len(err) < MOST, err[:2000]
    assert len(out) < MOST


@pytest.mark.parametrize(
    ("line", "where", "message"),
    [
        (f"{BIG} = 1", "[project]", f"project.{'k' * 60}{SHORTENED}: unknown field"),
        (f"[chapters.{BIG}]", None, f"chapters.{'k' * 60}{SHORTENED}: no chapter spec"),
    ],
    ids=["key", "table"],
)
def test_check_json_names_it_shortly_with_its_line(
    doc_path: Path, capsys: pytest.CaptureFixture[str], line: str, where: str | None, message: str
) -> None:
    """The line of a field named by its start and length is still found."""
    if where is None:
        doc_path.write_text(doc_path.read_text() + f"\n{line}\nstatus = 'draft'\n")
    else:
        insert_after(doc_path, where, line)
    number = doc_path.read_text().splitlines().index(line) + 1
    code, out, _ = run(capsys, "check", str(doc_path), "--format", "json")
    assert code == 2 and len(out) < 2 * MOST
    (finding,) = json.loads(out)["findings"]
    assert finding["message"].startswith(f"does not load: {message}")
    assert finding["details"]["line"] == number


@pytest.mark.parametrize(
    "answers",
    [f'[chapters.metrics]\n{BIG} = "x"\n', f'[chapters.{BIG}]\nprimary = "x"\n'],
    ids=["question", "chapter"],
)
def test_a_megabyte_key_in_an_answers_file_is_named_shortly(
    doc_path: Path, capsys: pytest.CaptureFixture[str], answers: str
) -> None:
    path = doc_path.with_name("answers.toml")
    path.write_text(answers)
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(path))
    assert code == 2 and SHORTENED in err and len(err) < MOST, err[:2000]
    assert doc_path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["set", "{doc}", BIG],
        ["set", "{doc}", "metrics", BIG, "x"],
        ["set", "{doc}", "metrics", BIG],
        ["set", "{doc}", "metrics", "--status", BIG],
        ["set", "{doc}", "gate", "--override", BIG, "--reason", "why"],
        ["set", "{doc}", "feasibility", BIG, "met"],
        ["person", "{doc}", BIG, "--remove"],
        ["check", "{doc}", "--fail-on", BIG],
        ["export", "{doc}", "--format", BIG],
        [BIG],
    ],
    ids=[
        "chapter",
        "question",
        "question-without-value",
        "status",
        "override",
        "feasibility-item",
        "person",
        "argparse-choice",
        "argparse-format",
        "argparse-command",
    ],
)
def test_a_megabyte_argument_is_named_shortly(
    doc_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    argv = [a.replace("{doc}", str(doc_path)) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    _, err = capsys.readouterr()
    assert code == 2
    assert "…(1,048,57" in err and len(err) < 2 * MOST, err[:2000]
