"""``mldwizard set PATH --stage``, and the stage in check, show, status, specs and schema,
driven as a user would: arguments in, files, output and exit codes out.

The document gets a synthetic extra chapter (``.mldwizard/chapters/``) whose questions are
asked and required from later stages, so the built-in content does not matter here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.workspace import specs_for

from .conftest import load
from .test_stages import RESULTS

PAST_GATES = ("--reason", "This test is about the stage's questions, not its gates.")
"""The built-in stage gates have no marks here: moving past them takes a reason."""


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / ".mldwizard" / "chapters"
    folder.mkdir(parents=True)
    # The synthetic chapter, as an extra one (after the built-in chapters, no condition on
    # a step that does not exist here).
    text = RESULTS.replace("number = 2\n", "").replace('part = "early-stage"\n', "")
    text = text.split('[[questions]]\nid = "llm_evals"', 1)[0]
    (folder / "results.toml").write_text(text, encoding="utf-8")
    path = tmp_path / "design.toml"
    assert run(capsys, "new", path, "--no-input")[0] == 0
    return path


def test_set_stage_records_it_and_lists_what_became_required(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "set", doc, "results", "curves", "Flat after 20k.")[0] == 0
    code, out, err = run(capsys, "set", doc, "--stage", "pilot", *PAST_GATES)
    assert code == 0, err
    assert f"Saved {doc}: stage design -> pilot." in out
    assert "Results: Learning curves (answered)" in out
    assert "Results: Shadow results\n" in out
    assert "Measured uplift" not in out  # asked only from production
    specs = specs_for(doc)
    saved = load(doc, specs)
    assert saved.stage == "pilot"
    assert "stage: design -> pilot" in [e.summary for e in saved.changelog[-3:]]
    markdown = doc.with_suffix(".md").read_text(encoding="utf-8")
    assert "Stage: Pilot (the model in front of some users or in shadow)" in markdown
    assert "stage from Design to Pilot" in markdown  # recent changes, in words
    code, page, _ = run(capsys, "export", doc, "--format", "html", "-o", "-")
    assert code == 0 and "Stage: Pilot (the model in front of some users or in shadow)" in page


def test_moving_back_lists_nothing_new_and_is_allowed(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "set", doc, "--stage", "production", *PAST_GATES)[0] == 0
    code, out, _ = run(capsys, "set", doc, "--stage", "design")
    assert code == 0
    assert "stage production -> design" in out
    assert "Nothing more is required at this stage." in out
    assert load(doc, specs_for(doc)).stage == "design"
    code, out, _ = run(capsys, "set", doc, "--stage", "design")
    assert code == 0 and "already at stage design" in out


def test_a_bad_stage_is_refused_with_the_four_named(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = doc.read_bytes()
    code, out, err = run(capsys, "set", doc, "--stage", "launch")
    assert code == 2 and out == ""
    assert err == (
        "mldwizard: --stage 'launch' is not a stage; choose one of: "
        "design, prototype, pilot, production\n"
    )
    assert doc.read_bytes() == before
    code, _, err = run(capsys, "set", doc, "results", "--stage", "pilot")
    assert code == 2 and "--stage belongs to the document" in err and "Traceback" not in err
    # Nothing is silently ignored next to --stage.
    code, _, err = run(capsys, "set", doc, "--stage", "pilot", "--status", "review", "--closable")
    assert code == 2
    assert err == (
        "mldwizard: --stage belongs to the document: give it alone, not with --status, "
        "--fatal/--closable\n"
    )
    answers = doc.parent / "answers.toml"
    answers.write_text('stage = "pilot"\n', encoding="utf-8")
    code, _, err = run(capsys, "set", doc, "--from", answers, "--stage", "pilot")
    assert code == 2 and "--from takes no --stage" in err
    assert doc.read_bytes() == before


def test_check_counts_what_the_stage_requires(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "set", doc, "results", "plan", "By segment.")[0] == 0
    assert run(capsys, "set", doc, "results", "--status", "review")[0] == 0

    def missing() -> list[str] | None:
        _, out, _ = run(capsys, "check", doc, "--format", "json")
        found = [
            f
            for f in json.loads(out)["findings"]
            if f["code"] == "MLD001" and f["chapter"] == "results"
        ]
        return found[0]["details"]["missing"] if found else None

    assert missing() is None  # at design, the plan is all that is required
    assert run(capsys, "set", doc, "--stage", "prototype", *PAST_GATES)[0] == 0
    assert missing() == ["curves"]
    assert run(capsys, "set", doc, "--stage", "pilot", *PAST_GATES)[0] == 0
    assert missing() == ["curves", "shadow"]


def test_show_and_status_name_the_stage(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "set", doc, "--stage", "prototype", *PAST_GATES)[0] == 0
    code, out, _ = run(capsys, "show", doc, "results")
    assert code == 0
    assert "Later stages: Measured uplift (from production)" in " ".join(out.split())
    code, out, _ = run(capsys, "show", doc)
    flat = " ".join(out.replace("│", " ").split())
    assert "Stage: Prototype (a model trained offline, measured on held-out data)" in flat
    code, out, _ = run(capsys, "status", doc)
    assert "Stage: Prototype (a model trained offline" in " ".join(out.split())
    code, out, _ = run(capsys, "status", doc, "--format", "json")
    assert json.loads(out)["documents"][0]["stage"] == "prototype"


def test_specs_marks_each_questions_stage(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = doc.parent / ".mldwizard" / "chapters"
    code, out, _ = run(capsys, "specs", "results", "--specs", folder)
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("curves") and "(asked from prototype)" in line for line in lines)
    assert any(line.startswith("shadow") and "(required from pilot)" in line for line in lines)
    assert not any(line.startswith("plan") and "(" in line for line in lines)


def test_the_schemas_and_an_answers_file_know_the_stage(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "schema")
    stage = json.loads(out)["properties"]["stage"]
    assert stage["enum"] == ["design", "prototype", "pilot", "production"]
    _, out, _ = run(capsys, "schema", "--of", "answers")
    assert "stage" in json.loads(out)["properties"]
    answers = tmp_path / "answers.toml"
    answers.write_text('stage = "pilot"\nstage_reason = "Not about the gates."\n', encoding="utf-8")
    assert run(capsys, "set", doc, "--from", answers)[0] == 0
    assert load(doc, specs_for(doc)).stage == "pilot"
    answers.write_text('stage = "later"\n', encoding="utf-8")
    code, _, err = run(capsys, "set", doc, "--from", answers)
    assert code == 2 and "stage 'later' is not a stage" in err
