"""Free-form notes per chapter (issue 11, item 5): every chapter ends with an optional
long-text question ``notes`` ("Other notes"), added by the spec loader, so every face sees
it; it never counts as missing or as progress. Driven through the CLI as a user would."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.errors import SpecError, UsageError
from mldwizard.core.examples import example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.progress import chapters_complete, step_progress
from mldwizard.core.serialize import to_toml_text
from mldwizard.core.shown import missing_questions, shown_questions
from mldwizard.core.specs import Specs, load_specs, load_step

from .conftest import load
from .test_markdown import base_doc, headings

NOTE = (
    "Waiting on the data platform team for the 2024 archive.\n\n"
    "The **retention** decision is deferred to the January review."
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _flat(text: str) -> str:
    return " ".join(text.split())


def spec_file(folder: Path, questions: str, slug: str = "fairness") -> Path:
    head = f'slug = "{slug}"\ntitle = "Fairness"\nintro = "Who could be harmed?"\n\n'
    path = folder / f"{slug}.toml"
    path.write_text(head + textwrap.dedent(questions), encoding="utf-8")
    return path


def question(qid: str, title: str, kind: str = "long_text", extra: str = "") -> str:
    return (
        f'[[questions]]\nid = "{qid}"\ntitle = "{title}"\nprompt = "Prompt of {qid}?"\n'
        f'help = "Why."\nexample = "An example."\nkind = "{kind}"\n{extra}\n'
    )


# ---- the model ----------------------------------------------------------------------


def test_every_chapter_ends_with_optional_notes_and_the_gate_keeps_its_own(
    specs: Specs,
) -> None:
    for step in specs.chapters:
        notes = step.questions[-1]
        assert (notes.id, notes.title, notes.kind) == ("notes", "Other notes", "long_text")
        assert not notes.required and notes.when is None and notes.is_notes
        assert [q.id for q in step.questions].count("notes") == 1
        assert not any(q.is_notes for q in step.questions[:-1])
    gate = specs.gate
    assert gate is not None
    # The gate words its own notes (they argue for or against ML): the same role, last.
    assert gate.questions[-1].is_notes
    assert gate.questions[-1].title == "Other arguments for or against ML"
    feasibility = specs.feasibility
    assert feasibility is not None
    assert not any(q.is_notes for q in feasibility.questions)  # each item has its evidence


def test_an_extra_chapter_gets_notes_and_may_word_its_own(tmp_path: Path) -> None:
    plain = load_step(spec_file(tmp_path, question("groups", "Groups at risk")))
    assert [q.id for q in plain.questions] == ["groups", "notes"]
    own = load_step(
        spec_file(
            tmp_path,
            question("groups", "Groups at risk") + question("notes", "Complaints so far"),
            slug="complaints",
        )
    )
    assert [(q.id, q.title) for q in own.questions] == [
        ("groups", "Groups at risk"),
        ("notes", "Complaints so far"),
    ]


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        (
            question("notes", "Notes", kind="text"),
            'must be kind = "long_text", not required and without a condition',
        ),
        (
            question("notes", "Notes", extra="required = true"),
            'must be kind = "long_text", not required and without a condition',
        ),
        (
            question("first", "First", kind="bool")
            + question("notes", "Notes", extra='when = { question = "first", equals = true }'),
            'must be kind = "long_text", not required and without a condition',
        ),
        (
            question("notes", "Notes") + question("after", "After"),
            "must be the last question",
        ),
        (question("notes", "Notes", extra='default = "x"'), "takes no default"),
    ],
    ids=["not-long-text", "required", "conditional", "not-last", "default"],
)
def test_a_spec_notes_question_that_is_not_free_notes_is_a_load_error(
    tmp_path: Path, questions: str, expected: str
) -> None:
    path = spec_file(tmp_path, questions)
    with pytest.raises(SpecError) as caught:
        load_specs([tmp_path])
    message = str(caught.value)
    assert message.startswith(f"{path}: question 'notes': ")
    assert "kept for a step's free-form notes" in message and expected in message


def test_a_question_titled_other_notes_is_a_load_error_naming_it(tmp_path: Path) -> None:
    path = spec_file(tmp_path, question("remarks", "Other Notes"))
    with pytest.raises(SpecError) as caught:
        load_step(path)
    assert str(caught.value).startswith(f"{path}: question 'remarks': title 'Other Notes'")
    assert "free notes" in str(caught.value)


def test_notes_never_count_against_completion_or_progress(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "example.toml"
    shutil.copyfile(example_path(), path)
    doc = load(path, specs)
    for step in specs.chapters:
        doc.step(step.slug).answers.pop("notes", None)
    before = {s.slug: step_progress(doc, s) for s in specs.steps}
    complete = chapters_complete(doc, specs)
    assert complete[0] > 0  # complete chapters, without any notes
    for step in specs.chapters:
        edits.set_answer(doc, step, "notes", NOTE)
    assert {s.slug: step_progress(doc, s) for s in specs.steps} == before
    assert chapters_complete(doc, specs) == complete
    for step in specs.chapters:
        assert all(not q.is_notes for q in missing_questions(doc, step))
        # Not among what the progress counts: a chapter is "n of n" without notes.
        shown = [q for q in shown_questions(doc, step) if not q.is_notes]
        assert step_progress(doc, step).shown == len(shown)
    # A chapter with nothing but notes is still empty for progress.
    fresh = base_doc(specs)
    edits.set_answer(fresh, specs.resolve("metrics"), "notes", NOTE)
    assert step_progress(fresh, specs.resolve("metrics")).answered == 0


# ---- the faces: set, show, export, specs, schema ---------------------------------------


def test_set_stores_a_chapter_note_that_show_and_export_present_last(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    assert run(capsys, "set", p, "metrics", "business_metric", "Tickets solved.")[0] == 0
    code, _, err = run(capsys, "set", p, "metrics", "notes", NOTE)
    assert code == 0, err
    assert load(doc_path, specs).step("metrics").answers["notes"] == NOTE
    code, out, _ = run(capsys, "show", p, "metrics")
    assert code == 0
    flat = _flat(out)
    assert "Other notes" in flat and "Waiting on the data platform team" in flat
    assert flat.index("Business metric") < flat.index("Other notes")
    code, md, _ = run(capsys, "export", p)
    assert code == 0
    # The chapter's section: its answers, then its notes under "Other notes", last.
    section = md.split("### 5. ", 1)[1].split("\n### ", 1)[0]
    titles = [text for tag, text in headings(section) if tag == "h4"]
    assert titles[0] == "Business metric" and titles[-1] == "Other notes"
    assert titles.count("Other notes") == 1
    # The last answer of the section; only the pointer to its open questions follows.
    last_answer = section.rstrip().rsplit("\n\n", 1)
    assert last_answer[0].endswith("deferred to the January review.")
    assert last_answer[1].startswith("*") and "open questions" in last_answer[1]
    assert "**retention**" in section
    assert md == storage.markdown_path(doc_path).read_text()  # the .md beside it too
    # An empty note is no heading: the chapter without notes has none.
    assert run(capsys, "set", p, "metrics", "notes", "--clear")[0] == 0
    _, md, _ = run(capsys, "export", p)
    assert "#### Other notes" not in md  # (recent changes name it: "cleared Other notes")


def test_specs_and_the_schema_describe_the_notes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "specs", "metrics", "--format", "json")
    assert code == 0
    (step,) = json.loads(out)
    last = step["questions"][-1]
    assert (last["id"], last["title"], last["kind"], last["required"]) == (
        "notes",
        "Other notes",
        "long_text",
        False,
    )
    code, out, _ = run(capsys, "specs", "metrics")
    assert code == 0 and "Other notes" in out
    code, out, _ = run(capsys, "schema", "--of", "spec")
    assert code == 0
    described = json.loads(out)["properties"]["questions"]["description"]
    assert "'notes'" in described and "Other notes" in described


# ---- documents from before --------------------------------------------------------------

OLD_DOCUMENT = """\
# mldwizard design document: the source of truth. The .md next to it is generated.
# Field reference: `mldwizard schema`. Questions: `mldwizard specs`.
schema_version = 1
review_interval_days = 90

[project]
title = "Fraud scoring"
summary = ""
created = 2026-11-30

[chapters.essentials]
status = "draft"
updated = 2026-11-30 12:00:00+00:00
revision = 1

[chapters.essentials.answers]
summary = "Score card payments for fraud."

[chapters.problem]
status = "empty"
revision = 0

[chapters.research]
status = "empty"
revision = 0

[chapters.design-document]
status = "empty"
revision = 0

[chapters.metrics]
status = "empty"
revision = 0

[chapters.datasets]
status = "empty"
revision = 0

[chapters.validation]
status = "empty"
revision = 0

[chapters.baseline]
status = "empty"
revision = 0

[chapters.error-analysis]
status = "empty"
revision = 0

[chapters.training-pipeline]
status = "empty"
revision = 0

[chapters.features]
status = "empty"
revision = 0

[chapters.reporting]
status = "empty"
revision = 0

[chapters.integration]
status = "empty"
revision = 0

[chapters.monitoring]
status = "empty"
revision = 0

[chapters.serving]
status = "empty"
revision = 0

[chapters.ownership]
status = "empty"
revision = 0

[gate]
status = "empty"
revision = 0

[feasibility]
status = "empty"
revision = 0

[[changelog]]
at = 2026-11-30 12:00:00+00:00
by = "tester"
summary = "created the document"

[[changelog]]
at = 2026-11-30 12:00:00+00:00
by = "tester"
chapter = "essentials"
summary = "answered summary"
questions = [
    "summary",
]
"""
"""A document as mldwizard wrote it before chapters had notes (made with `new` and `set`)."""


def test_a_document_without_notes_loads_and_saves_unchanged(
    tmp_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.toml"
    path.write_text(OLD_DOCUMENT, encoding="utf-8")
    doc = load(path, specs)
    assert all("notes" not in doc.step(s.slug).answers for s in specs.steps)
    # Saved again, it is the same document in schema 2: a stage and the upgrade's changelog
    # entry, nothing else added.
    upgrade = (
        '\n[[changelog]]\nat = 2026-11-30 12:00:00+00:00\nby = "mldwizard"\n'
        'summary = "upgraded to question set v2 (schema 2)"\n'
    )
    assert (
        to_toml_text(doc, specs)
        == OLD_DOCUMENT.replace(
            "schema_version = 1\nreview_interval_days = 90\n",
            'schema_version = 2\nreview_interval_days = 90\nstage = "design"\n',
        )
        + upgrade
    )
    progress = step_progress(doc, specs.resolve("essentials"))
    assert (progress.answered, progress.required_answered, progress.required) == (1, 1, 6)
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1  # the findings below, as before
    findings = json.loads(out)["findings"]
    assert [f["code"] for f in findings] == ["MLD001", "MLD002", "MLD011"]
    assert "notes" not in json.dumps([(f["message"], f["details"]) for f in findings])
    # A change elsewhere writes the document without adding notes anywhere.
    assert run(capsys, "set", str(path), "problem", "problem_statement", "Fraud.")[0] == 0
    assert "notes" not in path.read_text()


def test_the_example_has_notes_in_a_few_chapters_and_they_render(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "example.toml"
    shutil.copyfile(example_path(), path)
    doc = load(path, specs)
    with_notes = [s.slug for s in specs.chapters if doc.step(s.slug).answers.get("notes")]
    assert 2 <= len(with_notes) <= 4
    md = render_markdown(doc, specs)
    assert [text for tag, text in headings(md) if text == "Other notes"] == ["Other notes"] * len(
        with_notes
    )


def test_empty_notes_are_never_an_open_question(specs: Specs) -> None:
    import datetime as dt

    from mldwizard.core.document import new_document
    from mldwizard.core.markdown import render_markdown
    from mldwizard.core.markdown_open import open_counts, open_in_step

    chapters = [s for s in specs.steps if s.kind == "chapter"]
    doc = new_document("Fresh", dt.date(2026, 1, 1), [s.slug for s in chapters])
    for step in specs.steps:
        assert all(o.title != "Other notes" for o in open_in_step(doc, step))
    total, _ = open_counts(doc, specs)
    assert total == sum(len(open_in_step(doc, s)) for s in specs.steps)
    text = render_markdown(doc, specs)
    open_part = text[text.index("## Open questions") :]
    assert "Other notes" not in open_part
    assert chapters  # the built-in chapters all end with notes
    assert all(s.questions[-1].is_notes for s in chapters)


def test_set_notes_alone_leaves_an_empty_chapter_empty(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """`set PATH CHAPTER notes TEXT` on an untouched chapter: still empty (not a draft), so
    `check` finds nothing owed there; a real answer makes it a draft, as before."""
    assert run(capsys, "set", str(doc_path), "problem", "notes", NOTE)[0] == 0
    assert load(doc_path, specs).step("problem").status == "empty"
    out = run(capsys, "check", str(doc_path), "--format", "json")[1]
    assert not [f for f in json.loads(out)["findings"] if f["chapter"] == "problem"], out
    assert run(capsys, "set", str(doc_path), "problem", "problem_statement", "Real")[0] == 0
    assert load(doc_path, specs).step("problem").status == "draft"
    with pytest.raises(UsageError, match="cannot be 'empty'"):
        edits.set_status(load(doc_path, specs), specs.resolve("problem"), "empty")
    notes_only = load(doc_path, specs)
    notes_only.step("problem").answers.pop("problem_statement")
    edits.set_status(notes_only, specs.resolve("problem"), "empty")  # notes alone: allowed
