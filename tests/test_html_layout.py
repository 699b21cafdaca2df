"""The HTML export as a reader meets it on a phone and on paper, in the system's Chromium:
nothing makes the page scroll sideways at 320 px (an overridden gate verdict, 200-character
unbroken names), the chapter status shows the owners without sideways scrolling, and print
wraps code, keeps the contents and breaks pages only before parts with content.

Uses the browser fixtures of `test_html_browser` (no browser download, network blocked).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.async_api import Browser

from mldwizard.cli import main
from mldwizard.core.examples import example_path
from tests.test_html_browser import CHROMIUM, browser, offline_context

__all__ = ["browser"]  # the fixture, used by name

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")

LONG = "W" * 200  # one unbroken word, as a hostile or careless author writes it


def export_html(document: Path, *extra: str) -> Path:
    assert main(["export", str(document), "-o", "--format", "html", *extra]) == 0
    return document.with_suffix(".html")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The example with an overridden gate and a 200-character name, role and title."""
    document = tmp_path / "routing.toml"
    text = example_path().read_text("utf-8")
    text = text.replace('name = "Mira Okafor"', f'name = "{LONG}"', 1)
    text = text.replace('role = "ML engineer"', f'role = "{LONG}"', 1)
    text = re.sub(r'(?m)^title = ".*"$', f'title = "{LONG}"', text, count=1)
    document.write_text(text, "utf-8")
    reason = "The routing rules are too tangled for a small model; we tried."
    override = ["gate", "--override", "complex-model", "--reason", reason]
    assert main(["set", str(document), *override]) == 0
    return export_html(document)


SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.mark.parametrize("width", [320, 375, 414])
async def test_no_phone_width_scrolls_sideways_with_an_override_and_long_names(
    browser: Browser, hostile: Path, width: int
) -> None:
    attempts: list[str] = []
    context = await offline_context(
        browser, attempts, viewport={"width": width, "height": 700}, is_mobile=True
    )
    page = await context.new_page()
    await page.goto(hostile.as_uri(), wait_until="load")
    assert await page.evaluate(SCROLL_WIDTH) <= width
    # Every verdict box (the gate, feasibility, two stage gates) lies wholly inside the
    # screen, the gate's value included.
    rights = await page.evaluate(
        "() => [...document.querySelectorAll('.verdict, .verdict-value')]"
        ".map(e => e.getBoundingClientRect().right)"
    )
    assert len(rights) == 8 and max(rights) <= width, rights
    await context.close()


CODE_LINE = "route(ticket) if ticket.queue in QUEUES else fallback(ticket); " * 6


@pytest.fixture
def with_code(tmp_path: Path) -> Path:
    """The example with a long line of code in an answer."""
    document = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), document)
    answer = f"The rule, as it runs today:\n\n```\n{CODE_LINE}\n```"
    assert main(["set", str(document), "essentials", "summary", answer]) == 0
    return export_html(document)


BREAKS = (
    "() => [...document.querySelectorAll('main h2')]"
    ".map(h => [h.id, getComputedStyle(h).breakBefore])"
)


async def test_print_wraps_code_keeps_the_contents_and_breaks_only_before_parts(
    browser: Browser, with_code: Path
) -> None:
    attempts: list[str] = []
    context = await offline_context(browser, attempts, viewport={"width": 800, "height": 1000})
    page = await context.new_page()
    await page.goto(with_code.as_uri(), wait_until="load")
    await page.emulate_media(media="print")
    # A line of code wraps on paper instead of running off the page's edge.
    code = page.locator("main pre", has_text="fallback(ticket)").first
    sizes = await code.evaluate("p => [p.scrollWidth, p.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    assert await code.evaluate("p => getComputedStyle(p).whiteSpace") == "pre-wrap"
    # The contents stay: a long printout needs them.
    toc = page.locator("nav.toc")
    assert await toc.is_visible()
    assert await toc.get_by_role("link", name="Part II. Early stage").is_visible()
    # Each part starts a page; the other sections do not (the verdicts are the banner up
    # front, not a section of the document's body).
    breaks = dict(await page.evaluate(BREAKS))
    assert "verdicts" not in breaks
    parts = {k: v for k, v in breaks.items() if k.startswith("part-")}
    assert len(parts) == 4 and set(parts.values()) == {"page"}, breaks
    assert all(v != "page" for k, v in breaks.items() if k not in parts), breaks
    await context.close()


A4 = {"width": 794, "height": 1123}  # CSS pixels, as page.pdf(format="A4", no margins) lays out


async def test_an_empty_document_prints_without_near_empty_pages(
    browser: Browser, tmp_path: Path
) -> None:
    """An empty document has little but its open questions: it prints as many pages as its
    content fills (one more at most, for blocks kept whole), never a page per section."""
    document = tmp_path / "empty.toml"
    assert main(["new", str(document), "--no-input", "--title", "Nothing yet"]) == 0
    page_file = export_html(document)
    attempts: list[str] = []
    context = await offline_context(browser, attempts, viewport=A4)
    page = await context.new_page()
    await page.goto(page_file.as_uri(), wait_until="load")
    await page.emulate_media(media="print")
    height = await page.evaluate("() => document.documentElement.scrollHeight")
    filled = -(-height // A4["height"])
    zero = {"top": "0", "right": "0", "bottom": "0", "left": "0"}
    pdf = await page.pdf(format="A4", margin=zero)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert 1 <= pages <= filled + 1, (pages, filled)
    await context.close()


@pytest.fixture
def example_page(tmp_path: Path) -> Path:
    document = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), document)
    return export_html(document)


async def test_a_phone_shows_each_chapters_status_and_owners_without_scrolling_sideways(
    browser: Browser, example_page: Path
) -> None:
    attempts: list[str] = []
    width = 375
    context = await offline_context(
        browser, attempts, viewport={"width": width, "height": 740}, is_mobile=True
    )
    page = await context.new_page()
    await page.goto(example_page.as_uri(), wait_until="load")
    row = page.locator(".chapter-status tbody tr", has_text="Essentials")
    for column, text in ((2, "Approved"), (4, "Devika Rao")):  # status, owners
        cell = row.locator(f"td:nth-child({column})")
        # Left and right as the page shows them (no scrolling: a scroll box would hide it).
        assert text in await cell.inner_text()
        box = await cell.evaluate(
            "c => { const r = c.getBoundingClientRect(); return [r.left, r.right]; }"
        )
        assert box[0] >= 0 and box[1] <= width, (text, box)
    # The owners' names themselves, not just their cell, are on screen.
    owners = row.locator("td:nth-child(4)")
    text_right = await owners.evaluate(
        "c => { const r = document.createRange(); r.selectNodeContents(c);"
        " return r.getBoundingClientRect().right; }"
    )
    assert text_right <= width, text_right
    # The status box has nothing to scroll sideways to.
    box = page.locator(".chapter-status .table-scroll")
    sizes = await box.evaluate("b => [b.scrollWidth, b.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    await context.close()


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(r, g, b)`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_the_no_go_badge_is_readable_in_light_and_dark_mode(
    browser: Browser, tmp_path: Path, scheme: str
) -> None:
    document = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), document)
    no_go = ["feasibility", "problem_confirmed", "not-met", "--fatal"]
    details = ["--note", "Nobody complained.", "--owner", "devika", "--condition", "Complaints."]
    assert main(["set", str(document), *no_go, *details]) == 0
    attempts: list[str] = []
    context = await offline_context(browser, attempts, color_scheme=scheme)
    page = await context.new_page()
    await page.goto(export_html(document).as_uri(), wait_until="load")
    badge = page.locator(".verdict-no-go .verdict-value")
    assert (await badge.inner_text()).strip() == "NO-GO"
    colours = await badge.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
    )
    assert contrast(*colours) >= 4.5, colours
    await context.close()
