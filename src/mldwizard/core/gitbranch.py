"""What a branch changes, as git sees it: its net diff from the merge base (the working tree
against ``git merge-base BASE HEAD``, renames detected: what a pull request's "Files changed"
shows, plus what is not committed yet), the commits in ``BASE..HEAD`` with the files each
touched, the files changed but not committed yet, and a file as it was at a commit. Every
problem is a :class:`GitError` (exit 2) that says what to do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .gitlog import Commit, GitError, Repo, read_log

DEEPEN_HINT = (
    "fetch the history back to it (`git fetch --unshallow`, or `git fetch --deepen=N`; "
    "GitHub Actions: actions/checkout with `fetch-depth: 0`)"
)
REVISION_SYNTAX = ("^", "~", ":", "@{", "..")
LS_REMOTE_SECONDS = 20
"""How long ``git ls-remote`` may take to say whether a remote has a branch."""


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
    net: tuple[str, ...] = ()
    """The files whose content differs between the merge base and the working tree (both
    names of a rename): a change the branch made and undid (a revert) is not among them."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Renames in the net diff: the name at the merge base -> the name now."""

    def files(self) -> list[str]:
        """Every file the branch changes (its net diff), once, repository-relative."""
        return list(self.net)


def _run(repo: Repo, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed: --base needs it")
    return subprocess.run(
        [git, "-C", str(repo.root), "-c", "core.quotepath=false", *args],
        capture_output=True,
    )


def _commit_of(repo: Repo, rev: str) -> str | None:
    """The commit ``rev`` names, as git resolves it (any revision: ``origin/main``, ``v1^``,
    ``:/message``), or None. The object is resolved first, then peeled to its commit: a
    ``^{commit}`` written after ``:/text`` would be part of the text searched."""
    out = _run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", rev)
    sha = out.stdout.decode("utf-8", "replace").strip()
    if out.returncode != 0 or not re.fullmatch(r"[0-9a-f]{40,64}", sha):
        return None
    out = _run(repo, "rev-parse", "--verify", "--quiet", f"{sha}^{{commit}}")
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8", "replace").strip() or None


def _remote_has(repo: Repo, remote: str, branch: str) -> bool | None:
    """Whether ``remote`` has the branch (or tag) ``branch`` (``git ls-remote``); None when
    the remote cannot be asked (offline, no access)."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        out = subprocess.run(
            [
                git,
                "-C",
                str(repo.root),
                "ls-remote",
                "--exit-code",
                "--heads",
                "--tags",
                remote,
                f"refs/heads/{branch}",
                f"refs/tags/{branch}",
            ],
            capture_output=True,
            timeout=LS_REMOTE_SECONDS,
            env={
                **os.environ,
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_SSH_COMMAND": "ssh -o BatchMode=yes",
            },
        )
    except subprocess.TimeoutExpired:
        return None
    if out.returncode == 0:
        return True
    return False if out.returncode == 2 else None


def branch_range(repo: Repo, base: str) -> BranchRange:
    """The commits and files of the branch checked out in ``repo``, measured from ``base``."""
    if not base.strip() or base.startswith("-") or any(c in base for c in "\0\n\r"):
        raise UsageError(f"--base {base!r} is not a git revision; e.g. --base origin/main")
    head = _commit_of(repo, "HEAD")
    if head is None:
        raise GitError(f"{repo.root}: the repository has no commits yet: --base needs a branch")
    base_sha = _commit_of(repo, base)
    if base_sha is None:
        raise GitError(_unknown_base(repo, base))
    out = _run(repo, "merge-base", base_sha, head)
    merge_base = out.stdout.decode().strip()
    if out.returncode != 0 or not merge_base:
        if repo.shallow:
            raise GitError(
                f"--base {base}: it is fetched, but this shallow clone does not reach back to "
                f"where the branch left it: {DEEPEN_HINT}"
            )
        raise GitError(f"--base {base}: it shares no history with HEAD in {repo.root}")
    commits = read_log(repo, [f"{base_sha}..{head}"])
    net, renamed = net_diff(repo, merge_base)
    return BranchRange(repo, base, merge_base, head, commits, _uncommitted(repo), net, renamed)


def _remotes(repo: Repo) -> list[str]:
    out = _run(repo, "remote")
    return out.stdout.decode("utf-8", "replace").split() if out.returncode == 0 else []


def _unknown_base(repo: Repo, base: str) -> str:
    """Why ``base`` names no commit, and what to do: fetch a remote branch (named from the
    REF itself), deepen a shallow clone, or fix a typo."""
    where = f"in {repo.root}" + (", a shallow clone" if repo.shallow else "")
    kind = _run(repo, "cat-file", "-t", base)
    if kind.returncode == 0:  # an object git has, of another type
        what = kind.stdout.decode().strip()
        return f"--base {base}: is a {what}, not a commit; give a branch, tag or commit"
    if any(mark in base for mark in REVISION_SYNTAX):
        stem = base
        for mark in REVISION_SYNTAX:
            stem = stem.split(mark, 1)[0]
        if repo.shallow and stem and _commit_of(repo, stem) is not None:
            return f"--base {base}: not in the history of {where}: {DEEPEN_HINT}"
        return f"--base {base}: no such commit {where}; check the revision"
    remote = next((r for r in _remotes(repo) if base.startswith(f"{r}/")), None)
    if remote is not None:
        branch = base[len(remote) + 1 :]
        has = _remote_has(repo, remote, branch)
        if has is False:
            return (
                f"--base {base}: {remote} has no branch {branch} (asked with `git ls-remote "
                f"{remote}`); check the name, e.g. --base {remote}/main"
            )
        deepen = " with its history (`--unshallow`, or `fetch-depth: 0` in GitHub Actions)"
        maybe = f" (if {remote} has it: it could not be asked)" if has is None else ""
        return (
            f"--base {base}: the branch {branch} of {remote} is not fetched {where}{maybe}: "
            f"fetch it first (`git fetch {remote} {branch}`"
            + (f"){deepen}" if repo.shallow else ")")
        )
    if re.fullmatch(r"[0-9a-fA-F]{7,64}", base) and _remotes(repo):
        remote = "origin" if "origin" in _remotes(repo) else _remotes(repo)[0]
        return (
            f"--base {base}: no such commit {where}: fetch it first (`git fetch {remote} "
            f"{base}`), or check out the full history (GitHub Actions: actions/checkout with "
            "`fetch-depth: 0`)"
        )
    fetched = [f"{r}/{base}" for r in _remotes(repo) if _commit_of(repo, f"{r}/{base}")]
    if fetched:
        return (
            f"--base {base}: no such branch, tag or commit {where}; "
            f"did you mean --base {fetched[0]}?"
        )
    return f"--base {base}: no such branch, tag or commit {where}; check the name"


def net_diff(repo: Repo, merge_base: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The files whose content differs between ``merge_base`` and the working tree (tracked
    files and files added to the index; both names of a rename), and the renames."""
    out = _run(repo, "diff", "-z", "--name-status", "-M", "--no-color", merge_base, "--")
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git could not compare with {merge_base[:10]}: {message}")
    tokens = out.stdout.decode("utf-8", "replace").split("\0")
    files: dict[str, None] = {}
    renamed: dict[str, str] = {}
    i = 0
    while i < len(tokens) and tokens[i]:
        status = tokens[i]
        if status[:1] in ("R", "C") and i + 2 < len(tokens):
            old, new = tokens[i + 1], tokens[i + 2]
            if status[0] == "R":
                renamed[old] = new
                files[old] = None
            files[new] = None
            i += 3
        else:
            files[tokens[i + 1]] = None
            i += 2
    return tuple(files), renamed


def commits_after(repo: Repo, base_sha: str, cover: str) -> set[str]:
    """The branch's commits (in ``base..HEAD``) that ``cover`` does not hold: those made
    after it (a merge from the base brings none)."""
    out = _run(repo, "rev-list", "HEAD", f"^{base_sha}", f"^{cover}", "--")
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git rev-list failed: {message}")
    return set(out.stdout.decode().split())


def history_of(repo: Repo, base_sha: str, rel: str) -> list[tuple[str, str]]:
    """The branch's commits (``base..HEAD``, newest first) that changed the file ``rel``,
    followed through renames: each commit's sha and the file's name in it."""
    out = _run(
        repo,
        "log",
        "-z",
        "--follow",
        "--name-only",
        "--format=%x1e%H",
        f"{base_sha}..HEAD",
        "--",
        rel,
    )
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git log failed: {message}")
    found: list[tuple[str, str]] = []
    for chunk in out.stdout.decode("utf-8", "replace").split("\x1e")[1:]:
        sha, _, rest = chunk.partition("\0")
        names = [n.strip("\n") for n in rest.split("\0") if n.strip("\n")]
        found.append((sha.strip(), names[-1] if names else rel))
    return found


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


def relative(repo: Repo, path: Path) -> str:
    """``path`` relative to the repository's root; UsageError (exit 2) when it is outside."""
    try:
        return path.resolve().relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        raise UsageError(
            f"{path}: --base compares the document with its version in git, but it is not "
            f"inside the repository {repo.root}"
        ) from None


def file_at(repo: Repo, rev: str, path: Path) -> bytes | None:
    """The bytes of ``path`` (inside the repository) at commit ``rev``; None when the file
    did not exist there."""
    return blob_at(repo, rev, relative(repo, path))


def blob_at(repo: Repo, rev: str, rel: str) -> bytes | None:
    """The bytes of the repository-relative file ``rel`` at commit ``rev``; None when it did
    not exist there."""
    if _run(repo, "cat-file", "-e", f"{rev}:{rel}").returncode != 0:
        return None
    out = _run(repo, "cat-file", "blob", f"{rev}:{rel}")
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git could not read {rel} at {rev[:10]}: {message}")
    return out.stdout


def files_at(repo: Repo, rev: str) -> list[str]:
    """Every file of commit ``rev``'s tree, repository-relative."""
    out = _run(repo, "ls-tree", "-r", "-z", "--name-only", rev)
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"{repo.root}: git could not list the files of {rev[:10]}: {message}")
    return [n for n in out.stdout.decode("utf-8", "replace").split("\0") if n]
