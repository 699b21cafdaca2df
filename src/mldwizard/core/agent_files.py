"""Which chapters cover the paths a coding agent names (``chapters_for_files`` of
``mldwizard mcp``): files, as ``check --base`` matches them, and folders. A folder is
covered by each chapter whose code paths cover a file in it, or whose code paths lie under
it (``services`` for ``services/router/**``), so an agent that names the folder it works
in learns every chapter it may touch."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .branch_records import stored_steps
from .document import Document
from .gitlog import combined_regex

MAX_FOLDER_FILES = 20_000
"""How many files of one folder are looked at (a larger folder is judged by these and by
where the code paths lie)."""
_WILDCARDS = "*?["


def files_in_folder(root: Path, folder: str, limit: int = MAX_FOLDER_FILES) -> list[str]:
    """The files under ``folder`` (relative to ``root``, the repository's working tree), as
    the code paths name them: relative to ``root``, with ``/``. ``.git`` is left out,
    symbolic links to folders are not followed; at most ``limit`` of them."""
    out: list[str] = []
    top = root / folder if folder not in ("", ".") else root
    for here, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        base = Path(here).relative_to(root).as_posix()
        for name in sorted(names):
            out.append(name if base == "." else f"{base}/{name}")
            if len(out) >= limit:
                return out
    return out


def glob_under(glob: str, folder: str) -> bool:
    """Whether the fixed part of ``glob`` (before any wildcard) lies in ``folder``."""
    if folder in ("", "."):
        return True
    fixed = glob.strip().lstrip("/")
    for wildcard in _WILDCARDS:
        fixed = fixed.split(wildcard, 1)[0]
    return fixed.startswith(folder.rstrip("/") + "/")


def chapters_for_paths(
    doc: Document, names: Iterable[str], folders: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Each step whose code paths cover one of ``names``, with the names it covers, in
    the order given. A name in ``folders`` is a folder (its files as the value): covered
    when a code path covers one of its files or lies under it."""
    given = list(dict.fromkeys(names))
    out: dict[str, list[str]] = {}
    for slug, state in stored_steps(doc).items():
        globs = [g for g in state.code_paths if g.strip()]
        if not globs:
            continue
        regex = combined_regex(tuple(globs))
        hits = []
        for name in given:
            inside = folders.get(name)
            if inside is None:
                covered = regex.match(name) is not None
            else:
                covered = any(glob_under(g, name) for g in globs) or any(
                    regex.match(f) for f in inside
                )
            if covered:
                hits.append(name)
        if hits:
            out[slug] = hits
    return out
