"""A real browser (the system's headless Chromium, driven by playwright) opens the URL that
``mldwizard serve`` printed, sees the wizard and types into it; every request it makes
stays on the server (no fonts or anything else from the internet). And a page of another
site, in the same browser, cannot open the wizard's websocket.

playwright is used with ``executable_path``: no browser is downloaded (never run
``playwright install``); the test is skipped where /usr/bin/chromium is missing.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Browser, async_playwright

from .client import TIMEOUT_S, wait_for
from .conftest import TITLE, Served, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = TIMEOUT_S * 1000
HEADER_ROW = 8  # a row of pixels through the wizard's header line
LOADING_BACKGROUND = (12, 24, 31)  # #0c181f, the page behind its loading card

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


async def test_chromium_opens_the_printed_url_and_edits_the_document(
    serve: Callable[..., Served], served_doc: Path, browser: Browser, tmp_path: Path
) -> None:
    served = serve(served_doc)
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = await context.new_page()
    page.on("websocket", lambda websocket: requested.append(websocket.url))

    await page.goto(served.url)
    assert await page.title() == f"{TITLE} — mldwizard"
    # textual.js marks the body once the wizard's first screen arrived over the websocket
    # (which carries no token: the cookie set by the printed URL opens it).
    await page.wait_for_function("() => document.body.classList.contains('-first-byte')")
    assert len(served.wizards()) == 1
    # The terminal's font came from this server, not from the internet.
    loaded = "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    families = await page.evaluate(loaded)
    assert "Roboto Mono" in {family.strip('"') for family in families}, families

    # Type an answer as a person does; the wizard (its first question has the focus)
    # autosaves it into the document.
    typed = "Typed in Chromium"
    await page.locator(".xterm-helper-textarea").focus()
    await page.keyboard.type(typed)
    await wait_for(
        lambda: f'summary = "{typed}"' in served_doc.read_text(encoding="utf-8"),
        "the autosave of what was typed in the browser",
        timeout=60,  # a served wizard on a busy machine (CI, 2 cores): once over 20 s
    )

    # What the page shows is the wizard, not textual-serve's loading card: the header line
    # is drawn across the top, one colour over most of the row, with text on it.
    screenshot = tmp_path / "page.png"
    await page.screenshot(path=str(screenshot))
    row = png_rows(screenshot.read_bytes(), HEADER_ROW + 1)[HEADER_ROW]
    colour, count = Counter(row).most_common(1)[0]
    assert colour != LOADING_BACKGROUND and count > len(row) // 2, (colour, count)
    assert len(set(row)) > 3, f"no text in the top line of {screenshot}"

    # Nothing left the server: every request went to the printed URL's host and port.
    origins = {f"http://127.0.0.1:{served.port}/", f"ws://127.0.0.1:{served.port}/"}
    assert requested, "no request was seen"
    outside = [url for url in requested if not any(url.startswith(o) for o in origins)]
    assert outside == [], outside
    assert any("/static/fonts/RobotoMono" in url for url in requested), requested
    await context.close()
    assert served.stop() == 0


ATTACK_PAGE = """<!DOCTYPE html><title>attack</title><script>
const ws = new WebSocket("ws://127.0.0.1:{port}/ws");
ws.onopen = () => {{ ws.send(JSON.stringify(["stdin", "pwned"])); document.title = "opened"; }};
ws.onclose = () => {{ if (document.title === "attack") document.title = "refused"; }};
</script>"""


async def test_a_page_of_another_site_cannot_open_the_wizard(
    serve: Callable[..., Served], served_doc: Path, browser: Browser
) -> None:
    """The hardest case: the browser already has the wizard's cookie, and the other site is
    on the same machine (127.0.0.1, another port), so the browser sends the cookie along;
    only the Origin check stands between that page and the document."""
    served = serve(served_doc)
    attacker_port = free_port()
    app = web.Application()

    async def attack(request: web.Request) -> web.Response:
        return web.Response(text=ATTACK_PAGE.format(port=served.port), content_type="text/html")

    app.router.add_get("/", attack)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", attacker_port).start()
    try:
        context = await browser.new_context()
        context.set_default_timeout(TIMEOUT_MS)
        page = await context.new_page()
        await page.goto(served.url)  # the person opened the wizard: the cookie is set
        await page.wait_for_function("() => document.body.classList.contains('-first-byte')")
        assert len(served.wizards()) == 1
        other = await context.new_page()
        await other.goto(f"http://127.0.0.1:{attacker_port}/")
        await other.wait_for_function("() => document.title !== 'attack'")
        assert await other.title() == "refused"
        assert len(served.wizards()) == 1  # no wizard was started for the other page
        assert "refused /ws from 127.0.0.1: Origin" in served.stderr()
        await context.close()
    finally:
        await runner.cleanup()
    assert "pwned" not in served_doc.read_text(encoding="utf-8")
    assert served.stop() == 0


def png_rows(data: bytes, count: int) -> list[list[tuple[int, ...]]]:
    """The first ``count`` rows of an 8-bit RGB or RGBA PNG, as (r, g, b) pixels."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, idat, width, colour_type = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, _, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour_type in (2, 6) and interlace == 0, chunk
        elif kind == b"IDAT":
            idat += chunk
    bpp = 3 if colour_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompressobj().decompress(idat, (stride + 1) * count)
    rows, previous = [], bytearray(stride)
    for r in range(count):
        start = r * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):  # undo the row's filter (PNG spec, section 9)
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[i : i + 3]) for i in range(0, stride, bpp)])
        previous = line
    return rows
