"""A document that does not load, as ``check`` findings (MLD015) with a file and a line.

``check`` of several documents reports a broken one among the others' findings, in every
output format, instead of stopping at it. Each problem of the load error becomes one
finding, on the line it names (a TOML syntax error) or on the line of the field it names
(``chapters.metrics.revision``), when that can be found.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from .checks import Finding
from .errors import MldwizardError

CODE = "MLD015"
_AT = re.compile(r"^:(\d+)(?::(\d+))?: ")
_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")
_KEY = re.compile(r'^\s*"?([^"=]*?)"?\s*=')
# A name shortened for a message (core/names.py): its start, then its length.
_SHORTENED = re.compile(r"…\((\d{1,3}(?:,\d{3})*) characters\)")
_STEP = re.compile(r"^(?:chapters\.([^.\s:]+)|(gate|feasibility))(?:[.:\[]|$)")


def unloadable_findings(path: Path, error: MldwizardError) -> list[Finding]:
    name = str(path)
    lines: TomlLines | None = None
    try:
        if path.is_file():  # never a FIFO or a device: reading one could block
            lines = TomlLines(path.read_text(encoding="utf-8", errors="replace"))
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
        if "line" not in details and lines is not None:
            line = lines.field_line(problem.partition(": ")[0])
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
    return TomlLines(text).field_line(location)


class TomlLines:
    """A TOML text's lines, indexed once: where each table header is, and the keys of each
    table, so that finding the line of any number of fields takes one pass (a document
    with 10,000 broken tables is 10,000 look-ups, not 10,000 reads of the file)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.first: dict[str, int] = {}  # table -> its first [table] or [[table]] header
        self.arrays: dict[str, list[int]] = {}  # table -> its [[table]] headers, in order
        self.bounds: list[int] = []  # every line that starts with "[", in order
        self.keys: dict[int, dict[str, int]] = {}  # first line of a block -> key -> line
        for i, line in enumerate(self.lines):
            if not line.lstrip().startswith("["):
                continue
            self.bounds.append(i)
            header = line.strip().split("#", 1)[0].strip().replace(" ", "")
            if header.startswith("[[") and header.endswith("]]"):
                self.first.setdefault(header[2:-2], i)
                self.arrays.setdefault(header[2:-2], []).append(i)
            elif header.startswith("[") and header.endswith("]"):
                self.first.setdefault(header[1:-1], i)

    def field_line(self, location: str) -> int | None:
        parts: list[tuple[str, int | None]] = []
        for name, index in _PART.findall(location.strip()):
            if not name or name.startswith(" "):
                return None
            numbers = re.findall(r"\d+", index)
            parts.append((name, int(numbers[0]) if numbers else None))
        if not parts:
            return None
        for k in range(len(parts), -1, -1):
            table = ".".join(name for name, _ in parts[:k])
            start = self._table_start(table, parts[k - 1][1] if k else None)
            if start is None:
                continue
            if k < len(parts):
                keys = self._keys(start + (1 if k else 0))
                name = parts[k][0]
                if _SHORTENED.search(name):
                    name = next((key for key in keys if _same(key, name)), name)
                found = keys.get(name)
                if found is not None:
                    return found + 1
            return start + 1 if k else None
        return None

    def _table_start(self, table: str, index: int | None) -> int | None:
        """Index of the ``[table]`` (or the index-th ``[[table]]``) header; 0 for the top."""
        if not table:
            return 0
        if _SHORTENED.search(table):  # a long name, as messages show it: look for it
            table = next((t for t in self.first if _same(t, table)), table)
        if index is None:
            return self.first.get(table)
        headers = self.arrays.get(table, [])
        return headers[index] if index < len(headers) else None

    def _keys(self, start: int) -> dict[str, int]:
        """The keys from line ``start`` to the next line that starts with "[" (each block
        read once, then remembered)."""
        keys = self.keys.get(start)
        if keys is None:
            keys = {}
            after = bisect.bisect_left(self.bounds, start)
            stop = self.bounds[after] if after < len(self.bounds) else len(self.lines)
            for i in range(start, stop):
                found = _KEY.match(self.lines[i])
                if found:
                    keys.setdefault(found[1], i)
            self.keys[start] = keys
        return keys


def _same(name: str, shown: str) -> bool:
    """Whether ``shown`` is ``name`` (a dotted table name or a key) as a message shows it,
    each long part cut to its start and its length."""
    names, parts = name.split("."), shown.split(".")
    if len(names) != len(parts):
        return False
    for whole, part in zip(names, parts, strict=True):
        cut = _SHORTENED.search(part)
        if cut is None:
            if whole != part:
                return False
        elif not (
            cut.end() == len(part)
            and whole.startswith(part[: cut.start()])
            and len(whole) == int(cut[1].replace(",", ""))
        ):
            return False
    return True
