"""``check`` findings as a SARIF 2.1.0 log, for code-scanning tools (GitHub code scanning
takes it with ``github/codeql-action/upload-sarif``).

One run; a rule for every code that appears (its short description from core/codes.py, its
help the README's table of codes); a result per finding, on the document (or on the code file
a finding is about: ``details.file``) relative to the repository root, at the line of the
finding or of its chapter when known, else on line 1 (GitHub code scanning shows no result
without a line). The code files a finding names (``details.files``, e.g.
the files of a drift) are its related locations.

``partialFingerprints`` tell a tool that two runs found the same thing, so they must not change
when nothing but time passed: they hash the code, the document, the chapter and the message
with its numbers and commit ids blanked (MLD004's "12 day(s) ago" is tomorrow's "13 day(s)
ago"), never the line (an edit above moves it). Findings alike in all of these are told apart
by their rank among them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .checks import Finding
from .codes import CODES
from .finding_lines import chapter_lines, finding_line

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
HOME = "https://pypi.org/project/mldwizard/"
"""The project's public page (its README): the one place to change for another home."""
CODES_HELP = HOME + "#keeping-the-document-alive"  # the README's table of codes
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "mldwizardFinding/v1"
_COMMIT = re.compile(r"\b[0-9a-f]{7,40}\b")
_NUMBER = re.compile(r"\d+")


def sarif_log(
    findings: list[Finding], roots: dict[str, Path | None], version: str, cwd: Path
) -> dict[str, Any]:
    """The log of ``findings``; ``roots``: each document's repository root (None: not in one,
    then paths are relative to ``cwd`` when under it, else absolute ``file:`` URIs)."""
    codes = sorted({f.code for f in findings})
    index = {code: i for i, code in enumerate(codes)}
    lines: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    results = []
    for finding in findings:
        root = roots.get(finding.document)
        document = artifact_uri(Path(finding.document), root, cwd)
        if finding.document not in lines:
            lines[finding.document] = chapter_lines(Path(finding.document))
        about = finding.details.get("file")
        location: dict[str, Any]
        # GitHub code scanning shows a result only with a region's startLine: a finding
        # about a whole file (no chapter, no line known) is put on its first line.
        if isinstance(about, str) and about:
            location = {"artifactLocation": {"uri": code_uri(about)}, "region": {"startLine": 1}}
        else:
            line = finding_line(finding, lines[finding.document])
            region: dict[str, int] = {"startLine": line if line is not None and line >= 1 else 1}
            column = finding.details.get("column")  # MLD015: where TOML broke
            if line == finding.details.get("line") and isinstance(column, int) and column >= 1:
                region["startColumn"] = column
            location = {"artifactLocation": {"uri": document}, "region": region}
        key = fingerprint_key(finding, document)
        seen[key] = seen.get(key, 0) + 1
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {
                FINGERPRINT: hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            },
            "properties": {
                "severity": finding.severity,
                "document": finding.document,
                "chapter": finding.chapter,
                "details": finding.details,
            },
        }
        files = finding.details.get("files")
        if isinstance(files, list) and files and all(isinstance(f, str) for f in files):
            result["relatedLocations"] = [
                {"id": i, "physicalLocation": {"artifactLocation": {"uri": code_uri(f)}}}
                for i, f in enumerate(files)
            ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mldwizard",
                        "version": version,
                        "informationUri": HOME,
                        "rules": [
                            {
                                "id": code,
                                "shortDescription": {"text": CODES.get(code, code)},
                                "helpUri": CODES_HELP,
                            }
                            for code in codes
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",  # TOML parsers count characters
                "results": results,
            }
        ],
    }


def fingerprint_key(finding: Finding, document: str) -> str:
    """What stays the same while a finding stays the same (see the module's docstring)."""
    message = _NUMBER.sub("0", _COMMIT.sub("<commit>", finding.message))
    return "\0".join((finding.code, document, finding.chapter or "", message))


def artifact_uri(path: Path, root: Path | None, cwd: Path) -> str:
    """``path`` as a URI relative to ``root`` (the repository), else to ``cwd``, else absolute."""
    absolute = _absolute(path, cwd)
    for base in (root, cwd):
        if base is None:
            continue
        try:
            return quote(
                absolute.relative_to(_absolute(base, cwd)).as_posix(), errors="surrogateescape"
            )
        except ValueError:
            continue
    return absolute.as_uri()


def code_uri(relative: str) -> str:
    """A path git gave, relative to the repository root, as a relative URI."""
    return quote(relative.replace("\\", "/").lstrip("/"), errors="surrogateescape")


def repository_root(start: Path) -> Path | None:
    """The nearest folder from ``start`` up that holds ``.git`` (a folder, or the file of a
    worktree or submodule), without running git; None when there is none."""
    try:
        folder = start.resolve()
    except (OSError, RuntimeError):
        return None
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        try:
            if (candidate / ".git").exists():
                return candidate
        except OSError:
            return None
    return None


def _absolute(path: Path, cwd: Path) -> Path:
    try:
        return (cwd / path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return cwd / path
