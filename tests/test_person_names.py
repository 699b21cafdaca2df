"""A person's name reads as written wherever the exported document names them: the people
line, a chapter's owners, the verdict box and each checklist's gap list (qa10c #7: the gap
lists escaped a name twice, "Kim Lee \\\\<kim@example.com\\>"). Checked on what a reader
sees: the Markdown as GitHub renders it (CommonMark) and the web page, as text."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

NAME = r"Kim <kim@example.com> | *x* _y_ \z"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "title")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture
def named(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """The example, whose ML engineer (jonas) owns chapters, a feasibility gap (the team's
    skills, partial) and stage-gate items, under a name full of Markdown."""
    path = tmp_path / "ex.toml"
    ok("new", path, "--example", "--no-input")
    ok("person", path, "jonas", "--name", NAME, "--role", "ML engineer")
    return path


def test_a_name_reads_as_written_in_every_place_of_both_exports(
    named: Path, ok: Callable[..., str]
) -> None:
    markdown = ok("export", named)
    html = ok("export", named, "--format", "html")
    for face, text in (
        ("Markdown", visible_text(MarkdownIt("commonmark").render(markdown))),
        ("web page", visible_text(html)),
    ):
        lines = [line for line in text.splitlines() if "Kim " in line]
        wrong = [line for line in lines if NAME not in line]
        assert not wrong, (face, wrong)
        assert text.count(NAME) >= 5, (face, text.count(NAME))
    # The feasibility chapter's gap list, where the name was escaped twice.
    gap = f"The team has the skills, or can get them in time (partial): owner {NAME}, due "
    assert gap in visible_text(MarkdownIt("commonmark").render(markdown))
    assert gap in visible_text(html)
