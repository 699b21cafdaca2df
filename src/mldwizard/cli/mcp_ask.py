"""The questions a coding agent asks ``mldwizard mcp`` about its changes: which chapters
cover these files, and what ``check --base`` says about the branch (both answered by
:mod:`mldwizard.core.branch_check`, as the command line answers them)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from pydantic import Field

from ..core.agent_files import chapters_for_paths, files_in_folder
from ..core.branch_check import branch_findings
from ..core.checks import fails
from ..core.errors import UsageError
from ..core.gitlog import GitError, find_repo
from .mcp_common import READ_ONLY, DocumentArg, as_tool_error
from .mcp_documents import Documents, Served

MAX_FILES = 10_000


def add_ask_tools(server: MCPServer[Any], documents: Documents) -> None:
    @server.tool(name="chapters_for_files", annotations=READ_ONLY)
    def which_chapters(
        files: Annotated[
            list[str],
            Field(
                description="Files or folders, relative to the repository root (absolute "
                "paths inside the repository are taken too), e.g. the ones you changed"
            ),
        ],
        document: Annotated[
            str | None,
            Field(
                description="The document: its path as given to `mldwizard mcp` (or its "
                "id); left out, every document served is asked."
            ),
        ] = None,
    ) -> dict[str, Any]:
        """Which chapters describe these files: each chapter whose code paths (globs)
        cover one of them, with its document, the files it covers, its status and owners
        (a folder is covered by the chapters whose code paths cover a file in it or lie
        under it); the files no chapter covers; and each path refused (outside the
        repository, say) with why, without failing the others."""
        with as_tool_error():
            if len(files) > MAX_FILES:
                raise UsageError(f"files: at most {MAX_FILES:,} at once, got {len(files):,}")
            asked = documents.served if not document else [documents.find(document)]
            chapters: list[dict[str, Any]] = []
            refused: dict[str, str] = {}
            covered: set[str] = set()
            order: list[str] = []
            for served in asked:
                specs, doc = documents.load(served)
                names, folders, bad = repository_names(documents, served, files)
                refused.update(bad)
                order += names
                for slug, hits in chapters_for_paths(doc, names, folders).items():
                    covered.update(hits)
                    step, state = specs.get(slug), doc.step(slug)
                    chapters.append(
                        {
                            "document": served.given,
                            "chapter": slug,
                            "title": step.label if step else slug,
                            "status": state.status,
                            "owners": state.owners,
                            "code_paths": state.code_paths,
                            "files": hits,
                        }
                    )
        out: dict[str, Any] = {"documents": [s.given for s in asked]}
        if len(asked) == 1:
            out["document"] = asked[0].given
        out["chapters"] = chapters
        out["not_covered"] = [f for f in dict.fromkeys(order) if f not in covered]
        out["refused"] = [{"file": name, "problem": why} for name, why in refused.items()]
        return out

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


def repository_names(
    documents: Documents, served: Served, files: list[str]
) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """``files`` as the code paths name them: relative to the repository root, with ``/``;
    the folders among them, with their files (a name ending in ``/``, or a folder of the
    repository's working tree); and each name refused, with why (not a name, outside the
    repository, ``..``): one bad name does not cost the answer for the others."""
    root: Path | None = None
    looked = False
    names: list[str] = []
    folders: dict[str, list[str]] = {}
    refused: dict[str, str] = {}
    for given in files:
        try:
            if "\0" in given or not given.strip():
                raise UsageError("not a file name")
            name = given
            if name.startswith("/"):
                name = _inside(_repo_root(documents, served), name)
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if ".." in parts:
                raise UsageError("give paths relative to the repository root, without '..'")
        except UsageError as exc:
            refused[given] = str(exc)
            continue
        name = str(PurePosixPath(*parts)) if parts else "."
        if not looked:
            root, looked = _repo_root_or_none(documents, served), True
        if given.endswith("/") or (root is not None and (root / name).is_dir()):
            folders[name] = files_in_folder(root, name) if root is not None else []
        names.append(name)
    return names, folders, refused


def _inside(root: Path, name: str) -> str:
    """An absolute path as the repository names it: as written (a symlink kept), else as
    it resolves."""
    for path in (Path(os.path.normpath(name)), Path(name).resolve()):
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    raise UsageError(f"not inside the repository {root}")


def _repo_root_or_none(documents: Documents, served: Served) -> Path | None:
    """The repository's root, or None when there is none (or git cannot tell)."""
    try:
        return _repo_root(documents, served)
    except UsageError:
        return None


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
