"""Code paths that can never match a file of the repository (MLD114, and refused on input).

A step's code paths are globs relative to the repository root, matched against the names
git gives its files. A glob that climbs out (a ``..`` folder: git never names a file so) or
is written as a path of the machine (``/etc/**``, ``~/src``, ``C:\\src``) names nothing in
the repository: drift (MLD005) and ``check --base`` (MLD040) could never fire for the step.
Every face refuses such a glob (``set --code-path``, ``set --from``, the wizard's F3: all go
through :func:`mldwizard.core.gitlog.glob_problem`); ``check`` reports one stored by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .names import shown_repr

if TYPE_CHECKING:
    from .document import Document

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def outside_problem(pattern: str) -> str | None:
    """Why ``pattern`` can never match a file inside the repository, or None."""
    glob = pattern.strip()
    if glob.startswith(("/", "\\")) or _DRIVE.match(glob):
        return (
            "is an absolute path; code paths are relative to the repository root "
            "(e.g. services/router/**), so it can never match a file of the repository"
        )
    if glob.startswith("~"):
        return (
            "names a home folder; code paths are relative to the repository root "
            "(e.g. services/router/**), so it can never match a file of the repository"
        )
    if ".." in re.split(r"[\\/]", glob):
        return (
            "climbs out with '..'; code paths are relative to the repository root and git "
            "names no file with '..', so it can never match: write the path from the root"
        )
    return None


def stored_path_findings(
    doc: Document, steps: list[str], label: Callable[[str], str], add: Callable[..., None]
) -> None:
    """``add(slug, message, code_paths=[...])`` for each step with code paths stored (by
    hand, or before this rule) that can never match."""
    for slug in steps:
        if not doc.is_stored(slug):
            continue
        bad = {g: p for g in doc.step(slug).code_paths if (p := outside_problem(g))}
        if bad:
            said = "; ".join(f"{shown_repr(g)} {p}" for g, p in bad.items())
            add(
                slug,
                f"{label(slug)}: code path(s) that can never match a file: {said}; its code "
                "changes go unseen (no drift, no MLD040): correct them with `mldwizard set "
                "PATH CHAPTER --code-path GLOB` (F3 in the wizard)",
                code_paths=list(bad),
            )
