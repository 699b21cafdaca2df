"""What a browser may send over the websocket, read strictly.

The page's script (textual-serve's ``textual.js``) sends JSON arrays: ``["stdin", text]``,
``["resize", {"width": W, "height": H}]``, ``["ping", data]``, ``["blur"]`` and
``["focus"]``. Anything else is a :class:`BadMessage`, which ends that browser's session
only. Terminal sizes are clamped: one page asking for 10000 x 10000 cells must not make a
wizard draw (and the server relay) hundreds of megabytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MIN_WIDTH, MAX_WIDTH = 10, 400
MIN_HEIGHT, MAX_HEIGHT = 4, 150
"""Terminal sizes a wizard gets, in cells: a 4K screen at a small font is about 400 x 150."""

MAX_MESSAGE_BYTES = 1 << 20
"""A larger websocket message is refused by aiohttp (pasting a book into a field is not)."""

DEFAULT_WIDTH, DEFAULT_HEIGHT = 80, 24


class BadMessage(ValueError):
    """A websocket message the page's script would never send."""


@dataclass(frozen=True)
class Stdin:
    text: str


@dataclass(frozen=True)
class Resize:
    width: int
    height: int


@dataclass(frozen=True)
class Ping:
    data: str | int | float


@dataclass(frozen=True)
class Focus:
    focused: bool


Message = Stdin | Resize | Ping | Focus


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return (
        min(max(width, MIN_WIDTH), MAX_WIDTH),
        min(max(height, MIN_HEIGHT), MAX_HEIGHT),
    )


def size_from_query(width: str | None, height: str | None) -> tuple[int, int]:
    """The first terminal size, from the websocket URL's ``?width=..&height=..``."""
    return clamp_size(_int_or(width, DEFAULT_WIDTH), _int_or(height, DEFAULT_HEIGHT))


def _int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None and len(value) <= 9 else default
    except ValueError:
        return default


def parse_message(text: str) -> Message:
    """One websocket text message, or :class:`BadMessage` saying what is wrong with it."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise BadMessage("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise BadMessage("not a [type, data] array")
    kind, args = envelope[0], envelope[1:]
    if kind == "stdin" and len(args) == 1 and isinstance(args[0], str):
        return Stdin(args[0])
    if kind == "resize" and len(args) == 1 and isinstance(args[0], dict):
        width, height = _as_int(args[0].get("width")), _as_int(args[0].get("height"))
        if width is not None and height is not None:
            return Resize(*clamp_size(width, height))
    if kind == "ping" and len(args) == 1 and _is_scalar(args[0]):
        return Ping(args[0])
    if kind in ("focus", "blur") and not args:
        return Focus(kind == "focus")
    shown = kind[:20].encode("unicode_escape").decode("ascii")
    raise BadMessage(f"a {shown!r} message of the wrong shape")


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)
