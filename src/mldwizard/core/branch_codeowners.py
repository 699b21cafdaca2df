"""``check --base``: the CODEOWNERS findings (MLD045, MLD046) the document had at the merge
base, judged against the CODEOWNERS file and the files of the merge base (not the working
tree's), so that a branch that breaks CODEOWNERS, or moves code to other owners, is told.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .checks import Finding
from .codeowners import LOCATIONS, MAX_BYTES, parse_codeowners
from .codeowners_chapters import judge_codeowners
from .document import Document
from .gitbranch import blob_at, files_at
from .gitlog import Repo
from .specs import Specs

CODEOWNERS_CODES = frozenset({"MLD045", "MLD046"})


def codeowners_at(repo: Repo, rev: str, doc: Document, specs: Specs, name: str) -> list[Finding]:
    """MLD045 and MLD046 for ``doc`` (named ``name`` in the findings) against the CODEOWNERS
    file GitHub would have used at commit ``rev``; none when there was none."""
    if not any(doc.step(s.slug).code_paths for s in specs.steps):
        return []
    out: list[Finding] = []

    def add(code: str, severity: Any, slug: str | None, message: str, **details: Any) -> None:
        out.append(Finding(code, severity, name, slug, message, details))

    for location in LOCATIONS:
        data = blob_at(repo, rev, location)
        if data is None:
            continue
        problem = None
        text = ""
        if len(data) >= MAX_BYTES:
            problem = f"{len(data)} bytes; GitHub does not load a CODEOWNERS file of 3 MB or more"
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problem = f"line {line}: not valid UTF-8"
        if problem is not None:
            message = f"CODEOWNERS not read: {repo.root / location}: {problem}"
            add("MLD046", "warning", None, message, codeowners=location)
            return out
        codeowners = parse_codeowners(text, Path(location))
        judge_codeowners(doc, specs, codeowners, files_at(repo, rev), location, add, document=name)
        return out
    return out
