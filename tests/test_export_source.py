"""The Markdown the HTML and Word exports start from: the `.md` without its generated mark
and without its own list of contents (each export builds its own), found by shape."""

from __future__ import annotations

from mldwizard.core.export_source import export_source
from mldwizard.core.markdown import GENERATED_MARK

DOC = f"""{GENERATED_MARK} from the .toml file next to it; edit that, not this. -->

# Title

Summary.

## Index of things

- [Part](#part)
  - [1. Step](#1-step)
- [Open questions](#open-questions)

## Part

### 1. Step

- [a link elsewhere](https://example.com)
- [inside](#part)

## Links

- [Inside](#part)
- plain item

## Open questions
"""


def test_the_mark_and_the_links_only_section_go_and_nothing_else() -> None:
    out = export_source(DOC)
    assert out.startswith("# Title\n")
    assert "Index of things" not in out and "- [Part](#part)" not in out
    # A section of links that also holds other items, or outside links, stays.
    assert "## Links\n\n- [Inside](#part)\n- plain item" in out
    assert "- [a link elsewhere](https://example.com)" in out
    assert [ln for ln in out.splitlines() if ln.startswith("## ")] == [
        "## Part",
        "## Links",
        "## Open questions",
    ]
    assert out.rstrip().endswith("## Open questions")


def test_without_a_contents_section_the_text_is_kept_whole() -> None:
    text = "# T\n\n## A\n\n- [x](#a) and more text\n"
    assert export_source(text) == text
