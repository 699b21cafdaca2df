"""`check` findings MLD001-MLD011, `status` (one document and a portfolio) and `review`.

Every finding is produced from a clean document that has none, by the smallest change that
should trigger it, next to a near miss that should not. No git here: the documents have no
code paths (drift has its own tests in test_living_git.py).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from mldwizard.cli import main
from mldwizard.core.codes import CODES
from mldwizard.core.gate_spec import LEVEL_LABEL
from mldwizard.core.specs import Specs, load_specs

from .conftest import load
from .feasibility_docs import all_items, described

CREATED = "2026-11-01T12:00:00Z"
CHECKED = "2026-11-30T12:00:00Z"

Run = Callable[..., str]
SPECS = load_specs()


@pytest.fixture(autouse=True)
def no_repository_above(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ok(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> str:
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        return out

    return run


def write_answers(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


CLEAN = """
[[people]]
handle = "ana"
name = "Ana Lopez"
[[people]]
handle = "bo"
name = "Bo Chen"
[[people]]
handle = "tester"

[chapters.essentials]
owners = ["ana", "bo"]
[chapters.essentials.answers]
summary = "Scores card payments."
team = ["ana", "bo"]
stakeholders = ["Risk team"]
milestones = ["v1 in March"]
principles = ["start-simple"]
definition_of_done = "Live on all traffic."
"""

HEURISTIC_GATE = """
[gate]
owners = ["ana", "bo"]
[gate.answers]
expert_rule = "fully"
patterns = "a-handful"
stability = "stable"
input_type = "few-fields"
labelled_data = "none"
explanation = "deterministic"
error_cost = "low"
gain_needed = "large-gain-needed"
would_pay = "committed"
existing_model = "none"
"""

METRICS = """
[chapters.metrics]
owners = ["ana", "bo"]
[chapters.metrics.answers]
business_metric = "Fraud losses per 1,000 EUR of volume."
"""


@pytest.fixture
def make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ok: Run) -> Callable[..., Path]:
    """A clean document (no findings at all), then an optional answers file on top."""

    def build(
        name: str = "design.toml", extra: str = "", when: str = CREATED, title: str | None = None
    ) -> Path:
        monkeypatch.setenv("MLDWIZARD_NOW", when)
        path = tmp_path / name
        ok("new", path, "--no-input", *(["--title", title] if title else []))
        ok("set", path, "--from", write_answers(tmp_path / f"{path.stem}.clean.toml", CLEAN))
        if extra:
            ok("set", path, "--from", write_answers(tmp_path / f"{path.stem}.extra.toml", extra))
        monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
        return path

    return build


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]) -> Callable[..., list[dict[str, Any]]]:
    def run(*paths: Path) -> list[dict[str, Any]]:
        code, out, err = cli(capsys, "check", *paths, "--format", "json")
        assert code in (0, 1), err
        findings: list[dict[str, Any]] = json.loads(out)["findings"]
        return findings

    return run


def codes(findings: list[dict[str, Any]]) -> set[str]:
    return {f["code"] for f in findings}


CRITICAL_MET = ("--item", "one_decision_owner", "--mark", "met")
"""Essentials' one critical review item, Met: no approval without it."""


def only(findings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] == code]


def edit_toml(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the document by hand, as someone with an editor would (no validation)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def test_the_clean_document_has_no_findings(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    assert check(make()) == []


def test_every_code_is_documented() -> None:
    numbers = [int(code.removeprefix("MLD")) for code in CODES]
    assert numbers == sorted(set(numbers)) and numbers[:23] == list(range(1, 24))
    assert {"MLD025", "MLD030", "MLD031", "MLD032"} <= set(CODES)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert all(code in readme for code in CODES)


# ---- MLD001 required answers missing -----------------------------------------------------


def test_mld001_required_missing_in_draft_is_a_warning(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "essentials", "definition_of_done", "--clear")
    [finding] = only(check(path), "MLD001")
    assert finding["severity"] == "warning" and finding["chapter"] == "essentials"
    assert finding["details"] == {"missing": ["definition_of_done"]}
    assert "(draft)" in finding["message"] and "1 required answer(s)" in finding["message"]


@pytest.mark.parametrize("status", ["review", "approved"])
def test_mld001_required_missing_in_review_or_approved_is_an_error(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    status: str,
) -> None:
    path = make()
    ok("set", path, "essentials", "--status", "review")
    assert "MLD001" not in codes(check(path))  # all required answered: nothing to say
    ok("set", path, "essentials", "definition_of_done", "--clear", "--status", status)
    [finding] = only(check(path), "MLD001")
    assert finding["severity"] == "error"
    assert finding["details"]["missing"] == ["definition_of_done"]
    assert f"({status})" in finding["message"]


def test_mld001_counts_feasibility_items_without_a_status(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], specs: Specs
) -> None:
    path = make(
        extra="""
[feasibility]
owners = ["ana", "bo"]
[feasibility.items.problem_confirmed]
status = "met"
"""
    )
    [finding] = only(check(path), "MLD001")
    assert finding["chapter"] == "feasibility" and finding["severity"] == "warning"
    assert specs.feasibility is not None
    expected = [i.id for i in specs.feasibility.items if i.id != "problem_confirmed"]
    assert finding["details"]["missing"] == expected


def test_mld001_not_for_a_question_hidden_by_its_condition(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], specs: Specs
) -> None:
    """reporting.success_criterion is required only when an online test is planned."""
    reporting = specs.resolve("reporting")
    hidden = {q.id for q in reporting.questions if q.required and q.when is not None}
    base = """
[chapters.reporting]
owners = ["ana", "bo"]
[chapters.reporting.answers]
hypotheses = "h"
stopping_rules = "s"
reporting = "r"
"""
    path = make(extra=base + 'experiment_design = "no-online-test"\n')
    missing = only(check(path), "MLD001")
    assert all(not set(f["details"]["missing"]) & hidden for f in missing)
    path = make("other.toml", extra=base + 'experiment_design = "a-b-test"\n')
    [finding] = [f for f in only(check(path), "MLD001") if f["chapter"] == "reporting"]
    assert set(finding["details"]["missing"]) == hidden


# ---- MLD002 / MLD003 owners --------------------------------------------------------------


def test_mld002_answered_without_owner_is_an_error(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "essentials", "--owner", "")
    [finding] = only(check(path), "MLD002")
    assert finding["severity"] == "error" and finding["chapter"] == "essentials"
    assert "MLD003" not in codes(check(path))


def test_mld002_not_for_an_unanswered_step_without_owner(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "problem", "--link", "https://example.com/T-1")  # stored, not answered
    assert check(path) == []
    ok("set", path, "problem", "--status", "draft")
    assert codes(check(path)) == {"MLD001"}  # a draft still lists what is missing


def test_mld003_one_owner_is_a_warning(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "essentials", "--owner", "ana")
    [finding] = only(check(path), "MLD003")
    assert finding["severity"] == "warning" and finding["details"] == {"owners": ["ana"]}
    assert "MLD002" not in codes(check(path))
    ok("set", path, "essentials", "--owner", "ana,bo")
    assert check(path) == []


# ---- MLD004 review overdue ---------------------------------------------------------------


def test_mld004_review_overdue_against_the_document_interval(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    tmp_path: Path,
) -> None:
    path = make()  # essentials changed 2026-11-01, checked 2026-11-30
    interval = tmp_path / "interval.toml"
    ok("set", path, "--from", write_answers(interval, "review_interval_days = 29\n"))
    assert "MLD004" not in codes(check(path))  # due 2026-11-30: today is not overdue
    ok("set", path, "--from", write_answers(interval, "review_interval_days = 28\n"))
    [finding] = only(check(path), "MLD004")
    assert finding["severity"] == "warning" and finding["chapter"] == "essentials"
    assert finding["details"] == {"due": "2026-11-29"}
    assert "(1 day(s) ago)" in finding["message"]
    assert load(path, SPECS).chapters["essentials"].revision == 1


def test_mld004_per_step_interval_overrides_the_document(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make()
    answers = tmp_path / "step-interval.toml"
    ok(
        "set",
        path,
        "--from",
        write_answers(answers, "[chapters.essentials]\nreview_interval_days = 10\n"),
    )
    [finding] = only(check(path), "MLD004")
    assert finding["details"] == {"due": "2026-11-11"} and "(19 day(s) ago)" in finding["message"]
    # A short document interval does not win over a long step interval.
    ok(
        "set",
        path,
        "--from",
        write_answers(
            answers, "review_interval_days = 5\n[chapters.essentials]\nreview_interval_days = 60\n"
        ),
    )
    assert "MLD004" not in codes(check(path))
    status = json.loads(cli(capsys, "status", path, "--format", "json")[1])
    essentials = next(s for s in status["documents"][0]["steps"] if s["slug"] == "essentials")
    assert (essentials["freshness"], essentials["review_due"]) == ("fresh", "2026-12-31")


def test_mld004_counts_from_the_last_review(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make(when="2026-07-01T12:00:00Z")  # changed 152 days before the check
    [finding] = only(check(path), "MLD004")
    assert finding["details"] == {"due": "2026-09-29"}
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-10-01T08:00:00Z")
    ok("review", path, "essentials", "--by", "bo", *CRITICAL_MET)  # a mark records a review
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert "MLD004" not in codes(check(path))  # due again 2026-12-30
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-12-31T00:00:00Z")
    [finding] = only(check(path), "MLD004")
    assert finding["details"] == {"due": "2026-12-30"}


# ---- MLD006 approved, then changed -------------------------------------------------------


def test_mld006_approved_and_changed_after_review(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make()
    ok("set", path, "essentials", "--status", "review")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-10T09:00:00Z")
    ok("review", path, "essentials", "--by", "tester", *CRITICAL_MET)  # what approval takes
    ok("review", path, "essentials", "--by", "tester", "--approve")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert check(path) == []

    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-20T09:00:00Z")
    ok("set", path, "essentials", "summary", "Scores card and bank payments.")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    [finding] = only(check(path), "MLD006")
    assert finding["severity"] == "error" and finding["chapter"] == "essentials"
    assert "2026-11-20" in finding["message"] and "2026-11-10" in finding["message"]

    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-25T09:00:00Z")
    ok("review", path, "essentials", "--by", "bo", *CRITICAL_MET)  # a mark approves nothing
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    [finding] = only(check(path), "MLD006")
    assert "tester approved on 2026-11-10" in finding["message"]
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-25T09:05:00Z")
    ok("review", path, "essentials", "--by", "tester", *CRITICAL_MET)  # the marks confirmed
    ok("review", path, "essentials", "--by", "tester", "--approve")  # approved again: fine
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert check(path) == []


def test_mld006_approved_without_any_review(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "essentials", "--status", "approved")  # straight in, no review
    [finding] = only(check(path), "MLD006")
    assert "(never)" in finding["message"]


def test_mld006_not_for_a_change_that_is_not_content(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make()
    ok("set", path, "essentials", "--status", "review")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-10T09:00:00Z")
    ok("review", path, "essentials", "--by", "ana", *CRITICAL_MET)  # what approval takes
    ok("review", path, "essentials", "--by", "ana", "--approve")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-20T09:00:00Z")
    ok("set", path, "essentials", "--link", "https://example.com/T-1", "--owner", "bo,ana")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert check(path) == []


# ---- MLD007 / MLD008 / MLD009: later chapters too early ---------------------------------


def test_mld007_heuristic_gate_yet_ml_chapters(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    path = make(extra=HEURISTIC_GATE + METRICS)
    assert load(path, SPECS).gate.verdict == "heuristic"
    [finding] = only(check(path), "MLD007")
    # The issue asks check to warn (the verdict is advice, an override with a reason settles it).
    assert finding["severity"] == "warning" and finding["chapter"] is None
    assert "Loss functions and metrics" in finding["message"]


def test_mld007_not_with_an_override(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make(extra=HEURISTIC_GATE + METRICS)
    ok("set", path, "gate", "--override", "simple-model", "--reason", "Regulator asks for it")
    assert "MLD007" not in codes(check(path))


def test_mld007_not_while_only_part_one_is_written(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    path = make(extra=HEURISTIC_GATE)
    assert check(path) == []


def test_mld007_not_for_a_model_verdict(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    gate = """
[gate]
owners = ["ana", "bo"]
[gate.answers]
expert_rule = "no"
patterns = "hundreds"
stability = "changes-often"
input_type = "unstructured"
rule_fields = "none"
labelled_data = "hundreds-of-thousands"
explanation = "no"
error_cost = "moderate"
gain_needed = "small-gain-pays"
would_pay = "committed"
existing_model = "falls-short"
existing_model_result = "0.71 F1 on 2,000 of our labelled cases, against 0.85 needed."
"""
    path = make(extra=gate + METRICS)
    assert load(path, SPECS).gate.verdict == "complex-model"
    assert "MLD007" not in codes(check(path))


@pytest.mark.parametrize(
    ("answers", "verdict", "advice"),
    [
        (
            'existing_model = "good-enough"\nexisting_model_result = "0.93 on 300 of our cases."',
            "existing-model",
            "use an existing model or API",
        ),
        ('would_pay = "no"', "do-not-build", "do not build this"),
        ('labelled_data = "unobtainable"', "do-not-build", "settle the value and the labels"),
    ],
)
def test_mld007_for_an_existing_model_or_do_not_build(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    answers: str,
    verdict: str,
    advice: str,
) -> None:
    key = answers.split(" = ")[0]
    gate = "\n".join(
        line
        for line in HEURISTIC_GATE.replace(
            'explanation = "deterministic"', 'explanation = "no"'
        ).splitlines()
        if not line.startswith(key + " ")
    )
    path = make(extra=f"{gate}\n{answers}\n" + METRICS)
    assert load(path, SPECS).gate.verdict == verdict
    [finding] = only(check(path), "MLD007")
    assert finding["severity"] == "warning"
    assert finding["details"] == {"verdict": verdict, "overridden": False}
    assert advice.lower() in finding["message"].lower()
    assert "(use an existing model or api)" not in finding["message"]  # capitalised as shown
    assert "Loss functions and metrics" in finding["message"]
    ok("set", path, "gate", "--override", "simple-model", "--reason", "Pilot with our own data")
    assert "MLD007" not in codes(check(path))


@pytest.mark.parametrize("level", ["heuristic", "existing-model", "do-not-build"])
def test_mld007_for_an_override_that_still_says_not_ml(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    level: str,
) -> None:
    """QA #16: the answers say a complex model, the authors override to a level that needs
    no model of their own, and ML chapters are written anyway: MLD007, naming the override."""
    gate = """
[gate]
owners = ["ana", "bo"]
[gate.answers]
expert_rule = "no"
patterns = "hundreds"
stability = "changes-often"
input_type = "many-fields"
labelled_data = "hundreds-of-thousands"
explanation = "no"
error_cost = "moderate"
gain_needed = "small-gain-pays"
would_pay = "committed"
heuristic_tried = "falls-short"
heuristic_result = "0.61 recall on 3,000 labelled cases, against 0.80 needed."
existing_model = "none"
"""
    path = make(extra=gate + METRICS)
    assert load(path, SPECS).gate.verdict == "complex-model"
    assert "MLD007" not in codes(check(path))
    ok("set", path, "gate", "--override", level, "--reason", "The board prefers it")
    [finding] = only(check(path), "MLD007")
    assert finding["severity"] == "warning"
    assert finding["details"] == {"verdict": level, "overridden": True}
    assert f"overridden to {level}" in finding["message"]
    assert "change the override" in finding["message"]


@pytest.mark.parametrize("kind", ["llm", "rag", "agent"])
def test_mld007_not_for_a_system_built_on_a_language_model(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    """QA #16: a RAG system is an existing model by design; writing its chapters is its
    design, not a finding, and the verdict says why. A classic system still gets MLD007."""
    gate = (
        HEURISTIC_GATE.replace('explanation = "deterministic"', 'explanation = "no"')
        .replace(
            'existing_model = "none"',
            'existing_model = "good-enough"\nexisting_model_result = "0.91 on 300 of our cases."',
        )
        .replace('labelled_data = "none"', 'labelled_data = "hundreds"')
    )
    path = make(extra=gate + METRICS)
    assert load(path, SPECS).gate.verdict == "existing-model"
    assert "MLD007" in codes(check(path))
    ok("set", path, "essentials", "system_kind", kind)
    assert "MLD007" not in codes(check(path))
    ok("show", path, "gate")  # the reason is in the verdict
    out = ok("status", path, "--format", "json")
    reasons = json.loads(out)["documents"][0]["gate"]["reasons"]
    assert any("built on a language model" in r and "not a finding" in r for r in reasons)


@pytest.mark.parametrize(
    ("measured", "labels"),
    [
        ('existing_model = "good-enough"\nexisting_model_result = "0.9 on 300."', "none"),
        ('heuristic_tried = "good-enough"\nheuristic_result = "98% on 500."', "unobtainable"),
        ('heuristic_tried = "falls-short"\nheuristic_result = "0.6 on 500."', "none"),
    ],
)
def test_mld025_a_measurement_without_labelled_data(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    ok: Run,
    measured: str,
    labels: str,
) -> None:
    """QA #8: a result measured on your data, while the team says it has no labelled data:
    the answers contradict each other; the verdict says so and check warns."""
    key = measured.split(" = ")[0]
    gate = "\n".join(
        line
        for line in HEURISTIC_GATE.replace(
            'labelled_data = "none"', f'labelled_data = "{labels}"'
        ).splitlines()
        if not line.startswith(key + " ")
    )
    path = make(extra=f"{gate}\n{measured}\n")
    [finding] = only(check(path), "MLD025")
    assert finding["severity"] == "warning" and finding["chapter"] == "gate"
    assert "contradict each other" in finding["message"]
    assert "a measurement needs labelled cases" in finding["message"]
    gate = json.loads(ok("status", path, "--format", "json"))["documents"][0]["gate"]
    assert finding["message"] in gate["reasons"]
    # With labels the same measurement is no contradiction.
    ok("set", path, "gate", "labelled_data", "thousands")
    assert "MLD025" not in codes(check(path))


def test_mld008_no_feasibility_verdict_yet(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    path = make(extra=METRICS)
    [finding] = only(check(path), "MLD008")
    assert finding["severity"] == "warning" and finding["chapter"] is None
    assert "MLD009" not in codes(check(path))

    # Every item Met, but the problem and the gate are not described: no verdict either.
    path = make("incomplete.toml", extra=METRICS + all_items("met"))
    assert load(path, SPECS).feasibility.verdict == "INCOMPLETE"
    [finding] = only(check(path), "MLD008")
    assert "feasibility is INCOMPLETE" in finding["message"]
    assert "2. Is there a problem?: " in finding["message"]

    path = make("go.toml", extra=described() + all_items("met"))
    assert load(path, SPECS).feasibility.verdict == "GO"
    assert not codes(check(path)) & {"MLD008", "MLD009"}

    path = make("part-one.toml")  # no later chapter: a missing verdict is fine
    assert "MLD008" not in codes(check(path))


def test_mld009_no_go_yet_later_chapters(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    no_go = """
[feasibility]
owners = ["ana", "bo"]
[feasibility.items.data_allowed]
status = "not-met"
owner = "ana"
condition = "Legal would have to allow card data"
fatal = true
"""
    path = make(extra=METRICS + no_go)
    assert load(path, SPECS).feasibility.verdict == "NO-GO"
    findings = check(path)
    [finding] = only(findings, "MLD009")
    assert finding["severity"] == "error" and finding["chapter"] is None
    assert "MLD008" not in codes(findings)

    path = make("no-go-early.toml", extra=no_go)  # NO-GO, but nothing later written
    assert "MLD009" not in codes(check(path))


# ---- MLD010 / MLD011 people --------------------------------------------------------------


def test_mld010_owner_not_among_people(
    make: Callable[..., Path],
    check: Callable[..., list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make()
    code, _, err = cli(capsys, "set", path, "essentials", "--owner", "ana,ghost")
    assert code == 2 and "not among the document's people" in err  # the CLI refuses

    edit_toml(path, lambda d: d["chapters"]["essentials"]["owners"].append("ghost"))
    [finding] = only(check(path), "MLD010")
    assert finding["severity"] == "error" and finding["chapter"] == "essentials"
    assert "'ghost'" in finding["message"]


def test_mld010_person_answer_not_among_people(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    path = make()

    def dangle(data: dict[str, Any]) -> None:
        answers = data["chapters"]["essentials"]["answers"]
        answers["team"] = ["ana", "zed"]
        answers["decision_owner"] = "quinn"

    edit_toml(path, dangle)
    findings = only(check(path), "MLD010")
    assert len(findings) == 2
    assert {f["chapter"] for f in findings} == {"essentials"}
    assert any("team names 'zed'" in f["message"] for f in findings)
    assert any("decision_owner names 'quinn'" in f["message"] for f in findings)


def test_mld010_feasibility_item_owner_not_among_people(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]]
) -> None:
    path = make(
        extra="""
[feasibility]
owners = ["ana", "bo"]
[feasibility.items.labelled_data]
status = "partial"
owner = "ana"
condition = "Label 5,000 more"
"""
    )
    assert "MLD010" not in codes(check(path))
    edit_toml(
        path, lambda d: d["feasibility"]["items"]["labelled_data"].__setitem__("owner", "gone")
    )
    [finding] = only(check(path), "MLD010")
    assert finding["chapter"] == "feasibility" and "'gone'" in finding["message"]


def test_mld011_changelog_author_not_among_people(
    make: Callable[..., Path], check: Callable[..., list[dict[str, Any]]], ok: Run
) -> None:
    path = make()
    ok("set", path, "problem", "risks", "Chargebacks.", "--owner", "ana,bo", "--author", "zed")
    findings = check(path)
    [finding] = only(findings, "MLD011")
    assert finding["severity"] == "warning" and finding["chapter"] is None
    assert "'zed'" in finding["message"]
    ok("person", path, "zed")
    assert "MLD011" not in codes(check(path))


# ---- status ------------------------------------------------------------------------------


def test_status_text_of_one_document(
    make: Callable[..., Path], ok: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(title="Fraud scoring")
    out = ok("status", path)
    assert "Fraud scoring" in out and "People" in out
    assert "Bus factor: 2" in out and "single-owner steps: none" in out
    assert "Ana Lopez" in out and "Bo Chen" in out
    ok("set", path, "essentials", "--owner", "bo")
    out = ok("status", path)
    assert "Bus factor: 1" in out and "single-owner steps: essentials" in out


def test_status_says_when_the_gate_verdict_is_an_override(
    make: Callable[..., Path], ok: Run
) -> None:
    path = make(title="Fraud scoring")
    assert "Should this be ML at all? pending" in ok("status", path)
    ok("set", path, "gate", "--override", "complex-model", "--reason", "Vendor data")
    out = ok("status", path)
    assert "Should this be ML at all? complex-model (override of pending)" in out
    doc = json.loads(ok("status", path, "--format", "json"))["documents"][0]
    assert (doc["gate_verdict"], doc["gate_computed"]) == ("complex-model", None)


def test_status_json_carries_the_gate_verdict_and_what_it_rests_on(
    make: Callable[..., Path], ok: Run
) -> None:
    path = make(extra=HEURISTIC_GATE)
    gate = json.loads(ok("status", path, "--format", "json"))["documents"][0]["gate"]
    assert (gate["verdict"], gate["label"], gate["computed"]) == (
        "heuristic",
        "A rule will do",
        "heuristic",
    )
    assert (gate["basis"], gate["decided_by"], gate["missing"]) == ("opinion", None, [])
    assert gate["opinion_only"].startswith("No measurement yet")
    assert gate["reasons"] and all(isinstance(r, str) for r in gate["reasons"])
    assert "existing-model" in gate["ruled_out"]  # nothing fits and rules must be exact

    ok("set", path, "gate", "would_pay", "no")
    assert "Should this be ML at all? do-not-build" in ok("status", path)
    gate = json.loads(ok("status", path, "--format", "json"))["documents"][0]["gate"]
    assert (gate["verdict"], gate["label"], gate["basis"], gate["decided_by"]) == (
        "do-not-build",
        "Do not build this",
        "fact",
        "nobody-pays",
    )
    assert gate["opinion_only"] is None
    assert gate["reasons"][0].startswith("Nobody would pay for the gain")

    ok("set", path, "gate", "--override", "heuristic", "--reason", "The rule is already live")
    gate = json.loads(ok("status", path, "--format", "json"))["documents"][0]["gate"]
    assert (gate["verdict"], gate["computed"], gate["override"]) == (
        "heuristic",
        "do-not-build",
        "heuristic",
    )
    assert gate["override_reason"] == "The rule is already live"


def test_status_json(
    make: Callable[..., Path],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
) -> None:
    path = make(extra=METRICS, when="2026-07-01T12:00:00Z")  # both overdue by the check
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-20T12:00:00Z")
    ok("set", path, "problem", "risks", "Chargebacks.", "--owner", "ana")
    ok("review", path, "essentials", "--by", "bo", *CRITICAL_MET)
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)

    data = json.loads(ok("status", path, "--format", "json"))
    assert data["version"] == 1 and len(data["documents"]) == 1
    doc = data["documents"][0]
    assert doc["path"] == str(path)
    assert doc["bus_factor"] == 1
    assert doc["single_owner_steps"] == ["problem"]
    assert [s["slug"] for s in doc["steps"]] == [s.slug for s in specs.steps]
    fresh = {s["slug"]: s["freshness"] for s in doc["steps"]}
    assert fresh["essentials"] == "fresh"  # reviewed 10 days ago
    assert fresh["problem"] == "fresh"  # changed 10 days ago
    assert fresh["metrics"] == "review-due"  # changed on 2026-07-01
    others = {v for k, v in fresh.items() if k not in ("essentials", "problem", "metrics")}
    assert others == {"empty"}
    metrics = next(s for s in doc["steps"] if s["slug"] == "metrics")
    assert metrics["review_due"] == "2026-09-29" and metrics["drift"] is None
    assert metrics["owners"] == ["ana", "bo"] and metrics["answered"] == 1

    people = {p["handle"]: p for p in doc["people"]}
    assert set(people) == {"ana", "bo", "tester"}
    assert people["ana"]["sole_owner_of"] == ["problem"]
    assert people["ana"]["owns"] == ["essentials", "problem", "metrics"]
    assert people["bo"]["sole_owner_of"] == []
    assert people["ana"]["name"] == "Ana Lopez"
    changelog = load(path, specs).changelog
    by = Counter(entry.by for entry in changelog)
    assert {h: p["updates"] for h, p in people.items()} == {
        "ana": by["ana"],
        "bo": by["bo"],
        "tester": by["tester"],
    }
    assert people["bo"]["updates"] == 1  # the review
    assert people["tester"]["updates"] >= 3


def test_status_portfolio_has_one_row_per_document(make: Callable[..., Path], ok: Run) -> None:
    paths = [
        make("alpha.toml", title="Alpha"),
        make("beta.toml", title="Beta", extra=METRICS),
        make("gamma.toml", title="Gamma"),
    ]
    out = ok("status", *paths)
    assert "Portfolio" in out
    rows = [line for line in out.splitlines() if any(t in line for t in ("Alpha", "Beta", "Gam"))]
    assert len(rows) == 3
    for title, row in zip(("Alpha", "Beta", "Gamma"), rows, strict=True):
        assert title in row
    assert "People" not in out and "Bus factor:" not in out
    data = json.loads(ok("status", *paths, "--format", "json"))
    assert [d["title"] for d in data["documents"]] == ["Alpha", "Beta", "Gamma"]


# ---- review ------------------------------------------------------------------------------


def test_review_by_someone_unknown_is_refused(
    make: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = make()
    before = path.read_bytes()
    code, _, err = cli(capsys, "review", path, "essentials", "--by", "nobody")
    assert code == 2 and "--by 'nobody' is not among the document's people" in err
    assert path.read_bytes() == before


def test_review_approve_needs_a_step_in_review(
    make: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = make()  # essentials is a draft
    before = path.read_bytes()
    code, _, err = cli(capsys, "review", path, "essentials", "--by", "ana", "--approve")
    assert code == 2 and "only a step in review can be approved" in err
    assert path.read_bytes() == before


def test_review_approve_needs_the_required_answers(
    make: Callable[..., Path], capsys: pytest.CaptureFixture[str], ok: Run
) -> None:
    path = make()
    ok("set", path, "essentials", "definition_of_done", "--clear", "--status", "review")
    before = path.read_bytes()
    code, _, err = cli(capsys, "review", path, "1", "--by", "ana", "--approve")
    assert code == 2 and "required answers missing: definition_of_done" in err
    assert path.read_bytes() == before


def test_review_approve(
    make: Callable[..., Path],
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
    check: Callable[..., list[dict[str, Any]]],
) -> None:
    path = make()  # ana and bo own essentials: tester, who does not, approves it
    ok("set", path, "essentials", "--status", "review")
    ok("review", path, "essentials", "--by", "tester", *CRITICAL_MET)  # what approval takes
    before = load(path, specs)
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-15T10:30:00Z")
    out = ok("review", path, "essentials", "--by", "tester", "--approve")
    assert "reviewed by tester; status approved" in out
    after = load(path, specs)
    state = after.chapters["essentials"]
    assert state.status == "approved"
    assert state.reviewed is not None and state.reviewed.isoformat() == "2026-11-15T10:30:00+00:00"
    assert state.revision == before.chapters["essentials"].revision
    assert state.updated == before.chapters["essentials"].updated
    assert state.answers == before.chapters["essentials"].answers
    assert len(after.changelog) == len(before.changelog) + 1
    entry = after.changelog[-1]
    assert (entry.by, entry.chapter) == ("tester", "essentials")
    assert entry.at.isoformat() == "2026-11-15T10:30:00+00:00"
    assert "approved" in entry.summary
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    assert check(path) == []


def test_check_help_names_every_level_mld007_covers_as_the_faces_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """QA #16: `check --help` named only the heuristic; it names all three levels, spelled
    as every face shows them, and the new MLD025."""
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    line = out[out.index("MLD007") : out.index("MLD008")]
    for level in ("heuristic", "existing-model", "do-not-build"):
        assert LEVEL_LABEL[level] in line, line
    assert "overridden" in line
    assert "MLD025" in out
