"""``check`` findings as a SARIF 2.1.0 log, for code-scanning tools (GitHub code scanning
takes it with ``github/codeql-action/upload-sarif``).

One run; a rule for every code that appears (its short description from core/codes.py, its
help the README's section that explains it: :data:`HELP`); a result per finding, on the
document (or on the file a finding is about: ``details.file``, or the CODEOWNERS line of an
MLD046; core/finding_lines.py) relative to the repository root, at the line of the finding or
of its chapter when known, else on line 1 (GitHub code scanning shows no result without a
line). The code files a finding names (``details.files``, e.g. the files of a drift or of an
MLD040) are its related locations.

``partialFingerprints`` tell a tool that two runs found the same thing, so they must not change
while the finding stays the same, however the branch moves on: they hash the code, the
document, the chapter and what names the finding's subject in its details (:data:`IDENTITY`:
the review item, the question, the comment thread, the file, the CODEOWNERS line...), never
its message (it holds counts, dates, commit subjects, shas and file lists that change with
every push), nor the line in the document (an edit above moves it). Findings alike in all of
these are told apart by their rank among them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .checks import Finding
from .codes import CODES
from .finding_lines import chapter_lines, finding_file, finding_line
from .repo_paths import absolute_path, git_path, relative_path
from .repo_paths import repository_root as repository_root

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
HOME = "https://pypi.org/project/mldwizard/"
"""Where the project's README is read (``informationUri``; each rule's ``helpUri`` is a
section of it). The one place to set it: a repository's page (``https://github.com/ORG/
mldwizard``, whose README section links work) or wherever the package is published."""
HELP = {
    **dict.fromkeys(("MLD040", "MLD041"), "on-a-pull-request"),
    **dict.fromkeys(("MLD045", "MLD046"), "owners-from-codeowners"),
}
"""The README section (its anchor) that explains a code, when it is not the table of codes in
"Keeping the document alive" (:data:`CODES_HELP`)."""
CODES_HELP = "keeping-the-document-alive"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "mldwizardFinding/v1"
IDENTITY = (
    "item",  # a review, feasibility or stage-gate item
    "question",  # a question (MLD026, the lint, MLD120)
    "silenced",  # the silenced code of a stale silence (MLD120)
    "thread",  # a review comment thread (MLD031)
    "link",  # a feasibility item's link (MLD019)
    "ref",  # a feasibility item's answer reference (MLD019)
    "file",  # the code file a finding is about
    "codeowners",  # the CODEOWNERS file (MLD045, MLD046)
    "codeowners_line",  # the CODEOWNERS line GitHub skips (MLD046)
    "new_in_v2",  # MLD001's questions new in question set v2, beside its other MLD001
)
"""The details that name what a finding is about (with its code, document and chapter)."""


def help_uri(code: str) -> str:
    """The README section that explains ``code``."""
    return f"{HOME}#{HELP.get(code, CODES_HELP)}"


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
        about = finding_file(finding)
        location: dict[str, Any]
        # GitHub code scanning shows a result only with a region's startLine: a finding
        # about a whole file (no chapter, no line known) is put on its first line.
        if about is not None:
            region_of_file = {"startLine": about[1]}
            location = {"artifactLocation": {"uri": code_uri(about[0])}, "region": region_of_file}
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
                                "helpUri": help_uri(code),
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
    named = [f"{k}={finding.details[k]!r}" for k in IDENTITY if finding.details.get(k) is not None]
    return "\0".join((finding.code, document, finding.chapter or "", *named))


def artifact_uri(path: Path, root: Path | None, cwd: Path) -> str:
    """``path`` as a URI relative to ``root`` (the repository), else to ``cwd``, else absolute."""
    relative = relative_path(path, root, cwd)
    if relative is None:
        return absolute_path(path, cwd).as_uri()
    return quote(relative, errors="surrogateescape")


def code_uri(relative: str) -> str:
    """A path git gave, relative to the repository root, as a relative URI."""
    return quote(git_path(relative), errors="surrogateescape")
