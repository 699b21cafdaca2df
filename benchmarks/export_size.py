#!/usr/bin/env python
"""How much of the bundled example's reader export is the authors' text, and how much is structure.

Issue 11 asked that the reader Markdown of the bundled example be "at most about two thirds of
today's bytes for the same content, because the noise is gone, not the content". This prints:

  (a) the current example: bytes and lines of `mldwizard export`, the bytes of text its authors
      wrote (answers; the checklists' notes, conditions, waivers and links; the step links), and
      the rest, which is structure (headings, labels, verdicts, people, status, the summary of
      reviews and the recent changes);
  (b) when run inside a git checkout that has commit e4184be (the example as it was when the
      issue was filed), the same figures for that content rendered by today's code, next to
      what the code of that time wrote for it: 144,872 bytes and 1,390 lines, measured by
      running `mldwizard export` in a worktree of e4184be.

Usage:  python benchmarks/export_size.py

Standard library, git (optional) and the mldwizard package only. Exits 0 on success.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from mldwizard.cli import main as cli_main

AS_FILED_COMMIT = "e4184be"
AS_FILED_PATH = "src/mldwizard/examples/ticket-routing.toml"
AS_FILED_EXPORT_BYTES = 144_872
AS_FILED_EXPORT_LINES = 1_390

# What a step holds that its authors wrote and the reader's document shows as written. Review
# marks, comments and approvals are left out (the reader shows a summary of them), so they count
# as structure, as do headings, labels, verdicts, people and status tables.
STEP_TEXT = frozenset(
    {"answers", "items", "links", "scope", "override_reason", "moved_despite", "waiver"}
)
# Inside those: strings that are not text an author wrote (states, handles, references).
NOT_AUTHORED = frozenset({"status", "owner", "owners", "refs"})
STEP_TABLES = ("chapters", "stage_gates")
SINGLE_STEPS = ("gate", "feasibility")


def authored_bytes(value: Any, key: str = "") -> int:
    """UTF-8 bytes of every string under value, skipping the keys in NOT_AUTHORED."""
    if key in NOT_AUTHORED:
        return 0
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, dict):
        return sum(authored_bytes(v, k) for k, v in value.items())
    if isinstance(value, list):
        return sum(authored_bytes(v, key) for v in value)
    return 0


def step_authored_bytes(step: dict[str, Any]) -> int:
    return sum(authored_bytes(value, key) for key, value in step.items() if key in STEP_TEXT)


def document_authored_bytes(path: Path) -> int:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    steps = [data.get(name, {}) for name in SINGLE_STEPS]
    for table in STEP_TABLES:
        steps.extend(data.get(table, {}).values())
    return sum(step_authored_bytes(step) for step in steps)


def export(doc: Path) -> bytes:
    out = doc.with_suffix(".reader.md")
    code = cli_main(["export", str(doc), "-o", str(out)])
    if code != 0:
        raise SystemExit(f"export of {doc} failed with exit code {code}")
    return out.read_bytes()


def report(label: str, doc: Path) -> tuple[int, int]:
    text = export(doc)
    size, lines = len(text), text.count(b"\n")
    authored = document_authored_bytes(doc)
    structure = size - authored
    print(f"{label}")
    print(f"  reader export:        {size:>9,} bytes {lines:>6,} lines")
    print(f"  authors' text:        {authored:>9,} bytes")
    print(f"  structure:            {structure:>9,} bytes ({structure / authored:.1%} of the text)")
    return size, authored


def as_filed_example(folder: Path) -> Path | None:
    try:
        shown = subprocess.run(
            ["git", "show", f"{AS_FILED_COMMIT}:{AS_FILED_PATH}"],
            capture_output=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    path = folder / "as-filed.toml"
    path.write_bytes(shown.stdout)
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        current = folder / "example.toml"
        code = cli_main(["new", str(current), "--example", "--no-input"])
        if code != 0:
            raise SystemExit(f"mldwizard new --example failed with exit code {code}")
        report("The bundled example today, rendered today", current)
        old = as_filed_example(folder)
        if old is None:
            print(f"\n(no git history with {AS_FILED_COMMIT}: the as-filed comparison is skipped)")
            return 0
        print()
        size, authored = report(f"The example as filed ({AS_FILED_COMMIT}), rendered today", old)
        old_structure = AS_FILED_EXPORT_BYTES - authored
        target = AS_FILED_EXPORT_BYTES * 2 // 3
        print(f"\nThe same content as exported when the issue was filed ({AS_FILED_COMMIT}'s code)")
        print(
            f"  reader export:        {AS_FILED_EXPORT_BYTES:>9,} bytes "
            f"{AS_FILED_EXPORT_LINES:>6,} lines"
        )
        print(f"  structure:            {old_structure:>9,} bytes ({old_structure / authored:.1%})")
        print(f"  today / then:         {size / AS_FILED_EXPORT_BYTES:>9.1%}")
        print(f"  structure today/then: {(size - authored) / old_structure:>9.1%}")
        print(f"  two thirds of then:   {target:>9,} bytes")
        print(f"  the authors' text:    {authored:>9,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
