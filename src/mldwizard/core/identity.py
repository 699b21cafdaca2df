"""Who is making a change, and when. Both can be fixed for tests and screenshots."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
import shutil
import subprocess

from .errors import UsageError


def now() -> dt.datetime:
    """The current time in UTC, to the second; ``MLDWIZARD_NOW`` (ISO 8601) fixes it."""
    fixed = os.environ.get("MLDWIZARD_NOW")
    if fixed:
        try:
            moment = dt.datetime.fromisoformat(fixed.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
            return moment.astimezone(dt.UTC)
        except (ValueError, OverflowError):
            raise UsageError(
                f"MLDWIZARD_NOW={fixed!r} is not a date-time such as 2026-01-31T09:00:00Z"
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def resolve_author(explicit: str | None = None) -> str:
    """``--author``, else ``MLDWIZARD_AUTHOR``, else git's user.name, else the login name."""
    for where, candidate in (
        ("--author", explicit),
        ("MLDWIZARD_AUTHOR", os.environ.get("MLDWIZARD_AUTHOR")),
    ):
        if candidate and candidate.strip():
            name = _printable(candidate.strip())
            bad = _CONTROL.search(name)
            if bad:
                raise UsageError(
                    f"{where}: a name is one line of text; it holds a control character "
                    f"(\\x{ord(bad.group()):02x}, e.g. a line break)"
                )
            return name
    git = shutil.which("git")
    if git:
        try:
            out = subprocess.run(
                [git, "config", "user.name"], capture_output=True, text=True, timeout=5
            )
            if out.returncode == 0 and out.stdout.strip():
                return _printable(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        return _printable(getpass.getuser())
    except (OSError, KeyError):
        return "unknown"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(name: str) -> str:
    """A name that can be saved: bytes that are not UTF-8 become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
