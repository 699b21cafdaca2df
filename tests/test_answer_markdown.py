"""Answers keep the author's Markdown (issue 11, item 3): inline Markdown, nested lists,
tables, code blocks and math render as written, in long-text and list answers alike, while
headings, fences and HTML that could break the document are made harmless without a visible
escape. Each example is rendered by a Markdown parser and checked on what it produces."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.document import Document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.mdsafe import list_answer, safe_block
from mldwizard.core.specs import Specs

from .test_markdown import base_doc, headings

# What GitHub renders: CommonMark plus tables and strike-through; and math, as GitHub does.
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(dollarmath_plugin)
CODE = ("fence", "code_block")


def long_text(specs: Specs, text: str) -> str:
    """The exported document with ``text`` as the problem statement (a long-text answer)."""
    doc = base_doc(specs)
    edits.set_answer(doc, specs.resolve("problem"), "problem_statement", text)
    return render_markdown(doc, specs)


def listed(specs: Specs, items: list[str]) -> str:
    """The exported document with ``items`` as the open questions (a list answer)."""
    doc = base_doc(specs)
    edits.set_answer(doc, specs.resolve("research"), "open_questions", items)
    return render_markdown(doc, specs)


def section(markdown: str, heading: str) -> str:
    """The Markdown between ``#### heading`` and the document's next heading."""
    after = markdown.split(f"#### {heading}\n\n", 1)[1]
    return re.split(r"\n\n#{2,4} ", after, maxsplit=1)[0].strip("\n")


def in_document(markdown: str, heading: str, answer: str) -> str:
    """``answer``, checked to be what the document shows right under ``#### heading`` (the
    document may add its own lines after it)."""
    assert section(markdown, heading).startswith(answer + "\n\n") or (
        section(markdown, heading) == answer
    )
    return answer


def answer_of_list(specs: Specs, items: list[str]) -> str:
    md = listed(specs, items)
    return in_document(md, "Open questions for a spike", list_answer(items))


def answer_of_text(specs: Specs, text: str) -> str:
    return in_document(long_text(specs, text), "Problem statement", safe_block(text))


def tokens_of(markdown: str) -> list[Token]:
    """Every token, the inline ones included, in document order."""
    out: list[Token] = []
    for token in GFM.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out


def items_of(markdown: str) -> int:
    """How many top-level list items ``markdown`` has."""
    return sum(1 for t in GFM.parse(markdown) if t.type == "list_item_open" and t.level == 1)


@pytest.fixture(autouse=True)
def _same_headings(specs: Specs) -> None:
    """Sanity: the titles the tests look for are the ones the specs give."""
    assert any(q.title == "Problem statement" for q in specs.resolve("problem").questions)
    titles = [q.title for q in specs.resolve("research").questions]
    assert "Open questions for a spike" in titles


def test_a_heading_in_a_long_answer_is_a_bold_line_without_backslashes(specs: Specs) -> None:
    text = "Where the data comes from.\n\n#### Inner sources\n\nThe ledger and the app logs."
    md = long_text(specs, text)
    assert headings(md) == headings(long_text(specs, "plain"))
    answer = answer_of_text(specs, text)
    assert "\\" not in answer
    html = GFM.render(answer)
    assert html == (
        "<p>Where the data comes from.</p>\n<p><strong>Inner sources</strong></p>\n"
        "<p>The ledger and the app logs.</p>\n"
    )


def test_setext_underlines_make_a_bold_line_not_a_heading(specs: Specs) -> None:
    for underline in ("===", "---"):
        text = f"Intro line\n\nA title\n{underline}\nBody text."
        assert headings(long_text(specs, text)) == headings(long_text(specs, "plain"))
        answer = answer_of_text(specs, text)
        assert "\\" not in answer and underline not in answer
        html = GFM.render(answer)
        assert html == ("<p>Intro line</p>\n<p><strong>A title</strong></p>\n<p>Body text.</p>\n")
        # As CommonMark reads it, an underline makes a heading of the whole paragraph above.
        html = GFM.render(answer_of_text(specs, f"Two\nlines\n{underline}"))
        assert html == "<p><strong>Two lines</strong></p>\n"


def test_an_unclosed_fence_is_closed_before_the_next_heading(specs: Specs) -> None:
    md = long_text(specs, "Try:\n\n```python\nprint('never closed')")
    assert headings(md) == headings(long_text(specs, "plain"))
    fences = [t for t in GFM.parse(md) if t.type == "fence"]
    assert [(t.info, t.content) for t in fences] == [("python", "print('never closed')\n")]


def test_bold_in_a_list_item_is_bold(specs: Specs) -> None:
    html = GFM.render(answer_of_list(specs, ["Is **recall** enough?", "_Which_ `labels`?"]))
    assert "<li>Is <strong>recall</strong> enough?</li>" in html
    assert "<li><em>Which</em> <code>labels</code>?</li>" in html


def test_math_in_a_list_item_survives_byte_for_byte(specs: Specs) -> None:
    formula = r"$\frac{a}{b} \leq \sqrt{x_1^2 + \epsilon}$"
    answer = answer_of_list(specs, [f"Does {formula} hold?", r"$$\sum_i w_i = 1$$"])
    assert answer == f"- Does {formula} hold?\n- $$\\sum_i w_i = 1$$"
    maths = [t.content for t in tokens_of(answer) if t.type.startswith("math")]
    assert maths == [r"\frac{a}{b} \leq \sqrt{x_1^2 + \epsilon}", r"\sum_i w_i = 1"]


def test_math_with_a_less_than_sign_is_not_escaped(specs: Specs) -> None:
    for answer in (
        answer_of_text(specs, "We need $p<q$ and\n\n$$\na<b \\\\\nc\n$$"),
        answer_of_list(specs, ["We need $p<q$"]),
    ):
        assert "\\<" not in answer
        maths = [t.content for t in tokens_of(answer) if t.type.startswith("math")]
        assert "p<q" in maths


def test_strike_through_and_links_in_a_list_item(specs: Specs) -> None:
    answer = answer_of_list(
        specs,
        ["~~Use the old model~~ decided", "[runbook](https://example.com/r) and <https://x.io>"],
    )
    html = GFM.render(answer)
    assert "<li><s>Use the old model</s> decided</li>" in html
    assert '<a href="https://example.com/r">runbook</a>' in html
    assert '<a href="https://x.io">https://x.io</a>' in html


def test_a_link_at_the_start_of_a_line_stays_a_link(specs: Specs) -> None:
    html = GFM.render(answer_of_text(specs, "[The runbook](https://example.com/r) says so."))
    assert html == '<p><a href="https://example.com/r">The runbook</a> says so.</p>\n'


def test_a_pasted_bullet_is_not_doubled(specs: Specs) -> None:
    answer = answer_of_list(specs, ["- item one", "* item two", "plain three"])
    assert answer == "- item one\n- item two\n- plain three"
    html = GFM.render(answer)
    assert html == "<ul>\n<li>item one</li>\n<li>item two</li>\n<li>plain three</li>\n</ul>\n"


def test_a_code_block_in_a_list_item_is_one_code_block_in_that_bullet(specs: Specs) -> None:
    code = "make data\n# not a heading\n- not a bullet\npython train.py"
    answer = answer_of_list(specs, [f"Does this run?\n```sh\n{code}\n```", "Second question"])
    assert items_of(answer) == 2
    tokens = GFM.parse(answer)
    fences = [t for t in tokens if t.type == "fence"]
    assert [(t.info, t.content, t.level) for t in fences] == [("sh", code + "\n", 2)]
    assert not any(t.type == "heading_open" for t in tokens)


def test_a_nested_list_in_a_list_item_stays_nested(specs: Specs) -> None:
    answer = answer_of_list(specs, ["Which sources?\n- the ledger\n- the app logs", "Who owns it?"])
    assert items_of(answer) == 2
    html = GFM.render(answer)
    assert "<li>Which sources?\n<ul>\n<li>the ledger</li>\n<li>the app logs</li>\n</ul>\n</li>" in (
        html
    )


def test_a_numbered_list_pasted_in_one_item_stays_a_numbered_list(specs: Specs) -> None:
    answer = answer_of_list(specs, ["Steps:\n1. label\n2. train"])
    html = GFM.render(answer)
    assert "<li>Steps:\n<ol>\n<li>label</li>\n<li>train</li>\n</ol>\n</li>" in html


def test_a_table_renders_as_a_table_in_both_kinds_of_answer(specs: Specs) -> None:
    table = "| Metric | Target |\n|---|---:|\n| recall | 0.9 |\n| **p95** latency | 50 ms |"
    for answer in (
        answer_of_text(specs, f"Targets:\n\n{table}"),
        answer_of_list(specs, [f"Targets:\n\n{table}"]),
    ):
        html = GFM.render(answer)
        assert "<th>Metric</th>" in html and '<th style="text-align:right">Target</th>' in html
        assert "<td><strong>p95</strong> latency</td>" in html


def test_a_long_answer_keeps_nested_lists_quotes_and_numbered_lists(specs: Specs) -> None:
    text = (
        "1. Collect\n   - from the ledger\n     - daily\n2. Label\n\n"
        "> Quoted from the review:\n> keep it simple\n\n"
        "```python\n# a comment\nx = 1\n```"
    )
    assert answer_of_text(specs, text) == text
    html = GFM.render(text)
    assert "<ol>" in html and html.count("<ul>") == 2 and "<blockquote>" in html


def test_a_heading_inside_a_list_item_is_bold_there(specs: Specs) -> None:
    answer = answer_of_list(specs, ["## Data\nThe ledger."])
    assert "\\" not in answer
    assert GFM.render(answer) == (
        "<ul>\n<li>\n<p><strong>Data</strong></p>\n<p>The ledger.</p>\n</li>\n</ul>\n"
    )


def test_html_is_still_escaped_in_a_list_item(specs: Specs) -> None:
    answer = answer_of_list(specs, ["<div>x</div>\n<script>alert(1)</script>"])
    assert not [t for t in tokens_of(answer) if t.type in ("html_block", "html_inline")]
    assert "&lt;script&gt;" in GFM.render(answer)


def test_list_answer_checks_the_whole_list() -> None:
    """Each item is made safe, and the list as a whole is checked too."""
    assert list_answer(["a", "", "b"]) == "- a\n- b"
    assert list_answer([]) == ""
    assert safe_block("x\n\n[a]: /b") == "x\n\n\\[a]: /b"


def test_export_keeps_a_multi_line_list_item_from_the_toml(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a user meets it: the item written in the .toml file, then `mldwizard export`."""
    item = "Does it build?\n```sh\nmake\n```\n- **fast** enough?"

    def change(doc: Document) -> None:
        edits.set_answer(doc, specs.resolve("research"), "open_questions", [item])

    storage.update_document(doc_path, specs, "tester", change)
    out = doc_path.with_name("out.md")
    assert main(["export", str(doc_path), "-o", str(out)]) == 0
    capsys.readouterr()
    answer = section(out.read_text(), "Open questions for a spike")
    assert items_of(answer) == 1
    html = GFM.render(answer)
    assert '<pre><code class="language-sh">make\n</code></pre>' in html
    assert "<li><strong>fast</strong> enough?</li>" in html


def test_an_item_starting_with_indented_code_keeps_it_in_its_bullet(specs: Specs) -> None:
    """Found by the property tests: spaces after "- " moved the item's content column, so
    the rest of the item fell out of the bullet (and a footnote definition in its code block
    became a real one)."""
    from mdit_py_plugins.footnote import footnote_plugin

    answer = answer_of_list(specs, ["  ```\n#text\n[^1]: n\n  ```", "    indented code\nmore"])
    assert items_of(answer) == 2
    code = [(t.type, t.content, t.level) for t in GFM.parse(answer) if t.type in CODE]
    assert code == [("fence", "#text\n[^1]: n\n", 2), ("code_block", "indented code\n", 2)]
    env: dict[str, Any] = {}
    MarkdownIt("commonmark").use(footnote_plugin).parse(answer, env)
    assert not env.get("footnotes", {}).get("refs")


def test_headings_in_list_items_keep_the_list_tight(specs: Specs) -> None:
    answer = answer_of_text(specs, "- # Data\n- ## Labels\n- Features\n\nAfter.")
    assert GFM.render(answer) == (
        "<ul>\n<li><strong>Data</strong></li>\n<li><strong>Labels</strong></li>\n"
        "<li>Features</li>\n</ul>\n<p>After.</p>\n"
    )
