"""Help and examples are drawn without a Markdown parser: check what they look like."""

from __future__ import annotations

import io

from rich.console import Console

from mldwizard.core.specs import load_specs
from mldwizard.tui.widgets.help_text import help_text, sections


def draw(markdown: str, width: int = 40) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(sections(help_text("Heading", markdown)))
    return console.export_text()


def test_wrapped_lines_join_into_paragraphs_and_blank_lines_split_them() -> None:
    shown = draw("one two\nthree\n\nfour", width=80)
    assert shown.splitlines() == ["Heading", "", "one two three", "", "four"]


def test_list_items_get_bullets_and_a_hanging_indent() -> None:
    shown = draw("Options:\n- first item that is long enough to wrap around\n- second")
    lines = [line.rstrip() for line in shown.splitlines()]
    assert lines[2:] == [
        "Options:",
        "",
        "• first item that is long enough to wrap",
        "  around",  # continuation under the text, not under the bullet
        "• second",
    ]
    numbered = draw("1. one\n2. two", width=80).splitlines()
    assert [line.rstrip() for line in numbered[2:]] == ["1. one", "2. two"]


def test_code_and_bold_lose_their_markers_but_keep_a_style() -> None:
    parts = help_text("H", "call `POST /v2/score` **now**")
    body = parts[-1]
    assert body.plain == "call POST /v2/score now"  # type: ignore[union-attr]
    assert [body.plain[s.start : s.end] for s in body.spans] == ["POST /v2/score", "now"]  # type: ignore[union-attr]


def test_unbalanced_markers_are_shown_as_written() -> None:
    assert "`half" in draw("a `half open and **bold", width=80)


def test_every_builtin_help_and_example_is_drawn_without_losing_words() -> None:
    for step in load_specs().steps:
        for question in step.questions:
            for text in (question.help, question.example):
                shown = " ".join(draw(text, width=60).split())
                for word in text.replace("`", "").replace("**", "").split():
                    if word not in ("-", "*", "+"):
                        assert word in shown, (step.slug, question.id, word)


def test_a_word_diff_without_colour_marks_what_changed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mldwizard.tui.screens.dialogs import word_diff

    assert word_diff("a b c", "a x c", marked=False).plain == "a bx c"
    assert word_diff("a b c", "a x c", marked=True).plain == "a [-b-]{+x+} c"
    monkeypatch.setenv("NO_COLOR", "1")
    assert word_diff("one", "two").plain == "[-one-]{+two+}"
