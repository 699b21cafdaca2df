"""A document that does not load, as ``check`` findings (MLD015) with a file and a line.

``check`` of several documents reports a broken one among the others' findings, in every
output format, instead of stopping at it. Each problem of the load error becomes one
finding, on the line it names (a TOML syntax error) or on the line of the field it names
(``chapters.metrics.revision``), when that can be found.
"""

from __future__ import annotations

import re
from pathlib import Path

from .checks import Finding
from .errors import MldwizardError

CODE = "MLD015"
_AT = re.compile(r"^:(\d+)(?::(\d+))?: ")
_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_STEP = re.compile(r"^(?:chapters\.([^.\s:]+)|(gate|feasibility))(?:[.:\[]|$)")


def unloadable_findings(path: Path, error: MldwizardError) -> list[Finding]:
    name = str(path)
    text: str | None = None
    try:
        if path.is_file():  # never a FIFO or a device: reading one could block
            text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        pass
    out: list[Finding] = []
    for problem in str(error).splitlines() or [str(error)]:
        details: dict[str, int] = {}
        if problem.startswith(name):
            rest = problem[len(name) :]
            at = _AT.match(rest)
            if at:
                details["line"] = int(at[1])
                if at[2]:
                    details["column"] = int(at[2])
                problem = rest[at.end() :]
            elif rest.startswith(": "):
                problem = rest[2:]
        if "line" not in details and text is not None and "(at end of document)" in problem:
            details["line"] = max(1, len(text.splitlines()))
        elif "line" not in details and text is not None:
            line = field_line(text, problem.partition(": ")[0])
            if line is not None:
                details["line"] = line
        step = _STEP.match(problem)
        chapter = (step[1] or step[2]) if step else None
        out.append(
            Finding(CODE, "error", name, chapter, f"does not load: {problem}", dict(details))
        )
    return out


def field_line(text: str, location: str) -> int | None:
    """The line of ``location`` (``chapters.metrics.revision``, ``people[1].handle``) in
    a TOML text: its key, else its table's header; None when neither is found."""
    parts: list[tuple[str, int | None]] = []
    for name, index in _PART.findall(location.strip()):
        if not name or name.startswith(" "):
            return None
        numbers = re.findall(r"\d+", index)
        parts.append((name, int(numbers[0]) if numbers else None))
    if not parts:
        return None
    lines = text.splitlines()
    for k in range(len(parts), -1, -1):
        table = ".".join(name for name, _ in parts[:k])
        start = _table_start(lines, table, parts[k - 1][1] if k else None)
        if start is None:
            continue
        if k < len(parts):
            key = re.compile(rf"^\s*\"?{re.escape(parts[k][0])}\"?\s*=")
            for i in range(start + (1 if k else 0), len(lines)):
                if lines[i].lstrip().startswith("["):
                    break
                if key.match(lines[i]):
                    return i + 1
        return start + 1 if k else None
    return None


def _table_start(lines: list[str], table: str, index: int | None) -> int | None:
    """Index of the ``[table]`` (or the index-th ``[[table]]``) header; 0 for the top."""
    if not table:
        return 0
    seen = 0
    for i, line in enumerate(lines):
        header = line.strip().split("#", 1)[0].strip()
        if index is None and header.replace(" ", "") == f"[{table}]":
            return i
        if header.replace(" ", "") == f"[[{table}]]":
            if index is None or seen == index:
                return i
            seen += 1
    return None
