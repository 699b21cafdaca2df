"""Short titles as the document's headings, and choice labels wherever people read answers.

The TOML keeps the stable ids and values; the Markdown, ``show``, ``specs`` and messages show
titles and labels. Driven through the CLI as a user would, plus the renderer for properties.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mldwizard.cli import main
from mldwizard.core import edits
from mldwizard.core.examples import example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.shown import shown_at, shown_questions
from mldwizard.core.specs import Specs, load_specs

from .conftest import load
from .test_markdown import base_doc, headings


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(example_path(), path)
    return path


def test_the_example_export_has_titles_as_headings_and_no_prompt(
    example: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, md, err = run(capsys, "export", str(example))
    assert code == 0, err
    doc = load(example, specs)
    expected = [
        q.title
        for step in specs.steps
        for q in shown_questions(doc, step)
        if q.required_at(doc.stage) or q.id in doc.step(step.slug).answers
    ]
    assert [text for tag, text in headings(md) if tag == "h4"] == expected
    flat = _flat(md)
    for step in specs.steps:
        for q in step.questions:
            assert _flat(q.prompt) not in flat, (step.slug, q.id)


def test_the_example_export_shows_labels_and_the_toml_keeps_values(
    example: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, md, _ = run(capsys, "export", str(example))
    assert code == 0
    doc = load(example, specs)
    problem = md.split("#### Costlier kind of mistake", 1)[1].split("####", 1)[0]
    assert problem.strip() == "Varies by segment"
    checked = 0
    for step in specs.steps:
        for q in step.questions:
            value = doc.step(step.slug).answers.get(q.id)
            if q.kind not in ("choice", "multi_choice") or value is None:
                continue
            values = [value] if isinstance(value, str) else list(value)
            section = md.split(f"#### {q.title}\n", 1)[1].split("\n#", 1)[0]
            for v in values:
                assert q.label_of(v) in section, (q.id, v)
                if v != q.label_of(v):
                    assert v not in section.replace(q.label_of(v), ""), (q.id, v)
                checked += 1
    assert checked >= 20  # the example answers many choice questions
    text = example.read_text()
    assert 'costlier_error = "varies-by-segment"' in text
    assert "Varies by segment" not in text


def test_show_uses_titles_and_labels(
    example: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, out, err = run(capsys, "show", str(example), "problem")
    assert code == 0, err
    flat = _flat(out)
    assert "Costlier kind of mistake" in flat and "Varies by segment" in flat
    assert "varies-by-segment" not in flat
    assert _flat(specs.resolve("problem").questions[0].prompt) not in flat
    code, out, _ = run(capsys, "show", str(example), "essentials")
    assert "Start simple" in out and "start-simple" not in out


def test_set_error_lists_each_value_with_its_label(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = doc_path.read_bytes()
    code, _, err = run(capsys, "set", str(doc_path), "problem", "costlier_error", "worse")
    assert code == 2 and "Traceback" not in err
    assert "problem.costlier_error: 'worse' is not one of the choices:" in err
    assert 'false-negatives ("False negatives are worse")' in err
    assert 'varies-by-segment ("Varies by segment")' in err
    code, _, err = run(capsys, "set", str(doc_path), "essentials", "principles", "fast", "modular")
    assert code == 2 and "'fast' not among the choices:" in err
    assert 'start-simple ("Start simple")' in err
    assert doc_path.read_bytes() == before


def test_set_takes_a_value_or_an_exact_label_and_stores_the_value(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    assert run(capsys, "set", p, "problem", "costlier_error", "false-negatives")[0] == 0
    assert load(doc_path, specs).step("problem").answers["costlier_error"] == "false-negatives"
    assert run(capsys, "set", p, "problem", "costlier_error", "about equal")[0] == 0
    assert load(doc_path, specs).step("problem").answers["costlier_error"] == "about-equal"
    code, _, _ = run(capsys, "set", p, "essentials", "principles", "Start simple", "cost-aware")
    assert code == 0
    assert load(doc_path, specs).step("essentials").answers["principles"] == [
        "start-simple",
        "cost-aware",
    ]
    # Part of a label is not a label.
    code, _, err = run(capsys, "set", p, "problem", "costlier_error", "False negatives")
    assert code == 2 and "is not one of the choices" in err
    assert 'costlier_error = "about-equal"' in doc_path.read_text()


def test_specs_show_titles_and_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "specs", "problem")
    assert code == 0
    assert "Cost of a false positive and a false negative" in out
    assert 'false-negatives ("False negatives are worse")' in _flat(out)
    code, out, _ = run(capsys, "specs", "problem", "--format", "json")
    (step,) = json.loads(out)
    by_id = {q["id"]: q for q in step["questions"]}
    assert by_id["problem_statement"]["title"] == "Problem statement"
    assert {"value": "false-negatives", "label": "False negatives are worse"} in by_id[
        "costlier_error"
    ]["choices"]


def test_the_spec_schema_describes_titles_and_choice_tables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schema", "--of", "spec")
    assert code == 0
    schema = json.loads(out)
    question = schema["$defs"]["Question"]
    assert "title" in question["required"]
    assert question["properties"]["title"]["maxLength"] == 60
    choices = question["properties"]["choices"]["anyOf"][0]["items"]["oneOf"]
    assert {"type": "string"} in choices and {"$ref": "#/$defs/Choice"} in choices
    assert schema["$defs"]["Choice"]["required"] == ["value", "label"]


def _choice_questions(specs: Specs) -> list[tuple[str, str, str, list[str]]]:
    return [
        (step.slug, q.id, q.kind, q.choices or [])
        for step in specs.steps
        for q in step.questions
        if q.choices
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_choice_answers_never_change_the_headings(specs: Specs, data: st.DataObject) -> None:
    """Labels are text from the specs: whatever is picked, the headings stay those of the
    same questions answered with anything else (only which questions are shown may differ)."""
    doc = base_doc(specs)
    plain = base_doc(specs)
    for slug, qid, kind, values in _choice_questions(specs):
        if not data.draw(st.booleans()):
            continue
        if kind == "choice":
            value: object = data.draw(st.sampled_from(values))
            other: object = values[0]
        else:
            value = data.draw(st.lists(st.sampled_from(values), min_size=1, unique=True))
            other = values[:1]
        edits.set_answer(doc, specs.resolve(slug), qid, value)
        edits.set_answer(plain, specs.resolve(slug), qid, other)
    rendered = render_markdown(doc, specs)
    found = [h for h in headings(rendered) if h[0] != "h4"]
    assert found == [h for h in headings(render_markdown(plain, specs)) if h[0] != "h4"]
    titles = {q.title for s in specs.steps for q in s.questions}
    assert all(text in titles for tag, text in headings(rendered) if tag == "h4")


def test_the_readme_extra_chapter_example_loads_with_titles_and_labels(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    after = readme.split("put a file in `.mldwizard/chapters/`", 1)[1]
    block = after.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "fairness.toml").write_text(block, encoding="utf-8")
    step = load_specs([tmp_path]).get("fairness")
    assert step is not None
    assert [q.title for q in step.questions] == [
        "Groups at risk",
        "Worst harm to a group",
        "Other notes",  # every chapter ends with its free notes
    ]
    assert step.questions[1].label_of("lost-money") == "Money lost"


def test_a_new_document_has_title_headings_and_todos_without_prompts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    path = tmp_path / "design.toml"
    assert run(capsys, "new", str(path), "--no-input")[0] == 0
    code, md, _ = run(capsys, "export", str(path), "--draft")
    assert code == 0
    essentials = md.split("### 1. Essentials", 1)[1].split("\n### ", 1)[0]
    required = [q for q in shown_at(specs.resolve("essentials"), {}, "design") if q.required]
    assert essentials.count("*TODO: not answered yet (required).*") == len(required)
    assert [t for tag, t in headings(essentials) if tag == "h4"] == [q.title for q in required]
    # A writing session's draft quotes each missing question's prompt above its placeholder.
    flat = _flat(essentials)
    for q in required:
        assert _flat(q.prompt) in flat, q.id
    # The reader's document has no placeholders; the prompts are only in its list of open
    # questions at the end, never among the chapters.
    code, reader, _ = run(capsys, "export", str(path))
    assert code == 0 and "TODO" not in reader
    body = _flat(reader.split("\n## Open questions\n", 1)[0])
    assert not [t for tag, t in headings(reader) if tag == "h4"]
    for step in specs.steps:
        for q in step.questions:
            assert _flat(q.prompt) not in body, (step.slug, q.id)
