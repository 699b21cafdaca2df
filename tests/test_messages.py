"""Bad paths and bad bytes get a message that says what is wrong, in the same words
whichever command meets them."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.specs import Specs

from .test_special_files import no_hang


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with no_hang():
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_says_what_a_path_that_is_no_document_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "dir.toml").mkdir()
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "zero.toml").symlink_to(tmp_path / "fifo.toml")  # a link to a special file
    expected = {
        "dir.toml": "is a folder, not a document",
        "fifo.toml": "is a named pipe (FIFO), not a regular file",
        "zero.toml": "is a named pipe (FIFO), not a regular file",
    }
    for name, said in expected.items():
        path = str(tmp_path / name)
        for args in (
            ["set", path, "1", "summary", "x"],
            ["person", path, "ana", "--name", "Ana"],
            ["show", path],
            ["edit", path],
        ):
            code, _, err = run(capsys, *args)
            assert code == 2 and f"{path}: {said}" in err, (args, err)
            assert "no such document" not in err and "so not a" not in err


def test_a_missing_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``new`` creates a missing folder (tests/test_new_folder.py); every other command
    names it."""
    code, _, err = run(capsys, "set", str(tmp_path / "nodir" / "x.toml"), "1", "summary", "x")
    assert code == 2 and f"no such document: the folder {tmp_path / 'nodir'} does not" in err
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = run(capsys, "new", str(afile / "a.toml"), "--no-input")
    assert code == 2 and f"{afile} is not a folder" in err, err


def test_a_lock_file_that_cannot_be_used_is_named(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = doc_path.with_name(f".{doc_path.name}.lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()
    code, _, err = run(capsys, "set", str(doc_path), "1", "summary", "x")
    assert code == 2 and f"cannot use {lock} as its lock file: Is a directory" in err, err


def test_bytes_that_are_not_utf8_are_shown_with_their_value_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "x.toml"
    bad.write_bytes(b"\xef\xbb\xbfschema_version = 1\n# h\xc3\xa9llo \xdb\n")
    code, _, err = run(capsys, "show", str(bad))
    assert code == 2, err
    assert f"{bad}:2: not valid UTF-8: byte 0xDB at column 9 (byte offset 31)" in err
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ok\ncaf\xe9")))
    code, _, err = run(capsys, "set", str(doc), "essentials", "status_updates", "-")
    assert code == 2 and "line 2: not valid UTF-8: byte 0xE9 at column 4 (byte offset 6)" in err


def test_answers_from_a_pipe_or_standard_input(
    specs: Specs,
    doc_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(fifo))
    assert code == 2 and "is a named pipe (FIFO), not a regular file" in err, err
    assert "--from -" in err and "so not a file" not in err
    answers = b'[chapters.1.answers]\nsummary = "from a pipe"\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(answers)))
    code, out, err = run(capsys, "set", str(doc_path), "--from", "-")
    assert code == 0, err
    assert f"Applied <standard input> to {doc_path}." in out
    doc = storage.load_document(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "from a pipe"


def test_demo_leaves_an_unrelated_file_alone_and_names_a_file_given_as_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dm"
    folder.mkdir()
    mine = folder / "ticket-routing.toml"
    mine.write_text("hello = \n")
    code, _, err = run(capsys, "demo", str(folder))
    assert code == 2 and f"{mine} already exists and is not the example" in err, err
    assert "left alone" in err and mine.read_text() == "hello = \n"
    assert sorted(p.name for p in folder.iterdir()) == ["ticket-routing.toml"]
    afile = tmp_path / "some-file.toml"
    afile.write_text("x")
    code, _, err = run(capsys, "demo", str(afile))
    assert code == 2 and "it is a file, not a folder" in err and "File exists" not in err


def test_every_line_of_a_message_starts_with_the_program_name(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc_path.write_text(doc_path.read_text().replace("\nat = ", "\nat2 = ", 1))
    code, _, err = run(capsys, "set", str(doc_path), "1", "summary", "x")
    assert code == 2, err
    assert err.splitlines() == [
        f"mldwizard: {doc_path}: changelog[0].at: required field is missing",
        f"mldwizard: {doc_path}: changelog[0].at2: unknown field",
    ]
