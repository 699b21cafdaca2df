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

from .code_path_rules import outside_problem
from .errors import MldwizardError


@dataclass(frozen=True)
class Commit:
    sha: str
    epoch: int
    subject: str
    files: tuple[str, ...]
    """Paths touched, relative to the repository root (both names of a rename)."""

    @property
    def time(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.epoch, dt.UTC)


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
    """The repository holding ``start`` (a folder), or None when there is none; GitError
    when there is one that git will not read."""
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
        if "not a git repository" in out.stderr.lower() or not out.stderr.strip():
            return None
        # A repository git refuses to read (e.g. "detected dubious ownership"): say why.
        raise GitError(f"{folder}: git refused the repository: {out.stderr.strip()}")
    lines = out.stdout.splitlines()
    if len(lines) < 2:
        return None
    return Repo(root=Path(lines[0]), shallow=lines[1].strip() == "true")


def commits_since(repo: Repo, since: dt.datetime) -> list[Commit]:
    """Commits (newest first) committed after ``since``, with the files each touched.

    ``--since-as-filter`` (git 2.37+) looks at every commit, so one commit with a skewed
    older date cannot hide newer ones below it (plain ``--since`` stops walking there;
    older git gets no date limit at all and is filtered here). ``--no-renames`` lists both
    names of a renamed file without the cost of rename detection. The output is parsed
    while git is still writing it. In a shallow clone the boundary commits list every
    file of their tree as added: their files are ignored.
    """
    git = _git()
    if git is None:
        raise GitError("git is not installed")
    epoch = int(since.timestamp())
    base = [
        git,
        "-C",
        str(repo.root),
        "-c",
        "core.quotepath=false",
        "log",
        "-z",
        "--name-only",
        "--no-renames",
        "--no-color",
        "--format=%x1e%H%x1f%ct%x1f%s",
    ]
    commits, code, stderr = _stream([*base, f"--since-as-filter=@{epoch}"], epoch)
    if code != 0 and "since-as-filter" in stderr:
        commits, code, stderr = _stream(base, epoch)
    if code != 0:
        if "does not have any commits" in stderr:
            return []
        raise GitError(f"{repo.root}: git log failed: {stderr.strip()}")
    if repo.shallow:
        boundary = _shallow_boundary(repo)
        commits = [
            Commit(c.sha, c.epoch, c.subject, ()) if c.sha in boundary else c for c in commits
        ]
    return commits


def read_log(repo: Repo, revisions: list[str]) -> list[Commit]:
    """The commits ``git log REVISIONS`` lists (newest first), with the files each touched
    (both names of a rename), parsed like :func:`commits_since`. Merge commits are left
    out: they list no files of their own."""
    git = _git()
    if git is None:
        raise GitError("git is not installed")
    argv = [
        git,
        "-C",
        str(repo.root),
        "-c",
        "core.quotepath=false",
        "log",
        "-z",
        "--name-only",
        "--no-renames",
        "--no-merges",
        "--no-color",
        "--format=%x1e%H%x1f%ct%x1f%s",
        *revisions,
        "--",
    ]
    commits, code, stderr = _stream(argv, -(1 << 62))
    if code != 0:
        raise GitError(f"{repo.root}: git log failed: {stderr.strip()}")
    return commits


# With -z, a commit is its header, NUL, then (if it touched files) a newline and each file
# name followed by NUL; the next header follows a NUL. Subjects and file names may hold any
# byte but NUL (0x1e included), so the output is split on NUL only and a header is told from
# a file name by its exact shape. Names that are not UTF-8 get U+FFFD for the bad bytes: they
# end up in JSON and on terminals, which need valid text.
HEADER = re.compile(r"\x1e([0-9a-f]{40,64})\x1f(\d+)\x1f(.*)", re.DOTALL)


class _LogParser:
    """Turns NUL-separated ``git log -z --name-only`` tokens into commits after an epoch."""

    def __init__(self, after_epoch: int) -> None:
        self.after_epoch = after_epoch
        self.commits: list[Commit] = []
        self._current: tuple[str, int, str] | None = None
        self._files: list[str] = []

    def feed(self, token: str) -> None:
        header = HEADER.fullmatch(token)
        if header is not None:
            self._flush()
            sha, when, subject = header.groups()
            self._current = (sha, int(when), subject)
            return
        name = token[1:] if token.startswith("\n") else token
        if name and self._current is not None:
            self._files.append(name)

    def close(self) -> list[Commit]:
        self._flush()
        return self.commits

    def _flush(self) -> None:
        if self._current is not None:
            sha, timestamp, subject = self._current
            if timestamp > self.after_epoch:  # be exact whatever git's date limit did
                self.commits.append(Commit(sha, timestamp, subject, tuple(self._files)))
        self._current, self._files = None, []


def _stream(argv: list[str], after_epoch: int) -> tuple[list[Commit], int, str]:
    """Run git log and parse each commit as soon as it has arrived."""
    parser = _LogParser(after_epoch)
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        pending = b""
        while chunk := proc.stdout.read(1 << 16):
            tokens = (pending + chunk).split(b"\0")
            pending = tokens.pop()
            for token in tokens:
                parser.feed(token.decode("utf-8", "replace"))
        if pending:
            parser.feed(pending.decode("utf-8", "replace"))
        stderr = proc.stderr.read().decode("utf-8", "replace")
    return parser.close(), proc.returncode, stderr


def _shallow_boundary(repo: Repo) -> set[str]:
    git = _git()
    assert git is not None
    out = subprocess.run(
        [git, "-C", str(repo.root), "rev-parse", "--git-path", "shallow"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        return set()
    path = Path(out.stdout.strip())
    if not path.is_absolute():
        path = repo.root / path
    try:
        return set(path.read_text().split())
    except OSError:
        return set()


def parse_log(text: str, after_epoch: int) -> list[Commit]:
    """Parse ``git log -z --name-only --format=%x1e%H%x1f%ct%x1f%s`` output."""
    parser = _LogParser(after_epoch)
    for token in text.split("\0"):
        parser.feed(token)
    return parser.close()


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
    # DOTALL: a file name may hold a newline, and `.` must match it like any character.
    try:
        return re.compile(regex + r"\Z", re.DOTALL)
    except re.error:  # e.g. a class like [z-a]: take the glob literally
        return re.compile(re.escape(pattern) + r"(?:/.*)?\Z", re.DOTALL)


def glob_problem(pattern: str) -> str | None:
    """Why a code-path glob cannot be used, or None."""
    if "\n" in pattern or "\r" in pattern:
        return "contains a line break"
    outside = outside_problem(pattern)
    if outside:
        return outside
    body = re.findall(r"\[([^\]]*)\]", pattern)
    for chars in body:
        try:
            re.compile(f"[{chars.lstrip('!')}]")
        except re.error as exc:
            return f"the class [{chars}] is not valid ({exc})"
    return None


def matches(path: str, patterns: Iterable[str]) -> bool:
    return combined_regex(tuple(patterns)).match(path) is not None


@lru_cache(maxsize=256)
def combined_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a set of globs: a path is matched once, not once per glob."""
    parts = [glob_regex(p).pattern for p in patterns if p.strip()]
    return re.compile("|".join(f"(?:{p})" for p in parts) if parts else r"(?!)", re.DOTALL)


def compute_drift(
    commits: list[Commit], targets: dict[str, tuple[list[str], dt.datetime]]
) -> dict[str, Drift]:
    """For every target (patterns, baseline): the files under its patterns changed by
    commits after its baseline. One pass over the commits (newest first); each distinct
    path is matched against each target once."""
    active = {
        key: (combined_regex(tuple(pats)), int(base.timestamp()))
        for key, (pats, base) in targets.items()
        if any(p.strip() for p in pats)
    }
    found: dict[str, Drift] = {}
    seen: dict[str, set[str]] = {key: set() for key in active}
    path_hits: dict[str, list[str]] = {}
    for commit in commits:
        for path in commit.files:
            keys = path_hits.get(path)
            if keys is None:
                keys = [key for key, (regex, _) in active.items() if regex.match(path)]
                path_hits[path] = keys
            for key in keys:
                if commit.epoch <= active[key][1] or path in seen[key]:
                    continue
                if key not in found:
                    found[key] = Drift(newest=commit)
                found[key].files.append(path)
                seen[key].add(path)
    return found
