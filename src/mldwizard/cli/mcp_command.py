"""``mldwizard mcp DOC.toml [DOC.toml ...]``: serve documents to coding agents over stdio
with the Model Context Protocol (the ``mcp`` SDK, an optional extra: ``mldwizard[mcp]``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import UsageError

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
    from .mcp_documents import Documents
    from .mcp_server import build_server

    repo = Path(args.repo) if args.repo else None
    if repo is not None and not repo.is_dir():
        raise UsageError(f"{repo}: --repo must be a folder")
    documents = Documents(document_paths(args), [Path(d) for d in args.specs], repo)
    for served in documents.served:  # a document that does not load: exit 2 before serving
        storage.check_document_path(served.path)
        documents.load(served)
    build_server(documents).run("stdio")
    return 0
