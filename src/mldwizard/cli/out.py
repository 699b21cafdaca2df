"""Plain output that may echo a path, a name or an argument: shown, never run by the
terminal (no rich here, so the quick commands stay quick)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import WriteError
from ..core.visible import escape_json, visible_controls

if TYPE_CHECKING:
    from ..core.document import Document


def clean(text: str) -> str:
    """``text`` with control characters (but newline and tab) and invisible bidirectional
    controls made visible (the rule: core/visible.py)."""
    return visible_controls(text)


def say(text: str, *, err: bool = False) -> None:
    """Print a message that may echo a path, a name or an argument, made visible."""
    print(clean(text), file=sys.stderr if err else sys.stdout)


def say_upgraded(document: Path, before: int | None) -> None:
    """After "Saved ...": say that a version 1 document was just written as version 2."""
    from ..core.storage import upgrade_notice

    notice = upgrade_notice(document, before)
    if notice:
        say(notice)


def say_rescues(document: Path) -> None:
    """Tell the author which rescue copies of ``document`` exist (nothing if none)."""
    from ..core.rescue import rescue_copies, rescue_notice  # only where a document is open

    for line in rescue_notice(document, rescue_copies(document)):
        say(line)


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON for a terminal: ``json`` escapes C0 controls but writes DEL, C1 (0x9b is a
    CSI) and bidirectional controls as they are, so those are escaped too (still valid
    JSON, same value)."""
    return escape_json(json.dumps(data, indent=indent, ensure_ascii=False))


def write_stdout(data: bytes) -> None:
    """``data`` to standard output as it is. A reader that went away (BrokenPipeError) stays
    the caller's to ignore; any other failure (a full disk, /dev/full) is a message, not a
    traceback, and what could not be written is dropped so that exit does not try again."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        raise WriteError(f"cannot write to standard output: {exc.strerror or exc}") from None


def say_author_not_a_person(author: str, saved: Document) -> None:
    """After a save: warn (stderr) when the ``saved`` document's changelog names ``author``
    who is not among its people, which ``check`` reports (MLD011), and say how to avoid it.
    Agents are no people and are never warned about."""
    from ..core.agent_names import is_agent

    if is_agent(author) or author in {p.handle for p in saved.people}:
        return
    if not any(entry.by == author for entry in saved.changelog):
        return  # nothing was written in their name
    say(
        f"Warning: the changelog names {author!r} (--author, else MLDWIZARD_AUTHOR, else git's "
        "user.name), who is not among the document's people: check warns about it (MLD011). "
        "Pass --author HANDLE, or set MLDWIZARD_AUTHOR to your handle.",
        err=True,
    )
