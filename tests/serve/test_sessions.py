"""What one browser can cost the server: a limited number of sessions, a clamped terminal
size, a malformed message that ends only its own session, and a wizard that saves and exits
when its browser vanishes without saying goodbye."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from mldwizard.cli.serve.messages import MAX_HEIGHT, MAX_MESSAGE_BYTES, MAX_WIDTH
from mldwizard.cli.serve.server import HEARTBEAT_S, STOP_GRACE_S

from .client import (
    TIMEOUT_S,
    RawWebSocket,
    browser_session,
    handshake_status,
    open_wizard,
    read_until,
    wait_for,
)
from .conftest import TITLE, Served

CURSOR = re.compile(rb"\x1b\[(\d+);(\d+)H")  # Textual places each line with CSI row;col H


async def test_sessions_are_limited(serve: Callable[..., Served], served_doc: Path) -> None:
    served = serve(served_doc, "--max-sessions", "2")
    assert "at most 2 at once" in served.stdout()
    async with browser_session() as http:
        async with http.get(served.url) as response:
            assert response.status == 200
        first = await open_wizard(http, served.ws_url)
        second = await open_wizard(http, served.ws_url)
        try:
            await read_until(first, TITLE)
            await read_until(second, TITLE)
            # The third browser: its page says why, and its websocket is not opened.
            async with http.get(served.url) as response:
                assert response.status == 503
                assert response.content_type == "text/plain"
                text = await response.text()
            assert "All 2 sessions of this server are in use" in text
            assert "Close a tab you no longer need, then reload this page" in text
            assert await handshake_status(http, served.ws_url) == 503
            assert len(served.wizards()) == 2
            assert "refused a session" in served.stderr()
        finally:
            await first.close()
        # A closed tab frees its place once its wizard has saved and stopped.
        await wait_for(lambda: len(served.wizards()) == 1, "the first wizard's exit")

        async def page_status() -> int:
            async with http.get(served.url) as response:
                return response.status

        deadline = asyncio.get_running_loop().time() + TIMEOUT_S
        while await page_status() != 200:
            assert asyncio.get_running_loop().time() < deadline, "no place freed"
            await asyncio.sleep(0.05)
        third = await open_wizard(http, served.ws_url)
        try:
            await read_until(third, TITLE)
        finally:
            await third.close()
            await second.close()
    assert served.stop() == 0


async def read_cells(ws: aiohttp.ClientWebSocketResponse, rows: int) -> tuple[int, int]:
    """Read the wizard's drawing until it reaches row ``rows``; the largest row and column
    it placed text at. Fails at once if it draws below ``MAX_HEIGHT`` or right of
    ``MAX_WIDTH`` (an unclamped 10000 x 10000 terminal would send hundreds of megabytes)."""
    top_row = top_column = 0
    async with asyncio.timeout(TIMEOUT_S):
        while top_row < rows:
            message = await ws.receive()
            assert message.type == aiohttp.WSMsgType.BINARY or message.type == (
                aiohttp.WSMsgType.TEXT
            ), message
            if message.type == aiohttp.WSMsgType.TEXT:
                continue
            for row, column in CURSOR.findall(message.data):
                top_row, top_column = max(top_row, int(row)), max(top_column, int(column))
            assert top_row <= MAX_HEIGHT and top_column <= MAX_WIDTH, (top_row, top_column)
    return top_row, top_column


async def test_the_terminal_size_is_clamped(serve: Callable[..., Served], served_doc: Path) -> None:
    served = serve(served_doc)
    huge = {"width": 10000, "height": 10000}
    async with browser_session() as http:
        # A huge size in the websocket's URL: the wizard starts at the largest allowed.
        ws = await http.ws_connect(f"{served.ws_url}&width=10000&height=10000")
        try:
            await read_cells(ws, MAX_HEIGHT)
            (pid,) = served.wizard_pids()
            environ = served.environ(pid)
            assert (environ["COLUMNS"], environ["ROWS"]) == (str(MAX_WIDTH), str(MAX_HEIGHT))
        finally:
            await ws.close()
        # A huge size in a resize message, after a normal start.
        ws = await open_wizard(http, served.ws_url)
        try:
            await read_until(ws, TITLE)
            await ws.send_json(["resize", huge])
            await read_cells(ws, MAX_HEIGHT)
        finally:
            await ws.close()
    assert served.stop() == 0


MALFORMED: list[str | bytes] = [
    "not json",
    "{}",
    "[]",
    '["stdin"]',
    '["stdin", 5]',
    '["resize", {"width": "wide", "height": 30}]',
    '["resize", {"width": true, "height": 30}]',
    '["resize", [100, 30]]',
    '["format_disk", 1]',
    "[" * 100_000,
    b"\x00\x01",
    '["stdin", "' + "x" * (MAX_MESSAGE_BYTES + 1) + '"]',
]


async def test_a_malformed_message_closes_only_its_session(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    async with browser_session() as http:
        other = await open_wizard(http, served.ws_url)
        try:
            await read_until(other, TITLE)
            for number, message in enumerate(MALFORMED, start=2):
                ws = await http.ws_connect(served.ws_url)
                if isinstance(message, bytes):
                    await ws.send_bytes(message)
                else:
                    await ws.send_str(message)
                async with asyncio.timeout(TIMEOUT_S):
                    while (received := await ws.receive()).type not in (
                        aiohttp.WSMsgType.CLOSE,
                        aiohttp.WSMsgType.CLOSED,
                    ):
                        pass
                expected = (
                    aiohttp.WSCloseCode.MESSAGE_TOO_BIG  # refused by aiohttp before it is read
                    if len(message) > MAX_MESSAGE_BYTES
                    else aiohttp.WSCloseCode.UNSUPPORTED_DATA
                )
                assert ws.close_code == expected, (message[:20], received)
                await wait_for(
                    lambda n=number: f"session {n}:" in served.stderr(),  # type: ignore[misc]
                    f"the log line for {message[:20]!r}",
                )
            # The other browser's wizard is untouched: it still answers and takes input.
            await other.send_json(["ping", "still here"])
            await other.send_json(["stdin", "Still typing"])
            _, texts = await read_until(other, "Still typing")
            assert json.dumps(["pong", "still here"]) in texts
        finally:
            await other.close()
    await wait_for(lambda: served.wizards() == [], "every wizard's exit")
    assert served.stop() == 0
    lines = served.stderr().splitlines()
    assert "Traceback" not in served.stderr()
    assert len(lines) == len(MALFORMED), lines  # one line each, nothing else
    for line in lines:
        assert re.fullmatch(
            r"mldwizard serve: session \d+: the browser sent .+; that session is closed", line
        ), line


@pytest.mark.parametrize("how", ["fin", "rst", "silent"])
async def test_a_vanished_browser_leaves_no_wizard_and_loses_nothing(
    serve: Callable[..., Served], served_doc: Path, how: str
) -> None:
    """A tab that is killed (or a browser that crashes) ends the connection without a
    websocket close frame (FIN, or RST); a laptop that sleeps or leaves the network ends
    nothing and just stops answering (silent). Each time the wizard must save what was
    typed, and exit."""
    served = serve(served_doc)
    typed = "Typed before the tab died"
    ws = await RawWebSocket.connect(served.port, f"/ws?token={served.token}&width=100&height=30")
    await ws.read_until(TITLE)
    (pid,) = served.wizard_pids()
    await ws.send_json(["stdin", typed])  # the first question has the focus
    await ws.read_until("unsaved: changes")  # the answer reached the wizard's document
    if how == "silent":  # the server's pings go unanswered: it gives up on the browser
        timeout = HEARTBEAT_S * 1.5 + STOP_GRACE_S + 10
    else:  # before the autosave (1 s): the wizard must save as it stops
        ws.drop(reset=how == "rst")
        timeout = 30  # generous for a loaded machine: what matters is what was saved
    await wait_for(lambda: pid not in served.wizard_pids(), "the wizard's exit", timeout)
    assert f'summary = "{typed}"' in served_doc.read_text(encoding="utf-8")
    assert served.stop() == 0


async def test_a_wizard_that_cannot_start_ends_its_session_and_says_why(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    """The document broke after the server started: the wizard exits at once with its
    message. The browser must not wait on the loading card forever, the session's place
    must be free again, and the console must say what is wrong, on one line."""
    served = serve(served_doc, "--max-sessions", "1")
    with served_doc.open("a", encoding="utf-8") as file:
        file.write("\ngarbage = [\n")
    async with browser_session() as http:
        ws = await open_wizard(http, served.ws_url)
        async with asyncio.timeout(TIMEOUT_S):
            while not ws.closed:
                message = await ws.receive()
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        await wait_for(lambda: served.wizards() == [], "the wizard's exit")
        await wait_for(lambda: "exit code 2" in served.stderr(), "the log line")
        async with http.get(served.url) as response:
            assert response.status == 200  # the only place is free again
    assert served.stop() == 0
    lines = served.stderr().splitlines()
    broken = served_doc.read_text(encoding="utf-8").splitlines().index("garbage = [") + 1
    assert any(
        line.startswith("mldwizard serve: session 1: mldwizard: ")
        and f"{served_doc.name}:{broken}:" in line  # the file and the line of the problem
        for line in lines
    ), lines
    assert "Traceback" not in served.stderr() + served.stdout()
    assert served_doc.name not in served.stdout().split("Press Ctrl-C")[-1]  # not raw on stdout


async def test_copies_kept_by_wizards_are_named_on_the_console(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    """A served wizard that cannot save (a conflict nobody can be asked about when the tab
    closes or the server stops) keeps the author's work in a rescue copy and says so, to a
    browser that is gone: the server's console must name the copy."""
    from mldwizard.core.rescue import write_rescue

    old = write_rescue(served_doc, "# kept before the server started\n")
    served = serve(served_doc)
    async with browser_session() as http:
        ws = await open_wizard(http, served.ws_url)
        await read_until(ws, TITLE)
        new = write_rescue(served_doc, "# kept by this session's wizard\n")  # as it would
        await ws.close()
        await wait_for(lambda: str(new) in served.stderr(), "the copy named on the console")
    assert served.stop() == 0
    log = served.stderr()
    assert f"mldwizard serve: session 1: kept what could not be saved in {new}" in log
    assert log.count(str(new)) == 1  # once, not again at the stop
    assert str(old) not in log  # older than the server: not this server's news
