"""Code paths (and other text shown as code) read in the document exactly as stored: a
backtick inside is kept, not turned into an apostrophe, and cannot close the span early."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mldwizard.core.markdown_text import code_span


@pytest.mark.parametrize(
    "text", ["src/`x`|y/**", "`lead", "trail`", "a``b`c", "``", "plain/path/**", "`a` `b`"]
)
def test_a_code_span_shows_its_text_as_written(text: str) -> None:
    rendered = MarkdownIt("commonmark").renderInline(code_span(text))
    assert rendered == f"<code>{html.escape(text, quote=False)}</code>"


def test_a_code_path_with_backticks_is_shown_as_stored(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    doc = tmp_path / "h.toml"
    ok("new", doc, "--title", "Paths", "--no-input")
    ok("set", doc, "essentials", "summary", "Routes tickets.")
    ok("set", doc, "essentials", "--code-path", "src/`x`|y/**")
    page = ok("export", doc, "--format", "html", "-o", "-")
    assert re.findall(r"<code>(src/[^<]*)</code>", page) == ["src/`x`|y/**"]
    assert "src/'x'" not in ok("export", doc, "-o", "-")
