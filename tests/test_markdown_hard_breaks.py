"""QA9a #17: a Markdown hard line break typed as two trailing spaces survives into the .md
(as a trailing backslash, which reads the same and no editor strips); trailing spaces that
break nothing (a paragraph's last line, code) are still dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from .cli_run import cli

ANSWER = "Ship by spring.  \nThen measure.\n\n```\nx = 1  \ny = 2\n```\nLast line   "


def test_a_hard_break_in_an_answer_stays_a_hard_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "h.toml"
    assert cli(capsys, "new", path, "--no-input", "--title", "Breaks")[0] == 0
    assert cli(capsys, "set", path, "essentials", "notes", ANSWER)[0] == 0
    md = path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Ship by spring.\\\nThen measure." in md
    assert "x = 1\ny = 2" in md  # code is not touched
    assert "Last line\n" in md
    assert "<br />" in MarkdownIt("commonmark").render(md.split("Ship by")[1].split("```")[0])
