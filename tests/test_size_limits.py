"""QA10b #12: one limit for an answer's length, used by every face that stores answers, and
one for a document's size, checked before the file is parsed. The real CLI."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from mldwizard.core.limits import MAX_ANSWER_CHARS, MAX_DOCUMENT_BYTES

from .test_living_git import cli, ok


@pytest.fixture
def doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "d.toml"
    ok(capsys, "new", path, "--no-input")
    return path


def test_set_refuses_an_answer_over_the_limit(
    doc: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = doc.read_bytes()
    huge = "y" * 1_000_000
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(huge.encode())))
    code, _, err = cli(capsys, "set", doc, "essentials", "summary", "-")
    assert code == 2 and "Traceback" not in err
    assert f"over the {MAX_ANSWER_CHARS:,} an answer may hold" in err and "1,000,000" in err
    assert "essentials.summary" in err
    assert doc.read_bytes() == before
    answers = doc.parent / "answers.toml"
    answers.write_text(f'[chapters.essentials.answers]\nsummary = "{huge}"\n')
    code, _, err = cli(capsys, "set", doc, "--from", answers)
    assert code == 2 and "an answer may hold" in err, err
    assert doc.read_bytes() == before
    # At the limit it is kept.
    answers.write_text(f'[chapters.essentials.answers]\nsummary = "{"y" * MAX_ANSWER_CHARS}"\n')
    ok(capsys, "set", doc, "--from", answers)


def test_a_document_over_the_size_limit_is_refused_before_it_is_parsed(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = doc.read_text()
    pad = "# " + "x" * 1000 + "\n"
    doc.write_text(text + pad * (MAX_DOCUMENT_BYTES // len(pad) + 1))
    started = time.perf_counter()
    code, out, err = cli(capsys, "check", doc)
    assert code == 2 and "MLD015" in out
    assert "MiB a document may hold" in out + err
    assert time.perf_counter() - started < 10
    code, _, err = cli(capsys, "show", doc)
    assert code == 2 and "MiB a document may hold" in err and "Traceback" not in err


def test_a_document_of_a_megabyte_is_accepted(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = doc.read_text()
    pad = "# " + "x" * 1000 + "\n"
    doc.write_text(text + pad * 1100)  # 1.1 MB, as the export benchmark's document
    code, _, err = cli(capsys, "check", doc)
    assert code in (0, 1), err
