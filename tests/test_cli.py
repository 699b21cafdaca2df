"""The headless CLI, driven as a user would: arguments in, files and exit codes out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mldwizard import __version__
from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.shown import missing_questions
from mldwizard.core.specs import Specs

from .conftest import load


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mldwizard {__version__}"


def test_python_dash_m_is_the_same_program(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mldwizard", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"mldwizard {__version__}"


def test_new_creates_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    path = tmp_path / "fraud-scoring.toml"
    code, out, _ = run(capsys, "new", str(path), "--no-input")
    assert code == 0 and "Created" in out
    assert load(path, specs).project.title == "Fraud scoring"
    before = path.read_bytes()
    code, _, err = run(capsys, "new", str(path), "--no-input", "--title", "Other")
    assert code == 2 and "already exists" in err
    assert path.read_bytes() == before


def test_new_needs_a_toml_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "design.md"), "--no-input")
    assert code == 2 and "must end in .toml" in err
    assert not (tmp_path / "design.md").exists()


def test_new_example_is_complete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    path = tmp_path / "tickets.toml"
    code, _, _ = run(capsys, "new", str(path), "--example", "--no-input", "--title", "Ours")
    assert code == 0
    doc = load(path, specs)
    assert doc.project.title == "Ours"
    assert 3 <= len(doc.people) <= 4
    for step in specs.steps:
        state = doc.step(step.slug)
        assert missing_questions(doc, step) == [], step.slug
        assert state.owners, step.slug
    assert doc.gate.verdict is not None
    assert doc.feasibility.verdict is not None


def test_set_answers_of_each_kind(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    assert run(capsys, "person", p, "ana", "--name", "Ana L", "--role", "ML lead")[0] == 0
    assert run(capsys, "person", p, "bo", "--name", "Bo")[0] == 0
    assert run(capsys, "set", p, "1", "summary", "We score card payments.")[0] == 0
    assert run(capsys, "set", p, "essentials", "team", "ana", "bo")[0] == 0
    assert run(capsys, "set", p, "essentials", "v1_date", "2027-03-01")[0] == 0
    assert run(capsys, "set", p, "essentials", "principles", "start-simple\nmodular")[0] == 0
    assert run(capsys, "set", p, "baseline", "constant_score", "0.12")[0] == 0
    assert run(capsys, "set", p, "8", "heuristic_score", "1_000")[0] == 0
    assert run(capsys, "set", p, "gate", "expert_rule", "partly")[0] == 0
    assert run(capsys, "set", p, "metrics", "scores_used_as_probabilities", "yes")[0] == 0
    doc = load(doc_path, specs)
    ess = doc.chapters["essentials"].answers
    assert ess["summary"] == "We score card payments."
    assert ess["team"] == ["ana", "bo"]
    assert str(ess["v1_date"]) == "2027-03-01"
    assert ess["principles"] == ["start-simple", "modular"]
    assert doc.chapters["baseline"].answers == {"constant_score": 0.12, "heuristic_score": 1000}
    assert doc.gate.answers == {"expert_rule": "partly"}
    assert doc.chapters["metrics"].answers["scores_used_as_probabilities"] is True


def test_set_reads_a_long_answer_from_stdin(
    doc_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Line one.\n\n- a list\n")))
    assert run(capsys, "set", str(doc_path), "problem", "problem_statement", "-")[0] == 0
    answer = load(doc_path, specs).chapters["problem"].answers["problem_statement"]
    assert answer == "Line one.\n\n- a list\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "{p}", "17", "x", "y"], "no chapter '17'; choose one of: 1 (essentials)"),
        (["set", "{p}", "metrics", "nope", "y"], "metrics: no question 'nope'; its questions"),
        (["set", "{p}", "baseline", "constant_score", "high"], "expected a number, got 'high'"),
        (["set", "{p}", "gate", "expert_rule", "maybe"], "not one of the choices: fully"),
        (["set", "{p}", "essentials", "v1_date", "March"], "expected a date as YYYY-MM-DD"),
        (["set", "{p}", "essentials", "team", "zed"], "unknown person zed"),
        (["set", "{p}", "essentials", "--owner", "zed"], "not among the document's people"),
        (["set", "{p}", "essentials", "--status", "done"], "status must be one of"),
        (["set", "{p}", "gate", "--override", "complex-model"], "needs a written reason"),
        (["set", "{p}", "metrics", "--override", "heuristic", "--reason", "x"], "belong to the"),
        (["set", "{p}", "feasibility", "labelled_data", "partial"], "needs an owner and a cond"),
        (["set", "{p}", "feasibility", "labelled_data", "sort-of"], "feasibility.labelled_data"),
        (["set", "{p}", "feasibility", "nope", "met"], "no item 'nope'"),
        (["set", "{p}", "essentials"], "nothing to set"),
        (["set", "{p}", "essentials", "summary"], "give a VALUE, or --clear"),
        (["set", "{p}.missing.toml", "1", "summary", "x"], "no such document"),
        (["person", "{p}", "bad handle!"], "people.handle: 'bad handle!' is not a valid handle"),
        (["person", "{p}", "nobody", "--remove"], "no person 'nobody'"),
    ],
)
def test_set_refuses_bad_input_and_writes_nothing(
    doc_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = doc_path.read_bytes()
    code, _, err = run(capsys, *[a.replace("{p}", str(doc_path)) for a in args])
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert doc_path.read_bytes() == before


def test_metadata_override_and_items(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    run(capsys, "person", p, "ana", "--name", "Ana")
    assert (
        run(
            capsys,
            "set",
            p,
            "metrics",
            "--owner",
            "ana",
            "--status",
            "review",
            "--code-path",
            "src/metrics/**",
            "--link",
            "https://example.com/T-1",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "set",
            p,
            "gate",
            "--override",
            "simple-model",
            "--reason",
            "Regulator wants a model card",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "set",
            p,
            "feasibility",
            "data_allowed",
            "not-met",
            "--owner",
            "ana",
            "--condition",
            "Consent flow ships",
            "--note",
            "Legal: no",
            "--fatal",
        )[0]
        == 0
    )
    doc = load(doc_path, specs)
    metrics = doc.chapters["metrics"]
    assert (metrics.owners, metrics.status) == (["ana"], "review")
    assert (metrics.code_paths, metrics.links) == (["src/metrics/**"], ["https://example.com/T-1"])
    assert (doc.gate.override, doc.gate.override_reason) == (
        "simple-model",
        "Regulator wants a model card",
    )
    item = doc.feasibility.items["data_allowed"]
    assert (item.status, item.owner, item.fatal, item.note) == ("not-met", "ana", True, "Legal: no")
    assert run(capsys, "set", p, "gate", "--override", "none")[0] == 0
    assert load(doc_path, specs).gate.override is None
    code, _, err = run(capsys, "person", p, "ana", "--remove")
    assert code == 2 and "chapters.metrics.owners" in err


def test_set_from_file_applies_everything_or_nothing(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        """
[project]
summary = "Scores payments."

[[people]]
handle = "ana"
name = "Ana"
role = "ML lead"

[chapters.essentials]
owners = ["ana"]
[chapters.essentials.answers]
summary = "Scores payments in real time."
team = ["ana"]

[chapters.8.answers]
constant_score = 0.5

[gate]
override = "heuristic"
override_reason = "Start with the rule"
[gate.answers]
patterns = "a-handful"

[feasibility.items.labelled_data]
status = "partial"
owner = "ana"
condition = "label 5k more"
""",
        encoding="utf-8",
    )
    assert run(capsys, "set", str(doc_path), "--from", str(answers))[0] == 0
    doc = load(doc_path, specs)
    assert doc.project.summary == "Scores payments."
    assert doc.chapters["essentials"].owners == ["ana"]
    assert doc.chapters["baseline"].answers == {"constant_score": 0.5}
    assert doc.gate.override == "heuristic"
    assert doc.feasibility.items["labelled_data"].condition == "label 5k more"

    before = doc_path.read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[chapters.essentials.answers]\nsummary = "new"\n'
        '[chapters.baseline.answers]\nconstant_score = "high"\n'
    )
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(bad))
    assert code == 2
    assert str(bad) in err and "baseline.constant_score: expected a number" in err
    assert doc_path.read_bytes() == before

    typo = tmp_path / "typo.toml"
    typo.write_text('[chapters.essentials]\nowner = ["ana"]\n')
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(typo))
    assert code == 2 and "chapters.essentials.owner: unknown field" in err


def test_export_markdown_and_json(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "export", str(doc_path))
    assert code == 0 and out == storage.markdown_path(doc_path).read_text()
    target = tmp_path / "out.md"
    assert run(capsys, "export", str(doc_path), "-o", str(target))[0] == 0
    assert target.read_text() == out
    code, out, _ = run(capsys, "export", str(doc_path), "--format", "json")
    data = json.loads(out)
    assert data["schema_version"] == 2 and data["project"]["title"] == "Fraud scoring"


def test_show_renders_in_the_terminal(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "set", str(doc_path), "1", "summary", "We **score** payments.")
    code, out, _ = run(capsys, "show", str(doc_path))
    assert code == 0
    assert "Fraud scoring" in out and "Should this be ML at all?" in out
    code, out, _ = run(capsys, "show", str(doc_path), "1")
    assert code == 0 and "We score payments." in out and "Is there a problem?" not in out


def test_specs_json_lists_steps_in_wizard_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "specs", "--format", "json")
    steps = json.loads(out)
    assert code == 0
    assert [s["slug"] for s in steps][:4] == ["essentials", "problem", "gate", "research"]
    assert {"slug", "number", "title", "part", "questions"} <= set(steps[0])
    question = steps[0]["questions"][0]
    assert {
        "id",
        "prompt",
        "help",
        "example",
        "kind",
        "required",
        "choices",
        "default",
        "when",
    } <= set(question)
    code, out, _ = run(capsys, "specs", "gate", "--format", "json")
    (gate,) = json.loads(out)
    assert gate["slug"] == "gate" and gate["verdict"]["rules"]


def test_specs_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "specs")
    assert code == 0 and "essentials" in out and "ownership" in out
    code, out, _ = run(capsys, "specs", "metrics")
    assert code == 0 and "business_metric" in out and "example:" in out


@pytest.mark.parametrize("of", ["document", "spec", "answers"])
def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str], of: str) -> None:
    code, out, _ = run(capsys, "schema", "--of", of)
    schema = json.loads(out)
    assert code == 0 and schema["type"] == "object" and schema["additionalProperties"] is False


def test_broken_document_is_reported_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('schema_version = 1\n[project]\ntitle = "x"\ncreated = 2026-13-01\n')
    for command in (
        ["show", str(path)],
        ["export", str(path)],
        ["set", str(path), "1", "summary", "x"],
    ):
        code, _, err = run(capsys, *command)
        assert code == 2
        assert f"{path}:4:" in err and "Traceback" not in err


def test_extra_chapters_next_to_the_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    folder = tmp_path / ".mldwizard" / "chapters"
    folder.mkdir(parents=True)
    (folder / "fairness.toml").write_text(
        'slug = "fairness"\ntitle = "Fairness"\nintro = "Who could be harmed."\n'
        '[[questions]]\nid = "groups"\ntitle = "Groups at risk"\n'
        'prompt = "Which groups could be harmed?"\n'
        'help = "Name them before launch."\nexample = "New customers."\nkind = "list"\n'
        "required = true\n"
    )
    path = tmp_path / "design.toml"
    assert run(capsys, "new", str(path), "--no-input")[0] == 0
    assert run(capsys, "set", str(path), "fairness", "groups", "new users", "minors")[0] == 0
    text = storage.markdown_path(path).read_text()
    assert "## Additional chapters" in text and "### Fairness" in text and "- minors" in text
    # Without the folder the document cannot be read, and says why.
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (moved / "design.toml").write_bytes(path.read_bytes())
    code, _, err = run(capsys, "show", str(moved / "design.toml"))
    assert code == 2 and "chapters.fairness: no chapter spec 'fairness'" in err
    # ... unless the specs are named explicitly.
    assert run(capsys, "show", str(moved / "design.toml"), "--specs", str(folder))[0] == 0


def test_demo_copies_the_example_and_reopens_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, out, _ = run(capsys, "demo", str(tmp_path / "demo"))
    path = tmp_path / "demo" / "ticket-routing.toml"
    assert code == 0 and str(path) in out
    before = path.read_bytes()
    code, out, _ = run(capsys, "demo", str(tmp_path / "demo"))
    assert code == 0 and "already" in out
    assert path.read_bytes() == before


def test_edit_reports_a_broken_document_before_any_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("schema_version = 1\n[project\n")
    for command in (["edit", str(path)], ["chapter", str(path), "1"]):
        code, out, err = run(capsys, *command)
        assert code == 2 and f"{path}:2:" in err and out == ""
    assert path.read_text() == "schema_version = 1\n[project\n"


def test_edit_without_a_terminal_points_to_set(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "edit", str(doc_path))
    assert code == 2 and "needs a terminal" in err and "mldwizard set" in err
    code, _, err = run(capsys, "chapter", str(doc_path), "99")
    assert code == 2 and "no chapter '99'" in err


def test_set_from_stdin_refuses_bytes_that_are_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert main(["new", str(doc), "--no-input"]) == 0
    before = doc.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9")))
    assert main(["set", str(doc), "essentials", "status_updates", "-"]) == 2
    assert "standard input, line 1: not valid UTF-8" in capsys.readouterr().err
    assert doc.read_bytes() == before


def test_a_blank_title_is_refused_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert main(["new", str(doc), "--no-input", "--title", "  "]) == 2
    assert "--title must not be blank" in capsys.readouterr().err
    assert not doc.exists()
    assert main(["new", str(doc), "--no-input"]) == 0
    answers = tmp_path / "a.toml"
    answers.write_text('[project]\ntitle = " "\n')
    assert main(["set", str(doc), "--from", str(answers)]) == 2
    assert "project.title: must not be blank" in capsys.readouterr().err


def test_an_answers_file_naming_one_chapter_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert main(["new", str(doc), "--no-input"]) == 0
    before = doc.read_bytes()
    answers = tmp_path / "a.toml"
    answers.write_text(
        '[chapters.5.answers]\nbusiness_metric = "A"\n'
        '[chapters.metrics.answers]\nbusiness_metric = "B"\n'
    )
    assert main(["set", str(doc), "--from", str(answers)]) == 2
    assert "the same chapter as chapters.5 (metrics)" in capsys.readouterr().err
    assert doc.read_bytes() == before
