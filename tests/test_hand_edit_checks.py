"""QA10b without git: a date in the future (MLD113), an approval of a step not in review,
code paths that can never match a file of the repository (refused; MLD114 when stored).
The real CLI (``mldwizard.cli.main``) on the bundled example, dated as of the tests' clock.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core.code_path_rules import outside_problem

from .test_living_git import cli, ok


@pytest.fixture
def example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    doc = tmp_path / "d.toml"
    ok(capsys, "new", doc, "--example", "--no-input")
    return doc


def check(capsys: pytest.CaptureFixture[str], doc: Path) -> dict[str, Any]:
    code, out, err = cli(capsys, "check", doc, "--format", "json")
    assert code in (0, 1), err
    data: dict[str, Any] = json.loads(out)
    return data


def found(data: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["code"] == code]


def _set_in_table(doc: Path, table: str, line: str) -> None:
    """Set ``line`` (``key = value``) in the TOML table ``table``, replacing its key there."""
    text = doc.read_text()
    head = f"[{table}]\n"
    start = text.index(head) + len(head)
    end = text.find("\n[", start)
    body = text[start:end]
    key = line.split(" = ")[0]
    body = "".join(x for x in body.splitlines(True) if not x.startswith(f"{key} = "))
    doc.write_text(text[:start] + line + "\n" + body + text[end:])


# ---- QA10b #3: a date in the future ------------------------------------------------------


def test_a_reviewed_date_in_the_future_is_an_error(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not found(check(capsys, example), "MLD113")
    _set_in_table(example, "chapters.monitoring", "reviewed = 2099-01-01T00:00:00Z")
    [finding] = found(check(capsys, example), "MLD113")
    assert finding["severity"] == "error" and finding["chapter"] == "monitoring"
    assert finding["details"]["dates"] == {"reviewed": "2099-01-01T00:00:00+00:00"}
    assert "in the future" in finding["message"] and "2026-11-30" in finding["message"]
    code, out, _ = cli(capsys, "check", example)
    assert code == 1 and "MLD113" in out


def test_a_day_of_clock_skew_is_no_finding(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_in_table(example, "chapters.monitoring", "reviewed = 2026-12-01T11:00:00Z")
    assert not found(check(capsys, example), "MLD113")  # the clock says 2026-11-30T12:00Z


# ---- QA10b #10: approving a step that is not in review ---------------------------------


def test_approving_an_approved_step_is_refused_and_writes_nothing(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example.read_bytes()
    code, out, err = cli(capsys, "review", example, "metrics", "--by", "jonas", "--approve")
    assert code == 2 and out == ""
    assert "it is approved already" in err and "only a step in review can be approved" in err
    assert "Traceback" not in err
    assert example.read_bytes() == before


# ---- QA10b #11: code paths outside the repository ---------------------------------------


@pytest.mark.parametrize("glob", ["../../**", "/etc/**", "src/../../x", "~/src/**", "C:\\src"])
def test_a_code_path_that_can_never_match_is_refused(
    example: Path, capsys: pytest.CaptureFixture[str], glob: str
) -> None:
    before = example.read_bytes()
    code, _, err = cli(capsys, "set", example, "metrics", "--code-path", glob)
    assert code == 2 and "can never match" in err and "metrics.code_paths" in err, err
    assert example.read_bytes() == before
    answers = example.parent / "answers.toml"
    answers.write_text(f"[chapters.metrics]\ncode_paths = [{json.dumps(glob)}]\n")
    code, _, err = cli(capsys, "set", example, "--from", answers)
    assert code == 2 and "can never match" in err, err
    assert example.read_bytes() == before


def test_code_paths_inside_the_repository_are_kept() -> None:
    for glob in ("services/**", "./services/x.py", "a..b/**", "src/**/..x"):
        assert outside_problem(glob) is None, glob


def test_a_stored_code_path_outside_the_repository_is_reported(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "code_paths" not in example.read_text().split("[chapters.metrics]")[1].split("\n[")[0]
    _set_in_table(example, "chapters.metrics", 'code_paths = ["../../**"]')
    [finding] = found(check(capsys, example), "MLD114")
    assert finding["severity"] == "warning" and finding["chapter"] == "metrics"
    assert finding["details"]["code_paths"] == ["../../**"]
