"""``mldwizard serve``: the wizard in web browsers, through textual-serve.

Each browser that opens the page gets its own ``mldwizard edit`` process on the same file
(see :mod:`.server`). The wizards share the document the way several terminals do: each
autosaves and merges what the others wrote.

Only the printed URL opens the page: it carries a secret token made at each start (see
:mod:`.access`). By default only loopback addresses are listened on; anything else needs
``--public``, and then a warning says that whoever has the URL can edit the document.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import quote

from ...core import storage
from ...core.errors import UsageError
from ...core.identity import resolve_author
from ...core.workspace import specs_for
from ..out import clean
from .access import Access, allowed_hosts, check_host_names, is_wildcard, resolve_token
from .server import WizardServer

DEFAULT_MAX_SESSIONS = 8
"""Wizards at once: a workshop of eight screens (each one a process of ~60 MB)."""


def cmd_serve(args: argparse.Namespace) -> int:
    path = Path(args.path)
    extra = [Path(d) for d in args.specs]
    specs = specs_for(path, extra)
    doc = storage.load_document(path, specs)  # a broken file is reported before serving
    host: str = args.host
    loopback = is_loopback(host)
    if not loopback and not args.public:
        raise UsageError(
            f"--host {host or '(all addresses)'} is not a loopback address: anyone on the "
            "network who gets the printed URL could edit the document. Add --public to do "
            "it anyway, or leave out --host to serve only this machine"
        )
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: expected 0 (any free port) to 65535")
    if args.max_sessions < 1:
        raise UsageError(f"--max-sessions {args.max_sessions}: expected 1 or more")
    token = resolve_token(args.token, os.environ)
    access = Access(
        token=token,
        hosts=allowed_hosts(host, loopback=loopback, extra=check_host_names(args.allow_host)),
        any_address=args.public and is_wildcard(host),
    )
    author = resolve_author(args.author)
    server = WizardServer(
        edit_command(path, author, extra),
        host=host,
        port=args.port,
        title=f"{doc.project.title} — mldwizard",
        access=access,
        max_sessions=args.max_sessions,
    )
    if args.public:
        print(
            clean(
                f"WARNING: --public: anyone who can reach port {args.port} on "
                f"{host or 'this machine'} and has the URL below can read and edit "
                f"{path.resolve()} (every change is recorded as {author!r}). The connection "
                "is not encrypted: share the URL only on a network you trust."
            ),
            file=sys.stderr,
            flush=True,
        )
    base = f"http://{url_host(host)}"
    return server.run_until_stopped(
        path.resolve(), lambda port: f"{base}:{port}/?token={quote(token, safe='')}"
    )


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
    if is_wildcard(host):
        return socket.gethostname()
    host = host.removeprefix("[").removesuffix("]")
    return f"[{host}]" if ":" in host else host
