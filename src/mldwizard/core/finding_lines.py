"""Where a ``check`` finding sits: in its document, the line it names, else the line of its
chapter's table; or, for a finding about another file of the repository, that file (and its
line), so that an annotation or a code-scanning alert lands where the problem is."""

from __future__ import annotations

from pathlib import Path

from .checks import Finding


def finding_line(finding: Finding, chapters: dict[str, int] | None = None) -> int | None:
    """The line ``finding`` names (``details.line``), else the line of its chapter's table
    (``[chapters.SLUG]``, ``[gate]``, ``[feasibility]``) in the document; None when neither
    is known (a finding about the whole document, a file that cannot be read).
    ``chapters``: the document's :func:`chapter_lines`, when the caller has read them once."""
    line = finding.details.get("line")
    if isinstance(line, int) and not isinstance(line, bool):
        return line
    if finding.chapter is None:
        return None
    if chapters is None:
        chapters = chapter_lines(Path(finding.document))
    return chapters.get(finding.chapter)


ON_CODEOWNERS = ("MLD046",)
"""Findings about the CODEOWNERS file itself (a line GitHub skips, a file that cannot be
read): placed there (``details.codeowners``, at ``details.codeowners_line``)."""


def finding_file(finding: Finding) -> tuple[str, int] | None:
    """The repository file ``finding`` is about when it is not the document, as git names
    it (relative to the repository root), and the line there (1 when it is about the whole
    file); None for a finding about the document. ``details.file`` names a code file; the
    CODEOWNERS findings name theirs."""
    about = finding.details.get("file")
    if isinstance(about, str) and about:
        return about, 1
    codeowners = finding.details.get("codeowners")
    if finding.code in ON_CODEOWNERS and isinstance(codeowners, str) and codeowners:
        line = finding.details.get("codeowners_line")
        good = isinstance(line, int) and not isinstance(line, bool) and line >= 1
        return codeowners, line if good and isinstance(line, int) else 1
    return None


def chapter_lines(path: Path) -> dict[str, int]:
    """The line of each chapter's table in the document at ``path`` (empty when it cannot be
    read). The gate and the feasibility checklist are top-level tables."""
    try:
        if not path.is_file():  # never a FIFO: reading one could block
            return {}
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        header = line.strip()
        if header in ("[gate]", "[feasibility]"):
            out.setdefault(header[1:-1], number)
        elif header.startswith("[chapters.") and header.endswith("]"):
            slug = header[len("[chapters.") : -1]
            if "." not in slug and slug not in ("gate", "feasibility"):
                out.setdefault(slug, number)
    return out
