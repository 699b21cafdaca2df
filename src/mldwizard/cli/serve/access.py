"""Who may use a served wizard: the secret token, and the ``Host`` and ``Origin`` of each
request.

As in Jupyter, every start of ``mldwizard serve`` makes a random token and prints it in the
URL it shows (``/?token=...``). The first request with the token gets a cookie (HttpOnly,
SameSite=Strict, path ``/``), so the page's own files and its websocket need no token in
their URLs. Everything else is refused with 403 and a page that says what to do:

- a request without the token or the cookie, or with a wrong one;
- a ``Host`` that is not a name of this server (a web page that re-points its own name at
  127.0.0.1, "DNS rebinding", still sends its own name as the Host);
- an ``Origin`` other than the served page's own (a page on another site that opens the
  websocket; the browser always says where the page came from).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import os
import secrets
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from ...core.errors import UsageError
from ...core.names import shown_repr

log = logging.getLogger("mldwizard.serve")

TOKEN_ENV = "MLDWIZARD_SERVE_TOKEN"
"""The environment variable that sets the token for scripted use (like ``--token``)."""

TOKEN_QUERY = "token"
"""The query parameter of the printed URL that carries the token."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def resolve_token(option: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The token to require: ``--token``, else ``$MLDWIZARD_SERVE_TOKEN``, else a new random
    one. An empty token is refused: it would mean "no login" without saying so."""
    given, source = (option, "--token") if option is not None else (environ.get(TOKEN_ENV), "")
    if given is None:
        return secrets.token_urlsafe(32)
    source = source or TOKEN_ENV
    if not given.strip():
        raise UsageError(
            f"{source} is empty: the served wizard needs a secret token. Leave out --token "
            f"and unset {TOKEN_ENV} to get a random one"
        )
    if any(c.isspace() or not c.isprintable() for c in given):
        raise UsageError(f"{source}: the token may not contain spaces or control characters")
    if len(given) < MIN_TOKEN_CHARS:
        raise UsageError(
            f"{source} is {len(given)} character(s) long: a token anyone can guess is no "
            f"login; use at least {MIN_TOKEN_CHARS} characters (or leave it out to get a "
            "random one)"
        )
    return given


MIN_TOKEN_CHARS = 12
"""The shortest token taken from ``--token`` or the environment."""


def check_host_names(names: Iterable[str]) -> list[str]:
    """The ``--allow-host`` names, refused when they could never match a ``Host`` header
    (a scheme, a port, a path or a space in them)."""
    checked = []
    for name in names:
        bare = normal_host(name)
        is_v6 = is_ip_address(bare) and ":" in bare
        if not bare or any(c.isspace() or c in "/@?#" for c in bare) or (":" in bare and not is_v6):
            raise UsageError(
                f"--allow-host {shown_repr(name)}: give a host name or address alone, as the "
                "browser's address bar shows it, without http://, a port or a path (e.g. "
                "--allow-host wizard.example.org)"
            )
        checked.append(bare)
    return checked


def normal_host(name: str) -> str:
    """A host name as compared here: lower case, no trailing dot, no IPv6 brackets."""
    return name.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def host_name(header: str) -> str:
    """The name in a ``Host`` header (``name``, ``name:port``, ``[v6]`` or ``[v6]:port``)."""
    header = header.strip()
    if header.startswith("["):
        return normal_host(header.partition("]")[0])
    return normal_host(header.rpartition(":")[0] if ":" in header else header)


def is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def is_wildcard(host: str) -> bool:
    return normal_host(host) in ("", "0.0.0.0", "::")


def allowed_hosts(bind: str, *, loopback: bool, extra: Iterable[str]) -> frozenset[str]:
    """The names the ``Host`` header may carry for a server listening on ``bind``.

    Loopback: localhost, 127.0.0.1, ::1 and ``bind``. Elsewhere (``--public``): ``bind`` and
    this machine's host name, and for a wildcard address the loopback names too. Always: the
    names given with ``--allow-host``.
    """
    names = {normal_host(n) for n in extra}
    if not is_wildcard(bind):
        names.add(normal_host(bind))
    if loopback or is_wildcard(bind):
        names |= LOOPBACK_NAMES
    if not loopback:
        names.add(normal_host(socket.gethostname()))  # the name the printed URL uses
    names.discard("")
    return frozenset(names)


@dataclass(frozen=True)
class Access:
    """The rules one server applies to every request."""

    token: str
    hosts: frozenset[str]
    any_address: bool = False
    """Also accept any IP address as the Host (a server on a wildcard address with
    ``--public`` answers on all of the machine's addresses; an address typed as numbers
    cannot be re-pointed by DNS rebinding)."""

    @property
    def cookie_value(self) -> str:
        """What the cookie holds: derived from the token, so the cookie is not the token."""
        return hmac.new(self.token.encode(), b"mldwizard-serve-cookie", hashlib.sha256).hexdigest()

    @property
    def cookie_name(self) -> str:
        """One name per token: browsers share cookies across ports, so two servers on one
        machine must not overwrite each other's cookie."""
        name = hmac.new(self.token.encode(), b"mldwizard-serve-cookie-name", hashlib.sha256)
        return "mldwizard-serve-" + name.hexdigest()[:12]

    def secrets(self) -> tuple[str, ...]:
        """Strings no log line may show."""
        return (self.token, quote(self.token, safe=""), self.cookie_value)

    def host_refusal(self, header: str) -> Refusal | None:
        name = host_name(header)
        if name in self.hosts or (self.any_address and is_ip_address(name)):
            return None
        return Refusal(
            f"Host {name!r}",
            f"This server does not answer to the name {name or '(none)'!r}. Open the URL "
            "printed by `mldwizard serve`; to reach it by another name, start it with "
            "--allow-host NAME.",
        )

    @staticmethod
    def origin_refusal(
        origin: str | None, host_header: str, served_scheme: str = "http"
    ) -> Refusal | None:
        """An ``Origin`` (sent by browsers) must be the page's own: same scheme, host and
        port."""
        if origin is None:
            return None  # not from a browser page (a script); the token still applies
        scheme, sep, authority = origin.strip().lower().partition("://")
        if sep and scheme == served_scheme and authority == host_header.strip().lower():
            return None
        return Refusal(
            f"Origin {origin!r}",
            f"This request came from a page of another site ({origin!r}); mldwizard serve "
            "only answers its own page. Open the URL printed by `mldwizard serve`.",
        )

    def token_status(self, request: web.Request) -> str:
        """``"query"`` or ``"cookie"`` (where the valid token came from), else ``"missing"``
        or ``"wrong"``."""
        given = request.query.get(TOKEN_QUERY)
        if given is not None:
            return "query" if hmac.compare_digest(given.encode(), self.token.encode()) else "wrong"
        cookie = request.cookies.get(self.cookie_name)
        if cookie is not None:
            return "cookie" if hmac.compare_digest(cookie, self.cookie_value) else "wrong"
        return "missing"

    def check(self, request: web.Request) -> tuple[str, Refusal | None]:
        """Where the request's valid token came from, and why it is refused (or ``None``)."""
        host = request.headers.get("Host", "")
        refusal = self.host_refusal(host) or self.origin_refusal(
            request.headers.get("Origin"), host, request.scheme
        )
        if refusal:
            return "", refusal
        status = self.token_status(request)
        if status == "missing":
            return status, Refusal(
                "no token",
                "This page needs the secret token. Open the URL printed by `mldwizard serve` "
                "(it ends with ?token=...).",
            )
        if status == "wrong":
            return status, Refusal(
                "wrong token",
                "The token in this link is not this server's (a new one is made every time "
                "mldwizard serve starts). Open the URL printed by `mldwizard serve`.",
            )
        return status, None


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: in a word for the log, in full for the person."""

    short: str
    text: str


def refusal_page(status: int, text: str) -> web.Response:
    """A plain-text page a person can read, in a browser or in curl."""
    return web.Response(
        status=status,
        text=f"mldwizard serve: {text}\n",
        content_type="text/plain",
        headers=SAFE_HEADERS,
    )


SAFE_HEADERS = {
    "Referrer-Policy": "no-referrer",  # the page's URL holds the token
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def guard(access: Access) -> Middleware:
    """An aiohttp middleware that applies ``access`` to every request, websockets included."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        source, refusal = access.check(request)
        if refusal is not None:
            # The path only: the query may hold a (wrong) token.
            log.warning("refused %s from %s: %s", request.path, request.remote, refusal.short)
            return refusal_page(403, refusal.text)
        response = await handler(request)
        if source == "query" and not response.prepared:
            response.set_cookie(
                access.cookie_name,
                access.cookie_value,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=request.secure,
            )
        if not response.prepared:
            for name, value in SAFE_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    return middleware
