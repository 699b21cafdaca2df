"""The documents ``mldwizard mcp`` serves: named on its command line, and only those.

A tool names a document by the path given on the command line (or its short id, the one in
resource addresses); with one document it may leave it out. Anything else, a path that
leads elsewhere (``../other.toml``) included, is refused with the documents served: the
server reads and writes nothing but these. Each call reads the document afresh, so what a
person saved meanwhile is what the agent sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core import storage
from ..core.document import Document
from ..core.errors import UsageError
from ..core.health import DocumentHealth, assess_documents
from ..core.identity import now
from ..core.names import shown_repr
from ..core.specs import Specs
from ..core.workspace import specs_for

_NOT_IN_ID = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Served:
    given: str
    """The path as the command line gave it."""
    path: Path
    key: str
    """A short id for resource addresses: the file name without .toml, made unique."""
    resolved: Path


class Documents:
    def __init__(
        self,
        paths: list[Path],
        extra_specs: list[Path],
        repo: Path | None,
        given: list[str] | None = None,
    ) -> None:
        """``given``: how the command line named each of ``paths`` (default: as the path)."""
        self.extra_specs = extra_specs
        self.repo = repo
        self.served: list[Served] = []
        keys: set[str] = set()
        for i, path in enumerate(paths):
            base = _NOT_IN_ID.sub("-", path.stem).strip("-.") or "document"
            key, n = base, 1
            while key in keys:
                n += 1
                key = f"{base}-{n}"
            keys.add(key)
            name = given[i] if given is not None else str(path)
            self.served.append(Served(name, path, key, _resolved(path)))

    def names(self) -> str:
        return ", ".join(f"{s.given} (id {s.key})" for s in self.served)

    def find(self, document: str | None) -> Served:
        """The served document ``document`` names; refused, naming the served ones, when
        it names none of them (or is left out while several are served)."""
        if document is None or not document.strip():
            if len(self.served) == 1:
                return self.served[0]
            raise UsageError(f"document: name one of the documents served: {self.names()}")
        for served in self.served:
            if document in (served.given, served.key):
                return served
        resolved = _resolved(Path(document))
        for served in self.served:
            if resolved == served.resolved:
                return served
        raise UsageError(
            f"document {shown_repr(document)} is not served here; the documents served: "
            f"{self.names()}"
        )

    def specs(self, served: Served) -> Specs:
        return specs_for(served.path, self.extra_specs)

    def load(self, served: Served) -> tuple[Specs, Document]:
        specs = self.specs(served)
        return specs, storage.load_document(served.path, specs)

    def health(self, served: Served) -> DocumentHealth:
        [health] = assess_documents([served.path], self.extra_specs, self.repo, now())
        return health


def from_repository_root(path: Path, cwd: Path) -> tuple[Path, str | None]:
    """Where a document named on the command line is: as given when it exists (or is
    absolute); else a relative path is looked for from the root of the git repository
    ``cwd`` is in (a client may start the server in a subfolder of the repository whose
    ``.mcp.json`` names ``docs/design.toml``). The path, and a note saying where it was
    found when not as given (None else). A path found nowhere is returned as given: loading
    it says what is missing."""
    if path.is_absolute() or path.exists() or path.is_symlink():
        return path, None
    from ..core.gitlog import GitError, find_repo

    try:
        repo = find_repo(cwd)
    except (GitError, OSError):
        return path, None
    if repo is None:
        return path, None
    found = repo.root / path
    if not found.exists():
        return path, None
    return found, (
        f"mldwizard mcp: {path} is not in the folder the server was started in ({cwd}); "
        f"serving {found}, relative to the repository root"
    )


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop, a NUL: never one of ours
        return path.absolute()
