"""Whose Markdown a ``.md`` is: the companion ``NAME.md`` that every save keeps next to the
document ``NAME.toml``, and the document an export names on its first line.

`export` uses it to leave another document's files alone (and the reader's ``NAME.md`` to
the reader's document); `check` to say when the ``NAME.md`` beside a document is no longer
what the TOML renders (MLD050) or is not the document's reader Markdown at all (MLD051).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import MldwizardError
from .files import SpecialFile, read_head
from .markdown import GENERATED_MARK

# The first line of a Markdown export (core/markdown.py): which TOML it was rendered from,
# as a file name beside it ("design.toml next to it") or a path from its folder.
_MARK_LINE = re.compile(
    re.escape(GENERATED_MARK) + r" from (?P<source>.*); edit that, not this\. -->\r?$"
)
_BESIDE = " next to it"
_HEAD = 4096
"""Enough of a file for its first line (a document's path is far shorter)."""
_DOCUMENT_HEAD = 65536
"""Where a document's ``schema_version`` is (the first lines, in every saved document)."""


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: not provably the same
        return False


def marked_source(markdown: Path, head: bytes) -> Path | None:
    """The TOML the Markdown export ``head`` (its first bytes) names, as a path from the
    current folder; None when it names none (an old mark, not an export, not Markdown)."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff")
    found = _MARK_LINE.match(first)
    if found is None:
        return None
    source = found.group("source")
    if source.endswith(_BESIDE):
        source = source[: -len(_BESIDE)]
    if not source.endswith(".toml"):  # "the .toml file next to it": no name
        return None
    return Path(os.path.normpath(markdown.parent / source))


def read_start(path: Path, size: int = _HEAD) -> bytes | None:
    """The first bytes of the regular file at ``path`` (None: none, or not readable)."""
    try:
        return read_head(path, size)
    except (SpecialFile, MldwizardError):
        return None


def other_document(markdown: Path, document: Path) -> tuple[Path, bool] | None:
    """The other design document ``markdown`` belongs to, and whether it is the one next to
    it (None when it is ``document``'s, or nobody's): the document ``NAME.toml`` next to
    ``NAME.md`` (or ``NAME.html``...), whose saves and ``export -o`` write there, else the
    document its first line names (only when that file exists: a document since renamed or
    moved gives its place up). A document's own ``NAME.md`` is its own, whatever it holds
    now: that is where `export -o` puts it right."""
    if markdown.suffix == ".toml":  # a document (refused as not an export), not an export
        return None
    beside = markdown.with_suffix(".toml")
    if same_file(beside, document):  # its own NAME.md (or NAME.html...): whatever it holds
        return None
    if is_a_document(beside):
        return beside, True
    head = read_start(markdown)
    source = None if head is None else marked_source(markdown, head)
    if source is not None and not same_file(source, document) and is_a_document(source):
        return source, False
    return None


def is_a_document(path: Path) -> bool:
    """Whether ``path`` is a file that reads as a design document (its ``schema_version``
    near the top): a ``notes.toml`` of another tool next to ``notes.md`` is not."""
    head = read_start(path, _DOCUMENT_HEAD)
    return head is not None and b"schema_version" in head
