"""``check --format sarif`` and ``--format junit`` from the command line, validated against
the official SARIF 2.1.0 JSON Schema and Jenkins' junit-10.xsd (vendored in tests/data, their
sources in tests/data/README.md)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema

from mldwizard.core.codes import CODES
from mldwizard.core.sarif import help_uri
from mldwizard.core.specs import load_specs

from .test_check_github import COMMENT, check_json, ok, run
from .test_living_git import AFTER, commit, init_repo, isolated_git  # noqa: F401 (autouse)
from .test_living_git import make_doc as make_git_doc

DATA = Path(__file__).parent / "data"


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
        assert rule["helpUri"] == help_uri(rule["id"])  # see test_every_rule_links_...
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
    # Not one chapter of a document that does not load reads as passed: each is skipped,
    # with the reason, and the error is the document's.
    cases = first.findall("testcase")
    chapters = [s.slug for s in load_specs().steps]
    assert [c.get("name") for c in cases] == [*chapters, "(document)"]
    *skipped, case = cases
    for chapter in skipped:
        [why] = list(chapter)
        assert why.tag == "skipped" and "does not load (MLD015)" in (why.get("message") or "")
    [error] = case.findall("error")
    assert error.get("type") == "MLD015" and '"a|b\\nc<i>&"' in (error.get("message") or "")
    assert case.find("skipped") is None
    counts = tuple(first.get(k) for k in ("tests", "failures", "errors", "skipped"))
    assert counts == (str(len(cases)), "0", "1", str(len(chapters)))
    assert second.get("skipped") == "0" and second.find("testcase/skipped") is None
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
