"""What the gate's verdict says, as a review board reads it (QA report of issue 13: #2, #4,
#6, #7, #11, #12, #17): driven through `mldwizard` as a user runs it (`set --from`, `show`,
`status --format json`, the Markdown and the HTML export)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from mldwizard.cli import main
from mldwizard.core import storage

DATA = Path(__file__).parent / "data"
WARNING = "No measurement yet: the verdict rests on opinion only."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def check(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> str:
    """`mldwizard check`'s output (exit code 1 when it finds something)."""
    code = main(["check", str(path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


def toml_value(value: str) -> str:
    return json.dumps(value)  # a TOML basic string is a JSON string for these texts


@pytest.fixture
def answer(doc_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Any:
    """Apply gate answers to the document with `set --from`, as a script would."""

    def apply(**answers: str) -> Path:
        lines = ["[gate.answers]", *(f"{k} = {toml_value(v)}" for k, v in answers.items())]
        source = tmp_path / "answers.toml"
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run(capsys, "set", str(doc_path), "--from", str(source))
        return doc_path

    return apply


def gate_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, Any]:
    out = run(capsys, "status", str(path), "--format", "json")
    gate: dict[str, Any] = json.loads(out)["documents"][0]["gate"]
    return gate


def show_gate(capsys: pytest.CaptureFixture[str], path: Path, monkeypatch: Any) -> str:
    monkeypatch.setenv("COLUMNS", "400")
    return " ".join(run(capsys, "show", str(path), "gate").replace("│", " ").split())


def markdown(path: Path) -> str:
    return storage.markdown_path(path).read_text(encoding="utf-8")


NO_LABELS_YET = {  # QA #2: value committed, labels can be had, none exist yet
    "expert_rule": "no",
    "patterns": "open-ended",
    "stability": "changes-slowly",
    "input_type": "unstructured",
    "rule_fields": "none",
    "labelled_data": "none",
    "explanation": "no",
    "error_cost": "moderate",
    "gain_needed": "small-gain-pays",
    "would_pay": "committed",
    "existing_model": "none",
}


def test_no_labels_yet_is_not_do_not_build_and_the_advice_fits_the_answers(
    answer: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = answer(**NO_LABELS_YET)
    gate = gate_json(capsys, path)
    assert gate["verdict"] == "complex-model" and gate["basis"] == "opinion"
    assert "collect labels first (at least 200" in gate["reasons"][0]
    said = " ".join([gate["opinion_only"], *gate["reasons"]])
    assert "label at least 200 first" in gate["opinion_only"]
    # Nothing that contradicts the answers: the sponsor is committed, nothing exists to
    # run, and there are no labelled cases to run anything on.
    assert "who would pay" not in said
    assert "Run the rule" not in said and "Run the existing model" not in said
    assert "Ship a rule or an existing model" not in said
    text = show_gate(capsys, path, monkeypatch)
    assert "Verdict: A complex model" in text and "collect labels first" in text
    assert "Do not build" not in text
    assert "MLD007" not in check(capsys, path)


GOOD_RULE_NO_RESULT = {  # QA #4: "measured, good enough", and nothing written
    "expert_rule": "no",
    "patterns": "hundreds",
    "stability": "changes-often",
    "input_type": "many-fields",
    "labelled_data": "hundreds-of-thousands",
    "explanation": "no",
    "error_cost": "high",
    "gain_needed": "small-gain-pays",
    "would_pay": "committed",
    "heuristic_tried": "good-enough",
    "existing_model": "none",
}


def test_a_measurement_decides_only_with_its_result_written(
    answer: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = answer(**GOOD_RULE_NO_RESULT)
    gate = gate_json(capsys, path)
    assert gate["verdict"] is None and gate["missing"] == ["heuristic_result"]
    assert gate["leaning"] == "complex-model" and gate["basis"] == "opinion"
    assert gate["decided_by"] is None
    assert "under Heuristic result" in gate["opinion_only"]
    assert any(
        "no result with its score is written" in r and "decides nothing" in r
        for r in gate["reasons"]
    )
    text = show_gate(capsys, path, monkeypatch)
    assert "1 required question not answered yet (Heuristic result)" in text
    assert "lean towards a complex model" in text
    findings = check(capsys, path)
    assert "MLD001" in findings and "heuristic_result" in findings
    # Written: the measurement decides, as evidence.
    path = answer(heuristic_result="98.4% right on 5,000 labelled payments from 2026.")
    gate = gate_json(capsys, path)
    assert (gate["verdict"], gate["basis"], gate["decided_by"]) == (
        "heuristic",
        "evidence",
        "heuristic-good-enough",
    )
    assert gate["opinion_only"] is None


def test_a_set_aside_measurement_leaves_the_verdict_on_opinion_and_says_so(
    answer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA #6 A: the only measurement is ruled out (decisions must be reproducible by rule):
    points decide, the opinion-only warning shows, and names nothing that is ruled out."""
    path = answer(
        expert_rule="no",
        patterns="dozens",
        stability="stable",
        input_type="unstructured",
        rule_fields="none",
        labelled_data="thousands",
        explanation="deterministic",
        error_cost="high",
        gain_needed="large-gain-needed",
        would_pay="committed",
        existing_model="good-enough",
        existing_model_result="0.95 F1 on 2,000 labelled declarations.",
    )
    gate = gate_json(capsys, path)
    assert gate["verdict"] == "simple-model" and gate["basis"] == "opinion"
    assert gate["opinion_only"].startswith(WARNING)
    assert "Run the rule" not in gate["opinion_only"]
    assert "Run the existing model" not in gate["opinion_only"]
    assert "simplest baseline" in gate["opinion_only"]
    assert gate["reasons"][0].startswith("An existing model was measured and found good enough")
    assert "set aside" in gate["reasons"][0]
    # The same in the document a board reads.
    assert WARNING in markdown(path) and "set aside" in markdown(path)


def test_nobody_pays_stays_in_the_reasons_of_a_measured_verdict(
    answer: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA #7: a measured rule decides, and "nobody would pay" is carried as its condition."""
    path = answer(
        expert_rule="fully",
        patterns="a-handful",
        stability="stable",
        input_type="few-fields",
        labelled_data="thousands",
        explanation="no",
        error_cost="low",
        gain_needed="unclear",
        would_pay="no",
        heuristic_tried="good-enough",
        heuristic_result="98% on 500 cases",
        existing_model="none",
    )
    gate = gate_json(capsys, path)
    assert gate["verdict"] == "heuristic" and gate["basis"] == "evidence"
    assert gate["reasons"][1].startswith("Nobody would pay for the gain: ship what was measured")
    assert "Nobody would pay for the gain" in show_gate(capsys, path, monkeypatch)
    assert "> - Nobody would pay for the gain: ship what was measured" in markdown(path)


def test_show_gate_has_the_reasons_the_other_side_and_the_ruled_out_levels(
    answer: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA #12 and #17: the one-chapter view a reviewer opens shows the whole verdict; each
    ruled-out level says its actual reason, once."""
    path = answer(
        expert_rule="partly",
        patterns="dozens",
        stability="changes-slowly",
        input_type="unstructured",
        rule_fields="none",
        labelled_data="thousands",
        explanation="no",
        error_cost="moderate",
        gain_needed="large-gain-needed",
        would_pay="committed",
        existing_model="ruled-out",
    )
    text = show_gate(capsys, path, monkeypatch)
    gate = gate_json(capsys, path)
    assert "Verdict: A simple model" in text
    assert "Why: • " + gate["reasons"][0] in text
    assert "Pointing the other way:" in text and gate["against"][0] in text
    assert "Ruled out: • A rule will do: Rules cannot read text" in text
    assert (
        "• Use an existing model or API: An existing model or API could do the task, but it "
        "may not be used here (law, contract or policy)." in text
    )
    assert gate["ruled_out"] == {
        "heuristic": [
            "Rules cannot read text, images or audio, and no field derived without ML decides "
            "the cases: the content must be read."
        ],
        "existing-model": [
            "An existing model or API could do the task, but it may not be used here (law, "
            "contract or policy)."
        ],
    }
    for choice, why in [
        ("none", "No pretrained model, API or product does this task"),
        ("falls-short", "measured on your data and falls short"),
    ]:
        path = answer(existing_model=choice, existing_model_result="0.6 on 300 of our cases.")
        [said] = gate_json(capsys, path)["ruled_out"]["existing-model"]
        assert why in said, (choice, said)


def test_the_opinion_only_warning_is_a_paragraph_of_its_own(
    answer: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """QA #17: in the Verdicts box the warning is not glued to the verdict by a soft break."""
    path = answer(**NO_LABELS_YET)
    md = markdown(path)
    box = md[md.index("> **Should this be ML at all?**") :]
    box = box[: box.index("\n\n")]
    html = MarkdownIt("commonmark").render(box)
    assert "<p><strong>Should this be ML at all?</strong> A complex model</p>" in html
    assert f"<p><strong>{WARNING}" in html
    page = tmp_path / "page.html"
    run(capsys, "export", str(path), "--format", "html", "-o", str(page))
    assert "A complex model\n<strong>No measurement" not in page.read_text(encoding="utf-8")


def test_an_old_documents_pending_gate_explains_itself_in_every_verdict_box(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA #11: an approved v1 gate is pending after the upgrade: the boxes say which
    questions, that they are new in question set v2, and which way the answers lean."""
    path = tmp_path / "ticket-routing-v1.toml"
    shutil.copy(DATA / "ticket-routing-v1.toml", path)
    monkeypatch.setenv("COLUMNS", "400")
    expected = (
        "pending: 4 required questions not answered yet, all new in question set v2 (Fields a "
        "rule could read, Cost of an error, Someone pays for the gain, Existing model or "
        "API); the answers so far lean towards a simple model."
    )
    shown = " ".join(run(capsys, "show", str(path)).replace("│", " ").split())
    assert f"Should this be ML at all? {expected}" in shown
    out = tmp_path / "doc.md"
    run(capsys, "export", str(path), "-o", str(out))
    assert f"> **Should this be ML at all?** {expected}" in out.read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    run(capsys, "export", str(path), "--format", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "4 required questions not answered yet, all new in question set v2" in html
    assert "lean towards a simple model" in html
    # check says the same of the gate and of the checklist: new in v2, a warning.
    findings = check(capsys, path, "--format", "json")
    mld001 = {f["chapter"]: f for f in json.loads(findings)["findings"] if f["code"] == "MLD001"}
    for chapter in ("gate", "feasibility"):
        assert mld001[chapter]["severity"] == "warning", mld001[chapter]
        assert "new in question set v2" in mld001[chapter]["message"]
