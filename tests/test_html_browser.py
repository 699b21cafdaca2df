"""A real browser (the system's headless Chromium, driven by playwright) opens the HTML export
of the bundled example from a file:// URL, with every network request blocked, and sees the
table of contents (and follows it), the verdict banner, and the RACI answer as a table; on a
phone-sized screen the page does not scroll sideways; printed, links show their address.

playwright is used with ``executable_path``: no browser is downloaded (never run
``playwright install``); the test is skipped only where /usr/bin/chromium is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, Route, async_playwright

from mldwizard.cli import main
from mldwizard.core.examples import example_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
PHONE = {"width": 375, "height": 740}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=TIMEOUT_MS
        )
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """The example's page, written as a user writes it."""
    document = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), document)
    assert main(["export", str(document), "-o", "--format", "html"]) == 0
    return document.with_suffix(".html")


async def offline_context(browser: Browser, attempts: list[str], **options: Any) -> BrowserContext:
    """A context where only file:// URLs load; every other request is recorded and aborted."""
    context = await browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)

    async def gate(route: Route) -> None:
        if route.request.url.startswith("file://"):
            await route.continue_()
        else:
            attempts.append(route.request.url)
            await route.abort()

    await context.route("**/*", gate)
    context.on("request", lambda request: attempts.append(request.url))
    return context


async def test_chromium_sees_contents_verdicts_and_a_table_offline(
    browser: Browser, exported: Path
) -> None:
    attempts: list[str] = []
    context = await offline_context(browser, attempts, viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("websocket", lambda ws: attempts.append(ws.url))
    url = exported.as_uri()
    await page.goto(url, wait_until="load")
    assert await page.title() == "Routing support tickets at Kestrel Ledger"

    # The table of contents, and it takes the reader to the step.
    toc = page.locator("nav.toc")
    assert await toc.is_visible()
    assert await toc.locator("a").count() >= 22  # parts, verdicts, 16 chapters, 2 steps
    link = toc.get_by_role("link", name="16. Ownership and maintenance")
    await link.click()
    await page.wait_for_function("() => location.hash === '#16-ownership-and-maintenance'")
    heading = page.locator('[id="16-ownership-and-maintenance"]')
    assert await heading.evaluate("h => h.tagName") == "H3"
    top = await heading.evaluate("h => h.getBoundingClientRect().top")
    assert -2 <= top < 100, top  # scrolled to the step

    # The verdict banner, at the top, from the verdict logic.
    banner = page.locator("section.verdicts")
    assert await banner.is_visible()
    feasibility = banner.locator(".verdict-feasibility .verdict-value")
    assert (await feasibility.inner_text()).strip() == "CONDITIONAL"  # shown upper case
    gate_value = banner.locator(".verdict-gate .verdict-value")
    assert (await gate_value.inner_text()).strip() == "A simple model"  # a label, not a slug

    # The RACI answer, written as a Markdown table, is a real table with its rows.
    raci = page.locator("main table", has=page.locator("th", has_text="Area"))
    await raci.scroll_into_view_if_needed()
    assert await raci.is_visible()
    headers = await raci.locator("th").all_inner_texts()
    assert [h.strip() for h in headers] == ["Area", "R", "A", "C", "I"]
    assert await raci.locator("tbody tr").count() >= 8
    first = await raci.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first[0].strip() == "Help desk export, account export, snapshots"

    # Only the page itself was loaded: no font, script, style or image from anywhere.
    outside = [u for u in attempts if u != url]
    assert outside == [], outside
    await context.close()


async def test_a_phone_never_scrolls_sideways_and_print_shows_link_addresses(
    browser: Browser, exported: Path
) -> None:
    attempts: list[str] = []
    context = await offline_context(
        browser, attempts, viewport=PHONE, is_mobile=True, device_scale_factor=2
    )
    page = await context.new_page()
    await page.goto(exported.as_uri(), wait_until="load")
    width = await page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    # A wide table scrolls inside its own box instead of widening the page.
    boxes = await page.evaluate(
        "() => [...document.querySelectorAll('.table-scroll')]"
        ".map(b => getComputedStyle(b).overflowX)"
    )
    assert boxes and set(boxes) == {"auto"}, boxes

    await page.emulate_media(media="print")
    assert await page.locator("nav.toc").is_visible()  # a long printout needs its contents
    assert await page.locator("section.verdicts").is_visible()
    # On paper a link shows where it goes, unless its text is already the address.
    after = "a => getComputedStyle(a, '::after').content"
    bare = page.locator("main a.bare-url[href^='https://tickets.example.com/']").first
    assert await bare.evaluate(after) == "none"
    named = await page.evaluate(
        """() => { const a = document.createElement('a');
                   a.href = 'https://tickets.example.com/browse/T-1'; a.textContent = 'T-1';
                   document.querySelector('main p').append(a);
                   return getComputedStyle(a, '::after').content; }"""
    )
    assert named == '" (https://tickets.example.com/browse/T-1)"', named
    assert attempts == [exported.as_uri()], attempts
    await context.close()


WIDE_TABLE = "\n".join(
    [
        "| " + " | ".join(f"column header {i}" for i in range(9)) + " |",
        "|" + "---|" * 9,
        "| " + " | ".join(f"cell value number {i} with some words" for i in range(9)) + " |",
        "| " + " | ".join("x" * 40 for _ in range(9)) + " |",
    ]
)


async def test_printed_a_wide_table_shrinks_to_the_page(browser: Browser, tmp_path: Path) -> None:
    """QA qa9c finding 13: on paper nothing scrolls, so a 9-column table (long words too)
    wraps inside the page's width instead of running off its right edge."""
    document = tmp_path / "wide.toml"
    shutil.copyfile(example_path(), document)
    assert main(["set", str(document), "problem", "current_process", WIDE_TABLE]) == 0
    assert main(["export", str(document), "-o", "--format", "html"]) == 0
    attempts: list[str] = []
    a4 = {"width": 794, "height": 1123}  # A4 at 96 dpi
    context = await offline_context(browser, attempts, viewport=a4)
    page = await context.new_page()
    await page.goto(document.with_suffix(".html").as_uri(), wait_until="load")
    await page.emulate_media(media="print")
    table = page.locator("main table", has=page.locator("th", has_text="column header 8"))
    right = await table.evaluate("t => t.getBoundingClientRect().right")
    page_width = await page.evaluate("() => document.documentElement.clientWidth")
    assert right <= page_width, (right, page_width)
    scroll = await page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= page_width, scroll
    await context.close()
