"""``check`` of several documents: a broken one is a finding (MLD015), never the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.codes import CODES
from mldwizard.core.unloadable import field_line

from .test_toml_limits import run_limited


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pair(doc_path: Path) -> tuple[Path, Path]:
    """A good document (with an MLD011 finding: the author is not among its people) and
    one whose metrics revision is a boolean, on line 31."""
    bad = doc_path.with_name("bad.toml")
    text = doc_path.read_text()
    lines = text.splitlines()
    at = lines.index("[chapters.metrics]") + 2
    assert lines[at] == "revision = 0"
    lines[at] = "revision = true"
    bad.write_text("\n".join(lines) + "\n")
    return doc_path, bad


def test_a_broken_document_is_a_json_finding_and_the_others_are_checked(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = pair
    code, out, err = run(capsys, "check", str(good), str(bad), "--format", "json")
    assert code == 2 and str(bad) in err
    data = json.loads(out)
    assert data["documents"] == [str(good), str(bad)] and data["failed"] is True
    by_doc = {f["document"]: f for f in data["findings"]}
    assert by_doc[str(good)]["code"] == "MLD011"
    broken = by_doc[str(bad)]
    line = bad.read_text().splitlines().index("revision = true") + 1
    assert broken == {
        "code": "MLD015",
        "severity": "error",
        "document": str(bad),
        "chapter": "metrics",
        "message": "does not load: chapters.metrics.revision: expected a whole number, got true",
        "details": {"line": line},
    }
    assert "MLD015" in CODES


def test_a_broken_document_is_a_github_annotation_on_its_line(
    pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = pair
    code, out, _ = run(capsys, "check", str(bad), str(good), "--format", "github")
    line = bad.read_text().splitlines().index("revision = true") + 1
    assert code == 2
    assert f"::error file={bad},line={line},title=MLD015 metrics::does not load: " in out
    assert f"::warning file={good},title=MLD011::" in out
    assert "1 error(s), 1 warning(s), 0 info in 2 document(s)" in out


def test_invalid_toml_and_a_missing_file_are_findings_in_text_output(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    syntax = tmp_path / "syntax.toml"
    syntax.write_text('schema_version = 1\n[project]\ntitle = "x\n')
    missing = tmp_path / "missing.toml"
    code, out, err = run(capsys, "check", str(doc_path), str(syntax), str(missing))
    assert code == 2 and "Traceback" not in err
    assert f"{doc_path}: 1 finding(s)" in out and "MLD011" in out
    assert f"{syntax}: 1 finding(s)" in out and "does not load: invalid TOML" in out
    assert f"{missing}: 1 finding(s)" in out and "does not load: no such document" in out
    code, out, _ = run(capsys, "check", str(syntax), "--format", "json")
    [finding] = json.loads(out)["findings"]
    assert finding["details"]["line"] == 3


def test_the_same_document_named_twice_is_checked_once(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(doc_path.parent)
    code, out, _ = run(capsys, "check", doc_path.name, f"./{doc_path.name}", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["documents"] == [doc_path.name]
    assert [f["code"] for f in data["findings"]] == ["MLD011"]
    code, out, _ = run(capsys, "status", doc_path.name, str(doc_path), "--format", "json")
    assert code == 0 and len(json.loads(out)["documents"]) == 1


@pytest.mark.parametrize(
    ("location", "line"),
    [
        ("review_interval_days", 2),
        ("project.created", 5),
        ("chapters.metrics.revision", 8),
        ("chapters.metrics.answers.x", 10),
        ("chapters.metrics.owners", 6),
        ("people[1].handle", 15),
        ("people[1]", 14),
        ("nothing.here", None),
    ],
)
def test_a_field_is_found_on_its_line(location: str, line: int | None) -> None:
    text = (
        "schema_version = 1\nreview_interval_days = 9\n[project]\ntitle = 'x'\n"
        "created = 2026-01-01\n[chapters.metrics]\nstatus = 'draft'\nrevision = true\n"
        "[chapters.metrics.answers]\nx = 1\n[[people]]\nhandle = 'a'\n\n[[people]]\n"
        "handle = 'b c'\n"
    )
    assert field_line(text, location) == line


def test_check_of_10000_broken_tables_is_linear(doc_path: Path) -> None:
    tables = "".join(f"\n[bogus{i}]\nx = 1\n" for i in range(10_000))
    first = len(doc_path.read_text().splitlines()) + 2
    doc_path.write_text(doc_path.read_text() + tables)
    proc = run_limited("check", doc_path.name, "--format", "json", cwd=doc_path.parent)
    assert proc.returncode == 2, proc.stderr[-2000:]
    findings = json.loads(proc.stdout)["findings"]
    assert len(findings) == 10_000
    assert [f["details"]["line"] for f in findings[:2]] == [first, first + 3]
    assert findings[-1]["details"]["line"] == first + 3 * 9_999
