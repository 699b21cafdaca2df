"""A real browser (headless Chromium) opens the served wizard and draws it.

Chromium's one-shot ``--screenshot`` does not wait for the wizard: ``--virtual-time-budget``
fast-forwards timers but not the websocket, so the picture shows textual-serve's "loading"
card, which alone is bigger than 10 KB. So the test drives the same headless Chromium over
the DevTools protocol instead: load the page, wait until the terminal has received the
wizard's output (textual.js then marks the body ``-first-byte``), let it draw, and take the
screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import signal
import struct
import subprocess
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from .conftest import TITLE, Served, wait_group_gone

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 20.0
DRAW_S = 1.5  # after the first bytes: time for the wizard's screen to settle
HEADER_ROW = 8  # a row of pixels through the wizard's header line
LOADING_BACKGROUND = (12, 24, 31)  # #0c181f, textual-serve's page behind its loading card

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """Headless Chromium with a DevTools port; the port. Its whole group is killed after."""
    profile = tmp_path / "chromium-profile"
    with (tmp_path / "chromium.log").open("wb") as log:
        proc = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--window-size=1280,800",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    try:
        active = profile / "DevToolsActivePort"  # Chromium writes the port it chose here
        deadline = time.monotonic() + TIMEOUT_S
        while not (active.exists() and active.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                log_text = (tmp_path / "chromium.log").read_text(errors="replace")
                pytest.fail(f"Chromium did not open its DevTools port:\n{log_text[-2000:]}")
            time.sleep(0.05)
        yield int(active.read_text().split()[0])
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(TIMEOUT_S)
        assert wait_group_gone(proc.pid), "Chromium processes were left running"


class DevTools:
    """The few DevTools protocol calls the test needs, on one page."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.last_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        await self.ws.send_json({"id": self.last_id, "method": method, "params": params})
        while True:  # skip events until the answer
            message: dict[str, Any] = await self.ws.receive_json()
            if message.get("id") == self.last_id:
                assert "error" not in message, message
                result: dict[str, Any] = message["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


async def test_chromium_draws_the_wizard(
    serve: Callable[..., Served], served_doc: Path, chromium: int, tmp_path: Path
) -> None:
    served = serve(served_doc)
    screenshot = tmp_path / "page.png"
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as http, asyncio.timeout(TIMEOUT_S):
        async with http.get(f"http://127.0.0.1:{chromium}/json/list") as response:
            targets = await response.json()
        page = next(t for t in targets if t["type"] == "page")
        async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            devtools = DevTools(ws)
            await devtools.call("Page.navigate", url=served.url)
            body_class = "document.body ? document.body.className : ''"
            while "-first-byte" not in (await devtools.evaluate(body_class) or ""):
                await asyncio.sleep(0.1)  # bounded by the asyncio.timeout above
            assert TITLE in await devtools.evaluate("document.body.textContent")
            assert served.wizards(), "no wizard process was started for the browser"
            await asyncio.sleep(DRAW_S)
            shot = await devtools.call("Page.captureScreenshot", format="png")
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000, f"{screenshot} is only {len(data)} bytes"
    # The wizard's header line is drawn across the top (textual-serve's loading page is a
    # plain background there): one colour fills most of the row, with text on it.
    row = png_rows(data, HEADER_ROW + 1)[HEADER_ROW]
    colour, count = Counter(row).most_common(1)[0]
    assert colour != LOADING_BACKGROUND and count > len(row) // 2, (colour, count)
    assert len(set(row)) > 3, f"no text in the top line of {screenshot}"
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
