"""A handle names one person everywhere: an answers file cannot name one twice (the last
would win unseen, though ``set --from`` is all or nothing), and a handle that differs from a
person's only in case is refused (CODEOWNERS and review pickers would take them for one,
``review --by`` for two) (QA9b #7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli_run import cli


def test_an_answers_file_naming_a_handle_twice_is_refused_whole(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = doc_path.with_name("answers.toml")
    answers.write_text(
        '[project]\ntitle = "Changed"\n'
        '[[people]]\nhandle = "zed"\nname = "A"\n[[people]]\nhandle = "zed"\nname = "B"\n',
        encoding="utf-8",
    )
    before = doc_path.read_bytes()
    code, _, err = cli(capsys, "set", doc_path, "--from", answers)
    assert code == 2
    assert "answers.toml: people: handle 'zed' appears twice" in err
    assert doc_path.read_bytes() == before


def test_a_handle_differing_only_in_case_is_refused(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "person", doc_path, "mira")[0] == 0
    before = doc_path.read_bytes()
    code, _, err = cli(capsys, "person", doc_path, "MIRA")
    assert code == 2
    assert "'MIRA' differs from 'mira', already a person, only in case" in err
    assert doc_path.read_bytes() == before
    answers = doc_path.with_name("answers.toml")
    answers.write_text('[[people]]\nhandle = "Mira"\n', encoding="utf-8")
    assert cli(capsys, "set", doc_path, "--from", answers)[0] == 2
    # The person herself can still be edited.
    assert cli(capsys, "person", doc_path, "mira", "--name", "Mira Okafor")[0] == 0
