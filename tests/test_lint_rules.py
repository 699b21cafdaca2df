"""The lint's rules (chapter_specs/lint/rules.toml), each on answers it must find something in
and on near misses it must leave alone, from the table in tests/data/lint_examples.toml."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core.codes import CODES
from mldwizard.core.document import Document, Person, new_document
from mldwizard.core.errors import SpecError
from mldwizard.core.lint import LintContext, lint_question
from mldwizard.core.lint_rules import builtin_rules, load_rules, unknown_questions
from mldwizard.core.specs import Question, Specs, load_specs

SPECS = load_specs()
RULES = builtin_rules()
EXAMPLES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "data" / "lint_examples.toml").read_text(encoding="utf-8")
)["example"]
README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def document(specs: Specs, example: dict[str, Any]) -> Document:
    doc = new_document("Ticket routing", dt.date(2026, 9, 1), [s.slug for s in specs.chapters])
    for entry in example.get("people", []):
        handle, _, name = entry.partition(":")
        doc.people.append(Person(handle=handle, name=name))
    for ref, value in {
        **example.get("context", {}),
        example["question"]: example["answer"],
    }.items():
        slug, _, qid = ref.partition(".")
        doc.step(slug).answers[qid] = value
    if "updated" in example:
        slug = example["question"].partition(".")[0]
        doc.step(slug).updated = dt.datetime.fromisoformat(example["updated"])
    return doc


def found(example: dict[str, Any]) -> list[str]:
    slug, _, qid = example["question"].partition(".")
    step = SPECS.get(slug)
    assert step is not None
    question = step.question(qid)
    assert question is not None
    ctx = LintContext(document(SPECS, example), SPECS, dt.date(2026, 11, 30))
    return [f.message for f in lint_question(ctx, step, question) if f.code == example["code"]]


@pytest.mark.parametrize(
    "example",
    EXAMPLES,
    ids=[f"{e['code']}-{'fires' if e['fires'] else 'clean'}-{i}" for i, e in enumerate(EXAMPLES)],
)
def test_rule_on_example(example: dict[str, Any]) -> None:
    messages = found(example)
    if not example["fires"]:
        assert messages == []
        return
    assert len(messages) == 1, messages
    assert example["found"] in messages[0]


def test_every_rule_has_an_example_that_fires_and_one_that_does_not() -> None:
    for rule in RULES.rule:
        kinds = {e["fires"] for e in EXAMPLES if e["code"] == rule.code}
        assert kinds == {True, False}, rule.code


def test_every_rule_is_documented_with_its_code() -> None:
    for rule in RULES.rule:
        assert rule.code in CODES
        assert f"| {rule.code} |" in README
    assert "| MLD120 |" in README


def test_the_rules_name_questions_that_exist() -> None:
    assert unknown_questions(RULES, SPECS) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('code = "MLD101"\ncheck = "placeholder"', "title"),
        (
            'code = "MLD101"\ncheck = "placeholder"\ntitle = "t"\nmessage = "m {found}"\nfix = "f"',
            "check 'placeholder' needs words",
        ),
        (
            'code = "MLD101"\ncheck = "placeholder"\ntitle = "t"\nmessage = "m"\nfix = "f"\n'
            'words = ["TBD"]',
            "put {found} in it",
        ),
        (
            'code = "MLD001"\ncheck = "placeholder"\ntitle = "t"\nmessage = "{found}"\n'
            'fix = "f"\nwords = ["TBD"]',
            "code",
        ),
        (
            'code = "MLD102"\ncheck = "solution-words"\ntitle = "t"\nmessage = "{found}"\n'
            'fix = "f"\nwords = ["model"]\nquestions = ["problem_statement"]',
            "step-slug.question_id",
        ),
    ],
)
def test_a_broken_rule_is_refused_with_its_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(f"[[rule]]\n{text}\n", encoding="utf-8")
    with pytest.raises(SpecError) as err:
        load_rules(path)
    assert str(path) in str(err.value)
    assert problem in str(err.value)


def test_two_rules_with_one_code_are_refused(tmp_path: Path) -> None:
    rule = 'code = "MLD101"\ncheck = "placeholder"\ntitle = "t"\nmessage = "{found}"\n'
    rule += 'fix = "f"\nwords = ["TBD"]\n'
    path = tmp_path / "rules.toml"
    path.write_text(f"[[rule]]\n{rule}\n[[rule]]\n{rule}", encoding="utf-8")
    with pytest.raises(SpecError, match="MLD101 is used by two rules"):
        load_rules(path)


def test_expects_is_for_text_questions_only() -> None:
    base = {"id": "q", "title": "Q", "prompt": "Q?", "help": "h", "example": "e"}
    assert Question.model_validate({**base, "kind": "long_text", "expects": "number"})
    with pytest.raises(ValueError, match="'expects' is for text"):
        Question.model_validate({**base, "kind": "number", "expects": "number"})
    with pytest.raises(ValueError):
        Question.model_validate({**base, "kind": "text", "expects": "money"})


def test_expects_is_in_the_spec_schema() -> None:
    from mldwizard.core.specs import StepSpec

    schema = StepSpec.model_json_schema(by_alias=True)
    expects = schema["$defs"]["Question"]["properties"]["expects"]
    assert "MLD103" in expects["description"]


def test_questions_that_need_a_number_or_a_date_say_so() -> None:
    expects = {f"{s.slug}.{q.id}": q.expects for s in SPECS.steps for q in s.questions if q.expects}
    assert expects["metrics.target_values"] == "number"
    assert expects["problem.problem_cost"] == "number"
    assert expects["serving.cost"] == "number"
    assert expects["essentials.milestones"] == "date"


@pytest.mark.parametrize(
    "hostile",
    [
        "<a:" * 100_000,
        "[a](" * 100_000,
        "`" * 300_000,
        "``x" * 100_000,
        "```\n~~~\n" * 50_000,
        "2026" + " " * 300_000,
    ],
    ids=["autolinks", "link-targets", "backticks", "code-spans", "fences", "spaces"],
)
def test_reading_a_hostile_answer_takes_time_in_proportion_to_its_length(hostile: str) -> None:
    """Every answer is read by `check`: a pattern that scans to the end of the text from each
    of its starts took minutes on 300 KB (quadratic); it must take about a second."""
    import time

    from mldwizard.core.lint_text import found_words, has_date, iso_dates

    started = time.monotonic()
    found_words(hostile, ("TBD", "to be defined", "ML"))
    has_date(hostile)
    iso_dates(hostile)
    found({"code": "MLD107", "question": "problem.risks", "answer": "owner" + " " * 300_000 + "x"})
    assert time.monotonic() - started < 60
