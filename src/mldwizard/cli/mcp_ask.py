"""The questions a coding agent asks ``mldwizard mcp`` about its changes: which chapters
cover these files, and what ``check --base`` says about the branch (both answered by
:mod:`mldwizard.core.branch_check`, as the command line answers them)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from pydantic import Field

from ..core.branch_check import branch_findings, chapters_for_files
from ..core.checks import fails
from ..core.errors import UsageError
from ..core.gitlog import GitError, find_repo
from ..core.names import shown_repr
from .mcp_common import READ_ONLY, DocumentArg, as_tool_error
from .mcp_documents import Documents, Served

MAX_FILES = 10_000


def add_ask_tools(server: MCPServer[Any], documents: Documents) -> None:
    @server.tool(name="chapters_for_files", annotations=READ_ONLY)
    def which_chapters(
        files: Annotated[
            list[str],
            Field(
                description="Files, relative to the repository root (absolute paths inside "
                "the repository are taken too), e.g. the ones you changed"
            ),
        ],
        document: DocumentArg = None,
    ) -> dict[str, Any]:
        """Which chapters describe these files: each chapter whose code paths (globs)
        cover one of them, with the files it covers, its status and owners; and the files
        no chapter covers."""
        with as_tool_error():
            served = documents.find(document)
            specs, doc = documents.load(served)
            names = repository_names(documents, served, files)
            found = chapters_for_files(doc, names)
        covered = {f for hits in found.values() for f in hits}
        chapters = []
        for slug, hits in found.items():
            step, state = specs.get(slug), doc.step(slug)
            chapters.append(
                {
                    "chapter": slug,
                    "title": step.label if step else slug,
                    "status": state.status,
                    "owners": state.owners,
                    "code_paths": state.code_paths,
                    "files": hits,
                }
            )
        return {
            "document": served.given,
            "chapters": chapters,
            "not_covered": [f for f in names if f not in covered],
        }

    @server.tool(name="check_changes", annotations=READ_ONLY)
    def check_branch(
        base: Annotated[
            str,
            Field(description="The branch or commit this work started from, e.g. origin/main"),
        ],
        document: DocumentArg = None,
    ) -> dict[str, Any]:
        """What `mldwizard check DOC --base BASE` says about this branch: a chapter whose
        code the branch changes without updating the chapter (or an owner acknowledging it
        still holds) is a finding, and so is any other problem the branch brings. The
        working tree's uncommitted changes count as part of the branch."""
        with as_tool_error():
            served = documents.find(document)
            found = branch_findings(
                served.path, base, documents.repo, extra_specs=documents.extra_specs
            )
        return {
            "document": served.given,
            "base": base,
            "findings": [f.as_json() for f in found],
            "summary": {
                s: sum(1 for f in found if f.severity == s) for s in ("error", "warning", "info")
            },
            "failed": fails(found, "error"),
        }


def repository_names(documents: Documents, served: Served, files: list[str]) -> list[str]:
    """``files`` as the code paths name them: relative to the repository root, with ``/``.
    An absolute path must lie inside the repository; ``..`` is refused."""
    if len(files) > MAX_FILES:
        raise UsageError(f"files: at most {MAX_FILES:,} at once, got {len(files):,}")
    root: Path | None = None
    out = []
    for name in files:
        if "\0" in name or not name.strip():
            raise UsageError(f"files: {shown_repr(name)} is not a file name")
        if name.startswith("/"):
            if root is None:
                root = _repo_root(documents, served)
            name = _inside(root, name)
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if ".." in parts:
            raise UsageError(
                f"files: {shown_repr(name)}: give paths relative to the repository root, "
                "without '..'"
            )
        out.append(str(PurePosixPath(*parts)))
    return out


def _inside(root: Path, name: str) -> str:
    """An absolute path as the repository names it: as written (a symlink kept), else as
    it resolves."""
    for path in (Path(os.path.normpath(name)), Path(name).resolve()):
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    raise UsageError(f"files: {shown_repr(name)} is not inside the repository {root}")


def _repo_root(documents: Documents, served: Served) -> Path:
    folder = documents.repo or served.path.resolve().parent
    try:
        repo = find_repo(folder)
    except (GitError, OSError) as exc:
        raise UsageError(f"files: git cannot tell the repository of {folder}: {exc}") from None
    if repo is None:
        raise UsageError(
            f"files: {folder} is not in a git repository: give paths as the chapters' code "
            "paths name them (relative), not absolute ones"
        )
    return repo.root.resolve()
