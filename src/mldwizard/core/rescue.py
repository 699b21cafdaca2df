"""Rescue copies: what cannot go into the document, kept in a new file next to it.

A copy is ``NAME.unsaved-STAMP.toml`` (``-2``, ``-3``, ... when a copy of the same second
exists): every copy gets a name of its own, so two rescues in the same moment (a conflict
and text that does not parse, two faces stopping at once) never overwrite each other. A
copy is as private as the document it comes from. Any face can keep what it could not save
with `write_working_copy`; the :class:`~mldwizard.core.session.Session` uses it too.
`rescue_copies` finds them again, so every face can tell the author they exist.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .files import permission_bits, write_new
from .identity import now
from .serialize import to_toml_text
from .specs import Specs


def rescue_name(document: Path, stamp: str, number: int = 1) -> Path:
    """The ``number``-th rescue copy of ``document`` made in the second ``stamp``."""
    suffix = "" if number == 1 else f"-{number}"
    return document.with_name(f"{document.stem}.unsaved-{stamp}{suffix}.toml")


@dataclass(frozen=True)
class RescueCopy:
    path: Path
    made: dt.datetime
    """When it was written (UTC, to the second: from its name)."""


def rescue_copies(document: Path) -> list[RescueCopy]:
    """The rescue copies next to ``document``, newest first (none if its folder cannot be
    read)."""
    pattern = re.compile(
        rf"{re.escape(document.stem)}\.unsaved-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?\.toml"
    )
    found: list[tuple[dt.datetime, int, Path]] = []
    try:
        names = [entry.name for entry in document.parent.iterdir()]
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        try:
            made = dt.datetime.strptime(match[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            continue  # a name that only looks like one
        found.append((made, int(match[2] or 1), document.with_name(name)))
    found.sort(reverse=True)
    return [RescueCopy(path, made) for made, _, path in found]


def rescue_notice(document: Path, copies: list[RescueCopy]) -> list[str]:
    """What to tell the author about ``copies`` (empty if there are none): which exist,
    newest first, and how to use them."""
    if not copies:
        return []
    count = "1 unsaved copy" if len(copies) == 1 else f"{len(copies)} unsaved copies"
    lines = [f"{count} of {document.name} (text a session could not save), newest first:"]
    lines += [f"  {c.path} ({c.made:%Y-%m-%d %H:%M} UTC)" for c in copies]
    lines.append(
        "Read one with `mldwizard show COPY` (or any editor), copy the answers you want "
        "back, then delete the copy."
    )
    return lines


def write_rescue(document: Path, text: str) -> Path:
    """Keep ``text`` in a new rescue copy next to ``document`` and return its path.

    Never replaces a file (the first free ``NAME.unsaved-STAMP[-N].toml``); the copy gets
    the document's permissions. Raises WriteError (naming the file) when it cannot."""
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    mode = permission_bits(document)  # as private as the document
    return write_new(
        lambda number: rescue_name(document, stamp, number), text.encode("utf-8"), mode=mode
    )


def write_working_copy(
    document: Path, doc: Document, specs: Specs, unparsed: dict[str, str] | None = None
) -> Path:
    """Keep a whole working copy of a document, unsaved changes and all, in a new rescue
    copy next to it (a full document `mldwizard show` can read) and return its path.

    ``unparsed`` ("step.question" -> text) is text typed that does not parse: it goes in
    as comments at the end, so nothing typed is lost."""
    text = to_toml_text(doc, specs)
    for key, raw in (unparsed or {}).items():
        text += f"\n# not saved, did not parse: {key} = {raw!r}"
    return write_rescue(document, text)
