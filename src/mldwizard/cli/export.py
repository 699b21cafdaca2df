"""``mldwizard export``: the Markdown, a web page, a Word file (or the JSON) to standard
output or to a file.

The format is ``--format``, else the one ``-o FILE``'s extension names (``.md``, ``.html``,
``.docx``, ``.json``), else Markdown; an extension that disagrees with ``--format``, or an
unknown one without it, is refused (`export_format`). ``-o`` without a file writes
``NAME.md`` (``.html``, ``.docx``, ``.json``) next to the document ``NAME.toml``, but never
anything other than Markdown into that ``NAME.md``. A Word file is never written to a terminal
(standard output in one, or ``-o`` naming one: ``/dev/tty``, ``/dev/stdout``).

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
from ..core.companion import other_document, same_file
from ..core.document import Document
from ..core.docx_package import export_state
from ..core.errors import UsageError, WriteError
from ..core.files import (
    SpecialFile,
    folder_must_exist,
    kind_of,
    names_an_open_file,
    read_head,
    real_path,
    refuse_dangling,
    write_straight,
)
from ..core.html_export import HTML_MARK, render_html
from ..core.markdown import GENERATED_MARK, render_markdown
from ..core.specs import Specs
from ..core.workspace import specs_for
from .out import json_text, say, write_stdout

# What an earlier export starts with: the Markdown's or the page's mark, the JSON's first key
# (a Word file is a zip archive: `export_state` looks inside).
EXPORT_MARKS = (GENERATED_MARK.encode(), HTML_MARK.encode(), b'{\n  "schema_version": ')
ZIP_MAGIC = b"PK\x03\x04"
BESIDE = ""  # `-o` without a file: next to the document
EXTENSIONS = {"md": ".md", "html": ".html", "docx": ".docx", "json": ".json"}
FORMAT_OF_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".json": "json",
}
FORMAT_NAMES = {"md": "Markdown", "html": "a web page", "docx": "a Word file", "json": "JSON"}
FORMATS = "md (.md), html (.html), docx (.docx) and json (.json)"


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.path)
    output: str | None = args.output
    fmt = export_format(args.format, output)
    if output == BESIDE:
        output = str(path.with_suffix(EXTENSIONS[fmt]))
    to_stdout = output is None or output == "-"
    target = None if to_stdout or output is None else Path(output)
    if fmt == "docx" and (sys.stdout.isatty() if target is None else is_a_terminal(target)):
        raise UsageError(
            "a Word file is not for a terminal: write it to a file with -o FILE.docx, or "
            f"with -o alone ({path.with_suffix('.docx').name} next to the document)"
        )
    specs = specs_for(path, [Path(d) for d in args.specs])
    doc = storage.load_document(path, specs)
    data = _render(fmt, doc, specs, path, draft=args.draft, output=output)
    if to_stdout:  # a Word file into a pipe, text anywhere: the bytes as they are
        write_stdout(data)
    else:
        assert output is not None
        write_export(path, Path(output), data, fmt=fmt, draft=args.draft)
    # Only once written: a refused output is the one message (nothing was written).
    if fmt in ("html", "docx"):
        _warn_skipped_images(doc, specs, path, draft=args.draft)
    if not to_stdout:
        say(f"Wrote {output}.", err=True)
    return 0


def is_a_terminal(target: Path) -> bool:
    """Whether ``target`` is a terminal (``/dev/tty``, ``/dev/pts/N``, ``/dev/stdout`` in one).
    Only a character device is opened to ask: opening a pipe would wake its reader."""
    try:
        if not stat.S_ISCHR(target.stat().st_mode):
            return False
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, RuntimeError, ValueError):  # missing, no controlling terminal, a loop
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _warn_skipped_images(doc: Document, specs: Specs, document: Path, *, draft: bool) -> None:
    """One line on stderr per local image the export leaves out, saying why."""
    from ..core.image_problems import skipped_images

    for problem in skipped_images(doc, specs, base_dir=document.parent, draft=draft):
        say(f"{document}: warning: image {problem.src} not embedded: {problem.reason}", err=True)


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
    """``--format`` (``markdown`` is ``md``), else the output file's extension, else md.

    A known extension that names another format than ``--format`` is refused (HTML in a
    ``.md``, Markdown in a ``.docx``), and so is an unknown one without ``--format`` (a
    ``.pdf`` would get Markdown); ``--format`` with an unknown extension is what was asked."""
    fmt = "md" if chosen == "markdown" else chosen
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    named = FORMAT_OF_SUFFIX.get(suffix)
    if named is not None and fmt is not None and named != fmt:
        raise UsageError(
            f"{output}: a {suffix} file is {FORMAT_NAMES[named]}, but --format {fmt} writes "
            f"{FORMAT_NAMES[fmt]}; change the extension or the format. Nothing was written."
        )
    if suffix and named is None and fmt is None:
        pdf = (
            " PDF is not one of them: export html and print it to PDF from a browser, or "
            "export docx and save it as PDF."
            if suffix == ".pdf"
            else ""
        )
        raise UsageError(
            f"{output}: {suffix} is not an export format; the formats are {FORMATS}: use "
            f"one of these extensions, or say which with --format.{pdf} Nothing was written."
        )
    return fmt or named or "md"


def _render(
    fmt: str, doc: Document, specs: Specs, document: Path, *, draft: bool, output: str | None
) -> bytes:
    folder = document.parent
    if fmt == "json":
        return (json_text(doc.model_dump(mode="json")) + "\n").encode("utf-8")
    if fmt == "html":
        base = link_base(document, output)
        return render_html(doc, specs, base_dir=folder, draft=draft, link_base=base).encode()
    if fmt == "docx":
        from ..core.docx_export import render_docx

        return render_docx(doc, specs, base_dir=folder, draft=draft)
    base = link_base(document, output)
    # The TOML as the reader finds it: beside the output or from the output's folder
    # (printed, the same bytes as the .md beside it).
    source = f"{base}/{document.name}" if base else document.name
    rendered = render_markdown(doc, specs, draft=draft, link_base=base, source=source)
    return rendered.encode("utf-8")


def write_export(
    document: Path, output: Path, data: bytes, *, fmt: str, draft: bool = False
) -> None:
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
    _refuse_the_document(document, output, fmt)
    _refuse_what_another_keeps(document, output, draft=draft)
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


def _refuse_the_document(document: Path, output: Path, fmt: str) -> None:
    """Never the document or its backup; never anything but Markdown into its ``NAME.md``
    (every later save would refuse to replace what is no longer its Markdown)."""
    try:
        protected = {document.resolve(), storage.backup_path(document).resolve()}
        markdown = document.with_suffix(".md").resolve()
        target = output.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise UsageError(f"{output}: cannot follow this path: {exc}") from None
    if target in protected:
        raise UsageError(
            f"{output}: that is the document itself (or its backup); choose another output file"
        )
    if fmt != "md" and target == markdown:
        raise UsageError(
            f"{output}: that is the document's Markdown ({markdown.name}), which only a "
            f"Markdown export may replace; write {FORMAT_NAMES[fmt]} to another file. "
            "Nothing was written."
        )


def _refuse_what_another_keeps(document: Path, output: Path, *, draft: bool) -> None:
    """Never another document's files (its ``NAME.md`` or ``-o`` exports beside it, or an
    export that names it); never the draft in place of the reader's ``NAME.md``.

    A symbolic link is judged by the file it leads to as well as by its own name, as a
    save judges a linked ``NAME.md`` (`storage`): the export is written there. A link to
    a missing file is refused, as a save refuses one: it would create a file wherever the
    link points."""
    refuse_dangling(output, "the output file")
    shown, found = str(output), other_document(output, document)
    if found is None and output.is_symlink():
        target = real_path(output)
        shown, found = (
            f"{output} is a symbolic link to {target}, which",
            other_document(target, document),
        )
    if found is not None:
        other, beside = found
        whose = (
            f"is where another document, {other}, keeps its "
            + ("Markdown (every save of it writes it)" if output.suffix == ".md" else "export")
            if beside
            else f"holds an export of another document, {other} (remove it first if it is "
            "no longer needed)"
        )
        raise UsageError(
            f"{shown} {whose}; write this export of {document} to another file, such as "
            f"{document.with_suffix(output.suffix or '.md')} (-o alone writes it next to the "
            "document). Nothing was written."
        )
    if draft and same_file(output, storage.markdown_path(document)):
        draft_file = document.with_name(document.stem + ".draft.md")
        raise UsageError(
            f"{output}: that is the document's Markdown, the reader's document that every "
            f"save of {document.name} keeps up to date; write the draft (--draft) to another "
            f"file, such as -o {draft_file}. Nothing was written."
        )


def _refuse_a_foreign_file(output: Path) -> None:
    """Only an empty file or an earlier export is replaced: never notes, never a document."""
    try:
        head = read_head(output, max(len(mark) for mark in EXPORT_MARKS))
    except SpecialFile as exc:  # swapped for a pipe or a device since we looked
        raise UsageError(f"{output}: is a {exc.kind}; nothing was written") from None
    except WriteError as exc:
        raise UsageError(f"{exc}; nothing was written") from None
    if head and head.startswith(ZIP_MAGIC):
        state = export_state(output)
        if state == "unchanged":
            return
        if state != "foreign":
            why = (
                "has changed since it was exported (edited by a reviewer?)"
                if state == "changed"
                else "was exported by an earlier mldwizard, which recorded nothing to tell "
                "whether it was edited since"
            )
            raise UsageError(
                f"{output} {why}: write to another file or move it away. Nothing was written."
            )
    if head and not head.startswith(EXPORT_MARKS):
        raise UsageError(
            f"{output} exists and was not written by mldwizard; remove it first or choose "
            "another output file. Nothing was written."
        )
