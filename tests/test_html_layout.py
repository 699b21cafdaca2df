"""The HTML export as a reader meets it on a phone and on paper, in the system's Chromium:
nothing makes the page scroll sideways at 320 px (an overridden gate verdict, 200-character
unbroken names), the chapter status shows the owners without sideways scrolling, and print
wraps code, keeps the contents and breaks pages only before parts with content.

Uses the browser fixtures of `test_html_browser` (no browser download, network blocked).
"""

from __future__ import annotations

import re
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
    # Both verdict boxes lie wholly inside the screen, the gate's value included.
    rights = await page.evaluate(
        "() => [...document.querySelectorAll('.verdict, .verdict-value')]"
        ".map(e => e.getBoundingClientRect().right)"
    )
    assert len(rights) == 4 and max(rights) <= width, rights
    await context.close()
