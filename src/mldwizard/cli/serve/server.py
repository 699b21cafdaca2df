"""The web server of ``mldwizard serve``: textual-serve's, with the checks it lacks.

Each browser that opens the page gets its own ``mldwizard edit`` process (textual-serve runs
one command per websocket and relays the terminal to the page). On top of textual-serve:
every request passes :mod:`.access` (token, Host, Origin); at most ``max_sessions`` wizards
run at once; terminal sizes are clamped and a malformed message ends only its own session
(:mod:`.messages`); the page is our own (a ``<title>``, fonts served from here, nothing
fetched from the internet); a wizard whose browser leaves saves and exits; log lines are one
line each and never show the token.

textual-serve is pinned exactly in pyproject.toml: this module uses its private parts
(``AppService._process``, ``_task``, ``_download_manager``, ``_build_environment``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WebSocketError, WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ...core.errors import UsageError
from ...core.names import shown_name
from ...core.rescue import rescue_copies
from ..out import clean
from .access import TOKEN_ENV, Access, guard, refusal_page
from .messages import (
    MAX_MESSAGE_BYTES,
    BadMessage,
    Focus,
    Ping,
    Resize,
    Stdin,
    parse_message,
    size_from_query,
)

log = logging.getLogger("mldwizard.serve")

MAX_LOG_CHARS = 400
"""The longest log line, before its length is given instead of the rest."""

MAX_STDERR_BYTES = 64 * 1024
"""What is kept of a wizard's stderr for the log (its error message, not a flood)."""

STOP_GRACE_S = 5.0
"""How long a wizard may take to save and exit after SIGTERM before it is killed."""

HEARTBEAT_S = 10.0
"""Ping each browser this often; one that does not answer within half of it is gone (a
laptop that sleeps or leaves the network sends no goodbye), and its wizard saves and exits.
A tab that closes ends its connection at once and needs no ping."""

TEMPLATES = Path(__file__).parent / "templates"

PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
"""The page may load and connect to this server only (and may not be framed by another)."""


class WizardService(AppService):
    """One browser's wizard process. Stopping it asks the wizard to save and exit (SIGTERM:
    the wizard saves what is typed, as when its terminal closes) rather than to quit at
    once, which would drop changes the autosave has not written yet."""

    def __init__(self, command: str, *, number: int, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.number = number  # the session's number in the log
        self.stopping = False

    async def run(self) -> None:
        """textual-serve's ``AppService.run`` (relay the wizard's frames to the browser),
        except that what the wizard says on stderr goes to the log, one line each, instead
        of raw (and twice) to the server's stdout; and that a wizard that ends by itself
        (Ctrl+Q, or a document that no longer loads) ends its browser's session too, so the
        page says so and the session's place is free again."""
        process = self._process
        assert process is not None and process.stdout is not None
        assert process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        said = bytearray()

        async def read_stderr() -> None:
            while data := await stderr.read(4096):
                if len(said) < MAX_STDERR_BYTES:
                    said.extend(data[: MAX_STDERR_BYTES - len(said)])

        stderr_task = asyncio.create_task(read_stderr())
        try:
            for _ in range(10):  # the prelude that says this is a Textual app
                prelude = await stdout.readline()
                if not prelude or prelude == b"__GANGLION__\n":
                    break
            handlers = {b"D": self.on_data, b"M": self.on_meta, b"P": self.on_packed}
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                payload = await stdout.readexactly(size)
                if (handler := handlers.get(kind)) is not None:
                    await handler(payload)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(stderr_task, 1.0)
            stderr_task.cancel()
        for said_line in said.decode("utf-8", "replace").splitlines():
            if said_line.strip():
                log.warning("session %d: %s", self.number, shown_name(said_line, 300))
        if self.stopping:
            return
        code = await process.wait()
        if code != 0:
            log.warning("session %d: the wizard stopped with exit code %d", self.number, code)
        with contextlib.suppress(Exception):
            await self.remote_close()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.pop(TOKEN_ENV, None)  # the wizard has no use for the server's secret
        return environment

    async def stop(self) -> None:
        self.stopping = True
        task, self._task = self._task, None
        if task is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE_S)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        await task


class WizardServer(Server):
    """textual-serve's server with the access rules, the session limit, our page, wizards
    that save when their browser leaves or the server stops, and a clean stop on Ctrl-C."""

    def __init__(
        self, command: str, *, host: str, port: int, title: str, access: Access, max_sessions: int
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.access = access
        self.max_sessions = max_sessions
        self.sessions = 0  # websockets open or wizards still stopping
        self.connections: dict[WizardService, web.WebSocketResponse] = {}
        self._numbers = itertools.count(1)
        self.document: Path | None = None  # set by run_until_stopped
        self._known_copies: set[Path] = set()

    def initialize_logging(self) -> None:
        """One line per event on stderr, no tracebacks (they can show the request and its
        token), and the token masked should any message contain it."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLineFormatter(self.access.secrets()))
        root = logging.getLogger()
        root.handlers = [handler]
        root.setLevel(logging.INFO)

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[guard(self.access)])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_session, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_shutdown(self, app: web.Application) -> None:
        connections = list(self.connections.items())
        await asyncio.gather(*(service.stop() for service, _ in connections))
        for _, websocket in connections:
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    def full_text(self) -> str:
        return (
            f"All {self.max_sessions} sessions of this server are in use (one per browser "
            "tab). Close a tab you no longer need, then reload this page; the person who "
            "started mldwizard serve can allow more with --max-sessions."
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return refusal_page(503, self.full_text())
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        context: dict[str, Any] = {
            "title": self.title,
            "font_size": font_size(request.query.get("fontsize")),
            "static_url": "/static/",
            "websocket_url": f"{ws_scheme}://{request.host}/ws",
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Content-Security-Policy"] = PAGE_POLICY
        return response

    async def handle_session(self, request: web.Request) -> web.StreamResponse:
        if not web.WebSocketResponse().can_prepare(request).ok:
            return refusal_page(
                400,
                "This address is the wizard's websocket, which its page opens. Open the URL "
                "printed by `mldwizard serve`.",
            )
        if self.sessions >= self.max_sessions:
            log.warning("refused a session from %s: all %d in use", request.remote, self.sessions)
            return refusal_page(503, self.full_text())
        self.sessions += 1  # before any await: two browsers at once cannot both take the last
        number = next(self._numbers)
        try:
            return await self._session(request, number)
        finally:
            self.sessions -= 1

    async def _session(self, request: web.Request, number: int) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_S, max_msg_size=MAX_MESSAGE_BYTES)
        width, height = size_from_query(request.query.get("width"), request.query.get("height"))
        service: WizardService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = WizardService(
                self.command,
                number=number,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.connections[service] = websocket
            await service.start(width, height)
            await self._relay(websocket, service, number)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("session %d ended by an error: %s", number, type(error).__name__)
        finally:
            if service is not None:
                await service.stop()
                self.connections.pop(service, None)
                self.report_new_copies(f"session {number}: ")
        return websocket

    async def _relay(
        self, websocket: web.WebSocketResponse, service: WizardService, number: int
    ) -> None:
        """Hand what the browser sends to its wizard, until the browser leaves."""
        async for message in websocket:
            if message.type == WSMsgType.TEXT:
                try:
                    command = parse_message(message.data)
                except BadMessage as exc:
                    reason = str(exc)
                else:
                    await self._forward(command, websocket, service)
                    continue
            elif message.type == WSMsgType.BINARY:
                reason = "a binary message"
            elif message.type == WSMsgType.ERROR and isinstance(message.data, WebSocketError):
                reason = f"an unreadable message ({message.data})"  # aiohttp closed it
            else:
                return  # closed, or the connection broke: the caller stops the wizard
            log.warning("session %d: the browser sent %s; that session is closed", number, reason)
            await websocket.close(code=WSCloseCode.UNSUPPORTED_DATA, message=b"malformed message")
            return

    @staticmethod
    async def _forward(
        command: Stdin | Resize | Ping | Focus,
        websocket: web.WebSocketResponse,
        service: WizardService,
    ) -> None:
        match command:
            case Stdin(text):
                await service.send_bytes(text.encode("utf-8", "surrogatepass"))
            case Resize(width, height):
                await service.set_terminal_size(width, height)
            case Ping(data):
                await websocket.send_str(json.dumps(["pong", data]))
            case Focus(focused):
                await (service.focus() if focused else service.blur())

    def run_until_stopped(self, path: Path, url: Callable[[int], str]) -> int:
        """Serve until SIGINT/SIGTERM; ``url(port)`` is the page's address to print."""
        self.initialize_logging()
        self.document = path
        self._known_copies = {copy.path for copy in rescue_copies(path)}
        return asyncio.run(self._run(path, url))

    async def _run(self, path: Path, url: Callable[[int], str]) -> int:
        runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=STOP_GRACE_S + 1)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host or None, self.port)
            try:
                await site.start()
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise UsageError(f"cannot listen on {self.host}:{self.port}: {reason}") from None
            port = self.port or runner.addresses[0][1]
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):  # not on every platform
                    loop.add_signal_handler(sig, stop.set)
            print(
                clean(
                    f"Serving {path} to web browsers; each browser gets its own wizard on it "
                    f"(at most {self.max_sessions} at once).\n"
                    f"Open {url(port)} in a browser.\n"
                    "Press Ctrl-C to stop."
                ),
                flush=True,
            )
            await stop.wait()
            print("Stopping: the open wizards save and close.", flush=True)
        finally:
            await runner.cleanup()
            self.report_new_copies("")
        return 0

    def report_new_copies(self, prefix: str) -> None:
        """Say where a wizard kept what it could not save (a conflict nobody could be asked
        about, text that does not parse): its own message went to a browser that is gone."""
        if self.document is None:
            return
        for copy in reversed(rescue_copies(self.document)):
            if copy.path not in self._known_copies:
                self._known_copies.add(copy.path)
                log.warning("%skept what could not be saved in %s", prefix, copy.path)


def font_size(value: str | None) -> int:
    """The page's font size from its ``?fontsize=`` (textual-serve's option), kept sane."""
    try:
        size = int(value) if value is not None and len(value) <= 3 else DEFAULT_FONT_SIZE
    except ValueError:
        size = DEFAULT_FONT_SIZE
    return min(max(size, 8), 48)


DEFAULT_FONT_SIZE = 16


class OneLineFormatter(logging.Formatter):
    """``mldwizard serve: MESSAGE`` (with the exception's type, never its traceback), with
    every secret replaced by ``<token>``."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        try:
            text = record.getMessage()
        except Exception:  # a log call with bad arguments still gives one line
            text = str(record.msg)
        if record.exc_info and record.exc_info[0] is not None:
            text += f" ({record.exc_info[0].__name__})"
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        # A request's path or Host can be long: any web page can send one, so it is cut.
        return clean(f"mldwizard serve: {shown_name(text, MAX_LOG_CHARS)}").replace("\n", " ")
