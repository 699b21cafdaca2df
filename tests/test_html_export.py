"""The HTML export: one self-contained page that lets nothing an author wrote become HTML.

The golden file ``tests/golden/example.html`` is the bundled example's page, reviewed by eye
(open it in a browser). After a change to the Markdown or the page, regenerate it with::

    MLDWIZARD_UPDATE_GOLDEN=1 pytest tests/test_html_export.py -k golden

and look at the diff before committing it.
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mldwizard.core import storage
from mldwizard.core.document import Document, FeasibilityItem
from mldwizard.core.examples import example_path
from mldwizard.core.html_export import HTML_MARK, page_parser, render_html, stylesheet
from mldwizard.core.specs import Specs

GOLDEN = Path(__file__).parent / "golden" / "example.html"
UPDATE = os.environ.get("MLDWIZARD_UPDATE_GOLDEN") == "1"
FETCHING_TAGS = {
    "link",
    "script",
    "style",
    "img",
    "iframe",
    "object",
    "embed",
    "source",
    "audio",
    "video",
    "track",
    "frame",
    "base",
    "meta",
    "form",
    "input",
}


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.tags if "id" in attrs}


@pytest.fixture
def example(specs: Specs) -> Document:
    return storage.load_document(example_path(), specs)


def page_of(doc: Document, specs: Specs, base_dir: Path | None = None) -> str:
    return render_html(doc, specs, base_dir=base_dir or example_path().parent)


def test_the_example_page_matches_the_golden_file(example: Document, specs: Specs) -> None:
    html = page_of(example, specs)
    if UPDATE:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == html, (
        "the page changed: check it, then MLDWIZARD_UPDATE_GOLDEN=1 pytest "
        "tests/test_html_export.py -k golden"
    )


def test_the_page_has_contents_banner_status_and_every_step(
    example: Document, specs: Specs
) -> None:
    html = page_of(example, specs)
    page = Page(html)
    assert html.startswith(HTML_MARK)
    assert page.title == example.project.title
    assert page.all("meta")[1] == {
        "name": "viewport",
        "content": "width=device-width, initial-scale=1",
    }
    # One linked table of contents (the Markdown's own list of links is not repeated).
    assert html.count("<nav") == 1 and html.count(">Contents</h2>") == 1
    nav = html[html.index("<nav") : html.index("</nav>")]
    for step in specs.steps:
        assert f">{step.label}</a>" in nav, step.label
    # Every same-page link, in the contents, the status table and the answers, lands.
    targets = {a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")}
    assert targets and targets <= page.ids, targets - page.ids
    # The verdicts, from the verdict logic.
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    assert 'verdict-conditional"' in banner and ">CONDITIONAL<" in banner
    assert ">A simple model<" in banner and "Experts can state only part of the rule" in banner
    # Chapter status and owners, by name and role.
    status = html[html.index('class="chapter-status"') : html.index("<main>")]
    assert status.count("<tr class=") == len(specs.steps)
    for step in specs.steps:  # each row links to its step's section
        assert f'">{step.label}</a></td>' in status, step.label
    assert "Devika Rao (Product manager, support platform)" in status
    # The RACI answer is a real table, in a box that scrolls sideways on a phone.
    assert '<div class="table-scroll"><table>\n<thead>\n<tr>\n<th>Area</th>' in html


def test_a_no_go_comes_first_loud_and_red(example: Document, specs: Specs) -> None:
    assert specs.feasibility is not None
    critical = next(item for item in specs.feasibility.items if item.critical)
    example.feasibility.items[critical.id] = FeasibilityItem(
        status="not-met",
        fatal=True,
        note="No labels <b>at all</b>.",
        condition="A year of **labelled** tickets.",
        owner="devika",
    )
    html = page_of(example, specs)
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    assert banner.index("verdict-no-go") < banner.index("verdict-gate")
    assert '<div class="verdict verdict-feasibility verdict-no-go" role="alert">' in banner
    assert ">NO-GO<" in banner and critical.text.rstrip(".") in banner
    # The banner is short and links to the checklist, where the evidence is (escaped there).
    assert '<a class="verdict-more" href="#feasibility-checklist">' in banner
    assert "No labels" not in banner and "No labels &lt;b&gt;at all&lt;/b&gt;." in html
    # It cannot be closed: its old condition and owner are shown nowhere.
    assert "A year of" not in html
    said = banner[banner.index(critical.text.rstrip(".")) :]
    assert said[: said.index("</li>")].endswith("(not met, cannot be closed).")
    css = stylesheet()
    assert re.search(r"\.verdict-no-go \{[^}]*border: 4px solid var\(--no-go\)", css)


HOSTILE = [
    "<script>alert('answer')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "[shout](JaVaScRiPt:alert(1))",
    "<javascript:alert(1)>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](javascript:alert(1))",
    "[vb](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">raw link</a>',
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<iframe src="https://evil.example/"></iframe>',
]


def test_hostile_answers_and_title_stay_text(example: Document, specs: Specs) -> None:
    example.project.title = "</title><script>alert('title')</script>"
    example.chapters["essentials"].answers["summary"] = "\n\n".join(HOSTILE)
    example.chapters["problem"].answers["risks"] = HOSTILE
    example.feasibility.items["labelled_data"].note = "<script>alert('note')</script>"
    html = page_of(example, specs)
    page = Page(html)
    assert page.title == "</title><script>alert('title')</script>"
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#x27;title&#x27;)" in html
    names = [name for name, _ in page.tags]
    assert "script" not in names and "iframe" not in names
    assert names.count("style") == 1  # ours, in <head>
    for name, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (name, attrs)
        for key in ("href", "src"):
            value = attrs.get(key, "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:text")), (name, attrs)
    # Shown, not run: the reader sees what the author typed.
    assert "&lt;script&gt;alert('answer')&lt;/script&gt;" in html
    assert "[click me](javascript:alert(1))" in html


@pytest.mark.parametrize("source", HOSTILE)
def test_the_parser_itself_lets_no_html_or_unsafe_link_through(source: str) -> None:
    """Even Markdown that reaches the parser unescaped (answers keep the author's Markdown)
    cannot make a tag, an event handler or a javascript: link."""
    html = page_parser(None).render(f"{source}\n\n- {source}\n\n| a |\n|---|\n| {source} |\n")
    for name, attrs in Page(html).tags:
        assert name not in ("script", "iframe", "style", "img"), html
        assert not [a for a in attrs if a.startswith("on")], html
        assert not attrs.get("href", "").lower().startswith(("javascript:", "vbscript:", "data:"))


def test_a_safe_link_stays_a_link() -> None:
    html = page_parser(None).render(
        "[the ticket](https://tickets.example.com/T-1) and [up](#goals)"
    )
    links = Page(html).all("a")
    assert [a["href"] for a in links] == ["https://tickets.example.com/T-1", "#goals"]


def test_the_page_fetches_nothing(example: Document, specs: Specs) -> None:
    example.chapters["essentials"].answers["summary"] = (
        "See ![the chart](https://example.com/chart.png) and ![local](//cdn.example/x.png)."
    )
    html = page_of(example, specs)
    for name, attrs in Page(html).tags:
        for key in ("href", "src", "srcset", "action", "content", "data"):
            value = attrs.get(key, "")
            fetches = name in FETCHING_TAGS and key != "content"
            if fetches or (name == "meta" and "url=" in value.lower()):
                assert not re.match(r"\s*(https?:)?//", value), (name, attrs)
    assert "<img" not in html  # the remote images are links to follow, not fetched
    assert (
        '<a class="remote-image" href="https://example.com/chart.png">the chart (image)</a>' in html
    )
    css = stylesheet().lower()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def png() -> bytes:
    """A valid one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_local_images_are_embedded_and_other_files_are_not(
    example: Document, specs: Specs, tmp_path: Path
) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "flow chart.png").write_bytes(png())
    (tmp_path / "secret.png").write_text("not an image: SECRET-TOKEN-42\n")
    os.mkfifo(tmp_path / "pipe.png")  # never opened for reading: it would block
    example.chapters["essentials"].answers["summary"] = (
        "![The flow](img/flow%20chart.png)\n\n![leak](secret.png)\n\n![gone](nowhere.png)"
        f"\n\n![abs]({tmp_path / 'secret.png'})\n\n![pipe](pipe.png)"
    )
    html = page_of(example, specs, base_dir=tmp_path)
    images = Page(html).all("img")
    assert len(images) == 1 and images[0]["alt"] == "The flow"
    assert images[0]["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert "SECRET-TOKEN-42" not in html and "bm90IGFu" not in html
    assert html.count('class="missing-image"') == 4


def test_a_new_document_shows_pending_verdicts_and_empty_steps(
    doc_path: Path, specs: Specs
) -> None:
    doc = storage.load_document(doc_path, specs)
    before = doc.model_dump()
    html = render_html(doc, specs, base_dir=doc_path.parent)
    assert doc.model_dump() == before  # rendering never changes the document
    page = Page(html)
    assert page.title == "Fraud scoring"
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    # The gate and the checklist are pending; the two stage gates are for later stages.
    assert banner.count(">Pending<") == 2 and banner.count(">Later<") == 2
    assert "verdict-gate verdict-pending" in banner
    assert "verdict-feasibility verdict-pending" in banner
    assert "<li>10 required questions not answered yet (Expert rules, " in banner
    assert "<li>16 items without a status yet.</li>" in banner
    assert "(s)" not in html
    status = html[html.index('class="chapter-status"') : html.index("<main>")]
    # A stage gate of a later stage is "Later" (as its section says), every other step empty.
    assert status.count('<tr class="status-later">') == 2
    assert status.count('<tr class="status-empty">') == len(specs.steps) - 2
    targets = {a["href"][1:] for a in page.all("a") if a.get("href", "").startswith("#")}
    assert targets <= page.ids, targets - page.ids
