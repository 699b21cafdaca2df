"""The bundled example reads as a design document, not as the tool's data: its reader's
Markdown names checklist items, questions and verdicts in words, never by the ids and
values stored in the TOML (``data_allowed``, ``simple-model``, "the overrides answer")."""

from __future__ import annotations

import re

import pytest

from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import LEVEL_LABEL, Specs


@pytest.fixture(scope="module")
def prose(specs: Specs) -> str:
    """The example's reader document without code spans, link targets and code blocks (a
    path such as ``pipelines/ticket_router/`` is the team's, not the tool's)."""
    page = render_markdown(example_document(specs, EXAMPLE_AS_OF), specs)
    page = re.sub(r"^```.*?^```", "", page, flags=re.M | re.S)
    page = re.sub(r"`[^`\n]*`", "", page)
    return re.sub(r"\]\([^)]*\)|<https?://[^>]*>", "]", page)


def _ids(specs: Specs) -> set[str]:
    """Ids a reader never needs: checklist and stage-gate items, questions (snake_case)."""
    found = set()
    for step in specs.steps:
        found |= {item.id for item in step.items} | {item.id for item in step.criteria}
        found |= {q.id for q in step.questions if "_" in q.id}
    return found


def test_the_example_names_no_item_or_question_by_its_id(prose: str, specs: Specs) -> None:
    words = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", prose))
    assert not words & _ids(specs)


def test_the_example_names_no_gate_verdict_by_its_value(prose: str) -> None:
    assert not [level for level in LEVEL_LABEL if "-" in level and level in prose]


def test_the_example_points_at_answers_by_their_titles(prose: str, specs: Specs) -> None:
    ids = {q.id for step in specs.steps for q in step.questions}
    said = re.findall(r"\bthe (\w+) answer\b", prose)
    assert not [word for word in said if word in ids]


def test_a_review_line_names_the_items_that_fall_short(specs: Specs) -> None:
    """qa9c #15: "3 of 4 items met · Approved" did not say which item was only partial."""
    page = render_markdown(example_document(specs, EXAMPLE_AS_OF), specs)
    design = page.split("\n### 4. Design document\n", 1)[1].split("\n### ", 1)[0]
    step = specs.resolve("design-document")
    marks = example_document(specs, EXAMPLE_AS_OF).step(step.slug).review.marks
    partial = [i.text.rstrip(".") for i in step.review if marks.get(i.id, None) is not None
               and marks[i.id].mark == "partial"]  # fmt: skip
    assert len(partial) == 1
    assert f"3 of 4 items met (partial: {partial[0]}) · Approved by Mira Okafor" in design
    # Every item met: nothing more is said.
    assert "4 of 4 items met · Approved" in page
