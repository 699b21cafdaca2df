"""Only the printed URL opens a served wizard: the token, the Host and the Origin checks.

A real server in its own process; the requests are what a browser (or a hostile page in
one) sends: a page of another site opening the websocket carries its own ``Origin``; a page
that re-points its name at 127.0.0.1 (DNS rebinding) carries its own ``Host``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from mldwizard.cli.serve.access import TOKEN_ENV, allowed_hosts, host_name

from .client import (
    TIMEOUT_S,
    browser_session,
    handshake_status,
    open_wizard,
    read_until,
    wait_for,
)
from .conftest import TITLE, Served, free_port

TOLD_WHAT_TO_DO = "Open the URL printed by `mldwizard serve`"


def plain_session() -> aiohttp.ClientSession:
    """A client without the page's cookie (another site's page, or a script)."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT_S))


async def get(
    http: aiohttp.ClientSession, url: str, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    async with http.get(url, headers=headers, allow_redirects=False) as response:
        return response.status, await response.text()


async def test_without_the_token_nothing_is_served(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    origin, token = served.origin, served.token
    async with plain_session() as http:
        for path in ("/", "/static/js/textual.js", "/static/fonts/", "/download/x", "/nothing"):
            status, text = await get(http, origin + path)
            assert status == 403, path
            assert "needs the secret token" in text and TOLD_WHAT_TO_DO in text, text
        assert await handshake_status(http, f"ws://127.0.0.1:{served.port}/ws") == 403
        wrong = f"{token[:-1]}{'A' if token[-1] != 'A' else 'B'}"
        for bad in (wrong, "", token + "x"):
            status, text = await get(http, f"{origin}/?token={bad}")
            assert status == 403, bad
            assert "is not this server's" in text and TOLD_WHAT_TO_DO in text
            ws_url = f"ws://127.0.0.1:{served.port}/ws?token={bad}"
            assert await handshake_status(http, ws_url) == 403
        forged = {"Cookie": "mldwizard-serve-000000000000=" + "0" * 64}
        assert (await get(http, origin + "/", forged))[0] == 403
        # With the token, the websocket's address opened as a page says what it is.
        status, text = await get(http, f"{origin}/ws?token={token}")
        assert status == 400 and TOLD_WHAT_TO_DO in text, text
    assert served.wizards() == []  # no wizard was started for any of them
    assert served.stop() == 0
    for line in served.stderr().splitlines():  # one line per refusal, nothing else
        assert line.startswith("mldwizard serve: refused /"), line


async def test_the_printed_url_gives_the_page_a_cookie(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    async with browser_session() as http:
        async with http.get(served.url) as response:
            assert response.status == 200
            set_cookie = response.headers.getall("Set-Cookie")
            assert response.headers["Referrer-Policy"] == "no-referrer"
        assert len(set_cookie) == 1, set_cookie
        flags = {part.strip().split("=")[0].lower(): part for part in set_cookie[0].split(";")}
        assert {"httponly", "path", "samesite"} <= flags.keys(), set_cookie
        assert flags["samesite"].strip() == "SameSite=Strict"
        assert flags["path"].strip() == "Path=/"
        assert served.token not in set_cookie[0]  # the cookie is derived, not the token
        # The page's own files and websocket need no token in their URLs now.
        status, _ = await get(http, served.origin + "/static/js/textual.js")
        assert status == 200
        ws = await open_wizard(http, f"ws://127.0.0.1:{served.port}/ws")
        try:
            await read_until(ws, TITLE)
        finally:
            await ws.close()
    assert served.stop() == 0


async def test_a_page_of_another_site_is_refused(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    async with plain_session() as http:
        for origin in (
            "http://evil.example",
            f"http://evil.example:{served.port}",
            f"http://127.0.0.1:{served.port + 1}",
            f"https://localhost:{served.port}",
            f"https://127.0.0.1:{served.port}",  # the right host and port, another scheme
            "null",
        ):
            headers = {"Origin": origin}
            assert await handshake_status(http, served.ws_url, headers) == 403, origin
            status, text = await get(http, served.url, headers)
            assert status == 403, origin
            assert "came from a page of another site" in text and TOLD_WHAT_TO_DO in text
        assert served.wizards() == []
        # The page's own origin is fine (this is what the browser sends from the page).
        own = {"Origin": served.origin}
        assert await handshake_status(http, served.ws_url, own) == 101
    assert served.stop() == 0


async def test_another_host_name_is_refused(serve: Callable[..., Served], served_doc: Path) -> None:
    """DNS rebinding: evil.example made to resolve to 127.0.0.1 still sends its own name."""
    served = serve(served_doc, "--allow-host", "Wizard.Example")
    port = served.port
    async with plain_session() as http:
        for host in (f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "evil.example"):
            headers = {"Host": host}
            status, text = await get(http, served.url, headers)
            assert status == 403, host
            assert "does not answer to the name" in text and "--allow-host" in text
            assert await handshake_status(http, served.ws_url, headers) == 403
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "wizard.example"):
            status, _ = await get(http, served.url, {"Host": host})
            assert status == 200, host
    assert served.stop() == 0


async def test_a_token_can_be_given_for_scripts(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    by_option = serve(served_doc, "--token", "option-secret-1")
    assert by_option.token == "option-secret-1"
    by_env = serve(served_doc, env={TOKEN_ENV: "env/secret+2"})
    assert "?token=env%2Fsecret%2B2 in a browser" in by_env.stdout()  # quoted in the URL
    assert by_env.token == "env/secret+2"
    async with plain_session() as http:
        assert (await get(http, by_option.url))[0] == 200
        assert (await get(http, by_env.url))[0] == 200
        assert (await get(http, f"{by_env.origin}/?token=option-secret-1"))[0] == 403
        ws = await open_wizard(http, by_env.ws_url)
        try:
            await read_until(ws, TITLE)
            (pid,) = by_env.wizard_pids()
            assert TOKEN_ENV not in by_env.environ(pid)  # the wizard is not told the secret
        finally:
            await ws.close()
    assert by_option.stop() == 0
    assert by_env.stop() == 0


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--token", ""], {}, "--token is empty"),
        (["--token", "   "], {}, "--token is empty"),
        ([], {TOKEN_ENV: ""}, f"{TOKEN_ENV} is empty"),
        (["--token", "a b"], {}, "--token: the token may not contain spaces"),
        (["--token", "t"], {}, "--token is 1 character(s) long: a token anyone can guess"),
        ([], {TOKEN_ENV: "short-tok"}, f"{TOKEN_ENV} is 9 character(s) long"),
        (["--allow-host", "evil.com:8000"], {}, "--allow-host 'evil.com:8000': give a host"),
        (["--allow-host", "http://x"], {}, "--allow-host 'http://x': give a host"),
        (["--allow-host", "a b"], {}, "--allow-host 'a b': give a host"),
    ],
)
def test_a_weak_token_or_a_host_that_cannot_match_is_refused(
    served_doc: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    command = [sys.executable, "-m", "mldwizard", "serve", str(served_doc)]
    out = subprocess.run(
        [*command, "--port", str(free_port()), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    assert out.returncode == 2
    assert f"mldwizard: {expected}" in out.stderr
    assert "Traceback" not in out.stderr
    assert "Serving" not in out.stdout


async def test_the_token_is_shown_only_in_the_printed_url(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    served = serve(served_doc)
    token = served.token
    async with browser_session() as http:
        assert (await get(http, f"{served.origin}/?token={token}x"))[0] == 403  # logged
        assert (await get(http, served.url, {"Host": "evil.example"}))[0] == 403  # logged
        assert (await get(http, served.url))[0] == 200
        cookie = next(iter(http.cookie_jar)).value
        ws = await open_wizard(http, served.ws_url)
        try:
            await read_until(ws, TITLE)
            await ws.send_str("not json")  # logged
            await wait_for(lambda: "session 1" in served.stderr(), "a log line for session 1")
        finally:
            await ws.close()
    assert served.stop() == 0
    out, err = served.stdout(), served.stderr()
    assert err.count("refused /") == 2, err
    assert token not in err and cookie not in err
    assert [line for line in out.splitlines() if token in line] == [
        f"Open {served.url} in a browser."
    ]
    assert cookie not in out


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost.:8000", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("example.com", "example.com"),
        ("", ""),
    ],
)
def test_host_header_names(header: str, name: str) -> None:
    assert host_name(header) == name


def test_allowed_host_names() -> None:
    loopback = allowed_hosts("127.0.0.1", loopback=True, extra=[])
    assert loopback == {"localhost", "127.0.0.1", "::1"}
    assert allowed_hosts("127.0.0.2", loopback=True, extra=["A.example."]) == loopback | {
        "127.0.0.2",
        "a.example",
    }
    public = allowed_hosts("192.0.2.7", loopback=False, extra=[])
    assert {"192.0.2.7", socket.gethostname().lower()} <= public
    assert "localhost" not in public  # that address is not reached through loopback
    everywhere = allowed_hosts("0.0.0.0", loopback=False, extra=[])
    assert {"localhost", "127.0.0.1", socket.gethostname().lower()} <= everywhere
    assert "0.0.0.0" not in everywhere


async def test_a_long_path_or_host_makes_a_short_log_line(
    serve: Callable[..., Served], served_doc: Path
) -> None:
    """Any web page can send requests without the token: what it puts in them must not
    flood the console."""
    served = serve(served_doc)
    async with plain_session() as http:
        assert (await get(http, f"{served.origin}/{'A' * 7000}"))[0] == 403
        assert (await get(http, served.origin + "/", {"Host": "h" * 7000}))[0] == 403
    assert served.stop() == 0
    lines = served.stderr().splitlines()
    assert len(lines) == 2, lines
    assert all(len(line) < 500 and "characters)" in line for line in lines), lines
