"""An answer's reference-style links work (qa10c #9): ``See [the doc][d].`` with
``[d]: https://example.com/doc`` in the same answer is the link it means, in all three
forms (full, collapsed, shortcut) and for images, and the definition it used is gone from
the text. The guarantee stays: a definition never links anything outside its own answer
(tests/test_link_definitions.py), and an unsafe target is neutralised as a link written
inline is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mldwizard.core import edits
from mldwizard.core.markdown import render_markdown
from mldwizard.core.mdsafe import safe_block

from .cli_run import cli
from .hand_written import hand_written
from .test_link_definitions import LINK_LIKE, references
from .test_markdown import SPECS, base_doc

PARSER = MarkdownIt("commonmark")
DOC = "https://example.com/doc"


def links(markdown: str) -> list[tuple[str, str]]:
    """(href, text) of every link in ``markdown`` as CommonMark renders it."""
    found = []
    for block in PARSER.parse(markdown):
        children = block.children or []
        for i, token in enumerate(children):
            if token.type == "link_open":
                found.append((str(token.attrGet("href")), children[i + 1].content))
    return found


def test_full_collapsed_and_shortcut_references_become_inline_links() -> None:
    text = (
        "See [the doc][d], [The  Doc][] and [d], ![a plot][d] and `[d]` in code.\n\n"
        f"[d]: {DOC}\n"
        '[the doc]: <https://example.com/a b> "The title"'
    )
    block = safe_block(text)
    assert block == (
        f'See [the doc]({DOC}), [The  Doc](https://example.com/a%20b "The title") and '
        f"[d]({DOC}), ![a plot]({DOC}) and `[d]` in code."
    )
    assert references(block) == {}
    assert links(block) == [
        (DOC, "the doc"),
        ("https://example.com/a%20b", "The  Doc"),
        (DOC, "d"),
    ]


def test_an_unused_definition_and_one_in_code_stay_text() -> None:
    text = f"Nothing refers to it.\n\n[u]: {DOC}\n\n```\n[d]: /x\nsee [d]\n```"
    block = safe_block(text)
    assert "\\[u]: https://example.com/doc" in block
    assert "```\n[d]: /x\nsee [d]\n```" in block
    assert references(block) == {} and links(block) == []


def test_an_unsafe_target_is_neutralised_like_an_inline_one() -> None:
    block = safe_block("Click [me][x].\n\n[x]: javascript:alert(1)")
    assert block == safe_block("Click [me](javascript:alert(1)).")
    assert "unsafe javascript: link removed" in block and links(block) == []


def test_each_answer_resolves_only_its_own_definitions() -> None:
    doc = base_doc(SPECS)
    with hand_written():
        edits.set_answer(doc, SPECS.resolve("essentials"), "summary", f"See [d].\n\n[d]: {DOC}")
        edits.set_answer(
            doc, SPECS.resolve("problem"), "problem_statement", "Their [d] and [other][d]."
        )
    markdown = render_markdown(doc, SPECS)
    assert references(markdown) == {}
    assert f"See [d]({DOC})." in markdown
    assert "Their [d] and [other][d]." in markdown


def test_export_keeps_the_authors_links(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tester's case, through the command line: the Markdown and the web page."""
    answer = f"See [the doc][d].\n\n[d]: {DOC}"
    assert cli(capsys, "set", doc_path, "essentials", "summary", answer)[0] == 0
    code, markdown, err = cli(capsys, "export", doc_path)
    assert code == 0, err
    assert f"See [the doc]({DOC})." in markdown and "[d]:" not in markdown
    code, html, err = cli(capsys, "export", doc_path, "--format", "html")
    assert code == 0, err
    assert f'See <a href="{DOC}">the doc</a>.' in html and "[d]:" not in html


REFERENCE_LIKE = st.lists(
    st.sampled_from(
        ["[t][evil]", "[evil][]", "[evil]", "![i][evil]", "[Evil]", "[^1]", "[^1]: n", "[t]"]
    )
    | st.just("[t]: /x"),
    max_size=6,
).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.tuples(LINK_LIKE, REFERENCE_LIKE, LINK_LIKE).map("\n".join))
def test_an_answers_references_link_only_to_its_own_definitions(text: str) -> None:
    """Whatever the mix of references and definitions, the block defines nothing, and each
    of its links goes to a target written in the answer itself."""
    block = safe_block(text)
    assert references(block) == {}
    for href, _ in links(block):
        assert href in text or href.replace("%20", " ") in text, (href, text)
