"""The Markdown rendering: deterministic, structured, and unbreakable by answer text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mldwizard.core import edits
from mldwizard.core.document import Document, new_document
from mldwizard.core.kinds import normalize_newlines
from mldwizard.core.markdown import GENERATED_MARK, render_markdown
from mldwizard.core.mdsafe import inline, safe_block, visible_controls
from mldwizard.core.serialize import to_toml_text
from mldwizard.core.shown import shown_at
from mldwizard.core.specs import Specs, load_specs
from mldwizard.core.storage import parse_document

from .hand_written import hand_written

PARSER = MarkdownIt("commonmark")

HOSTILE = [
    "# Not a heading",
    "Looks like a title\n===",
    "Looks like a title\n---",
    "   ## indented heading",
    "```python\nprint('unclosed fence')",
    "~~~\nunclosed tilde fence",
    "<!-- an unclosed comment swallowing everything",
    "<script>\nalert(1)",
    "<pre>\nunclosed pre",
    "- # heading in a list item",
    "> # heading in a quote",
    "1. # heading in an ordered item",
    "> quoted\n> ===",
    "- item\n  ---",
    "- a\n  - b\n    # deep heading",
    "- item\n  ```\n  fence inside a list",
    "text\r===\r\n# crlf heading",
    "````\n```\nnested fences, outer unclosed",
    "#\n##\n###### six",
    "line\u2028# after a line separator",
    "\\# already escaped\n\\===",
]


def headings(markdown: str) -> list[tuple[str, str]]:
    """(tag, plain text) of every heading, escapes resolved."""
    tokens = PARSER.parse(markdown)
    return [
        (tok.tag, "".join(child.content for child in tokens[i + 1].children or []))
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open"
    ]


def base_doc(specs: Specs) -> Document:
    doc = new_document("Fraud scoring", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    edits.upsert_person(doc, "ana", "Ana", "ML lead")
    return doc


SHOWN = {"summary", "problem_statement"}  # the questions with_answer answers


def with_answer(specs: Specs, text: str) -> Document:
    """A document with ``text`` as two answers (control characters included: see
    tests/hand_written.py)."""
    doc = base_doc(specs)
    with hand_written():
        edits.set_answer(doc, specs.resolve("essentials"), "summary", text)
        edits.set_answer(doc, specs.resolve("problem"), "problem_statement", text)
    return doc


def test_output_is_deterministic(specs: Specs) -> None:
    doc = with_answer(specs, "Some *answer*.")
    first = render_markdown(doc, specs)
    again = render_markdown(
        parse_document(to_toml_text(doc, specs).encode(), Path("x.toml"), specs), specs
    )
    assert first == again


PARTS_H2 = [
    "Part I. Preparations",
    "Part II. Early stage",
    "Part III. Intermediate steps",
    "Part IV. Integration and growth",
]


def test_structure_follows_the_specs(specs: Specs) -> None:
    doc = with_answer(specs, "An answer.")
    found = headings(render_markdown(doc, specs))
    assert found[0] == ("h1", "Fraud scoring")
    h2 = [text for tag, text in found if tag == "h2"]
    assert h2 == ["Verdicts", "Contents", *PARTS_H2, "Open questions"]
    h3 = [text for tag, text in found if tag == "h3"]
    # Each step, then each step's block of open questions (all have some here; a stage gate
    # has items, not questions, and says what is open in its own section).
    opened = [f"Open in {s.label}" for s in specs.steps if s.kind != "stage-gate"]
    assert h3 == [s.label for s in specs.steps] + opened
    # The reader's document: only answered questions, under their short titles, in spec
    # order; the prompt is not shown there.
    shown = [q for s in specs.steps for q in shown_at(s, {}, "design") if q.id in SHOWN]
    assert [text for tag, text in found if tag == "h4"] == [q.title for q in shown]


def test_the_draft_keeps_every_required_question_in_place(specs: Specs) -> None:
    doc = with_answer(specs, "An answer.")
    found = headings(render_markdown(doc, specs, draft=True))
    h2 = [text for tag, text in found if tag == "h2"]
    assert h2 == ["Verdicts", "Contents", *PARTS_H2]
    shown = [
        q
        for s in specs.steps
        for q in shown_at(s, {}, "design")
        if q.required_at("design") or q.id in SHOWN
    ]
    assert [text for tag, text in found if tag == "h4"] == [q.title for q in shown]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_answers_never_change_the_headings(specs: Specs, text: str) -> None:
    expected = headings(render_markdown(with_answer(specs, "plain"), specs))
    rendered = render_markdown(with_answer(specs, text), specs)
    assert headings(rendered) == expected


def test_unanswered_required_questions_are_todo_in_the_draft(specs: Specs) -> None:
    md = render_markdown(base_doc(specs), specs, draft=True)
    essentials = md.split("### 1. Essentials", 1)[1].split("### 2.", 1)[0]
    required = [q for q in specs.resolve("essentials").questions if q.required_at("design")]
    assert essentials.count("*TODO: not answered yet (required).*") == len(required)


def test_unanswered_questions_are_listed_at_the_end_of_the_reader_document(
    specs: Specs,
) -> None:
    md = render_markdown(base_doc(specs), specs)
    assert "TODO" not in md
    body, open_part = md.split("\n## Open questions\n", 1)
    essentials = body.split("### 1. Essentials", 1)[1].split("### 2.", 1)[0]
    # A step with nothing answered is one line, pointing at the list.
    assert len(essentials.strip().splitlines()) == 1
    assert "[Open questions](#open-in-1-essentials)" in essentials
    listed = open_part.split("### Open in 1. Essentials\n", 1)[1].split("\n### ", 1)[0]
    assert "Back to [1. Essentials](#1-essentials)." in listed
    questions = shown_at(specs.resolve("essentials"), {}, "design")
    required = [q for q in questions if q.required_at("design")]
    # notes: never owed
    optional = [q for q in questions if not q.required_at("design") and not q.is_notes]
    lines = [line for line in listed.strip().splitlines() if line.startswith("- ")]
    # Issue 11: each required one with its title and full prompt, one line each; the
    # optional ones by title, on one line: short, not a questionnaire.
    asked = [f"- *{q.title}* (required): {' '.join(q.prompt.split())}" for q in required]
    titles = ", ".join(f"*{q.title}*" for q in optional)
    assert lines == [*asked, f"- **Optional:** {titles}."]


def test_ordinary_markdown_still_renders(specs: Specs) -> None:
    text = (
        "Three causes:\n\n- *latency* spikes\n- stale **features**\n\n"
        "```python\n# a comment stays a comment\nprint(1)\n```\n\nDone."
    )
    md = render_markdown(with_answer(specs, text), specs)
    tokens = PARSER.parse(md)
    fences = [t for t in tokens if t.type == "fence"]
    assert any(t.content == "# a comment stays a comment\nprint(1)\n" for t in fences)
    assert any(t.type == "bullet_list_open" for t in tokens)
    html = PARSER.render(md)
    assert "<em>latency</em>" in html and "<strong>features</strong>" in html


def test_no_go_leads_the_document(specs: Specs) -> None:
    doc = base_doc(specs)
    edits.set_item(
        doc,
        specs,
        "data_allowed",
        "not-met",
        "Legal says no: no consent for this purpose.",
        "ana",
        "New consent flow in the app",
        fatal=True,
    )
    md = render_markdown(doc, specs)
    title_at = md.index("# Fraud scoring")
    assert md.index("**NO-GO") > title_at
    assert md.index("**NO-GO") < md.index("## Verdicts")
    assert "Evidence: Legal says no" in md
    # It cannot be closed: the condition (and owner) it was given before are not shown.
    assert "New consent flow in the app" not in md


ANSWER_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
MD_LIKE = st.lists(
    st.sampled_from(
        [
            "#",
            "##",
            "===",
            "---",
            "```",
            "~~~",
            "<!--",
            "<div>",
            "- ",
            "> ",
            "1. ",
            "    ",
            "\n",
            "\r\n",
            "*",
            "_",
            "`",
            "text",
            " ",
            "\t",
            "|",
            "\\",
        ]
    ),
    max_size=40,
).map("".join)


SPECS = load_specs()


def _fuzzed(text: str, title: str) -> Document:
    doc = with_answer(SPECS, text)
    if title.strip():
        doc.project.title = title
    items = [normalize_newlines(line) for line in (text, title) if line.strip()]
    with hand_written():
        edits.set_answer(
            doc, SPECS.resolve("research"), "open_questions", list(dict.fromkeys(items)) or ["x"]
        )
    return doc


def _slug_taken(title: str) -> bool:
    """Whether the title's anchor is one a question heading would otherwise have."""
    from mldwizard.core.markdown_anchors import plan_headings
    from mldwizard.core.mdsafe import github_anchor

    slug = github_anchor(" ".join(title.split()), {})
    plain = plan_headings("plain", SPECS)
    return bool(slug) and slug in {a for k, a in plain.anchor.items() if "." in k and a}


EXPECTED = {
    draft: headings(render_markdown(_fuzzed("plain", "plain"), SPECS, draft=draft))
    for draft in (False, True)
}
# In the reader's document an answer of blank text leaves its question out.
EXPECTED_BLANK = headings(render_markdown(_fuzzed("", "plain"), SPECS))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ANSWER_TEXT, MD_LIKE), title=st.one_of(ANSWER_TEXT, MD_LIKE))
def test_any_answer_survives_toml_and_keeps_the_headings(text: str, title: str) -> None:
    doc = _fuzzed(text, title)
    loaded = parse_document(to_toml_text(doc, SPECS).encode("utf-8"), Path("x.toml"), SPECS)
    assert loaded == doc

    for draft in (False, True):
        found = headings(render_markdown(doc, SPECS, draft=draft))
        blank = not draft and not normalize_newlines(text).strip()
        expected = EXPECTED_BLANK if blank else EXPECTED[draft]
        if title.strip() and _slug_taken(title):
            # A title whose anchor a question's would take makes that question's heading
            # name its chapter (core/markdown_anchors.py): expected with the same title.
            plain = _fuzzed("" if blank else "plain", "plain")
            plain.project.title = title
            expected = headings(render_markdown(plain, SPECS, draft=draft))
        assert [tag for tag, _ in found] == [tag for tag, _ in expected]
        assert found[1:] == expected[1:]
        if title.strip():
            shown = visible_controls(normalize_newlines(title).replace("\x00", "\ufffd"))
            assert found[0][1] == " ".join(shown.split())


HTML_LIKE = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "</",
            "<!--",
            "-->",
            "<?",
            "?>",
            "<!",
            "<![CDATA[",
            "]]>",
            "img",
            "script",
            "a",
            " ",
            " src=x",
            "=",
            '"',
            "'",
            "/",
            "`",
            "``",
            "\\",
            "\n",
            "    ",
            "- ",
            "> ",
            "https:",
            "//x",
            "@",
            "b.co",
        ]
    ),
    max_size=40,
).map("".join)


def raw_html(markdown: str) -> list[str]:
    """Raw HTML a CommonMark renderer (HTML allowed) would pass through."""
    return [
        token.content
        for block in PARSER.parse(markdown)
        for token in [block, *(block.children or [])]
        if token.type in ("html_block", "html_inline")
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ANSWER_TEXT, MD_LIKE, HTML_LIKE))
def test_no_raw_html_from_user_text_survives(text: str) -> None:
    assert raw_html(safe_block(text)) == []
    assert raw_html(inline(text)) == []
    md = render_markdown(with_answer(SPECS, normalize_newlines(text) or "x"), SPECS)
    assert raw_html(md) == [
        GENERATED_MARK + " from the .toml file next to it; edit that, not this. -->\n"
    ]


def test_inline_html_is_escaped_and_autolinks_still_work() -> None:
    text = (
        "Hello <img src=x onerror=alert(1)> and <script>alert(2)</script>, "
        "see <https://example.com/a?b=c> or write to <ana@example.com>; `<b>` is code."
    )
    block = safe_block(text)
    assert raw_html(block) == []
    html = MarkdownIt("commonmark").render(block)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;" in html
    assert '<a href="https://example.com/a?b=c">' in html
    assert '<a href="mailto:ana@example.com">' in html
    assert "<code>&lt;b&gt;</code>" in html


def test_control_characters_are_shown_as_escapes_in_markdown() -> None:
    text = "reset\x1bc save\x1b7 csi\x9b2J link\x1b]8;;http://x\x1b\\y\x1b]8;;\x1b\\ del\x7f"
    md = render_markdown(with_answer(SPECS, text), SPECS)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", md)
    assert "reset\\x1bc save\\x1b7 csi\\x9b2J link\\x1b]8;;http://x\\x1b\\y" in md
