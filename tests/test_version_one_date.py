"""QA9a #12: a version one date before the document was started is a ``check`` warning
(MLD075); a date after it, or a document without one, says nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_run import cli


def _codes(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"] == "MLD075"]


def test_a_version_one_date_before_the_document_began_is_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.toml"
    assert cli(capsys, "new", path, "--no-input", "--title", "Plants")[0] == 0
    assert _codes(capsys, path) == []
    assert cli(capsys, "set", path, "essentials", "v1_date", "1999-01-01")[0] == 0
    [finding] = _codes(capsys, path)
    assert finding["severity"] == "warning" and finding["chapter"] == "essentials"
    assert "1999-01-01 is before the document was started (2026-11-30)" in str(finding["message"])
    assert cli(capsys, "set", path, "essentials", "v1_date", "2027-02-15")[0] == 0
    assert _codes(capsys, path) == []
