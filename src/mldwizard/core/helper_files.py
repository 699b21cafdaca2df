"""The helper files mldwizard keeps next to a document (the lock, the previous version,
rescue copies), and whether git would commit them: ``new`` says which ``.gitignore`` lines
keep them out when a repository does not ignore them yet."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .locking import lock_path
from .rescue import rescue_name
from .storage import backup_path

GITIGNORE_LINES = (".*.toml.lock", "*.toml.bak", "*.unsaved-*.toml")
"""The ``.gitignore`` lines the README gives (a test keeps the two the same)."""


def helper_files(document: Path) -> list[Path]:
    """One file of each kind next to ``document``: its lock, its backup, a rescue copy."""
    return [lock_path(document), backup_path(document), rescue_name(document, "20000101T000000Z")]


def not_ignored(document: Path) -> list[Path]:
    """The helper files of ``document`` that git would commit: none outside a git work
    tree, without git, or when git cannot tell (a helper file, never a reason to fail)."""
    git = shutil.which("git")
    if git is None:
        return []
    files = helper_files(document)
    try:
        out = subprocess.run(
            [git, "-C", str(document.parent), "check-ignore", "--", *(f.name for f in files)],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode not in (0, 1):  # 128: not in a work tree, or git refuses it
        return []
    ignored = set(out.stdout.splitlines())
    return [f for f in files if f.name not in ignored]


def gitignore_hint(document: Path) -> list[str]:
    """What ``new`` says when git would commit a helper file of ``document`` (else nothing)."""
    missing = not_ignored(document)
    if not missing:
        return []
    rescue = helper_files(document)[-1]
    shown = {rescue: f"{document.stem}.unsaved-*.toml"}
    names = ", ".join(shown.get(f, f.name) for f in missing)
    return [
        f"git would commit mldwizard's helper files next to it ({names}); keep them out with "
        "these lines in .gitignore:",
        *(f"  {line}" for line in GITIGNORE_LINES),
    ]
