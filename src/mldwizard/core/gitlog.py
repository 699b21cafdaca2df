"""What git knows about the code a document describes: one ``git log`` pass for everything.

All chapters of all documents are answered from a single ``git log --name-status`` over
the commits newer than the oldest chapter baseline, so the cost does not grow with the
number of chapters.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import MldwizardError


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime
    subject: str
    files: tuple[str, ...]
    """Paths touched, relative to the repository root (both names of a rename)."""


@dataclass
class Repo:
    root: Path
    shallow: bool


@dataclass
class Drift:
    """Files under a chapter's code paths changed after its baseline."""

    newest: Commit
    files: list[str] = field(default_factory=list)


class GitError(MldwizardError):
    pass


def _git() -> str | None:
    return shutil.which("git")


def find_repo(start: Path) -> Repo | None:
    """The repository holding ``start`` (a folder), or None when there is none."""
    git = _git()
    if git is None:
        return None
    folder = start if start.is_dir() else start.parent
    out = subprocess.run(
        [git, "-C", str(folder), "rev-parse", "--show-toplevel", "--is-shallow-repository"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        return None
    lines = out.stdout.splitlines()
    if len(lines) < 2:
        return None
    return Repo(root=Path(lines[0]), shallow=lines[1].strip() == "true")


def commits_since(repo: Repo, since: dt.datetime) -> list[Commit]:
    """Commits (newest first) committed after ``since``, with the files each touched."""
    git = _git()
    if git is None:
        raise GitError("git is not installed")
    epoch = int(since.timestamp())
    out = subprocess.run(
        [
            git,
            "-C",
            str(repo.root),
            "-c",
            "core.quotepath=false",
            "log",
            "-z",
            "--name-status",
            "-M",
            "--no-color",
            f"--since=@{epoch}",
            "--format=%x1e%H%x1f%ct%x1f%s",
        ],
        capture_output=True,
    )
    if out.returncode != 0:
        stderr = out.stderr.decode("utf-8", "replace").strip()
        if "does not have any commits" in stderr:
            return []
        raise GitError(f"{repo.root}: git log failed: {stderr}")
    return parse_log(out.stdout.decode("utf-8", "surrogateescape"), epoch)


def parse_log(text: str, after_epoch: int) -> list[Commit]:
    commits = []
    for chunk in text.split("\x1e")[1:]:
        header, _, body = chunk.partition("\0")
        sha, when, subject = ([*header.split("\x1f", 2), "", ""])[:3]
        tokens = body.lstrip("\n").split("\0")
        files: list[str] = []
        i = 0
        while i < len(tokens) and tokens[i]:
            status = tokens[i]
            width = 2 if status[:1] in ("R", "C") else 1
            files.extend(t for t in tokens[i + 1 : i + 1 + width] if t)
            i += 1 + width
        timestamp = int(when)
        if timestamp > after_epoch:  # --since is approximate; be exact
            commits.append(
                Commit(sha, dt.datetime.fromtimestamp(timestamp, dt.UTC), subject, tuple(files))
            )
    return commits


@lru_cache(maxsize=512)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob relative to the repository root: ``*`` and ``?`` stay inside one folder,
    ``**`` spans folders, ``[...]`` is a class; a folder name matches everything below it."""
    pattern = pattern.strip()
    while pattern.startswith(("./", "/")):
        pattern = pattern[2:] if pattern.startswith("./") else pattern[1:]
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(char))
                i += 1
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    regex = "".join(out)
    if not pattern.endswith(("*", "/")):
        regex += "(?:/.*)?"  # a plain folder name covers what is inside it
    elif pattern.endswith("/"):
        regex += ".*"
    return re.compile(regex + r"\Z")


def matches(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_regex(p).match(path) for p in patterns if p.strip())


def compute_drift(
    commits: list[Commit], targets: dict[str, tuple[list[str], dt.datetime]]
) -> dict[str, Drift]:
    """For every target (patterns, baseline): the files under its patterns changed by
    commits after its baseline. One pass over the commits (newest first); each distinct
    path is matched against the patterns once."""
    active = {key: (pats, base) for key, (pats, base) in targets.items() if pats}
    found: dict[str, Drift] = {}
    seen: dict[str, set[str]] = {key: set() for key in active}
    path_hits: dict[str, list[str]] = {}
    for commit in commits:
        for path in commit.files:
            keys = path_hits.get(path)
            if keys is None:
                keys = [key for key, (pats, _) in active.items() if matches(path, pats)]
                path_hits[path] = keys
            for key in keys:
                if commit.time <= active[key][1] or path in seen[key]:
                    continue
                if key not in found:
                    found[key] = Drift(newest=commit)
                found[key].files.append(path)
                seen[key].add(path)
    return found
