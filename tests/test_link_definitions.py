"""An answer can never define a link: ``[evil]: https://...`` at the start of a line would
turn every ``[evil]`` in the generated document, in anyone's answer, into a link to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mldwizard.cli import main
from mldwizard.core.kinds import normalize_newlines
from mldwizard.core.markdown import render_markdown
from mldwizard.core.mdsafe import safe_block

from .test_markdown import ANSWER_TEXT, MD_LIKE, SPECS, with_answer

PARSER = MarkdownIt("commonmark")
EVIL = "[evil]: https://evil.example/phish"


def references(markdown: str) -> dict[str, object]:
    """The link reference definitions a CommonMark parser finds in ``markdown``."""
    env: dict[str, object] = {}
    PARSER.parse(markdown, env)
    found = env.get("references", {})
    assert isinstance(found, dict)
    return found


def test_a_definition_in_an_answer_links_nothing_in_the_document(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(doc_path)
    assert main(["set", p, "problem", "problem_statement", f"Notes\n\n{EVIL}\n"]) == 0
    assert main(["set", p, "essentials", "summary", "Read the [evil] report first."]) == 0
    capsys.readouterr()
    markdown = doc_path.with_suffix(".md").read_text()
    assert references(markdown) == {}
    html = PARSER.render(markdown)
    assert "evil.example" not in html.replace(f"<p>{EVIL}</p>", "")  # shown, as text only
    assert f"<p>{EVIL}</p>" in html and "Read the [evil] report first." in html


@pytest.mark.parametrize(
    "text",
    [
        EVIL,
        f"   {EVIL} 'a title'",
        f"> {EVIL}",
        f"- {EVIL}",
        f"1. > - {EVIL}",
        "[ev\nil]: https://evil.example",
        f"[a]: /a\n{EVIL}",
        f"text\n\n{EVIL}\n\nmore",
        "[evil]:\n  https://evil.example\n  'title on its own line'",
        f"- \t{EVIL}",
        f"-   item\n\n    {EVIL}",  # in the item, not code: left to the parser's check
    ],
    ids=[
        "plain",
        "indented-with-title",
        "quote",
        "list",
        "nested",
        "label-on-two-lines",
        "two",
        "between-paragraphs",
        "destination-on-next-line",
        "tab-after-marker",
        "deep-in-a-list-item",
    ],
)
def test_every_form_of_definition_is_kept_as_text(text: str) -> None:
    block = safe_block(text)
    assert references(block + "\n\n[evil] [a] [ev il]") == {}
    shown = PARSER.render(block)
    assert "evil.example" in shown and "href" not in shown


LINK_LIKE = st.lists(
    st.sampled_from(
        [
            "[",
            "]",
            ":",
            "[evil]",
            "]:",
            "[evil]:",
            " https://evil.example",
            " /x",
            " 'title'",
            ' "t"',
            " (t)",
            "<",
            ">",
            "\n",
            "\n\n",
            "   ",
            "    ",
            "\t",
            "> ",
            "- ",
            "1. ",
            "\\",
            "`",
            "```",
            "text",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(LINK_LIKE, MD_LIKE, ANSWER_TEXT))
def test_no_link_definition_in_the_document_comes_from_an_answer(text: str) -> None:
    """The generated document defines no links itself: any definition would be an
    answer's."""
    assert references(safe_block(text)) == {}
    markdown = render_markdown(with_answer(SPECS, normalize_newlines(text) or "x"), SPECS)
    assert references(markdown) == {}


def test_show_does_not_turn_a_definition_into_a_link(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`show` renders long answers with rich's Markdown: the definition must stay visible
    text there too, not a hidden line that makes `[evil]` a terminal hyperlink."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    p = str(doc_path)
    # (An answer's own "[evil]" is its author's link, resolved within it: test_reference_links.)
    notes = f"Notes.\n\n{EVIL}"
    assert main(["set", p, "problem", "problem_statement", notes]) == 0
    assert main(["set", p, "essentials", "summary", "Summary with [evil] ref."]) == 0
    capsys.readouterr()
    assert main(["show", p]) == 0
    out = capsys.readouterr().out
    assert "evil.example/phish" in out  # the definition is shown as text...
    assert "\x1b]8;" not in out  # ...and nothing became a hyperlink
