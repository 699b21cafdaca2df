"""``mldwizard serve``: the wizard in web browsers, through textual-serve.

Each browser that opens the page gets its own ``mldwizard edit`` process on the same file
(textual-serve runs one command per websocket and relays the terminal to the page). The
wizards share the document the way several terminals do: each autosaves and merges what
the others wrote.

There is no login. By default only loopback addresses are accepted; anything else needs
``--public``, and then a warning says so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import logging
import shlex
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ..core import storage
from ..core.errors import UsageError
from ..core.identity import resolve_author
from ..core.workspace import specs_for
from .out import clean

log = logging.getLogger("textual-serve")

STOP_GRACE_S = 5.0
"""How long a wizard may take to save and exit after SIGTERM before it is killed."""


def cmd_serve(args: argparse.Namespace) -> int:
    path = Path(args.path)
    extra = [Path(d) for d in args.specs]
    specs = specs_for(path, extra)
    doc = storage.load_document(path, specs)  # a broken file is reported before serving
    host: str = args.host
    if not is_loopback(host) and not args.public:
        raise UsageError(
            f"--host {host or '(all addresses)'} is not a loopback address, and the served "
            "wizard has no login: anyone who can reach the port could edit the document. "
            "Add --public to do it anyway, or leave out --host to serve only this machine"
        )
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: expected 0 (any free port) to 65535")
    author = resolve_author(args.author)
    command = edit_command(path, author, extra)
    server = WizardServer(
        command,
        host=host,
        port=args.port,
        title=f"{doc.project.title} — mldwizard",
    )
    if args.public:
        print(
            clean(
                f"WARNING: --public: there is NO AUTHENTICATION. Anyone who can reach port "
                f"{args.port} on {host or 'this machine'} can read and edit {path.resolve()} "
                f"(every change is recorded as {author!r})."
            ),
            file=sys.stderr,
            flush=True,
        )
    return server.run(path.resolve())


def is_loopback(host: str) -> bool:
    """Is ``host`` a loopback address (127.0.0.0/8, ::1) or ``localhost``?"""
    name = host.strip().lower()
    if name in ("localhost", "localhost."):
        return True
    try:
        address = ipaddress.ip_address(name.removeprefix("[").removesuffix("]"))
    except ValueError:
        return False  # another name: it may resolve to anything
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def edit_command(path: Path, author: str, specs: list[Path]) -> str:
    """The shell command textual-serve runs for each browser: this mldwizard's ``edit``.

    ``exec`` replaces the shell, so stopping the process stops the wizard itself.
    """
    argv = [sys.executable, "-m", "mldwizard", "edit", str(path.resolve())]
    argv.append(f"--author={author}")  # one argument, even if the name starts with '-'
    argv += [f"--specs={d.resolve()}" for d in specs]
    return "exec " + shlex.join(argv)


def url_host(host: str) -> str:
    """The host part of a URL that reaches ``host`` (a wildcard becomes this machine's name)."""
    if host in ("", "0.0.0.0", "::"):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


class WizardService(AppService):
    """One browser's wizard process. Stopping it asks the wizard to save and exit (SIGTERM:
    the wizard saves what is typed, as when its terminal closes) rather than to quit at
    once, which would drop changes the autosave has not written yet."""

    async def stop(self) -> None:
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
    """textual-serve's server, with what ``mldwizard serve`` needs on top: page URLs taken
    from the request (so the page works whatever name the browser used), wizards that save
    when their browser leaves or the server stops, and a clean stop on Ctrl-C."""

    def __init__(self, command: str, *, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.connections: dict[WizardService, web.WebSocketResponse] = {}

    async def on_startup(self, app: web.Application) -> None:
        pass  # the message is printed once the port is open (see run)

    async def on_shutdown(self, app: web.Application) -> None:
        connections = list(self.connections.items())
        await asyncio.gather(*(service.stop() for service, _ in connections))
        for _, websocket in connections:
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        websocket_path = request.app.router["websocket"].url_for()
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{ws_scheme}://{request.host}{websocket_path}",
            "config": {"static": {"url": f"{request.scheme}://{request.host}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: WizardService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = WizardService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.connections[service] = websocket
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
                self.connections.pop(service, None)
        return websocket

    def run(self, path: Path) -> int:
        self.initialize_logging()
        return asyncio.run(self._run(path))

    async def _run(self, path: Path) -> int:
        runner = web.AppRunner(
            await self._make_app(), access_log=None, shutdown_timeout=STOP_GRACE_S + 1
        )
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
                    f"Serving {path} to web browsers; each browser gets its own wizard on it.\n"
                    f"Open http://{url_host(self.host)}:{port}/ in a browser.\n"
                    "Press Ctrl-C to stop."
                ),
                flush=True,
            )
            await stop.wait()
            print("Stopping: the open wizards save and close.", flush=True)
        finally:
            await runner.cleanup()
        return 0
