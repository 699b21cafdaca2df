"""``mldwizard mcp DOC.toml [DOC.toml ...]``: serve documents to coding agents over stdio
with the Model Context Protocol (the ``mcp`` SDK, an optional extra: ``mldwizard[mcp]``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import LoadError, UsageError

INSTALL_HINT = "pip install 'mldwizard[mcp]'"


def add_mcp_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "mcp",
        parents=parents,
        help="serve documents to coding agents (Model Context Protocol over stdio)",
        description="A Model Context Protocol server over standard input and output, for a "
        "coding agent working in the repository: it reads the documents, asks which chapters "
        "cover files, and proposes answers (each sends its chapter to review). Needs the "
        f"extra: {INSTALL_HINT}.",
    )
    p.add_argument("paths", metavar="PATH", nargs="+", help="the documents served (only these)")


def cmd_mcp(args: argparse.Namespace) -> int:
    from ..core import storage
    from .living import document_paths

    try:
        import mcp.server.mcpserver  # noqa: F401
    except ImportError:
        raise UsageError(
            f"mcp needs the Model Context Protocol SDK, an optional extra: {INSTALL_HINT}"
        ) from None
    from .mcp_documents import Documents, from_repository_root
    from .mcp_server import build_server
    from .out import say

    repo = Path(args.repo) if args.repo else None
    if repo is not None and not repo.is_dir():
        raise UsageError(f"{repo}: --repo must be a folder")
    given = document_paths(args)
    paths = []
    for path in given:
        found, note = from_repository_root(path, Path.cwd())
        if note is not None:
            say(note, err=True)  # stderr: what a client shows in its server log
        paths.append(found)
    documents = Documents(paths, [Path(d) for d in args.specs], repo, [str(p) for p in given])
    for served in documents.served:  # a document that does not load: exit 2 before serving
        storage.check_document_path(served.path)
        try:
            documents.load(served)
        except LoadError as exc:
            if served.path.is_absolute() or served.path.exists():
                raise
            raise LoadError(
                f"{exc} (looked for in {Path.cwd()}, the folder the server was started "
                "in, and in the root of its git repository, if any): give the document's "
                "absolute path in the client's configuration"
            ) from None
    build_server(documents).run("stdio")
    return 0
