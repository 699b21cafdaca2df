"""The order in which ``check`` findings are worth reading, for outputs that are cut short.

GitHub shows only the first annotations of each kind a step prints (see cli/check_github.py),
so the most important must come first. The order:

1. severity: errors, then warnings, then info;
2. within a severity, MLD015 first (a document that does not load hides every other finding
   it would have), then by code: the low codes are about the document's structure and
   upkeep (required answers, owners, drift, verdicts, reviews), the MLD1xx lint about the
   wording of single answers comes after them;
3. within a code, as ``check`` found them: documents in the order given on the command line,
   chapters in the document's order (the sort is stable).
"""

from __future__ import annotations

from collections.abc import Iterable

from .checks import Finding

SEVERITIES = ("error", "warning", "info")
FIRST = ("MLD015",)  # a document that does not load: nothing else of it was checked


def by_importance(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` most important first (the order above); equal ones keep their order."""
    return sorted(
        findings,
        key=lambda f: (SEVERITIES.index(f.severity), f.code not in FIRST, f.code),
    )


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity: ``{"error": n, "warning": n, "info": n}``."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
