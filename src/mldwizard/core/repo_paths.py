"""Paths as CI tools want them: relative to the repository root, whatever the current folder.

GitHub resolves an annotation's ``file=`` from the workspace (the repository's root) and
code scanning a SARIF result's URI from the repository root, so ``../docs/design.toml`` (run
from a subfolder) or ``/home/runner/work/x/docs/design.toml`` (an absolute argument) would
attach to nothing.
"""

from __future__ import annotations

from pathlib import Path


def repository_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` up that holds ``.git`` (a folder, or the file of a
    worktree or submodule), without running git; None when there is none."""
    try:
        folder = start.resolve()
    except (OSError, RuntimeError):
        return None
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            return None
    return None


def relative_path(path: Path, root: Path | None, cwd: Path) -> str | None:
    """``path`` (relative to ``cwd`` or absolute) as a POSIX path relative to ``root`` (the
    repository), else to ``cwd``; None when it is under neither."""
    absolute = absolute_path(path, cwd)
    for base in (root, cwd):
        if base is None:
            continue
        try:
            return absolute.relative_to(absolute_path(base, cwd)).as_posix()
        except ValueError:
            continue
    return None


def absolute_path(path: Path, cwd: Path) -> Path:
    """``path`` made absolute from ``cwd``, symlinks resolved (not in a symlink loop)."""
    try:
        return (cwd / path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return cwd / path


def git_path(relative: str) -> str:
    """A path git gave (relative to the repository root) with forward slashes, no leading one."""
    return relative.replace("\\", "/").lstrip("/")
