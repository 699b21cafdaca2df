"""``mldwizard serve``: the wizard over textual-serve, driven as a browser drives it.

The page's script (textual-serve's ``textual.js``) opens the websocket named in the page's
``data-session-websocket-url`` with ``?width=..&height=..``, sends ``["resize", {...}]`` and
a ``["ping", ...]``; the server answers ``["pong", ...]`` as text and relays the wizard's
terminal output as binary frames.
"""

from __future__ import annotations

import ast
import asyncio
import json
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

import mldwizard
from mldwizard.cli.serve import edit_command, is_loopback

from .client import TIMEOUT_S, browser_session, open_wizard, read_until
from .conftest import TITLE, Served, free_port, group_alive


def run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    """A serve that must refuse: bounded, so a serve that starts anyway fails the test."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "mldwizard", "serve", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"serve {args} did not refuse; it was still running: {exc.stdout!r}")


async def page_websocket_url(http: aiohttp.ClientSession, served: Served) -> str:
    async with http.get(served.url) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        html = await response.text()
    assert f"<title>{TITLE} — mldwizard</title>" in html  # the page names the document
    assert "/static/js/textual.js" in html  # and loads textual-serve's terminal
    found = re.search(r'data-session-websocket-url="([^"]+)"', html)
    assert found, html
    return found.group(1)


async def test_each_browser_gets_the_wizard_on_the_document(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    out = served.stdout()
    assert f"Open http://127.0.0.1:{served.port}/?token={served.token} in a browser." in out
    assert len(served.token) >= 40  # 32 random bytes
    assert "at most 8 at once" in out  # the default --max-sessions
    assert "Ctrl-C" in out

    async with browser_session() as http:
        ws_url = await page_websocket_url(http, served)
        assert ws_url == f"ws://127.0.0.1:{served.port}/ws"  # the page's cookie opens it
        first = await open_wizard(http, ws_url)
        second = await open_wizard(http, ws_url)
        try:
            for ws in (first, second):
                screen, texts = await read_until(ws, TITLE)
                assert b"\x1b[?1049h" in screen  # the wizard took the (alternate) screen
                assert json.dumps(["pong", "1"]) in texts
            wizards = served.wizards()
            assert len(wizards) == 2, wizards  # one process per browser, on the same file
            for command in wizards:
                assert f"-m mldwizard edit {served_doc.resolve()} --author=tester" in command
        finally:
            await first.close()
            await second.close()

    assert served.stop() == 0  # Ctrl-C: a clean stop
    assert "Stopping" in served.stdout()
    assert not group_alive(served.proc.pid)


async def test_closing_the_browser_saves_what_was_typed(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    typed = "Typed in a browser"
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        ws = await open_wizard(http, served.ws_url)
        try:
            await read_until(ws, TITLE)
            await ws.send_json(["stdin", typed])  # the first question has the focus
            await read_until(ws, typed)
            await asyncio.sleep(0.2)  # drawn, and the answer handed on; autosave waits 1 s
        finally:
            await ws.close()  # before the autosave: the wizard must save as it stops
    deadline = time.monotonic() + TIMEOUT_S
    while served.wizards():  # the wizard saves on SIGTERM and exits
        assert time.monotonic() < deadline, "the wizard did not stop after its browser left"
        await asyncio.sleep(0.05)
    assert f'summary = "{typed}"' in served_doc.read_text(encoding="utf-8")
    assert served.stop() == 0


def test_public_warns_that_whoever_has_the_url_can_edit(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc, "--public")
    assert "WARNING: --public: anyone who can reach port" in served.stderr()
    assert "has the URL below can read and edit" in served.stderr()
    assert "not encrypted" in served.stderr()
    assert served.stop() == 0


def test_a_non_loopback_host_needs_public(served_doc: Path) -> None:
    out = run_serve(str(served_doc), "--host", "0.0.0.0", "--port", str(free_port()))
    assert out.returncode == 2
    assert "--host 0.0.0.0 is not a loopback address" in out.stderr
    assert "--public" in out.stderr
    assert "Serving" not in out.stdout


def test_a_broken_document_is_reported_before_serving(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 1\n[project\ntitle = "x"\n', encoding="utf-8")
    out = run_serve(str(broken), "--port", str(free_port()))
    assert out.returncode == 2
    assert f"{broken}:2:" in out.stderr  # the file and the line
    assert "Serving" not in out.stdout


def test_a_busy_port_is_reported(served_doc: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run_serve(str(served_doc), "--port", str(port))
    assert out.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in out.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("::ffff:127.0.0.1", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.5", False),
        ("example.com", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_wizard_command_is_quoted(tmp_path: Path) -> None:
    doc = tmp_path / "my doc's.toml"
    author = "-O'Brien; rm -rf ~ $(x)"
    command = edit_command(doc, author, [tmp_path / "more specs"])
    assert shlex.split(command) == [
        "exec",
        sys.executable,
        "-m",
        "mldwizard",
        "edit",
        str(doc.resolve()),
        f"--author={author}",
        f"--specs={(tmp_path / 'more specs').resolve()}",
    ]


def test_the_core_does_not_import_the_web_server() -> None:
    core = Path(mldwizard.__file__).parent / "core"
    offenders = []
    for source in sorted(core.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{source.name}: {n}" for n in names if n.split(".")[0] in WEB]
    assert offenders == []
    script = (
        "import sys, mldwizard.cli.commands, mldwizard.core.storage; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {WEB!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert out.stdout.strip() == "[]", out.stderr


WEB = ("textual_serve", "aiohttp", "aiohttp_jinja2")
