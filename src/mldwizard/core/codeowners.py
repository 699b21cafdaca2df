"""CODEOWNERS: who GitHub says owns each file, read the way GitHub reads it.

The rules, from GitHub's "About code owners"
(https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/
customizing-your-repository/about-code-owners):

* the file is ``CODEOWNERS`` in ``.github/``, the repository root or ``docs/``; GitHub looks
  in that order and uses the first it finds (:data:`LOCATIONS`);
* a line is a pattern followed by owners: ``@username``, ``@org/team-name`` or an email
  address; ``#`` starts a comment (a whole line, or the rest of a line after a pattern or an
  owner); blank lines are ignored;
* patterns follow most gitignore rules: a leading ``/`` anchors the pattern to the root, as
  does a ``/`` inside it; a pattern without a ``/`` (or with only a trailing one) matches at
  any depth; a trailing ``/`` matches a directory (and everything below it); ``*`` and ``?``
  do not cross ``/``, ``**`` does; a pattern that names a directory covers what is inside it,
  but "The ``docs/*`` pattern will match files like ``docs/getting-started.md`` but not
  further nested files like ``docs/build-app/troubleshooting.md``";
* "the last matching pattern takes the most precedence": the owners of a file are those of
  the last line that matches it, and a pattern with no owners leaves the files it matches
  without an owner (``/apps/github`` after ``/apps/ @octocat``);
* "Syntax exceptions": three gitignore rules do not work in CODEOWNERS: escaping a pattern
  that *starts* with ``#`` (``\\#file``), ``!`` to negate a pattern, ``[ ]`` for a character
  range; GitHub marks such lines as errors;
* "If any line in your CODEOWNERS file contains invalid syntax, that line will be skipped":
  so is it here, and every skipped line is reported with its number (:class:`InvalidLine`).

Inside a pattern, ``\\#`` is a ``#`` that is part of the name rather than the start of a
comment, and ``\\ `` (backslash, space) a space.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from .errors import LoadError, UsageError

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
"""Where GitHub looks for the file, in the order it looks."""

MAX_BYTES = 3 * 1024 * 1024
"""GitHub does not load a CODEOWNERS file of 3 MB or more."""

OwnerKind = Literal["user", "team", "email"]

_USER = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)")
_TEAM = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/([A-Za-z0-9_.-]+)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Owner:
    text: str
    """As written: ``@ana``, ``@acme/ml``, ``ana@example.com``."""
    kind: OwnerKind

    @property
    def name(self) -> str:
        """The user name without ``@``, ``org/team``, or the email address."""
        return self.text[1:] if self.kind in ("user", "team") else self.text


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[Owner, ...]
    line: int


@dataclass(frozen=True)
class InvalidLine:
    line: int
    text: str
    reason: str


@dataclass
class Codeowners:
    path: Path
    rules: list[Rule] = field(default_factory=list)
    invalid: list[InvalidLine] = field(default_factory=list)

    def rule_for(self, path: str) -> Rule | None:
        """The last rule matching ``path`` (its owners may be none: un-assigned), or None."""
        found = self._combined.fullmatch(path)
        return self.rules[int(found.lastgroup[1:])] if found and found.lastgroup else None

    @cached_property
    def _combined(self) -> re.Pattern[str]:
        """One regex of every rule, the last first: the first alternative that matches is
        the rule that wins, found in one pass over the path however many rules there are."""
        parts = [
            f"(?P<r{i}>{path_regex(r.pattern)})" for i, r in reversed(list(enumerate(self.rules)))
        ]
        return re.compile("|".join(parts) or r"(?!)", re.DOTALL)

    def owners_of(self, path: str) -> tuple[Owner, ...]:
        rule = self.rule_for(path)
        return rule.owners if rule else ()


def find_codeowners(root: Path) -> Path | None:
    """The CODEOWNERS file GitHub would use in the repository at ``root``, or None."""
    for location in LOCATIONS:
        candidate = root / location
        if candidate.is_file():
            return candidate
    return None


def read_codeowners(path: Path) -> Codeowners:
    """Read and parse ``path``; a file that cannot be read is a LoadError naming it."""
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if not path.is_file():  # never a FIFO or a device: reading one could block
        raise LoadError(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) >= MAX_BYTES:
        raise LoadError(
            f"{path}: {len(data)} bytes; GitHub does not load a CODEOWNERS file of 3 MB or more"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoadError(f"{path}: line {line}: not valid UTF-8") from None
    return parse_codeowners(text, path)


def parse_codeowners(text: str, path: Path) -> Codeowners:
    out = Codeowners(path)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            rule = _parse_line(stripped, number)
        except ValueError as exc:
            out.invalid.append(InvalidLine(number, stripped, str(exc)))
            continue
        out.rules.append(rule)
    return out


def _parse_line(line: str, number: int) -> Rule:
    if line.startswith("\\#"):
        raise ValueError("a pattern starting with an escaped # (\\#) does not work in CODEOWNERS")
    tokens = _split(line)
    pattern, owners_text = tokens[0], tokens[1:]
    if pattern.startswith("!"):
        raise ValueError("! (negating a pattern) does not work in CODEOWNERS")
    if "[" in pattern or "]" in pattern:
        raise ValueError("[ ] (a character range) does not work in CODEOWNERS")
    if pattern == "/":
        raise ValueError("the pattern / matches nothing (for everything, use *)")
    owners = []
    for token in owners_text:
        owner = parse_owner(token)
        if owner is None:
            raise ValueError(f"{token!r} is not an owner (@user, @org/team or an email address)")
        owners.append(owner)
    return Rule(pattern, tuple(owners), number)


def _split(line: str) -> list[str]:
    """Whitespace-separated tokens up to an unescaped ``#`` that starts a token (a comment);
    ``\\#`` and ``\\ `` in a token are a literal ``#`` and space."""
    tokens: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line) and line[i + 1] in "# \t\\":
            current.append(line[i + 1])
            i += 2
            continue
        if char in " \t":
            if current:
                tokens.append("".join(current))
                current = []
        elif char == "#" and not current:
            break  # a comment to the end of the line
        else:
            current.append(char)
        i += 1
    if current:
        tokens.append("".join(current))
    return tokens


def parse_owner(token: str) -> Owner | None:
    if _TEAM.fullmatch(token):
        return Owner(token, "team")
    if _USER.fullmatch(token):
        return Owner(token, "user")
    if _EMAIL.fullmatch(token):
        return Owner(token, "email")
    return None


def path_regex(pattern: str) -> str:
    """A regex for the file paths a pattern covers: the paths it names, and what is below
    a folder it names; a trailing ``/`` names folders only; ``docs/*`` covers the files right
    in ``docs/``, not those further down."""
    body = pattern_regex(pattern).pattern
    if pattern.endswith("/"):
        return body + "/.*"
    if pattern.split("/")[-1] == "*":
        return body
    return body + "(?:/.*)?"


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A regex for the paths (files or folders, relative to the root) a pattern names."""
    body = pattern.rstrip("/") if pattern != "/" else pattern
    anchored = body.startswith("/") or "/" in body
    body = body.lstrip("/")
    out = [] if anchored else ["(?:.*/)?"]
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("/**", i) and i + 3 == len(body):
            out.append("/.*")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    return re.compile("".join(out), re.DOTALL)


def tracked_files(root: Path) -> list[str]:
    """The files git tracks in the repository at ``root`` (``git ls-files``), relative to it."""
    git = shutil.which("git")
    if git is None:
        raise UsageError("git is not installed: the files under the code paths cannot be listed")
    out = subprocess.run(
        [git, "-C", str(root), "-c", "core.quotepath=false", "ls-files", "-z"],
        capture_output=True,
    )
    if out.returncode != 0:
        stderr = out.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"{root}: git ls-files failed: {stderr}")
    return [name for name in out.stdout.decode("utf-8", "replace").split("\0") if name]
