"""Spec loading: the built-in chapters, resolving references, broken specs, extra chapters,
and the semantics of the declarative conditions."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from mldwizard.core.conditions import Condition
from mldwizard.core.errors import SpecError, UsageError
from mldwizard.core.shown import missing_at, shown_at
from mldwizard.core.specs import Specs, StepSpec, load_specs, load_step
from mldwizard.core.workspace import specs_for

CHAPTER_SLUGS = [
    "essentials",
    "problem",
    "research",
    "design-document",
    "metrics",
    "datasets",
    "validation",
    "baseline",
    "error-analysis",
    "training-pipeline",
    "features",
    "reporting",
    "integration",
    "monitoring",
    "serving",
    "ownership",
]

WIZARD_ORDER = [
    "essentials",
    "problem",
    "gate",
    "research",
    "design-document",
    "feasibility",
    *CHAPTER_SLUGS[4:9],
    "stage-gate-pilot",  # after error analysis: what the prototype must show before a pilot
    *CHAPTER_SLUGS[9:14],
    "stage-gate-production",  # after monitoring: alerts and rollback before full use
    *CHAPTER_SLUGS[14:],
]


def _part_of_chapter(number: int) -> str:
    if number <= 4:
        return "preparations"
    if number <= 8:
        return "early-stage"
    if number <= 12:
        return "intermediate-steps"
    return "integration-and-growth"


# ---- TOML builders for small specs ----------------------------------------------------


def q(qid: str, kind: str = "text", extra: str = "", title: str | None = "") -> str:
    """One [[questions]] entry; ``extra`` adds raw TOML lines to it. ``title`` is a TOML
    value for the title ("" for a fitting one, None for none at all)."""
    title_line = "" if title is None else f"title = {title or repr(f'Title of {qid}')}\n"
    return (
        "[[questions]]\n"
        f'id = "{qid}"\n'
        f"{title_line}"
        f'prompt = "Prompt for {qid}?"\n'
        'help = "Why it matters."\n'
        'example = "An example."\n'
        f'kind = "{kind}"\n' + (textwrap.dedent(extra).strip() + "\n" if extra else "") + "\n"
    )


def chapter(slug: str = "fairness", header: str = "", questions: str | None = None) -> str:
    head = f'slug = "{slug}"\ntitle = "Title of {slug}"\nintro = "What {slug} is for."\n'
    if header:
        head += textwrap.dedent(header).strip() + "\n"
    return head + "\n" + (q("first") if questions is None else questions)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(SpecError) as info:
        load_step(path)
    return str(info.value)


def specs_error(extra: Path) -> str:
    with pytest.raises(SpecError) as info:
        load_specs(extra_dirs=[extra])
    return str(info.value)


# ---- the built-in specs ---------------------------------------------------------------


def test_builtin_chapters_are_numbered_1_to_16_with_the_expected_slugs(specs: Specs) -> None:
    chapters = specs.chapters
    assert [c.slug for c in chapters] == CHAPTER_SLUGS
    assert [c.number for c in chapters] == list(range(1, 17))
    assert all(c.kind == "chapter" for c in chapters)


def test_builtin_wizard_order_places_gate_and_feasibility(specs: Specs) -> None:
    slugs = [s.slug for s in specs.steps]
    assert slugs == WIZARD_ORDER
    assert slugs.index("gate") == slugs.index("problem") + 1
    assert slugs.index("feasibility") == slugs.index("design-document") + 1
    assert specs.gate is not None and specs.gate.slug == "gate" and specs.gate.kind == "gate"
    assert specs.feasibility is not None and specs.feasibility.slug == "feasibility"
    assert specs.feasibility.kind == "feasibility"
    assert specs.gate.number is None and specs.feasibility.number is None


def test_builtin_parts(specs: Specs) -> None:
    expected = {c.slug: _part_of_chapter(c.number or 0) for c in specs.chapters}
    expected["gate"] = "preparations"
    expected["feasibility"] = "preparations"
    expected["stage-gate-pilot"] = "intermediate-steps"
    expected["stage-gate-production"] = "integration-and-growth"
    assert specs.parts == expected


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_builtin_chapter_questions_are_complete(specs: Specs, slug: str) -> None:
    step = specs.get(slug)
    assert step is not None
    *asked, notes = step.questions
    own = [q for q in asked if q.applies_to is None]  # an overlay's questions are counted apart
    assert 5 <= len(own) <= 20  # question set v2 split long prompts and added questions
    assert notes.id == "notes" and notes.title == "Other notes" and not notes.required
    ids = [question.id for question in step.questions]
    assert len(ids) == len(set(ids))
    for question in step.questions:
        assert question.help.strip(), question.id
        assert question.example.strip(), question.id
        assert question.prompt.strip(), question.id


def test_every_builtin_question_has_a_short_title_and_every_choice_a_label(specs: Specs) -> None:
    """Titles are the document's headings, labels what people read instead of slugs."""
    questions = [q for step in specs.steps for q in step.questions]
    assert len(questions) >= 183
    for question in questions:
        assert 0 < len(question.title) <= 60, question.id
        assert question.title == " ".join(question.title.split()), question.id
        assert not question.title.endswith(("?", ".", ":")), question.id  # a heading
        assert question.title != question.prompt, question.id
        if question.kind in ("choice", "multi_choice"):
            for choice in question.choices_spec or []:
                assert not isinstance(choice, str), (question.id, choice)
                assert choice.label != choice.value, (question.id, choice.value)
                assert 0 < len(choice.label) <= 60, (question.id, choice.value)
    for step in specs.steps:
        titles = [q.title.casefold() for q in step.questions]
        assert len(titles) == len(set(titles)), step.slug


def test_builtin_examples_name_choices_by_their_labels(specs: Specs) -> None:
    """The wizard shows labels, so an example answer says "Tried, falls short", not the
    stored slug "falls-short" (plain words such as "heuristic" may appear in prose)."""
    for step in specs.steps:
        for question in step.questions:
            slugs = [v for v, label in question.choice_labels.items() if "-" in v]
            for slug in slugs:
                found = re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", question.example)
                assert found is None, (question.id, slug)


def test_builtin_gate_and_feasibility_are_complete(specs: Specs) -> None:
    gate = specs.gate
    feasibility = specs.feasibility
    assert gate is not None and feasibility is not None
    assert gate.verdict is not None and gate.verdict.rules
    gate_ids = [question.id for question in gate.questions]
    assert len(gate_ids) == len(set(gate_ids))
    for question in gate.questions:
        assert question.help.strip() and question.example.strip(), question.id
    for rule in gate.verdict.rules:
        assert all(gate.question(c.question) is not None for c in rule.when)
    item_ids = [item.id for item in feasibility.items]
    assert len(item_ids) == len(set(item_ids)) == 16
    assert all(item.text.strip() and item.help.strip() for item in feasibility.items)


def test_builtin_specs_load_the_same_twice() -> None:
    first, second = load_specs(), load_specs()
    assert [s.slug for s in first.steps] == [s.slug for s in second.steps]
    assert first.parts == second.parts


# ---- Specs.resolve --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "slug"),
    [
        ("1", "essentials"),
        ("4", "design-document"),
        ("16", "ownership"),
        (" 6 ", "datasets"),
        ("datasets", "datasets"),
        ("Error-Analysis", "error-analysis"),
        ("gate", "gate"),
        ("GATE", "gate"),
        ("feasibility", "feasibility"),
    ],
)
def test_resolve(specs: Specs, ref: str, slug: str) -> None:
    assert specs.resolve(ref).slug == slug


@pytest.mark.parametrize("ref", ["17", "0", "fairness", "chapter", "01"])
def test_resolve_unknown_lists_the_choices(specs: Specs, ref: str) -> None:
    with pytest.raises(UsageError) as info:
        specs.resolve(ref)
    message = str(info.value)
    assert repr(ref) in message
    for choice in ("1 (essentials)", "2 (problem)", "gate", "feasibility", "16 (ownership)"):
        assert choice in message
    # Choices are listed in wizard order.
    assert message.index("2 (problem)") < message.index("gate") < message.index("3 (research)")


@pytest.mark.parametrize("ref", ["", "   "])
def test_resolve_empty_ref_is_unknown(specs: Specs, ref: str) -> None:
    # An empty reference must not fall through to the first chapter.
    with pytest.raises(UsageError):
        specs.resolve(ref)


# ---- broken specs ---------------------------------------------------------------------


def test_invalid_toml_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.toml", 'slug = "x"\ntitle = "X"\nintro = = "oops"\n')
    message = load_error(path)
    assert message.startswith(f"{path}:3:9: invalid TOML")
    assert "(at line" not in message


# (name, TOML text, substrings the message must contain besides the path)
BROKEN_STEPS: list[tuple[str, str, list[str]]] = [
    (
        "unknown-top-level-key",
        chapter(header='colour = "blue"'),
        ["colour", "unknown field"],
    ),
    (
        "unknown-question-key",
        chapter(questions=q("first") + q("odd_one", extra='colour = "blue"')),
        ["question 'odd_one'", "colour", "unknown field"],
    ),
    (
        "bad-kind",
        chapter(questions=q("first") + q("weird", kind="essay")),
        ["question 'weird'", "kind"],
    ),
    (
        "duplicate-question-id",
        chapter(questions=q("twice") + q("other") + q("twice")),
        ["question 'twice'", "duplicate id"],
    ),
    (
        "condition-unknown-question",
        chapter(
            questions=q("first")
            + q("second", extra='when = { question = "ghost", answered = true }')
        ),
        ["question 'second'", "unknown question 'ghost'"],
    ),
    (
        "condition-later-question",
        chapter(
            questions=q("first", extra='when = { question = "second", answered = true }')
            + q("second")
        ),
        ["question 'first'", "a later question 'second'"],
    ),
    (
        "condition-names-itself",
        chapter(questions=q("first", extra='when = { question = "first", answered = true }')),
        ["question 'first'", "condition names itself"],
    ),
    (
        "condition-two-tests",
        chapter(
            questions=q("first", kind="choice", extra='choices = ["a", "b"]')
            + q("second", extra='when = { question = "first", equals = "a", in = ["a", "b"] }')
        ),
        ["question 'second'", "when", "exactly one of"],
    ),
    (
        "condition-in-nothing",
        chapter(
            questions=q("first", kind="choice", extra='choices = ["a", "b"]')
            + q("second", extra='when = { question = "first", in = [] }')
        ),
        ["question 'second'", "when", "'in' needs at least one value"],
    ),
    (
        "condition-no-test",
        chapter(questions=q("first") + q("second", extra='when = { question = "first" }')),
        ["question 'second'", "when", "exactly one of"],
    ),
    (
        "choice-without-choices",
        chapter(questions=q("first") + q("pick", kind="choice")),
        ["question 'pick'", "needs 'choices'"],
    ),
    (
        "multi-choice-empty-choices",
        chapter(questions=q("picks", kind="multi_choice", extra="choices = []")),
        ["question 'picks'", "needs 'choices'"],
    ),
    (
        "repeated-choices",
        chapter(questions=q("pick", kind="choice", extra='choices = ["a", "a"]')),
        ["question 'pick'", "repeats"],
    ),
    (
        "choices-on-text",
        chapter(questions=q("free", kind="text", extra='choices = ["a", "b"]')),
        ["question 'free'", "takes no 'choices'"],
    ),
    (
        "default-not-a-choice",
        chapter(questions=q("pick", kind="choice", extra='choices = ["a", "b"]\ndefault = "c"')),
        ["question 'pick'", "'default' does not fit"],
    ),
    (
        "default-wrong-kind-number",
        chapter(questions=q("count", kind="number", extra='default = "many"')),
        ["question 'count'", "'default' does not fit"],
    ),
    (
        "default-wrong-kind-bool",
        chapter(questions=q("flag", kind="bool", extra="default = 1")),
        ["question 'flag'", "'default' does not fit"],
    ),
    (
        "default-multi-choice-outside-choices",
        chapter(
            questions=q("picks", kind="multi_choice", extra='choices = ["a"]\ndefault = ["a", "z"]')
        ),
        ["question 'picks'", "'default' does not fit"],
    ),
    (
        "bad-slug",
        chapter(slug="Bad_Slug"),
        ["slug", "pattern"],
    ),
    (
        "missing-title",
        chapter(questions=q("first") + q("untitled", title=None)),
        ["question 'untitled'", "title", "required field is missing"],
    ),
    (
        "empty-title",
        chapter(questions=q("first") + q("blank", title='"   "')),
        ["question 'blank'", "title", "the title is empty"],
    ),
    (
        "long-title",
        chapter(questions=q("first") + q("wordy", title=repr("x" * 61))),
        ["question 'wordy'", "title", "at most 60 characters"],
    ),
    (
        "multi-line-title",
        chapter(questions=q("first") + q("tall", title='"Two\\nlines"')),
        ["question 'tall'", "title", "one line"],
    ),
    (
        "duplicate-title",
        chapter(questions=q("first", title='"Groups"') + q("second", title='"groups"')),
        ["question 'second'", "title 'groups'", "already the title of 'first'"],
    ),
    (
        "duplicate-title-by-case-and-spacing",
        chapter(
            questions=q("first", title='"Cost of  errors"') + q("second", title='"cost of errors"')
        ),
        ["question 'second'", "already the title of 'first'"],
    ),
    (
        "choice-labels-repeat",
        chapter(
            questions=q(
                "pick",
                kind="choice",
                extra='choices = [{ value = "a", label = "Same" }, '
                '{ value = "b", label = "same" }]',
            )
        ),
        ["question 'pick'", "'a' and 'b' have the same label"],
    ),
    (
        "choice-label-reads-like-another-value",
        chapter(
            questions=q(
                "pick",
                kind="choice",
                extra='choices = [{ value = "a", label = "Other" }, '
                '{ value = "other", label = "Something else" }]',
            )
        ),
        ["question 'pick'", "label 'Other' of choice 'a' reads like the value 'other'"],
    ),
    (
        "choice-label-too-long",
        chapter(
            questions=q(
                "pick",
                kind="multi_choice",
                extra=f'choices = [{{ value = "a", label = "{"y" * 61}" }}]',
            )
        ),
        ["question 'pick'", "choices", "at most 60 characters"],
    ),
    (
        "choice-table-unknown-key",
        chapter(
            questions=q("pick", kind="choice", extra='choices = [{ value = "a", lable = "A" }]')
        ),
        ["question 'pick'", "choices", "lable"],
    ),
    (
        "choice-table-empty-label",
        chapter(
            questions=q("pick", kind="choice", extra='choices = [{ value = "a", label = "" }]')
        ),
        ["question 'pick'", "choices", "empty"],
    ),
    (
        "bad-question-id",
        chapter(questions=q("first") + q("Bad-Id")),
        ["question 'Bad-Id'", "id", "pattern"],
    ),
    (
        "chapter-without-questions",
        chapter(questions=""),
        ["a chapter needs at least one question"],
    ),
    (
        "number-on-gate",
        chapter(
            slug="my-gate",
            header='kind = "gate"\nnumber = 3',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Because."\n',
        ),
        ["only chapters have a 'number'"],
    ),
    (
        "gate-rule-unknown-question",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Fine."\n\n'
            '[[verdict.rules]]\nwhen = { question = "nope", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Broken."\n',
        ),
        ["verdict.rules[1]", "unknown question 'nope'"],
    ),
    (
        "gate-decisive-rule-unknown-question",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Fine."\n\n'
            '[[verdict.decisive]]\nid = "measured"\norder = 1\nlevel = "heuristic"\n'
            'when = [{ question = "first", equals = true }, { question = "nope", equals = 1 }]\n'
            'reason = "Broken."\n',
        ),
        ["verdict.decisive[0] (measured)", "unknown question 'nope'"],
    ),
    (
        "gate-never-value-not-a-choice",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("pick", kind="choice", extra='choices = ["a", "b"]')
            + '[[verdict.rules]]\nwhen = { question = "pick", equals = "a" }\n'
            'points = { heuristic = 1 }\nreason = "Fine."\n\n'
            '[[verdict.never]]\nlevel = "heuristic"\n'
            'when = { question = "pick", equals = "c" }\nreason = "Broken."\n',
        ),
        ["verdict.never[0]", "'c' is not a choice of 'pick'"],
    ),
    (
        "gate-decisive-unknown-level",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Fine."\n\n'
            '[[verdict.decisive]]\nid = "x"\norder = 1\nlevel = "a-big-model"\n'
            'when = { question = "first", equals = true }\nreason = "R."\n',
        ),
        ["verdict.decisive[0].level", "do-not-build"],
    ),
    (
        "gate-points-for-do-not-build",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { do-not-build = 1 }\nreason = "Opinion cannot stop a project."\n',
        ),
        ["verdict.rules[0].points.do-not-build", "complex-model'"],
    ),
    (
        "gate-without-verdict",
        chapter(slug="my-gate", header='kind = "gate"', questions=q("first", kind="bool")),
        ["needs a [verdict]"],
    ),
    (
        "gate-rule-without-effect",
        chapter(
            slug="my-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'reason = "Does nothing."\n',
        ),
        ["verdict", "'points' or 'max_level'"],
    ),
    (
        "feasibility-without-items",
        'slug = "checks"\nkind = "feasibility"\ntitle = "Checks"\nintro = "Check things."\n',
        ["needs [[items]]"],
    ),
    (
        "feasibility-duplicate-item",
        'slug = "checks"\nkind = "feasibility"\ntitle = "Checks"\nintro = "Check things."\n\n'
        + '[[items]]\nid = "same"\naxis = "value"\ntext = "T."\nhelp = "H."\n\n' * 2,
        ["item 'same'", "duplicate id"],
    ),
    (
        "feasibility-bad-axis",
        'slug = "checks"\nkind = "feasibility"\ntitle = "Checks"\nintro = "Check things."\n\n'
        '[[items]]\nid = "odd"\naxis = "vibes"\ntext = "T."\nhelp = "H."\n',
        ["item 'odd'", "axis"],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(text, expected, id=name) for name, text, expected in BROKEN_STEPS],
)
def test_broken_step_names_file_and_question(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    path = write(tmp_path, "step.toml", text)
    message = load_error(path)
    assert str(path) in message
    for part in expected:
        assert part in message, f"{part!r} not in {message!r}"


def test_every_broken_step_fixture_is_otherwise_valid(tmp_path: Path) -> None:
    """The builders themselves produce loadable specs, so each broken case breaks one thing."""
    path = write(
        tmp_path,
        "ok.toml",
        chapter(
            questions=q("first", kind="choice", extra='choices = ["a", "b"]\ndefault = "a"')
            + q("second", extra='when = { question = "first", in = ["a"] }')
        ),
    )
    step = load_step(path)
    assert step.slug == "fairness"
    assert [question.id for question in step.questions] == ["first", "second", "notes"]
    assert step.questions[0].default == "a"
    assert step.questions[1].when is not None
    assert step.questions[1].when.in_ == ["a"]


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    assert load_error(path) == f"{path}: no such file"


def test_extra_folder_that_does_not_exist(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    message = specs_error(folder)
    assert str(folder) in message


def test_extra_step_with_builtin_slug_is_an_error(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    path = write(extra, "datasets.toml", chapter(slug="datasets"))
    message = specs_error(extra)
    assert str(path) in message
    assert "'datasets'" in message and "defined twice" in message


def test_two_extra_steps_with_the_same_slug_are_an_error(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(extra, "a.toml", chapter(slug="fairness"))
    second = write(extra, "b.toml", chapter(slug="fairness"))
    message = specs_error(extra)
    assert str(second) in message
    assert "'fairness'" in message and "defined twice" in message


def test_extra_steps_in_two_folders_with_the_same_slug_are_an_error(tmp_path: Path) -> None:
    write(tmp_path / "one", "fairness.toml", chapter(slug="fairness"))
    second = write(tmp_path / "two", "fairness.toml", chapter(slug="fairness"))
    with pytest.raises(SpecError) as info:
        load_specs(extra_dirs=[tmp_path / "one", tmp_path / "two"])
    assert str(second) in str(info.value)
    assert "defined twice" in str(info.value)


def test_extra_chapter_colliding_on_number(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    path = write(extra, "fairness.toml", chapter(slug="fairness", header="number = 3"))
    message = specs_error(extra)
    assert str(path) in message
    assert "chapter number 3" in message and "'research'" in message


def test_second_gate_step_is_an_error(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(
        extra,
        "gate2.toml",
        chapter(
            slug="second-gate",
            header='kind = "gate"',
            questions=q("first", kind="bool")
            + '[[verdict.rules]]\nwhen = { question = "first", equals = true }\n'
            'points = { heuristic = 1 }\nreason = "Because."\n',
        ),
    )
    assert "only one gate step" in specs_error(extra)


# ---- extra chapters -------------------------------------------------------------------


def test_extra_chapter_without_place_is_appended_as_additional(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(extra, "fairness.toml", chapter(slug="fairness"))
    specs = load_specs(extra_dirs=[extra])
    slugs = [s.slug for s in specs.steps]
    assert slugs == [*WIZARD_ORDER, "fairness"]
    assert specs.parts["fairness"] == "additional"
    assert specs.parts["ownership"] == "integration-and-growth"
    fairness = specs.resolve("fairness")
    assert fairness.number is None and fairness.kind == "chapter"
    assert [c.slug for c in specs.chapters] == [*CHAPTER_SLUGS, "fairness"]


def test_extra_chapter_after_datasets_inherits_its_part(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(extra, "fairness.toml", chapter(slug="fairness", header='after = "datasets"'))
    specs = load_specs(extra_dirs=[extra])
    slugs = [s.slug for s in specs.steps]
    expected = list(WIZARD_ORDER)
    expected.insert(expected.index("datasets") + 1, "fairness")
    assert slugs == expected
    assert specs.parts["fairness"] == "early-stage"
    # The steps around it keep their parts.
    assert specs.parts["validation"] == "early-stage"
    assert specs.parts["error-analysis"] == "intermediate-steps"


def test_extra_chapters_placed_and_appended_together(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(extra, "a-privacy.toml", chapter(slug="privacy", header='after = "datasets"'))
    write(extra, "b-fairness.toml", chapter(slug="fairness"))
    write(extra, "c-labels.toml", chapter(slug="labels", header='after = "datasets"'))
    specs = load_specs(extra_dirs=[extra])
    slugs = [s.slug for s in specs.steps]
    at = slugs.index("datasets")
    assert slugs[at : at + 4] == ["datasets", "privacy", "labels", "validation"]
    assert slugs[-2:] == ["ownership", "fairness"]
    assert specs.parts["privacy"] == specs.parts["labels"] == "early-stage"
    assert specs.parts["fairness"] == "additional"


def test_extra_chapter_after_an_appended_extra_chapter(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    write(extra, "a-fairness.toml", chapter(slug="fairness"))
    write(extra, "b-privacy.toml", chapter(slug="privacy", header='after = "fairness"'))
    specs = load_specs(extra_dirs=[extra])
    assert [s.slug for s in specs.steps][-3:] == ["ownership", "fairness", "privacy"]
    assert specs.parts["fairness"] == specs.parts["privacy"] == "additional"


def test_extra_chapter_after_unknown_step_names_the_file(tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    path = write(extra, "fairness.toml", chapter(slug="fairness", header='after = "nonexistent"'))
    message = specs_error(extra)
    assert str(path) in message
    assert "'nonexistent'" in message


# ---- conditions -----------------------------------------------------------------------


def cond(**test: object) -> Condition:
    return Condition.model_validate({"question": "x", **test})


@pytest.mark.parametrize(
    ("test", "answers", "expected"),
    [
        # equals on scalars
        ({"equals": "a"}, {"x": "a"}, True),
        ({"equals": "a"}, {"x": "b"}, False),
        ({"equals": "a"}, {"y": "a"}, False),
        ({"equals": 3}, {"x": 3}, True),
        ({"equals": 3}, {"x": 4}, False),
        ({"equals": 3}, {"x": 3.0}, True),
        ({"equals": True}, {"x": True}, True),
        ({"equals": False}, {"x": False}, True),
        ({"equals": False}, {"x": True}, False),
        ({"equals": dt.date(2026, 1, 2)}, {"x": dt.date(2026, 1, 2)}, True),
        # equals on list answers: membership
        ({"equals": "b"}, {"x": ["a", "b"]}, True),
        ({"equals": "c"}, {"x": ["a", "b"]}, False),
        ({"equals": "a"}, {"x": []}, False),
        # in
        ({"in": ["a", "b"]}, {"x": "b"}, True),
        ({"in": ["a", "b"]}, {"x": "c"}, False),
        ({"in": ["c", "a"]}, {"x": ["a", "z"]}, True),
        ({"in": ["c", "d"]}, {"x": ["a", "z"]}, False),
        ({"in": [1, 2]}, {"x": 2}, True),
        # answered
        ({"answered": True}, {"x": "text"}, True),
        ({"answered": True}, {"x": ""}, False),
        ({"answered": True}, {"x": "   "}, False),
        ({"answered": True}, {"x": []}, False),
        ({"answered": True}, {}, False),
        ({"answered": True}, {"x": None}, False),
        ({"answered": True}, {"x": False}, True),
        ({"answered": True}, {"x": 0}, True),
        ({"answered": False}, {}, True),
        ({"answered": False}, {"x": ""}, True),
        ({"answered": False}, {"x": []}, True),
        ({"answered": False}, {"x": "text"}, False),
        ({"answered": False}, {"x": ["a"]}, False),
        # bool never equals 1 (nor 0), in either direction
        ({"equals": 1}, {"x": True}, False),
        ({"equals": True}, {"x": 1}, False),
        ({"equals": 0}, {"x": False}, False),
        ({"equals": False}, {"x": 0}, False),
        ({"in": [1]}, {"x": True}, False),
        ({"in": [True]}, {"x": 1}, False),
        ({"in": [True]}, {"x": True}, True),
        # unanswered never matches equals / in
        ({"equals": ""}, {"x": ""}, False),
        ({"equals": "a"}, {}, False),
        ({"equals": "a"}, {"x": None}, False),
        ({"in": [""]}, {"x": "  "}, False),
    ],
)
def test_condition_holds(
    test: dict[str, object], answers: dict[str, object], expected: bool
) -> None:
    assert cond(**test).holds(answers) is expected


def test_condition_from_toml_keeps_bool_and_int_apart(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.toml",
        chapter(
            questions=q("flag", kind="bool")
            + q("count", kind="number")
            + q("a", extra='when = { question = "flag", equals = true }')
            + q("b", extra='when = { question = "count", equals = 1 }')
        ),
    )
    step = load_step(path)
    when_a, when_b = step.questions[2].when, step.questions[3].when
    assert when_a is not None and when_b is not None
    assert when_a.equals is True
    assert when_b.equals == 1 and not isinstance(when_b.equals, bool)
    assert [qq.id for qq in shown_at(step, {"flag": True, "count": 2}, "design")] == [
        "flag",
        "count",
        "a",
        "notes",
    ]
    assert [qq.id for qq in shown_at(step, {"flag": 1, "count": True}, "design")] == [
        "flag",
        "count",
        "notes",
    ]
    assert [qq.id for qq in shown_at(step, {"count": 1}, "design")] == [
        "flag",
        "count",
        "b",
        "notes",
    ]


@pytest.mark.parametrize(
    "test",
    [
        {},
        {"equals": "a", "in": ["a"]},
        {"equals": "a", "answered": True},
        {"in": ["a"], "answered": False},
    ],
)
def test_condition_needs_exactly_one_test(test: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="exactly one of"):
        cond(**test)


def test_condition_forbids_unknown_keys() -> None:
    with pytest.raises(ValueError):
        Condition.model_validate({"question": "x", "equals": "a", "matches": "a*"})


def test_missing_required_respects_conditions() -> None:
    step = StepSpec.model_validate(
        {
            "slug": "tiny",
            "title": "Tiny",
            "intro": "Tiny step.",
            "questions": [
                {
                    "id": "uses_data",
                    "title": "Data used",
                    "prompt": "Data?",
                    "help": "h",
                    "example": "e",
                    "kind": "bool",
                    "required": True,
                },
                {
                    "id": "which",
                    "title": "Data kinds",
                    "prompt": "Which?",
                    "help": "h",
                    "example": "e",
                    "kind": "text",
                    "required": True,
                    "when": {"question": "uses_data", "equals": True},
                },
            ],
        }
    )
    assert [x.id for x in missing_at(step, {}, "design")] == ["uses_data"]
    assert [x.id for x in missing_at(step, {"uses_data": False}, "design")] == []
    assert [x.id for x in missing_at(step, {"uses_data": True}, "design")] == ["which"]
    blank = {"uses_data": True, "which": " "}
    assert [x.id for x in missing_at(step, blank, "design")] == ["which"]
    # An answered question stays visible even when its condition no longer holds.
    assert [x.id for x in shown_at(step, {"uses_data": False, "which": "x"}, "design")] == [
        "uses_data",
        "which",
    ]


def _spec(folder: Path, slug: str, after: str | None = None, kind: str | None = None) -> None:
    lines = [f'slug = "{slug}"', f'title = "{slug.title()}"', 'intro = "Intro."']
    if after:
        lines.append(f'after = "{after}"')
    if kind:
        lines.append(f'kind = "{kind}"')
    lines += [
        "[[questions]]",
        'id = "q1"',
        'title = "A title"',
        'prompt = "A question?"',
        'help = "Why it matters."',
        'example = "An example."',
        'kind = "text"',
    ]
    (folder / f"{slug}.toml").write_text("\n".join(lines) + "\n")


def test_an_after_cycle_is_named_as_a_cycle(tmp_path: Path) -> None:
    _spec(tmp_path, "aa", after="bb")
    _spec(tmp_path, "bb", after="aa")
    with pytest.raises(SpecError, match="makes a cycle"):
        load_specs([tmp_path])


def test_the_same_folder_given_twice_is_read_once(tmp_path: Path) -> None:
    _spec(tmp_path, "fairness")
    specs = specs_for(tmp_path / "d.toml", [tmp_path, Path(str(tmp_path) + "/")])
    assert [s.slug for s in specs.steps].count("fairness") == 1


# The project writes British English; chapter titles taken from the book keep its spelling.
AMERICAN = re.compile(r"\b(?:re)?label(?:ed|ing)\b|\boptimiz|\bquantiz", re.IGNORECASE)


def test_questions_are_worded_in_british_english(specs: Specs) -> None:
    found = []
    for step in specs.steps:
        texts = [(q.id, t) for q in step.questions for t in (q.title, q.prompt, q.help, q.example)]
        texts += [(i.id, t) for i in step.items for t in (i.text, i.help)]
        found += [(step.slug, name, m.group()) for name, t in texts for m in AMERICAN.finditer(t)]
    assert found == []
