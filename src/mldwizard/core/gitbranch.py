"""What a branch changes, as git sees it: the commits in ``BASE..HEAD``, the files they touch
(both names of a rename), the files changed but not committed yet, and a file as it was at
the merge base. Every problem is a :class:`GitError` (exit 2) that says what to do.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .gitlog import Commit, GitError, Repo, read_log

FETCH_HINT = (
    "check out the full history (GitHub Actions: actions/checkout with `fetch-depth: 0`) "
    "or fetch the base first (e.g. `git fetch origin main`)"
)


@dataclass(frozen=True)
class BranchRange:
    repo: Repo
    base: str
    """The REF as given, e.g. ``origin/main``."""
    merge_base: str
    """The sha of ``git merge-base REF HEAD``: the document is compared with its version there."""
    head: str
    commits: list[Commit]
    """The commits in ``REF..HEAD`` (newest first, merges left out)."""
    uncommitted: tuple[str, ...]
    """Files changed in the working tree or the index (new ones once added): they count as
    part of the branch (an author runs the check before committing)."""

    def files(self) -> list[str]:
        """Every file the branch touches, once, repository-relative."""
        seen: dict[str, None] = dict.fromkeys(self.uncommitted)
        for commit in self.commits:
            seen.update(dict.fromkeys(commit.files))
        return list(seen)


def _run(repo: Repo, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed: --base needs it")
    return subprocess.run(
        [git, "-C", str(repo.root), "-c", "core.quotepath=false", *args],
        capture_output=True,
    )


def _commit_of(repo: Repo, rev: str) -> str | None:
    out = _run(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8", "replace").strip() or None


def branch_range(repo: Repo, base: str) -> BranchRange:
    """The commits and files of the branch checked out in ``repo``, measured from ``base``."""
    if not base.strip() or base.startswith("-") or any(c in base for c in "\0\n\r"):
        raise UsageError(f"--base {base!r} is not a git revision; e.g. --base origin/main")
    head = _commit_of(repo, "HEAD")
    if head is None:
        raise GitError(f"{repo.root}: the repository has no commits yet: --base needs a branch")
    base_sha = _commit_of(repo, base)
    if base_sha is None:
        if repo.shallow:
            raise GitError(
                f"--base {base}: no such branch, tag or commit in {repo.root}, a shallow "
                f"clone: {FETCH_HINT}"
            )
        raise GitError(
            f"--base {base}: no such branch, tag or commit in {repo.root} (a remote branch "
            f"must be fetched first): {FETCH_HINT}"
        )
    out = _run(repo, "merge-base", base_sha, head)
    merge_base = out.stdout.decode().strip()
    if out.returncode != 0 or not merge_base:
        if repo.shallow:
            raise GitError(
                f"--base {base}: this shallow clone does not reach back to where the branch "
                f"left {base}: {FETCH_HINT}"
            )
        raise GitError(f"--base {base}: it shares no history with HEAD in {repo.root}")
    commits = read_log(repo, [f"{base_sha}..{head}"])
    return BranchRange(repo, base, merge_base, head, commits, _uncommitted(repo))


def _uncommitted(repo: Repo) -> tuple[str, ...]:
    """Tracked files changed (staged or not) and new files added to the index. Files git
    does not track are left out: in CI they are what the job built (``__pycache__``, an
    ``egg-info``), never part of the pull request; a new file counts once it is added."""
    out = _run(repo, "diff", "-z", "--name-only", "--no-renames", "HEAD", "--")
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git could not list the uncommitted changes: {message}")
    names = out.stdout.decode("utf-8", "replace").split("\0")
    return tuple(dict.fromkeys(n for n in names if n))


def file_at(repo: Repo, rev: str, path: Path) -> bytes | None:
    """The bytes of ``path`` (inside the repository) at commit ``rev``; None when the file
    did not exist there."""
    try:
        rel = path.resolve().relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"{path}: --base compares the document with its version in git, but it is not "
            f"inside the repository {repo.root}"
        ) from None
    if _run(repo, "cat-file", "-e", f"{rev}:{rel}").returncode != 0:
        return None
    out = _run(repo, "cat-file", "blob", f"{rev}:{rel}")
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git could not read {rel} at {rev[:10]}: {message}")
    return out.stdout
