"""``mldwizard export``: the Markdown, a web page, a Word file (or the JSON) to standard
output or to a file.

The format is ``--format``, else the one ``-o FILE``'s extension names (``.html``, ``.docx``,
``.json``), else Markdown. ``-o`` without a file writes ``NAME.md`` (``.html``, ``.docx``,
``.json``) next to the document ``NAME.toml``. A Word file is never written to a terminal.

The Markdown is the reader's document, or with ``--draft`` the draft with placeholders.
Relative links and images in answers are written relative to the TOML's folder; in a file
written to another folder they are rebased to still point at the same files.

Where ``-o`` points decides how it is written: a regular file is replaced atomically, but
only if it is new, empty or an earlier export; a device or a pipe (``/dev/stdout``, a FIFO)
is written straight into; anything else (a folder, a socket) is refused. A new file gets
the document's permissions: an export of a private document is private too.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from ..core import storage
from ..core.document import Document
from ..core.docx_export import is_docx_export
from ..core.errors import UsageError, WriteError
from ..core.files import (
    SpecialFile,
    folder_must_exist,
    kind_of,
    names_an_open_file,
    read_head,
    write_straight,
)
from ..core.html_export import HTML_MARK, render_html
from ..core.markdown import GENERATED_MARK, render_markdown
from ..core.specs import Specs
from ..core.workspace import specs_for
from .out import json_text, say

# What an earlier export starts with: the Markdown's or the page's mark, the JSON's first key
# (a Word file is a zip archive: `is_docx_export` looks inside).
EXPORT_MARKS = (GENERATED_MARK.encode(), HTML_MARK.encode(), b'{\n  "schema_version": ')
ZIP_MAGIC = b"PK\x03\x04"
BESIDE = ""  # `-o` without a file: next to the document
EXTENSIONS = {"md": ".md", "html": ".html", "docx": ".docx", "json": ".json"}
FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".docx": "docx", ".json": "json"}


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.path)
    output: str | None = args.output
    fmt = export_format(args.format, output)
    if output == BESIDE:
        output = str(path.with_suffix(EXTENSIONS[fmt]))
    to_stdout = output is None or output == "-"
    if fmt == "docx" and to_stdout and sys.stdout.isatty():
        raise UsageError(
            "a Word file is not for a terminal: write it to a file with -o FILE.docx, or "
            f"with -o alone ({path.with_suffix('.docx').name} next to the document)"
        )
    specs = specs_for(path, [Path(d) for d in args.specs])
    doc = storage.load_document(path, specs)
    data = _render(fmt, doc, specs, path, draft=args.draft, output=output)
    if to_stdout and fmt == "docx":  # a pipe: the bytes as they are
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    if to_stdout:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    assert output is not None
    write_export(path, Path(output), data)
    say(f"Wrote {output}.", err=True)
    return 0


def link_base(document: Path, output: str | None) -> str:
    """The path from the output's folder to the document's, for relative links and images
    in answers ("" when they need no change: beside the document, or not to a file)."""
    if not output or output == "-":
        return ""
    target = Path(output)
    try:
        if target.exists() and not target.is_file():
            return ""  # /dev/stdout, a pipe: read where the document is
        if target.parts[1:2] in (("dev",), ("proc",)):  # /dev/stdout redirected to a file
            target = target.resolve()
        base = os.path.relpath(document.parent.resolve(), target.parent.resolve())
    except (OSError, RuntimeError, ValueError):  # a loop, another drive: leave links alone
        return ""
    return "" if base == "." else Path(base).as_posix()


def export_format(chosen: str | None, output: str | None) -> str:
    """``--format`` (``markdown`` is ``md``), else the output file's extension, else md."""
    if chosen is not None:
        return "md" if chosen == "markdown" else chosen
    if output:
        return FORMAT_OF_SUFFIX.get(Path(output).suffix.lower(), "md")
    return "md"


def _render(
    fmt: str, doc: Document, specs: Specs, document: Path, *, draft: bool, output: str | None
) -> bytes:
    folder = document.parent
    if fmt == "json":
        return (json_text(doc.model_dump(mode="json")) + "\n").encode("utf-8")
    if fmt == "html":
        return render_html(doc, specs, base_dir=folder, draft=draft).encode("utf-8")
    if fmt == "docx":
        from ..core.docx_export import render_docx

        return render_docx(doc, specs, base_dir=folder, draft=draft)
    base = link_base(document, output)
    # The TOML as the reader finds it: beside the output or from the output's folder
    # (printed, the same bytes as the .md beside it).
    source = f"{base}/{document.name}" if base else document.name
    rendered = render_markdown(doc, specs, draft=draft, link_base=base, source=source)
    return rendered.encode("utf-8")


def write_export(document: Path, output: Path, data: bytes) -> None:
    try:
        mode = output.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except (OSError, RuntimeError) as exc:  # a symlink loop, a file where a folder should be
        raise UsageError(f"{output}: cannot follow this path: {exc}") from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        write_straight(output, data)  # /dev/stdout, /dev/null, a named pipe: never replaced
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"{output}: is a {kind_of(mode)}, not a file an export can be written to; "
            "choose another output file"
        )
    _refuse_the_document(document, output)
    if mode is not None and names_an_open_file(output):
        write_straight(output, data)  # /dev/stdout redirected to a file: the shell's file
        return
    if mode is None:
        folder_must_exist(output)
        # A new export is readable by exactly whom the document is (never executable).
        bits = storage.permission_bits(document)
        storage.atomic_write(output, data, mode=None if bits is None else bits & 0o666)
        return
    _refuse_a_foreign_file(output)
    storage.atomic_write(output, data)  # an earlier export keeps its permissions


def _refuse_the_document(document: Path, output: Path) -> None:
    try:
        protected = {document.resolve(), storage.backup_path(document).resolve()}
        target = output.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise UsageError(f"{output}: cannot follow this path: {exc}") from None
    if target in protected:
        raise UsageError(
            f"{output}: that is the document itself (or its backup); choose another output file"
        )


def _refuse_a_foreign_file(output: Path) -> None:
    """Only an empty file or an earlier export is replaced: never notes, never a document."""
    try:
        head = read_head(output, max(len(mark) for mark in EXPORT_MARKS))
    except SpecialFile as exc:  # swapped for a pipe or a device since we looked
        raise UsageError(f"{output}: is a {exc.kind}; nothing was written") from None
    except WriteError as exc:
        raise UsageError(f"{exc}; nothing was written") from None
    if head and head.startswith(ZIP_MAGIC) and is_docx_export(output):
        return
    if head and not head.startswith(EXPORT_MARKS):
        raise UsageError(
            f"{output} exists and was not written by mldwizard; remove it first or choose "
            "another output file. Nothing was written."
        )
