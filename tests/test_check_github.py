"""``check --format github`` driven as a CI step runs it: annotations, the most important
first (GitHub shows only the first 10 of each kind per step), and the Markdown summary of
every finding in ``$GITHUB_STEP_SUMMARY``; and what every CI format shares: exit codes, no
user-interface library loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from mldwizard.core.specs import load_specs

from .cli_run import cli
from .test_import_hygiene import _loaded_after

SEVERITY = {"error": 0, "warning": 1, "notice": 2}
COMMENT = 'line one | pipe\nline two <b>&"x"</b>'
"""A review comment: a finding's message with a pipe, a line break and HTML in it."""


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    return cli(capsys, *args)


def ok(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    return out


def many_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Every chapter answered (an MLD001 warning each: required answers missing); the first
    four owned by ana alone (an MLD003 warning each), the other twelve by nobody (an MLD002
    error each, found after the first chapters' warnings)."""
    doc = tmp_path / "many.toml"
    ok(capsys, "new", doc, "--no-input")
    for handle in ("ana", "tester"):
        ok(capsys, "person", doc, handle)
    answers = tmp_path / "answers.toml"
    chapters = load_specs().chapters
    lines = []
    for step in chapters:
        question = next(q for q in step.questions if q.kind in ("text", "long_text"))
        lines += [f"[chapters.{step.slug}.answers]", f'{question.id} = "Written for the check."']
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(capsys, "set", doc, "--from", answers)
    for step in chapters[:4]:
        ok(capsys, "set", doc, step.slug, "--owner", "ana")
    return doc


def check_json(capsys: pytest.CaptureFixture[str], *args: object) -> dict[str, Any]:
    _, out, _ = run(capsys, "check", *args, "--format", "json")
    data: dict[str, Any] = json.loads(out)
    return data


def annotations(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::")]


def kind(annotation: str) -> str:
    return annotation[2:].split(" ", 1)[0]


# ---- --format github: the most important first -----------------------------------------


def test_github_prints_errors_first_so_the_first_ten_shown_are_the_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = many_findings(tmp_path, capsys)
    data = check_json(capsys, doc)
    # As check finds them, a warning comes first: printed in that order, GitHub would show
    # warnings among its first annotations and hide errors.
    assert data["findings"][0]["severity"] == "warning"
    assert data["summary"]["error"] == 12 and data["summary"]["warning"] > 10

    code, out, err = run(capsys, "check", doc, "--format", "github")
    shown = annotations(out)
    assert len(shown) == len(data["findings"])
    assert [kind(a) for a in shown[:12]] == ["error"] * 12
    assert all("title=MLD002 " in a for a in shown[:10])
    ranks = [SEVERITY[kind(a)] for a in shown]
    assert ranks == sorted(ranks)  # errors, then warnings, then notices
    warnings = [a.split("title=", 1)[1].split(" ", 1)[0] for a in shown if kind(a) == "warning"]
    assert warnings == sorted(warnings)  # within a severity, by code
    # Within a code, in the document's chapter order (the sort is stable).
    errors = [a.split("title=MLD002 ", 1)[1].split("::", 1)[0] for a in shown[:12]]
    assert errors == [s.slug for s in load_specs().chapters[4:]]
    lines = out.splitlines()
    assert lines[-2] == (
        "mldwizard check: GitHub shows the first 10 annotations of each kind per step; not "
        f"shown there: 2 error(s), {data['summary']['warning'] - 10} warning(s) "
        "(all are in this log)"
    )
    assert lines[-1].startswith("mldwizard check: 12 error(s), ")
    assert code == 1 and err == ""


# ---- --format github: the step summary --------------------------------------------------


def run_in_ci(doc: Path, summary: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    """``mldwizard check`` as a GitHub Actions step runs it: a process of its own, with
    ``$GITHUB_STEP_SUMMARY`` in its environment."""
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(
        [sys.executable, "-m", "mldwizard", "check", str(doc), "--format", "github", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=doc.parent,
        timeout=120,
    )


def test_the_step_summary_lists_every_finding_and_is_appended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = many_findings(tmp_path, capsys)
    data = check_json(capsys, doc)
    counts = data["summary"]
    summary = tmp_path / "step_summary.md"
    summary.write_text("## An earlier step\n\nIts own summary.\n", encoding="utf-8")

    done = run_in_ci(doc, summary, "--fail-on", "warning")
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[-2].endswith("(all are in this log and the step summary)")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n\nIts own summary.\n## mldwizard check\n")
    assert (
        f"**{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info** "
        "in 1 document(s): fails (`--fail-on warning`)."
    ) in text
    assert (
        "Not shown as annotations (GitHub shows the first 10 of each kind per step, the most "
        f"important first): 2 error(s), {counts['warning'] - 10} warning(s)."
    ) in text
    heading = str(doc).replace("_", "\\_")  # Markdown-escaped, as every text from outside
    assert f"### {heading}: {len(data['findings'])} finding(s)" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "MLD" in line]
    assert len(rows) == len(data["findings"])
    for finding in data["findings"]:
        cells = (finding["severity"], finding["code"], finding["chapter"] or "-")
        assert any(row.startswith("| {} | {} | {} | ".format(*cells)) for row in rows)
    assert rows[0].startswith("| error | MLD002 | ")  # the most important first here too
    assert f"Reproduce locally:\n\n```text\nmldwizard check {doc} --fail-on warning\n```" in text

    # A second step (or run) appends its own summary after the first.
    assert run_in_ci(doc, summary).returncode == 1
    again = summary.read_text(encoding="utf-8")
    assert again.startswith(text) and again.count("## mldwizard check") == 2
    assert "passes" not in text and "fails (`--fail-on error`)." in again[len(text) :]


def test_the_summary_table_escapes_pipes_line_breaks_and_html(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(capsys, "person", doc_path, "ana")
    ok(capsys, "set", doc_path, "essentials", "summary", "Scores payments.", "--owner", "ana")
    ok(capsys, "review", doc_path, "essentials", "--by", "ana", "--comment", COMMENT)
    summary = doc_path.with_name("summary.md")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "check", doc_path, "--format", "github")
    text = summary.read_text(encoding="utf-8")
    [row] = [line for line in text.splitlines() if "| MLD031 |" in line]
    assert "\\|" in row and "<br>" in row and "<b>" not in row

    # As GitHub renders it: rows of four cells, the comment's text whole in the last.
    cells = table_cells(MarkdownIt("commonmark").enable("table").render(text))
    assert cells and all(len(row) == 4 for row in cells)
    [message] = [row[3] for row in cells if row[1] == "MLD031"]
    assert 'line one | pipe\nline two <b>&"x"</b>' in message


def table_cells(html: str) -> list[list[str]]:
    """The text of each body cell of each table row in ``html`` (a ``<br>`` is a newline)."""

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.cell = []
            elif tag == "br" and self.cell is not None:
                self.cell.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag == "td" and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Cells()  # character references converted
    parser.feed(html)
    return [row for row in parser.rows if row]


def test_a_summary_past_githubs_1_mib_lists_what_fits_and_counts_the_rest() -> None:
    """GitHub drops a step summary over 1 MiB whole: rows stop before it, and say so."""
    from mldwizard.core.checks import Finding
    from mldwizard.core.step_summary import step_summary

    findings = [
        Finding("MLD101", "warning", "d.toml", "essentials", f"{n}: " + "x" * 1000)
        for n in range(1500)
    ]
    text = step_summary(
        ["d.toml"], findings, limit=10, failed=False, fail_on="error", command="mldwizard check"
    )
    assert len(text.encode("utf-8")) < 1024 * 1024
    listed = sum(1 for line in text.splitlines() if line.startswith("| warning | MLD101 |"))
    assert 0 < listed < 1500
    assert f"{1500 - listed} more finding(s) not listed" in text
    assert text.endswith("```text\nmldwizard check\n```\n")


def test_an_unwritable_summary_is_a_warning_and_the_check_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = many_findings(tmp_path, capsys)
    _, expected, _ = run(capsys, "check", doc, "--format", "github")
    for target in (tmp_path, tmp_path / "no-such-folder" / "summary.md"):
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
        code, out, err = run(capsys, "check", doc, "--format", "github")
        assert code == 1  # as without a summary: the findings decide
        assert annotations(out) == annotations(expected)
        assert err.startswith(f"mldwizard: warning: cannot write the step summary to {target}: ")
        assert "Traceback" not in err and len(err.splitlines()) == 1
        assert out.splitlines()[-2].endswith("(all are in this log)")
    assert not (tmp_path / "no-such-folder").exists()


# ---- every format: the same exit code --------------------------------------------------


def test_every_format_exits_as_the_text_output_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = many_findings(tmp_path, capsys)
    quiet = tmp_path / "quiet.toml"
    ok(capsys, "new", quiet, "--no-input")
    broken = tmp_path / "broken.toml"
    broken.write_text("schema_version = [1\n", encoding="utf-8")
    for args, expected in (
        ((doc,), 1),
        ((quiet,), 0),
        ((quiet, "--fail-on", "warning"), 1),  # MLD011: the author is not among its people
        ((quiet, broken), 2),
    ):
        for fmt in ("text", "json", "github", "sarif", "junit"):
            code, out, err = run(capsys, "check", *args, "--format", fmt)
            assert code == expected, (args, fmt, err)
            if broken in args:
                assert "MLD015" in out, fmt


def test_the_ci_formats_load_no_ui_library(doc_path: Path) -> None:
    """``check`` must start fast in CI: none of its formats brings in Textual."""
    for fmt in ("github", "sarif", "junit"):
        assert _loaded_after(["check", str(doc_path), "--format", fmt]) == "LOADED []", fmt


def test_the_text_format_prints_each_finding_on_one_line(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA9b #2: a comment's second line, printed as a line of its own, was read by GitHub
    Actions as a workflow command (a forged annotation) when CI ran plain ``check``."""
    forged = "::error file=evil.py,line=1::PWNED"
    ok(capsys, "person", doc_path, "ana")
    ok(capsys, "set", doc_path, "essentials", "summary", "Scores payments.", "--owner", "ana")
    comment = f"inj\n{forged}\n  error   MLD999  essentials  forged row"
    ok(capsys, "review", doc_path, "essentials", "--by", "ana", "--comment", comment)
    _, out, _ = run(capsys, "check", doc_path)
    lines = out.splitlines()
    assert not any(line.lstrip().startswith("::") for line in lines)
    assert not any("MLD999" in line and "MLD031" not in line for line in lines)
    [row] = [line for line in lines if "MLD031" in line]
    assert f"inj ↵ {forged} ↵ error   MLD999" in row  # the comment's words all there
