"""One text form of a list answer, shared by every face: an ordinary list is one item per
line; items of several lines (a nested list, a code block) are Markdown bullets. Writing a
list as text and reading it back gives the same items, whatever they hold."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.kinds import ValueProblem, parse_text
from mldwizard.core.list_text import format_list_text, parse_list_text
from mldwizard.core.specs import Specs

from .conftest import load

LEGAL = "Legal team:\n- must sign off\n  - in writing"
DATA = "Data team, who run:\n```python\n# nightly job\nrun()\n```"

# Pieces that make an item hard to keep whole: bullets, indentation, fences, blank lines.
PIECES = st.sampled_from(
    [
        "- ",
        "* ",
        "+ ",
        "-",
        "  ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "```",
        "~~~",
        "1. ",
        "#",
        ">",
        "é",
        "日本",
        "\u2028",
        "\x0b",
        " ",
    ]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=8
)
ITEM = (
    st.lists(st.one_of(PIECES, TEXT), min_size=1, max_size=8)
    .map("".join)
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(ITEM, max_size=6, unique=True))
@settings(max_examples=600, deadline=None)
@example([LEGAL, DATA])
@example(["- a", "- b"])
@example(["-", "*"])
@example(["a\n\nb", "```\nx\n```"])
def test_format_then_parse_gives_the_items_back(items: list[str]) -> None:
    text = format_list_text(items)
    assert parse_list_text(text) == items
    assert parse_text("list", [text]) == items


def test_an_ordinary_list_is_one_item_per_line() -> None:
    assert (
        format_list_text(["Legal", "Data team: nightly runs"]) == "Legal\nData team: nightly runs"
    )
    assert parse_list_text("  Legal \n\nData team\n") == ["Legal", "Data team"]
    # Some lines starting with "- ", others not: lines, as typed.
    assert parse_list_text("- Legal\nData") == ["- Legal", "Data"]


def test_items_of_several_lines_are_bullets() -> None:
    text = format_list_text([LEGAL, DATA])
    assert text == (
        "- Legal team:\n  - must sign off\n    - in writing\n"
        "- Data team, who run:\n  ```python\n  # nightly job\n  run()\n  ```"
    )


def test_a_pasted_markdown_list_is_its_items() -> None:
    pasted = (
        "* Legal team:\n"
        "  - must sign off\n"
        "    - in writing\n"
        "\n"
        "* Data team, who run:\n"
        "\n"
        "  ```python\n"
        "  # nightly job\n"
        "  run()\n"
        "  ```\n"
    )
    assert parse_list_text(pasted) == [LEGAL, "Data team, who run:\n\n" + DATA.split("\n", 1)[1]]
    assert parse_list_text("- a\n- b\n+ c") == ["a", "b", "c"]
    assert parse_list_text("-   wide\n    under it") == ["wide\nunder it"]


def test_a_fence_is_not_a_repeated_item_but_a_repeated_item_is() -> None:
    assert parse_text("list", [format_list_text([DATA])]) == [DATA]
    with pytest.raises(ValueProblem, match="repeats an item"):
        parse_text("list", ["- a\n  b\n- a\n  b"])


def test_set_from_stdin_stores_a_markdown_list_whole_and_exports_the_same_bullets(
    doc_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
) -> None:
    typed = (  # a Markdown list pasted from a wiki page
        "- Legal team:\n"
        "  - must sign off\n"
        "    - in writing\n"
        "- Data team, who run:\n"
        "  ```python\n"
        "  # nightly job\n"
        "  run()\n"
        "  ```\n"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(typed.encode())))
    assert main(["set", str(doc_path), "essentials", "stakeholders", "-"]) == 0
    assert load(doc_path, specs).chapters["essentials"].answers["stakeholders"] == [LEGAL, DATA]
    markdown = storage.markdown_path(doc_path).read_text(encoding="utf-8")
    assert typed in markdown  # the export: the same bullets
    capsys.readouterr()
