"""``mldwizard status`` over several documents, one of them broken, and at 80 columns: the
broken one is named and the others still shown (QA9b #3: one stray bad file blanked the
README's portfolio command); the verdicts, what a portfolio row is for, are never cut, and
the step table leaves out its dates before it cuts an owner or a column (QA9b #4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from mldwizard.cli import status_view
from mldwizard.core.examples import example_path

from .cli_run import cli


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two copies of the bundled example and a broken file, named as a team would name
    them from the folder they are in."""
    monkeypatch.chdir(tmp_path)
    first, second = Path("ex.toml"), Path("ex2.toml")
    shutil.copy(example_path(), first)
    shutil.copy(example_path(), second)
    broken = Path("bad.toml")
    broken.write_text("x = [\n", encoding="utf-8")
    return [first, second, broken]


def test_a_broken_document_is_named_and_the_others_still_shown(
    documents: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "status", *documents)
    assert code == 2
    assert "bad.toml:1" in err and "invalid TOML" in err
    assert str(documents[0]) in out and str(documents[1]) in out
    assert f"{documents[2]}: does not load" in out
    code, out, err = cli(capsys, "status", *documents, "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert [d["path"] for d in data["documents"]] == [str(p) for p in documents[:2]]
    [broken] = data["unloadable"]
    assert broken["path"] == str(documents[2]) and "invalid TOML" in broken["error"]


def at_80_columns(monkeypatch: pytest.MonkeyPatch) -> Console:
    console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setattr(status_view, "_console", lambda: console)
    return console


def test_at_80_columns_no_verdict_owner_or_column_is_cut(
    documents: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    console = at_80_columns(monkeypatch)
    cli(capsys, "status", *documents[:2])
    portfolio = console.export_text()
    assert "…" not in portfolio
    rows = [line for line in portfolio.splitlines() if line.lstrip().startswith("ex")]
    assert len(rows) == 2
    assert all("simple-model" in r and "CONDITIONAL" in r for r in rows)
    assert all(len(line) <= 80 for line in portfolio.splitlines())

    console = at_80_columns(monkeypatch)
    cli(capsys, "status", documents[0])
    detail = console.export_text()
    assert "…" not in detail
    header = next(line for line in detail.splitlines() if "Freshness" in line)
    assert "Req." in header and "Updated" not in header
    assert "carmen, jonas" in detail  # an owner cell whole
    assert "Dates left out below 100 columns" in detail
