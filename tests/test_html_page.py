"""The HTML page as ``mldwizard export`` writes it: what it says, and in which order (the
layout itself is checked in a real browser by `test_html_layout`)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.examples import example_path


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (no stylesheet, no tags)."""
    body = html[html.index("<body>") :]
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), path)
    return path


def export(document: Path, *extra: str) -> str:
    assert main(["export", str(document), "-o", "--format", "html", *extra]) == 0
    return document.with_suffix(".html").read_text("utf-8")


def test_a_no_go_is_said_once_up_front_and_once_in_the_checklist(document: Path) -> None:
    no_go = ["feasibility", "problem_confirmed", "not-met", "--fatal"]
    details = ["--note", "Nobody complained.", "--owner", "devika", "--condition", "Complaints."]
    assert main(["set", str(document), *no_go, *details]) == 0
    html = export(document)
    head = html[html.index('<header class="document-head">') : html.index("</header>")]
    # The red banner comes right under the title, before the summary fills the screen.
    assert head.index("</h1>") < head.index('class="verdict verdict-feasibility verdict-no-go"')
    assert head.index("verdict-no-go") < head.index("Kestrel Ledger sells")
    # The Markdown's own NO-GO box and Verdicts section are not repeated: the banner (the
    # page's Verdicts), and the checklist's own verdict.
    assert "<blockquote>" not in head
    assert visible_text(html).count("NO-GO") == 2
    # The banner is short: the evidence is in the checklist it links to.
    assert "Nobody complained." not in head
    assert '<a class="verdict-more" href="#feasibility-checklist">' in head


def test_the_contents_are_unnumbered_and_list_the_chapter_status(document: Path) -> None:
    html = export(document)
    nav = html[html.index('<nav class="toc"') : html.index("</nav>")]
    # Parts and chapters carry their own numbers: no "2. Part I. Preparations".
    assert "<ol" not in nav and "<ul>" in nav
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert links[0] == ("chapter-status", "Chapter status")
    assert 'id="chapter-status"' in html
    assert ("part-i-preparations", "Part I. Preparations") in links


def test_the_gate_reads_in_words_and_counts_agree_with_their_nouns(document: Path) -> None:
    reason = ["--reason", "The tangled rules need more than a small model."]
    assert main(["set", str(document), "gate", "--override", "complex-model", *reason]) == 0
    html = export(document)
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    value = re.search(r'verdict-gate[^>]*>.*?<span class="verdict-value">([^<]*)<', banner)
    assert value is not None
    assert value[1] == "A complex model (overridden; the answers say a simple model)"
    generated = visible_text(html.split('id="recent-changes"')[0])  # not the authors' log
    assert "complex-model" not in generated and "simple-model" not in generated, generated
    # The Markdown says the same, in the same words.
    assert main(["export", str(document), "-o"]) == 0
    markdown = document.with_suffix(".md").read_text("utf-8")
    assert "**What the answers say: A simple model**" in markdown
    assert "A complex model (overridden; the answers say a simple model)" in markdown


def test_one_item_left_is_said_in_the_singular(tmp_path: Path) -> None:
    document = tmp_path / "fresh.toml"
    assert main(["new", str(document), "--no-input", "--title", "Fresh"]) == 0
    for item in feasibility_ids()[1:]:
        assert main(["set", str(document), "feasibility", item, "met"]) == 0
    html = export(document)
    assert "<li>1 item without a status yet.</li>" in html
    assert "(s)" not in visible_text(html)


def feasibility_ids() -> list[str]:
    from mldwizard.core.workspace import specs_for

    specs = specs_for(example_path(), [])
    assert specs.feasibility is not None
    return [item.id for item in specs.feasibility.items]


def test_a_page_written_to_another_folder_keeps_its_relative_links_working(
    document: Path,
) -> None:
    (document.parent / "docs").mkdir()
    (document.parent / "docs" / "spec.md").write_text("# Spec\n")
    answer = "See [the spec](docs/spec.md), [the site](https://example.com/) and [above](#top)."
    assert main(["set", str(document), "essentials", "summary", answer]) == 0
    (document.parent / "sub").mkdir()
    page = document.parent / "sub" / "x.html"
    assert main(["export", str(document), "-o", str(page)]) == 0
    html = page.read_text("utf-8")
    assert '<a href="../docs/spec.md">the spec</a>' in html
    assert (page.parent / "../docs/spec.md").resolve() == document.parent / "docs" / "spec.md"
    assert '<a href="https://example.com/">the site</a>' in html
    assert '<a href="#top">above</a>' in html
    # The Markdown written beside it says the same.
    assert main(["export", str(document), "-o", str(page.with_suffix(".md"))]) == 0
    assert "[the spec](../docs/spec.md)" in page.with_suffix(".md").read_text("utf-8")
    # Beside the document, links stay as written.
    assert '<a href="docs/spec.md">the spec</a>' in export(document)
