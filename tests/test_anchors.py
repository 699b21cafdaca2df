"""Every chapter and question heading has an anchor that does not depend on the answers, and
every same-document link in the Markdown resolves, by GitHub's rules and by markdown-it's
anchors plugin (what the HTML export uses)."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from mldwizard.core import edits
from mldwizard.core.document import Document
from mldwizard.core.examples import example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.shown import shown_questions
from mldwizard.core.specs import Specs, load_specs

from .conftest import load
from .test_markdown import base_doc

PARSER = MarkdownIt("commonmark")
WITH_ANCHORS = MarkdownIt("commonmark").use(anchors_plugin, max_level=6)


def github_ids(markdown: str) -> list[tuple[str, str]]:
    """(heading text, id) as GitHub makes them: the rendered text, lower case, only letters,
    digits, marks, "_", "-" and spaces kept, spaces as "-", repeats numbered -1, -2, ..."""
    tokens = PARSER.parse(markdown)
    seen: dict[str, int] = {}
    found = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = "".join(child.content for child in tokens[i + 1].children or [])
        slug = "".join(
            c for c in text.lower() if c in "_- " or unicodedata.category(c)[0] in "LNM"
        ).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.append((text, slug if count == 0 else f"{slug}-{count}"))
    return found


def local_links(markdown: str) -> list[str]:
    return [
        str(child.attrs["href"])[1:]
        for token in PARSER.parse(markdown)
        for child in token.children or []
        if child.type == "link_open" and str(child.attrs["href"]).startswith("#")
    ]


def plugin_ids(markdown: str) -> set[str]:
    return set(re.findall(r'<h[1-6] id="([^"]+)"', WITH_ANCHORS.render(markdown)))


def example(tmp_path: Path, specs: Specs) -> Document:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return load(path, specs)


def partial(specs: Specs) -> Document:
    doc = base_doc(specs)
    edits.set_answer(
        doc,
        specs.resolve("essentials"),
        "summary",
        "We score payments; see [the metric](#business-metric) and [risks](#risks).",
    )
    edits.set_answer(doc, specs.resolve("metrics"), "business_metric", "Fraud losses per month.")
    edits.set_answer(doc, specs.resolve("problem"), "risks", "Label delay.")
    return doc


@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("which", ["example", "partial", "new"])
def test_every_same_document_link_resolves(
    tmp_path: Path, specs: Specs, which: str, draft: bool
) -> None:
    doc = {"example": example, "partial": lambda _, s: partial(s), "new": lambda _, s: base_doc(s)}[
        which
    ](tmp_path, specs)
    md = render_markdown(doc, specs, draft=draft)
    links = local_links(md)
    assert len(links) >= len(specs.steps) + 4  # the contents at least
    github = {anchor for _, anchor in github_ids(md)}
    plugin = plugin_ids(md)
    assert [link for link in links if link not in github] == []
    assert [link for link in links if link not in plugin] == []


def test_authors_can_link_to_a_question_by_its_title(specs: Specs) -> None:
    md = render_markdown(partial(specs), specs)
    assert "[the metric](#business-metric)" in md and "[risks](#risks)" in md
    ids = dict(github_ids(md))
    assert ids["Business metric"] == "business-metric" and ids["Risks"] == "risks"


def test_question_anchors_are_their_titles_and_do_not_move(tmp_path: Path, specs: Specs) -> None:
    doc = example(tmp_path, specs)
    ids = dict(github_ids(render_markdown(doc, specs)))
    # Every question heading of the fully answered example: its title's slug, no suffix.
    titles = [
        q.title
        for step in specs.steps
        for q in shown_questions(doc, step)
        if q.id in doc.step(step.slug).answers and not q.is_notes  # notes: see below
    ]
    assert len(titles) > 150
    for title in titles:
        assert ids[title] == re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
    # Every chapter's notes read "Other notes": GitHub numbers the copies in order.
    notes = [a for text, a in github_ids(render_markdown(doc, specs)) if text == "Other notes"]
    assert notes == ["other-notes"] + [f"other-notes-{n}" for n in range(1, len(notes))]
    # A document with a few answers gives the same anchors to the headings it has.
    few = dict(github_ids(render_markdown(partial(specs), specs)))
    assert few["Business metric"] == ids["Business metric"] == "business-metric"
    assert few["5. Loss functions and metrics"] == ids["5. Loss functions and metrics"]


CUSTOM = """
slug = "payments"
title = "Payments"
after = "essentials"
intro = "Payment specifics."

[[questions]]
id = "payment_metric"
title = "Business metric"
prompt = "Which payment metric matters?"
help = "It decides the threshold."
example = "Chargeback rate."
kind = "text"
"""


def test_a_title_used_twice_gets_an_anchor_that_names_its_chapter(tmp_path: Path) -> None:
    (tmp_path / "payments.toml").write_text(CUSTOM, encoding="utf-8")
    specs = load_specs([tmp_path])
    doc = base_doc(specs)
    edits.set_answer(doc, specs.resolve("metrics"), "business_metric", "Fraud losses.")
    alone = dict(github_ids(render_markdown(doc, specs)))
    edits.set_answer(doc, specs.resolve("payments"), "payment_metric", "Chargebacks.")
    both_md = render_markdown(doc, specs)
    both = dict(github_ids(both_md))
    # The first in document order keeps the plain title; the other names its chapter, and
    # answering the first does not move the second's anchor (GitHub would make it -1).
    assert both["Business metric"] == "business-metric"
    key = "Business metric (Loss functions and metrics)"
    assert alone[key] == both[key] == "business-metric-loss-functions-and-metrics"
    assert set(local_links(both_md)) <= plugin_ids(both_md)
