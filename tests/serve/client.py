"""What the served page's script does, as a test client: open the websocket, send the
terminal size and a ping, read the wizard's terminal output."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import aiohttp
import pytest

TIMEOUT_S = 20.0
SIZE = {"width": 100, "height": 30}


async def open_wizard(http: aiohttp.ClientSession, url: str) -> aiohttp.ClientWebSocketResponse:
    """What the page does: open the websocket, then send the terminal size and a ping."""
    joiner = "&" if "?" in url else "?"
    ws = await http.ws_connect(f"{url}{joiner}width={SIZE['width']}&height={SIZE['height']}")
    await ws.send_json(["resize", SIZE])
    await ws.send_json(["ping", "1"])
    return ws


async def read_until(ws: aiohttp.ClientWebSocketResponse, text: str) -> tuple[bytes, list[str]]:
    """The terminal bytes and the text messages received until ``text`` is drawn."""
    screen, texts = b"", []
    async with asyncio.timeout(TIMEOUT_S):
        while text.encode() not in screen:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                screen += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                texts.append(message.data)
            else:
                pytest.fail(f"the websocket ended before {text!r} was drawn: {message}")
    return screen, texts


def browser_session() -> aiohttp.ClientSession:
    """An HTTP client that keeps cookies as a browser does (also for an IP address)."""
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    return aiohttp.ClientSession(timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True))


async def handshake_status(
    http: aiohttp.ClientSession, url: str, headers: dict[str, str] | None = None
) -> int:
    """The HTTP status that answers a websocket upgrade to ``url`` (101: it was accepted)."""
    try:
        ws = await http.ws_connect(url, headers=headers)
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status
    await ws.close()
    return 101


async def wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    """Wait until ``condition()`` holds; fail saying ``what`` did not happen in time."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout} s")
        await asyncio.sleep(0.05)
