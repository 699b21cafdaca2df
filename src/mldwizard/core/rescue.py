"""Rescue copies: what cannot go into the document, kept in a new file next to it.

A copy is ``NAME.unsaved-STAMP.toml`` (``-2``, ``-3``, ... when a copy of the same second
exists): every copy gets a name of its own, so two rescues in the same moment (a conflict
and text that does not parse, two faces stopping at once) never overwrite each other. A
copy is as private as the document it comes from. Any face can keep what it could not save
with `write_working_copy`; the :class:`~mldwizard.core.session.Session` uses it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .document import Document
from .errors import Conflict
from .files import permission_bits, write_new
from .identity import now
from .serialize import to_toml_text
from .specs import Specs
from .tomlio import dumps


def rescue_name(document: Path, stamp: str, number: int = 1) -> Path:
    """The ``number``-th rescue copy of ``document`` made in the second ``stamp``."""
    suffix = "" if number == 1 else f"-{number}"
    return document.with_name(f"{document.stem}.unsaved-{stamp}{suffix}.toml")


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


def write_conflicts(document: Path, conflicts: Iterable[Conflict]) -> Path:
    """Keep this writer's side of conflicting fields (where the other side was taken) in
    a new rescue copy next to the document and return its path."""
    mine = {c.location: c.mine for c in conflicts if c.mine is not None}
    text = "# Your versions of fields someone else changed meanwhile.\n" + dumps(
        {"conflicts": mine}
    )
    return write_rescue(document, text)
