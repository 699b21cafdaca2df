"""Stages: what the document's stage asks and requires, in the core every face uses.

Synthetic specs only (a small folder of chapters), so these tests do not depend on the
content of the built-in chapters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.document import Document, new_document
from mldwizard.core.errors import UsageError
from mldwizard.core.gate import evaluate_gate
from mldwizard.core.markdown import render_markdown, render_step
from mldwizard.core.progress import step_progress
from mldwizard.core.shown import (
    later_questions,
    missing_questions,
    newly_required,
    shown_questions,
)
from mldwizard.core.specs import Specs, load_specs, load_step
from mldwizard.core.stages import Stage

from .conftest import load

RESULTS = """slug = "results"
number = 2
title = "Results"
part = "early-stage"
intro = "What the model did, once there is one."

[[questions]]
id = "plan"
title = "Analysis plan"
prompt = "How will you analyse the errors?"
help = "Planned at design."
example = "By segment."
kind = "text"
required = true

[[questions]]
id = "curves"
title = "Learning curves"
prompt = "What do the learning curves show?"
help = "Needs a trained model."
example = "Still rising at 50k examples."
kind = "text"
required = true
from_stage = "prototype"

[[questions]]
id = "shadow"
title = "Shadow results"
prompt = "What did the shadow run show?"
help = "Planned early, required once in front of users."
example = "Agreement 91%."
kind = "text"
required_from = "pilot"

[[questions]]
id = "uplift"
title = "Measured uplift"
prompt = "What uplift did production show?"
help = "Only in full use."
example = "+4% first-contact resolution."
kind = "text"
from_stage = "production"

[[questions]]
id = "llm_evals"
title = "Evaluation set results"
prompt = "How did the model do on the evaluation set?"
help = "For systems built on a language model."
example = "82% judged correct."
kind = "text"
required = true
when = { question = "basics.kind", equals = "llm" }
"""

BASICS = """slug = "basics"
number = 1
title = "Basics"
part = "preparations"
intro = "What it is."

[[questions]]
id = "kind"
title = "Kind of system"
prompt = "What kind of system is it?"
help = "h"
example = "classic"
kind = "choice"
choices = ["classic", "llm"]
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Specs:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "basics.toml").write_text(BASICS, encoding="utf-8")
    (folder / "results.toml").write_text(RESULTS, encoding="utf-8")
    return load_specs(builtin=folder)


def fresh(specs: Specs, stage: Stage = "design") -> Document:
    doc = new_document("Ticket routing", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.stage = stage
    return doc


def ids(questions: list[object]) -> list[str]:
    return [q.id for q in questions]  # type: ignore[attr-defined]


def test_a_question_required_from_prototype_is_not_missing_at_design(tiny: Specs) -> None:
    results = tiny.resolve("results")
    doc = fresh(tiny, "design")
    assert ids(missing_questions(doc, results)) == ["plan"]
    assert ids(later_questions(doc, results)) == ["curves", "uplift"]
    assert "curves" not in ids(shown_questions(doc, results))
    progress = step_progress(doc, results)
    assert (progress.required, progress.shown) == (1, 2)  # plan; plan and shadow


def test_it_is_missing_from_prototype_on(tiny: Specs) -> None:
    results = tiny.resolve("results")
    doc = fresh(tiny, "prototype")
    assert ids(missing_questions(doc, results)) == ["plan", "curves"]
    assert ids(later_questions(doc, results)) == ["uplift"]
    assert step_progress(doc, results).required == 2


def test_required_from_is_asked_early_and_required_only_from_its_stage(tiny: Specs) -> None:
    results = tiny.resolve("results")
    for stage, required in (("design", False), ("prototype", False), ("pilot", True)):
        doc = fresh(tiny, stage)  # type: ignore[arg-type]
        assert "shadow" in ids(shown_questions(doc, results))
        assert ("shadow" in ids(missing_questions(doc, results))) is required
    assert ids(missing_questions(fresh(tiny, "production"), results)) == [
        "plan",
        "curves",
        "shadow",
    ]


def test_an_answered_later_question_is_shown_and_rendered(tiny: Specs) -> None:
    results = tiny.resolve("results")
    doc = fresh(tiny, "design")
    edits.set_answer(doc, results, "uplift", "Expected +4%.")
    assert "uplift" in ids(shown_questions(doc, results))
    assert "uplift" not in ids(later_questions(doc, results))
    assert "#### Measured uplift\n\nExpected +4%." in render_markdown(doc, tiny)
    assert step_progress(doc, results).answered == 1


def test_open_questions_in_the_markdown_follow_the_stage(tiny: Specs) -> None:
    def open_block(doc: Document) -> str:
        md = render_markdown(doc, tiny)
        return md.split("### Open in 2. Results\n", 1)[1].split("\n### ", 1)[0]

    at_design = open_block(fresh(tiny, "design"))
    assert "- *Analysis plan* (required): How will you analyse the errors?" in at_design
    assert "- **Optional:** *Shadow results*." in at_design  # asked, not required yet
    assert "Learning curves" not in at_design and "Measured uplift" not in at_design
    at_prototype = open_block(fresh(tiny, "prototype"))
    assert "- *Learning curves* (required): What do the learning curves show?" in at_prototype
    assert "- *Analysis plan* (required)" in at_prototype
    assert "Measured uplift" not in at_prototype
    # The summary counts what the stage requires (basics.kind is optional: not required).
    assert "3 open questions (1 required)" in render_markdown(fresh(tiny, "design"), tiny)
    assert "4 open questions (2 required)" in render_markdown(fresh(tiny, "prototype"), tiny)
    # The preview's line of open questions, too.
    preview = render_step(fresh(tiny, "design"), tiny, tiny.resolve("results"))
    open_line = next(line for line in preview.splitlines() if line.startswith("*Open: "))
    assert "Learning curves" not in open_line and "Analysis plan (required)" in open_line
    assert '*Later stages: "Learning curves" (from prototype)' in preview  # named apart


def test_the_markdown_summary_names_the_stage(tiny: Specs) -> None:
    md = render_markdown(fresh(tiny, "prototype"), tiny)
    assert "Stage: Prototype (a model trained offline, measured on held-out data)" in md
    draft = render_markdown(fresh(tiny, "design"), tiny, draft=True)
    assert "Stage: Design (the plan, before any model exists)" in draft
    # The draft keeps a placeholder for what the stage requires only.
    results = draft.split("### 2. Results", 1)[1]
    assert "#### Analysis plan" in results and "#### Learning curves" not in results


def test_a_condition_on_another_step_counts_everywhere(tiny: Specs) -> None:
    """Conditions read other steps' answers in every caller (a plain dict made a question
    depending on 'basics.kind' invisible to progress, the Markdown and approval)."""
    results = tiny.resolve("results")
    doc = fresh(tiny, "prototype")
    assert "llm_evals" not in ids(missing_questions(doc, results))
    edits.set_answer(doc, tiny.resolve("basics"), "kind", "llm")
    assert ids(missing_questions(doc, results)) == ["plan", "curves", "llm_evals"]
    assert step_progress(doc, results).required == 3
    md = render_markdown(doc, tiny)
    assert "- *Learning curves* (required): " in md
    assert "- *Evaluation set results* (required): " in md


def test_approval_refuses_only_on_what_the_stage_requires(tiny: Specs) -> None:
    results = tiny.resolve("results")
    doc = fresh(tiny, "design")
    edits.upsert_person(doc, "ana", "Ana", "lead")
    edits.set_answer(doc, results, "plan", "By segment.")
    edits.set_status(doc, results, "review")
    at = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    edits.record_review(doc, results, "ana", at, approve=True)
    assert doc.step("results").status == "approved"
    doc.stage = "prototype"
    edits.set_status(doc, results, "review")
    with pytest.raises(UsageError, match="required answers missing: curves"):
        edits.record_review(doc, results, "ana", at, approve=True)


def test_newly_required_lists_what_a_move_forward_requires(tiny: Specs) -> None:
    doc = fresh(tiny, "design")
    edits.set_answer(doc, tiny.resolve("results"), "curves", "Early look: flat.")
    found = newly_required(doc, tiny, "design", "pilot")
    assert [(n.step.slug, n.question.id, n.answered) for n in found] == [
        ("results", "curves", True),
        ("results", "shadow", False),
    ]
    assert newly_required(doc, tiny, "pilot", "design") == []
    moved = edits.set_stage(doc, tiny, "prototype")
    assert doc.stage == "prototype" and [n.question.id for n in moved] == ["curves"]
    with pytest.raises(UsageError, match="design, prototype, pilot, production"):
        edits.set_stage(doc, tiny, "launch")
    assert doc.stage == "prototype"


def test_the_gate_counts_only_what_the_stage_requires(tmp_path: Path) -> None:
    (tmp_path / "gate.toml").write_text(
        'slug = "gate"\nkind = "gate"\ntitle = "Gate"\nintro = "ML at all?"\n'
        '[[questions]]\nid = "rule"\ntitle = "Rule"\nprompt = "Is there a rule?"\n'
        'help = "h"\nexample = "e"\nkind = "bool"\nrequired = true\n'
        '[[questions]]\nid = "measured"\ntitle = "Measured gain"\nprompt = "What gain?"\n'
        'help = "h"\nexample = "e"\nkind = "text"\nrequired = true\n'
        'from_stage = "prototype"\n'
        "[[verdict.rules]]\n"
        'when = { question = "rule", equals = true }\n'
        'points = { heuristic = 2 }\nreason = "A rule exists."\n',
        encoding="utf-8",
    )
    gate = load_step(tmp_path / "gate.toml")
    assert evaluate_gate(gate, {"rule": True}).verdict == "heuristic"
    assert evaluate_gate(gate, {"rule": True}, "prototype").missing == ["measured"]


def test_the_stage_survives_a_merged_save(tmp_path: Path, tiny: Specs) -> None:
    """The stage is merged like any field (a merged save used to drop it to design)."""
    path = tmp_path / "design.toml"
    storage.create_document(path, fresh(tiny), tiny, "tester")
    base = load(path, tiny)
    mine = base.model_copy(deep=True)
    mine.stage = "pilot"
    # Someone else saves meanwhile.
    storage.update_document(
        path, tiny, "other", lambda d: edits.set_answer(d, tiny.resolve("results"), "plan", "x")
    )
    storage.save_changes(path, base, mine, tiny, "tester")
    doc = load(path, tiny)
    assert doc.stage == "pilot"
    assert doc.step("results").answers["plan"] == "x"
    assert doc.changelog[-1].summary == "stage: design -> pilot"
