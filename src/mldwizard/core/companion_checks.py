"""MLD050 and MLD051: the ``NAME.md`` next to a document, as ``check`` sees it.

Every save (the wizard, ``set``, the MCP server) writes ``NAME.md`` from the TOML, so they
agree; a change that bypasses mldwizard (a hand edit, a merge, a rebase, a script) leaves the
Markdown a version behind (MLD050), and ``export`` writing into it by hand can leave the draft
or another document there (MLD051). Reviewers read and diff that file in the repository.

The comparison is with what the document renders now, which depends on the document alone
(never on the day of the run). It ignores what a checkout or an editor changes without
changing the document: line endings (``\\r\\n`` on Windows), a byte-order mark, spaces at
the ends of lines and blank lines at the end of the file.
"""

from __future__ import annotations

import stat
from pathlib import Path

from .checks import Finding
from .companion import is_a_document, marked_source, same_file
from .document import Document
from .errors import MldwizardError
from .files import real_path
from .markdown import GENERATED_MARK, render_markdown
from .specs import Specs

DRAFT_PLACEHOLDER = "*TODO: not answered yet"
"""What only the draft shows (core/markdown.py, a required question without an answer): a
file without it is not compared with the draft, a second rendering."""


def markdown_findings(document: Path, doc: Document, specs: Specs) -> list[Finding]:
    """MLD050 (stale) or MLD051 (not the document's reader Markdown) about ``NAME.md``;
    none when there is no ``NAME.md`` (a team may keep it out of the repository)."""
    md = document.with_suffix(".md")
    text = _read_text(md)
    if text is None:
        return []
    fix = f"`mldwizard export {document} -o`"
    details = {"markdown": str(md)}

    def finding(code: str, message: str) -> list[Finding]:
        return [Finding(code, "warning", str(document), None, message, details)]

    if not text.startswith(GENERATED_MARK):
        return finding(
            "MLD051",
            f"{md.name} next to the document was not written by mldwizard, and every save of "
            f"{document.name} will refuse to replace it: move it away, then write the "
            f"document's Markdown with {fix}",
        )
    try:
        name = real_path(document).name
    except MldwizardError:  # a symlink loop: the document did not load either
        name = document.name
    source = marked_source(md, text.encode("utf-8"))
    if source is not None and not same_file(source, document) and is_a_document(source):
        return finding(
            "MLD051",
            f"{md.name} next to the document is the Markdown of another document, "
            f"{source}, not of {document.name}: write the document's own with {fix} (an "
            f"export of the other one goes to another file)",
        )
    # The first line names the TOML: after a rename (git mv of both files) it names the old
    # name, and that alone is no reason to warn.
    lines = _comparable(text)[1:]
    rendered = _comparable(render_markdown(doc, specs, source=name))[1:]
    if lines == rendered:
        return []
    if source is not None and source.name != name and _title(lines) != _title(rendered):
        # Another name and another title: not this document's Markdown from before a rename,
        # but another one's (an export written through a link, a copy), whose source is
        # elsewhere or gone: not a sign that the TOML was changed by hand.
        return finding(
            "MLD051",
            f"{md.name} next to the document is not its Markdown: its first line says it "
            f"was rendered from {source.name}, and its title is not {document.name}'s (the "
            "Markdown of another document, or of this one before it was renamed and "
            f"retitled): write the document's own with {fix}",
        )
    if (
        DRAFT_PLACEHOLDER in text
        and lines == _comparable(render_markdown(doc, specs, draft=True, source=name))[1:]
    ):
        return finding(
            "MLD051",
            f"{md.name} next to the document is the draft (`export --draft`), not the "
            f"reader's document: write the reader's document with {fix} (the draft goes to "
            "another file, such as -o "
            f"{document.with_name(document.stem + '.draft.md')})",
        )
    line = _first_difference(lines, rendered) + 1
    details["markdown_line"] = str(line)
    return finding(
        "MLD050",
        f"{md.name} next to the document is out of date: from its line {line} on it is not "
        f"what {document.name} renders now (the TOML was changed outside mldwizard, by hand "
        f"or by a merge or rebase, or by another mldwizard version): regenerate it with "
        f"{fix} and commit it",
    )


def _read_text(md: Path) -> str | None:
    """The text of ``md`` when it is a regular file (a FIFO or a device is never opened)."""
    try:
        if not stat.S_ISREG(md.stat().st_mode):
            return None
        data = md.read_bytes()
    except (OSError, RuntimeError):
        return None
    return data.decode("utf-8", "replace").removeprefix("\ufeff")


def _comparable(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _title(lines: list[str]) -> str | None:
    """The document's title line (``# Title``), the first heading of a rendering."""
    return next((line for line in lines if line.startswith("# ")), None)


def _first_difference(a: list[str], b: list[str]) -> int:
    """The first line (from 1) where ``a`` and ``b`` differ."""
    for number, (x, y) in enumerate(zip(a, b, strict=False), start=1):
        if x != y:
            return number
    return min(len(a), len(b)) + 1
