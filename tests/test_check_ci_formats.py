"""``check``'s outputs for CI, driven from the command line as a CI step runs them: GitHub
annotations (the most important first) and the step summary, SARIF (validated against the
official SARIF 2.1.0 JSON Schema) and JUnit XML (validated against Jenkins' junit-10.xsd).
The schemas are vendored in tests/data (their sources: tests/data/README.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema
from markdown_it import MarkdownIt

from mldwizard.core.codes import CODES
from mldwizard.core.specs import load_specs

from .cli_run import cli
from .test_import_hygiene import _loaded_after
from .test_living_git import AFTER, commit, init_repo, isolated_git  # noqa: F401 (autouse)
from .test_living_git import make_doc as make_git_doc

DATA = Path(__file__).parent / "data"
SEVERITY = {"error": 0, "warning": 1, "notice": 2}
COMMENT = 'line one | pipe\nline two <b>&"x"</b>'


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


# ---- --format sarif --------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def sarif(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, "check", *args, "--format", "sarif")
    assert "Traceback" not in err
    log: dict[str, Any] = json.loads(out)
    sarif_validator().validate(log)
    return code, log


def test_sarif_of_the_bundled_example_is_valid_and_relative_to_the_repository(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = init_repo(tmp_path / "repo")
    doc = repo / "docs" / "design.toml"
    doc.parent.mkdir()
    ok(capsys, "new", doc, "--example", "--no-input")
    monkeypatch.chdir(tmp_path)  # not the repository's root: paths still start there
    data = check_json(capsys, doc)
    code, log = sarif(capsys, doc)
    assert code == run(capsys, "check", doc)[0]

    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    [one] = log["runs"]
    driver = one["tool"]["driver"]
    assert driver["name"] == "mldwizard" and driver["version"] and driver["informationUri"]
    codes = sorted({f["code"] for f in data["findings"]})
    assert [r["id"] for r in driver["rules"]] == codes
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] == CODES[rule["id"]]
        assert rule["helpUri"].endswith("#keeping-the-document-alive")
    results = one["results"]
    assert len(results) == len(data["findings"])
    headers = doc.read_text(encoding="utf-8").splitlines()
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, data["findings"], strict=True):
        assert result["ruleId"] == finding["code"]
        assert driver["rules"][result["ruleIndex"]]["id"] == finding["code"]
        assert result["level"] == level[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        [location] = result["locations"]
        where = location["physicalLocation"]
        assert where["artifactLocation"]["uri"] == "docs/design.toml"
        if finding["chapter"] in ("gate", "feasibility"):
            header = f"[{finding['chapter']}]"
        elif finding["chapter"]:
            header = f"[chapters.{finding['chapter']}]"
        else:  # about the whole document: its first line (GitHub needs one)
            assert where["region"] == {"startLine": 1}
            continue
        if header in headers:
            assert where["region"]["startLine"] == headers.index(header) + 1


def test_sarif_of_an_unloadable_document_is_valid_and_exits_2(
    tmp_path: Path,
    doc_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\n\n"a|b\\nc<i>&" = [1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no repository: paths are relative to where check runs
    code, log = sarif(capsys, doc_path, broken)
    assert code == 2
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "MLD015"]
    assert result["level"] == "error" and result["message"]["text"].startswith("does not load:")
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "broken.toml"
    assert where["region"]["startLine"] == 3 and where["region"]["startColumn"] >= 1
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"MLD015", "MLD011"}

    missing = tmp_path / "missing.toml"
    code, log = sarif(capsys, missing)
    assert code == 2 and [r["ruleId"] for r in log["runs"][0]["results"]] == ["MLD015"]
    # Outside the folder check runs in (and any repository): an absolute file URI.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, log = sarif(capsys, broken)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        broken.as_uri()
    )


def test_sarif_fingerprints_are_stable_across_runs_and_days(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(capsys, "person", doc_path, "ana")
    for chapter in ("essentials", "problem"):
        ok(capsys, "set", doc_path, chapter, "--owner", "ana")
    ok(capsys, "set", doc_path, "essentials", "summary", "Scores payments.")
    ok(capsys, "set", doc_path, "problem", "problem_statement", "Fraud costs money.")
    for text in ("First open question.", "Second open question."):
        ok(capsys, "review", doc_path, "essentials", "--by", "ana", "--comment", text)

    def fingerprints() -> list[tuple[str, str, str]]:
        _, log = sarif(capsys, doc_path)
        return [
            (r["ruleId"], r["message"]["text"], r["partialFingerprints"]["mldwizardFinding/v1"])
            for r in log["runs"][0]["results"]
        ]

    first, second = fingerprints(), fingerprints()
    assert first == second
    prints = [p for _, _, p in first]
    assert len(set(prints)) == len(prints)  # each finding its own
    assert sum(1 for code, _, _ in first if code == "MLD031") == 2

    # A week later the comments' age in the messages changed; they are the same findings.
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-07T12:00:00Z")
    later = fingerprints()
    assert [m for _, m, _ in later if "open for 7 day(s)" in m]
    assert [m for _, m, _ in later] != [m for _, m, _ in first]
    assert [p for _, _, p in later] == prints


def test_sarif_drift_points_at_the_chapter_and_names_the_changed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    doc = make_git_doc(monkeypatch, capsys, repo / "docs" / "design.toml", ["src/**"])
    commit(repo, AFTER, "change", write=("src/a.py", "src/sub dir/b.py"))
    _, log = sarif(capsys, doc)
    [drift] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "MLD005"]
    where = drift["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "docs/design.toml"
    line = doc.read_text(encoding="utf-8").splitlines().index("[chapters.essentials]") + 1
    assert where["region"]["startLine"] == line
    related = [r["physicalLocation"]["artifactLocation"]["uri"] for r in drift["relatedLocations"]]
    assert sorted(related) == ["src/a.py", "src/sub%20dir/b.py"]


def test_sarif_a_finding_about_a_code_file_is_placed_on_that_file(tmp_path: Path) -> None:
    """No check names a single code file yet (``details.file``); one that does is shown on
    that file, relative to the repository root, not on the document."""
    from mldwizard.core.checks import Finding
    from mldwizard.core.sarif import sarif_log

    doc = tmp_path / "docs" / "design.toml"
    finding = Finding(
        "MLD005", "warning", str(doc), "essentials", "changed", {"file": "src/a b.py"}
    )
    log = sarif_log([finding], {str(doc): tmp_path}, "1.0", tmp_path)
    sarif_validator().validate(log)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "src/a%20b.py"},
        "region": {"startLine": 1},
    }


# ---- --format junit --------------------------------------------------------------------


def junit(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, ET.Element]:
    code, out, err = run(capsys, "check", *args, "--format", "junit")
    assert "Traceback" not in err
    xmlschema.XMLSchema(str(DATA / "junit-10.xsd")).validate(out)
    return code, ET.fromstring(out)


def test_junit_counts_every_chapter_and_escapes_messages(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok(capsys, "person", doc_path, "ana")
    ok(capsys, "set", doc_path, "essentials", "summary", "Scores payments.", "--owner", "ana")
    ok(capsys, "set", doc_path, "problem", "problem_statement", "Fraud costs money.")
    ok(capsys, "review", doc_path, "essentials", "--by", "ana", "--comment", COMMENT)
    data = check_json(capsys, doc_path)
    slugs = [s.slug for s in load_specs().steps]

    for fail_on in ("error", "warning"):
        code, root = junit(capsys, doc_path, "--fail-on", fail_on)
        assert code == run(capsys, "check", doc_path, "--fail-on", fail_on)[0]
        [suite] = root.findall("testsuite")
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [*slugs, "(document)"]
        assert {c.get("classname") for c in cases} == {str(doc_path)}
        failing = [c for c in cases if c.find("failure") is not None]
        assert suite.get("tests") == str(len(cases)) == root.get("tests")
        assert suite.get("failures") == str(len(failing)) == root.get("failures")
        assert suite.get("errors") == "0" == root.get("errors")
        assert suite.get("skipped") == "0"
        at_or_above = [
            f
            for f in data["findings"]
            if f["severity"] == "error" or (fail_on == "warning" and f["severity"] == "warning")
        ]
        failures = [f for c in cases for f in c.findall("failure")]
        assert len(failures) == len(at_or_above) > 0
        assert sorted(f.get("type") or "" for f in failures) == sorted(
            f["code"] for f in at_or_above
        )
        # Below --fail-on: a line of the chapter's system-out; the test passes.
        outs = "\n".join(c.findtext("system-out") or "" for c in cases)
        below = [f for f in data["findings"] if f not in at_or_above]
        assert all(f["message"].splitlines()[0] in outs for f in below)

    # --fail-on warning: the comment is a failure; its message survives XML whole.
    [comment] = [f for f in failures if f.get("type") == "MLD031"]
    [finding] = [f for f in data["findings"] if f["code"] == "MLD031"]
    assert COMMENT in finding["message"] and comment.get("message") == finding["message"]
    assert comment.text is not None and comment.text.startswith("warning MLD031 line ")
    assert comment.text.endswith(finding["message"])
    [problem] = [c for c in cases if c.get("name") == "problem"]
    assert sorted(f.get("type") or "" for f in problem.findall("failure")) == ["MLD001", "MLD002"]


def test_junit_an_unloadable_document_is_an_error_and_exits_2(
    tmp_path: Path, doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\n\n"a|b\\nc<i>&" = [1\n', encoding="utf-8")
    code, root = junit(capsys, broken, doc_path)
    assert code == 2
    first, second = root.findall("testsuite")
    assert first.get("name") == str(broken) and second.get("name") == str(doc_path)
    [case] = first.findall("testcase")
    assert case.get("name") == "(document)"
    [error] = case.findall("error")
    assert error.get("type") == "MLD015" and '"a|b\\nc<i>&"' in (error.get("message") or "")
    assert (first.get("tests"), first.get("failures"), first.get("errors")) == ("1", "0", "1")
    assert root.get("errors") == "1"


def test_junit_and_sarif_show_control_characters_and_stay_parseable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d\x1b]0;x\x07.toml"
    ok(capsys, "new", doc, "--no-input")
    for fmt in ("junit", "sarif", "github"):
        code, out, _ = run(capsys, "check", doc, "--format", fmt)
        assert code in (0, 1) and "\x1b" not in out and "\x07" not in out
        assert "\\x1b" in out or "\\u001b" in out
    junit(capsys, doc)  # valid XML, valid against the schema
    sarif(capsys, doc)


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
