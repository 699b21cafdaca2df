"""Loading and saving documents without ever losing work.

* Loading refuses anything wrong with the file's location in the message; nothing is written.
* Saving takes a lock, re-reads the file, merges per field, refuses true conflicts, bumps
  revisions, appends the changelog, serialises everything in memory, keeps the previous
  version as ``<name>.toml.bak`` and replaces the file atomically (temp file, fsync,
  ``os.replace``), then re-renders ``<name>.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .document import SCHEMA_VERSION, ChangelogEntry, Document
from .errors import ConflictError, LoadError, MldwizardError, WriteError
from .files import SpecialFile, is_read_only, read_head, refuse_dangling, remove_dead_temps
from .files import atomic_write as atomic_write
from .files import permission_bits as permission_bits
from .files import real_path as real_path
from .identity import now as clock_now
from .limits import document_too_big
from .locking import file_lock as file_lock
from .markdown import GENERATED_MARK, render_markdown
from .merge import (
    Side,
    flatten,
    merge_flat,
    rebuild,
    record_changes,
    restore_referenced_people,
)
from .migrate_v2 import UPGRADE_NOTICE, migrate_1_to_2, moves_ahead, moves_made, where_from
from .serialize import to_toml_text
from .specs import Specs
from .tomlio import parse_toml, read_bytes, regular_file_problem, validation_messages
from .validate import document_problems
from .verdicts import refresh_verdicts

Relabel = Callable[[list[ChangelogEntry]], list[ChangelogEntry]]


def noted(note: str) -> Relabel:
    """A relabel that says where a change came from ("owners from CODEOWNERS"): ``note``
    leads the summary of each changelog entry."""

    def relabel(entries: list[ChangelogEntry]) -> list[ChangelogEntry]:
        return [e.model_copy(update={"summary": f"{note}: {e.summary}"}) for e in entries]

    return relabel


# Migrations from schema version N to N+1, applied in order on load. Version 1 is the first.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: migrate_1_to_2}


def markdown_path(path: Path) -> Path:
    return path.with_suffix(".md")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def check_document_path(path: Path) -> None:
    if path.suffix != ".toml":
        raise MldwizardError(f"{path}: a document's file name must end in .toml")


def load_document(path: Path, specs: Specs) -> Document:
    return parse_document(read_bytes(path, LoadError, "document"), path, specs)


def parse_document(data: bytes, path: Path, specs: Specs) -> Document:
    too_big = document_too_big(path, len(data))
    if too_big:
        raise LoadError(too_big)
    raw = parse_toml(data, path, LoadError)
    ahead = moves_ahead(raw) if raw.get("schema_version") == 1 else []
    raw = migrate(raw, path)
    made = moves_made(ahead, raw)  # a moved answer's problem names where it was written
    try:
        doc = Document.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{path}: {where_from(line, made)}" for line in validation_messages(exc)]
        raise LoadError("\n".join(lines)) from None
    problems = document_problems(doc, specs)
    if problems:
        raise LoadError("\n".join(f"{path}: {where_from(p, made)}" for p in problems))
    return doc


def schema_on_disk(path: Path) -> int | None:
    """The ``schema_version`` the file holds now (None when it is no regular file or cannot
    be read as TOML: a FIFO or a device is never opened)."""
    try:
        raw = parse_toml(read_bytes(path, LoadError, "document"), path, LoadError)
    except LoadError:
        return None
    version = raw.get("schema_version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def upgrade_notice(path: Path, before: int | None) -> str | None:
    """After a save: the one-line notice when the file, version ``before`` until then, was
    just written as the current version (None when it was not upgraded by that save)."""
    if before is None or before >= SCHEMA_VERSION or schema_on_disk(path) != SCHEMA_VERSION:
        return None
    return UPGRADE_NOTICE.format(path=path)


def migrate(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    version = raw.get("schema_version")
    if version is None:
        raise LoadError(f"{path}: schema_version: required field is missing")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise LoadError(f"{path}: schema_version: expected a whole number >= 1, got {version!r}")
    if version > SCHEMA_VERSION:
        raise LoadError(
            f"{path}: schema_version {version} was written by a newer mldwizard; this one "
            f"reads up to {SCHEMA_VERSION}. Upgrade mldwizard to open it."
        )
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        raw["schema_version"] = version
    return raw


def create_document(path: Path, doc: Document, specs: Specs, author: str) -> Document:
    """Write a new document; refuses to replace an existing file."""
    check_document_path(path)
    refuse_dangling(path, "the document")
    path = real_path(path)
    with file_lock(path):
        if path.exists():
            raise WriteError(f"{path}: already exists; open it instead of creating it")
        doc = doc.model_copy(deep=True)
        refresh_verdicts(doc, specs)
        if not doc.changelog:
            record_created(doc, author, clock_now())
        _write(path, doc, specs, previous=None)
    return doc


def record_created(doc: Document, author: str, at: dt.datetime) -> None:
    doc.changelog.append(ChangelogEntry(at=at, by=author, summary="created the document"))


def save_changes(
    path: Path,
    base: Document,
    mine: Document,
    specs: Specs,
    author: str,
    resolutions: dict[str, Side] | None = None,
) -> Document:
    """Merge ``mine`` (edited from ``base``) into the file on disk, and write it.

    Returns the document as written: the caller's new base. Raises ConflictError (nothing
    written) when a location changed both here and on disk, unless ``resolutions`` picks a
    side for it.
    """
    check_document_path(path)
    path = real_path(path)
    with file_lock(path):
        previous = _read_existing(path)
        theirs = parse_document(previous, path, specs)
        return _merge_and_write(path, previous, base, mine, theirs, specs, author, resolutions)


def update_document(
    path: Path,
    specs: Specs,
    author: str,
    change: Callable[[Document], None],
    relabel: Relabel | None = None,
) -> Document:
    """Load, apply ``change`` and save, all under one lock: the edit of ``mldwizard set``.

    Holding the lock from read to write means a one-shot edit can never conflict.
    ``relabel`` gets the changelog entries the save would append and returns those to
    append instead (an ack is one entry of its own, with its note).
    """
    check_document_path(path)
    problem = regular_file_problem(path, "document")  # the words load_document uses
    if problem:
        raise LoadError(problem)
    path = real_path(path)
    with file_lock(path):
        previous = _read_existing(path)
        base = parse_document(previous, path, specs)
        mine = base.model_copy(deep=True)
        change(mine)
        return _merge_and_write(path, previous, base, mine, base, specs, author, None, relabel)


def _merge_and_write(
    path: Path,
    previous: bytes,
    base: Document,
    mine: Document,
    theirs: Document,
    specs: Specs,
    author: str,
    resolutions: dict[str, Side] | None,
    relabel: Relabel | None = None,
) -> Document:
    merged_flat, conflicts = merge_flat(flatten(base), flatten(mine), flatten(theirs), resolutions)
    if conflicts:
        raise ConflictError(path, conflicts)
    try:
        merged = rebuild(merged_flat, derived_from=theirs)
        restore_referenced_people(merged, [theirs, mine, base])
    except ValidationError as exc:
        raise WriteError(
            "\n".join(f"{path}: {line}" for line in validation_messages(exc))
        ) from None
    problems = document_problems(merged, specs)
    if problems:
        raise WriteError("\n".join(f"{path}: {p}" for p in problems))
    logged = record_changes(theirs, merged, author, clock_now())
    if relabel is not None:
        known = len(theirs.changelog)
        merged.changelog = merged.changelog[:known] + relabel(merged.changelog[known:])
    if not logged and merged.changelog == theirs.changelog:
        # Nothing changed: leave the file (and its .bak) alone, but finish what a writer
        # killed mid-save left undone.
        _tidy(path, theirs, specs)
        return theirs
    refresh_verdicts(merged, specs)
    _write(path, merged, specs, previous=previous)
    return merged


def render_files(path: Path, doc: Document, specs: Specs) -> None:
    """Re-render only the Markdown next to the document."""
    md_bytes = render_markdown(doc, specs, source=path.name).encode("utf-8")
    atomic_write(markdown_path(path), md_bytes, mode=_markdown_mode(real_path(path)))


def _markdown_mode(path: Path) -> int | None:
    """The Markdown is readable by exactly whom the document is (never executable)."""
    bits = permission_bits(path)
    return None if bits is None else bits & 0o666


def _read_existing(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise WriteError(f"{path}: the document is gone from disk; nothing was written") from None
    except OSError as exc:
        raise WriteError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _refuse_foreign_link(path: Path, md: Path) -> None:
    """A symlinked NAME.md is written through only when it leads to the document's own
    Markdown (next to the file the document's own link, if any, leads to): a link to a
    generated file elsewhere, another document's say, would be overwritten with this one."""
    if not md.is_symlink():
        return
    try:
        target = md.resolve(strict=False)
        own = markdown_path(path.resolve(strict=False))
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise WriteError(f"{md}: cannot follow this symbolic link: {exc}") from None
    if target != own:
        raise WriteError(
            f"{md} is a symbolic link to {target}, which is not this document's Markdown "
            f"(that is {own}); mldwizard regenerates {md.name} on every save and does not "
            "write through a link that leads elsewhere: remove the link first. "
            "Nothing was written."
        )


def _check_markdown_is_ours(path: Path) -> None:
    md = markdown_path(path)
    refuse_dangling(md, "its Markdown file")
    _refuse_foreign_link(path, md)
    try:
        head = read_head(md, len(GENERATED_MARK))
    except SpecialFile as exc:  # a FIFO, a device: never opened for reading, never replaced
        head, what = b"", f" (it is a {exc.kind})"
    except WriteError as exc:
        raise WriteError(f"{exc}; nothing was written") from None
    else:
        what = ""
    if head is not None and head != GENERATED_MARK.encode():
        raise WriteError(
            f"{md} exists and was not written by mldwizard{what}, which regenerates that file "
            "on every save; move it away first. Nothing was written."
        )


def _tidy(path: Path, doc: Document, specs: Specs) -> None:
    """Under the lock: remove what a writer killed between its temporary file and the rename
    left behind, and bring a Markdown that is not the rendering of ``doc`` (the document on
    disk) up to date: a writer killed between the two renames leaves it a version behind."""
    for target in (path, backup_path(path), markdown_path(path)):
        remove_dead_temps(target)
    md = markdown_path(path)
    try:
        _check_markdown_is_ours(path)
    except WriteError:
        return  # someone else's file: a save that changes something says so
    md_bytes = render_markdown(doc, specs, source=path.name).encode("utf-8")
    try:
        current = md.read_bytes()
    except OSError:
        current = None
    if current != md_bytes:
        with contextlib.suppress(WriteError):  # nothing of the document's is at stake
            atomic_write(md, md_bytes, mode=_markdown_mode(path))


def _write(path: Path, doc: Document, specs: Specs, previous: bytes | None) -> None:
    # Everything is serialised in memory first: a value TOML cannot hold stops us here.
    _check_markdown_is_ours(path)
    for target in (path, backup_path(path), markdown_path(path)):
        remove_dead_temps(target)  # of writers killed before their rename
    try:
        toml_bytes = to_toml_text(doc, specs).encode("utf-8")
    except MldwizardError as exc:
        raise WriteError(f"{path}: {exc}") from None
    md_bytes = render_markdown(doc, specs, source=path.name).encode("utf-8")
    if previous is not None:
        if is_read_only(path):  # a rename in a writable folder would replace it anyway
            raise WriteError(
                f"{path} is read-only; nothing was written (to change it, make it writable "
                f"first: chmod u+w {path})"
            )
        # The backup is ours alone: a symlink in its place is replaced, never written through.
        # It holds the document, so it gets the document's permissions (a 0600 stays private).
        mode = permission_bits(path)
        atomic_write(backup_path(path), previous, follow_symlinks=False, mode=mode)
    atomic_write(path, toml_bytes)
    try:
        atomic_write(markdown_path(path), md_bytes, mode=_markdown_mode(path))
    except WriteError as exc:
        raise WriteError(f"{path} was saved, but its Markdown was not: {exc}") from None
