"""What the served page's script does, as a test client: open the websocket, send the
terminal size and a ping, read the wizard's terminal output."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections.abc import Callable

import aiohttp
import pytest

TIMEOUT_S = 60.0
"""Generous for a loaded machine (a served wizard is a new Python process that imports
Textual); every wait ends as soon as its condition holds."""
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


class RawWebSocket:
    """A websocket spoken by hand over TCP, so a test can drop the connection as a crashed
    or closed browser tab does: no close frame, just the end of the connection (FIN) or a
    reset (RST). Pings from the server are not answered (a vanished network)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.received = b""  # everything after the handshake (frames are not decoded)

    @classmethod
    async def connect(cls, port: int, path: str) -> RawWebSocket:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        async with asyncio.timeout(TIMEOUT_S):
            head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head
        return cls(reader, writer)

    async def send_json(self, data: object) -> None:
        payload = json.dumps(data).encode()
        assert len(payload) < 126
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.writer.write(bytes([0x81, 0x80 | len(payload)]) + mask + masked)
        await self.writer.drain()

    async def read_until(self, text: str) -> None:
        async with asyncio.timeout(TIMEOUT_S):
            while text.encode() not in self.received:
                chunk = await self.reader.read(65536)
                if not chunk:
                    pytest.fail(f"the server closed the connection before {text!r} was drawn")
                self.received += chunk

    def drop(self, reset: bool = False) -> None:
        """End the connection without a close frame: FIN, or RST if ``reset``."""
        if reset:
            self.writer.transport.abort()
        else:
            self.writer.close()
