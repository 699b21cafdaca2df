"""The lint in `check` (text, json, github), `mldwizard lint`, and silencing a finding for one
answer with a reason: stored in the document, shown, refused without a reason, stale when
the finding is gone."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core.examples import example_path

PLACEHOLDER = "Dispatchers route tickets by hand. Volume per week: TBD."


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def weak(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A document whose current process holds a placeholder (MLD101)."""
    assert cli(capsys, "person", doc_path, "ana", "--name", "Ana Lopez")[0] == 0
    code, _, err = cli(capsys, "set", doc_path, "problem", "current_process", PLACEHOLDER)
    assert code == 0, err
    return doc_path


def check_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"].startswith("MLD1")]


def stored(path: Path, slug: str) -> list[dict[str, Any]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    silenced: list[dict[str, Any]] = data["chapters"][slug].get("silenced", [])
    return silenced


def test_check_reports_a_weak_answer_in_every_format(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [finding] = check_json(capsys, weak)
    assert finding["code"] == "MLD101" and finding["severity"] == "warning"
    assert finding["chapter"] == "problem"
    assert finding["message"] == ("Current process: a placeholder where an answer should be: TBD")
    assert finding["details"]["question"] == "current_process"
    assert finding["details"]["fix"].startswith("Write what is known now")
    _, out, _ = cli(capsys, "check", weak)
    assert "warning MLD101  problem" in out and "Current process: a placeholder" in out
    _, out, _ = cli(capsys, "check", weak, "--format", "github")
    [line] = [x for x in out.splitlines() if "MLD101" in x]
    table = weak.read_text(encoding="utf-8").splitlines().index("[chapters.problem]") + 1
    assert line.startswith(f"::warning file={weak},line={table},title=MLD101 problem::")


def test_lint_lists_findings_with_the_fix_and_how_to_silence(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "lint", weak)
    assert code == 1
    assert "MLD101  2. Is there a problem? › Current process: a placeholder" in out
    assert "fix: Write what is known now" in out
    assert f"mldwizard lint {weak} --silence problem.current_process MLD101" in out
    code, out, _ = cli(capsys, "lint", weak, "--format", "json")
    [finding] = json.loads(out)["findings"]
    assert finding["question"] == "current_process" and finding["silenced"] is None
    assert cli(capsys, "lint", weak, "essentials")[:2] == (0, f"{weak}: 0 finding(s)\n")


def test_a_silence_is_stored_shown_and_ends_the_finding(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reason = "Volume is counted in the Q1 audit; the number goes in then."
    code, out, err = cli(
        capsys, "lint", weak, "--silence", "2.current_process", "MLD101", "--reason", reason,
        "--author", "ana",
    )  # fmt: skip
    assert code == 0, err
    assert out == f"MLD101 silenced for problem.current_process ({reason!r}).\n"
    [silence] = stored(weak, "problem")
    assert silence == {
        "question": "current_process", "code": "MLD101", "reason": reason, "by": "ana",
        "on": silence["on"], "answer": silence["answer"],
    }  # fmt: skip
    assert len(silence["answer"]) == 16
    assert str(silence["on"]) == "2026-11-30"
    assert check_json(capsys, weak) == []
    code, out, _ = cli(capsys, "lint", weak)
    assert (code, out) == (0, f"{weak}: 0 finding(s), 1 silenced\n")
    _, out, _ = cli(capsys, "lint", weak, "--all")
    assert f"silenced: {reason}" in out
    _, out, _ = cli(capsys, "lint", weak, "--all", "--format", "json")
    [finding] = json.loads(out)["findings"]
    assert finding["silenced"] == {"reason": reason, "by": "ana", "on": "2026-11-30"}


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--silence", "problem.current_process", "MLD101"], "a silence needs a reason"),
        (
            ["--silence", "problem.current_process", "MLD101", "--reason", "   "],
            "a silence needs a reason",
        ),
        (
            ["--silence", "problem.current_process", "MLD103", "--reason", "r"],
            "MLD103 (a number or a date is missing) is not found in problem.current_process",
        ),
        (["--silence", "problem.current_process", "MLD999", "--reason", "r"], "not a lint code"),
        (["--silence", "problem.nothing", "MLD101", "--reason", "r"], "has no question"),
        (["--silence", "current_process", "MLD101", "--reason", "r"], "CHAPTER.QUESTION"),
        (["--reason", "r"], "--reason goes with --silence"),
        (
            ["--silence", "problem.current_process", "MLD101", "--reason", " x "],
            "in a few words (at least 10 characters), not 'x'",
        ),
        (["--unsilence", "problem.current_process", "MLD101"], "is not silenced"),
    ],
)
def test_a_silence_without_a_reason_or_a_finding_is_refused(
    weak: Path, capsys: pytest.CaptureFixture[str], args: list[str], problem: str
) -> None:
    before = weak.read_bytes()
    code, _, err = cli(capsys, "lint", weak, *args)
    assert code == 2
    assert err.startswith("mldwizard: ") and problem in err
    assert weak.read_bytes() == before


def test_a_silence_whose_finding_is_gone_is_stale_in_check(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--silence", "problem.current_process", "MLD101", "--reason", "counted in Q1"]
    assert cli(capsys, "lint", weak, *args)[0] == 0
    fixed = "Dispatchers route tickets by hand, about 5,200 a week."
    assert cli(capsys, "set", weak, "problem", "current_process", fixed)[0] == 0
    [stale] = check_json(capsys, weak)
    assert stale["code"] == "MLD120" and stale["severity"] == "warning"
    assert stale["chapter"] == "problem"
    assert "MLD101 is silenced ('counted in Q1'), but no longer found there" in stale["message"]
    assert "--unsilence problem.current_process MLD101" in stale["message"]
    assert stale["details"] == {"question": "current_process", "silenced": "MLD101"}
    code, out, _ = cli(capsys, "lint", weak, "--unsilence", "problem.current_process", "MLD101")
    assert code == 0 and "reported again" in out
    assert stored(weak, "problem") == [] and check_json(capsys, weak) == []


def test_a_silence_without_a_reason_in_the_file_does_not_load(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = weak.read_text(encoding="utf-8")
    text += '\n[[chapters.problem.silenced]]\nquestion = "current_process"\ncode = "MLD101"\n'
    weak.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "lint", weak)
    assert code == 2 and "silenced" in err and "reason" in err and "Traceback" not in err


@pytest.mark.parametrize("when", ["2026-11-30T12:00:00Z", "2027-06-01T09:00:00Z"])
def test_the_bundled_example_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """Its findings are silenced with their reasons, and none is stale, now and later."""
    monkeypatch.setenv("MLDWIZARD_NOW", when)
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    assert check_json(capsys, path) == []
    code, out, _ = cli(capsys, "lint", path)
    assert (code, out) == (0, f"{path}: 0 finding(s), 2 silenced\n")


SOLUTION = "We need a model that predicts the right queue for each ticket. Details TBD."
REWRITTEN = "TODO: write the problem. We will train a neural network."


def test_a_silence_holds_for_its_answer_only(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA14 #3: silences given for one answer do not mute a rewritten answer's new
    placeholder and solution words; the old silences are stale in `lint`, `lint --all` and
    `check`, and silencing again replaces them."""
    assert cli(capsys, "set", doc_path, "problem", "problem_statement", SOLUTION)[0] == 0
    for code, reason in [("MLD101", "details follow"), ("MLD102", "we really do mean it")]:
        args = ["--silence", "problem.problem_statement", code, "--reason", reason]
        assert cli(capsys, "lint", doc_path, *args)[0] == 0
    assert cli(capsys, "lint", doc_path, "problem")[:2] == (
        0, f"{doc_path}: 0 finding(s), 2 silenced\n"
    )  # fmt: skip
    # Re-wrapping the same answer keeps the silences.
    wrapped = SOLUTION.replace(". ", ".\n  ")
    assert cli(capsys, "set", doc_path, "problem", "problem_statement", wrapped)[0] == 0
    assert cli(capsys, "lint", doc_path, "problem")[0] == 0
    assert cli(capsys, "set", doc_path, "problem", "problem_statement", REWRITTEN)[0] == 0
    for extra in ([], ["--all"]):
        code, out, _ = cli(capsys, "lint", doc_path, "problem", *extra)
        assert code == 1
        assert out.startswith(f"{doc_path}: 2 finding(s), 2 stale silence(s) (MLD120)\n")
        assert "MLD101  2. Is there a problem? › Problem statement: a placeholder" in out
        assert "TODO" in out and "'neural network'" in out and "silenced:" not in out
        assert out.count("the answer changed since it was silenced (the finding shows again)") == 2
        assert "--unsilence problem.problem_statement MLD102" in out
        assert out.count("MLD120") == 3
    code, out, _ = cli(capsys, "lint", doc_path, "--format", "json")
    data = json.loads(out)
    assert {f["code"] for f in data["findings"]} == {"MLD101", "MLD102"}
    assert [s["silenced"] for s in data["stale_silences"]] == ["MLD101", "MLD102"]
    found = check_json(capsys, doc_path)
    assert sorted(f["code"] for f in found) == ["MLD101", "MLD102", "MLD120", "MLD120"]
    # Silencing again, for the new answer, replaces the stale silence.
    args = ["--silence", "problem.problem_statement", "MLD101", "--reason", "written next week"]
    assert cli(capsys, "lint", doc_path, *args)[0] == 0
    assert [s["reason"] for s in stored(doc_path, "problem")] == [
        "we really do mean it", "written next week"
    ]  # fmt: skip
    assert sorted(f["code"] for f in check_json(capsys, doc_path)) == ["MLD102", "MLD120"]


def test_a_silence_written_before_fingerprints_holds_for_the_question(
    weak: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A silence with no `answer` (written by an older mldwizard) still loads and still
    silences its finding, whatever the answer; it goes stale only once the finding is gone."""
    text = weak.read_text(encoding="utf-8")
    text += (
        '\n[[chapters.problem.silenced]]\nquestion = "current_process"\ncode = "MLD101"\n'
        'reason = "Volume is counted in the Q1 audit"\n'
    )
    weak.write_text(text, encoding="utf-8")
    assert cli(capsys, "lint", weak)[:2] == (0, f"{weak}: 0 finding(s), 1 silenced\n")
    changed = "Dispatchers route tickets by hand. Volume per month: TODO."
    assert cli(capsys, "set", weak, "problem", "current_process", changed)[0] == 0
    assert cli(capsys, "lint", weak)[:2] == (0, f"{weak}: 0 finding(s), 1 silenced\n")
    assert "answer" not in stored(weak, "problem")[0]
    fixed = "Dispatchers route tickets by hand, about 5,200 a week."
    assert cli(capsys, "set", weak, "problem", "current_process", fixed)[0] == 0
    code, out, _ = cli(capsys, "lint", weak)
    assert code == 1 and "MLD101 is silenced" in out and "no longer found there:" in out


def lint_json(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "lint", path, "--format", "json")
    assert code in (0, 1), err
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def test_the_lint_reads_what_the_tester_wrote(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA14 #10, as run: `set` then `lint --format json`."""

    def codes(chapter: str, question: str, text: str) -> list[str]:
        assert cli(capsys, "set", doc_path, chapter, question, text)[0] == 0
        return [f["code"] for f in lint_json(capsys, doc_path) if f["question"] == question]

    assert codes("metrics", "target_values", "Better than version 2 of the rules") == ["MLD103"]
    assert codes("metrics", "target_values", "Improve accuracy, see Q3 review") == ["MLD103"]
    assert codes("metrics", "target_values", "Accuracy at least ninety percent") == []
    statement = (
        "Agents re-route 1,000 tickets a week, 40 minutes each. Our pricing model charges per "
        "seat. Customers email about their AI assistant add-on."
    )
    assert codes("problem", "problem_statement", statement) == []
    assert "MLD102" in codes("problem", "problem_statement", "Build a recommender system.")
    assert codes("problem", "current_process", "Volume: T.B.D.") == ["MLD101"]
    handle = "@" + "x" * 5000
    assert codes("monitoring", "paging_policy", f"Pages go to {handle}.") == ["MLD107"]
    code, out, _ = cli(capsys, "lint", doc_path, "monitoring")
    assert code == 1 and "@" + "x" * 38 + "…" in out and "x" * 40 not in out
    assert max(len(line) for line in out.splitlines()) < 300
