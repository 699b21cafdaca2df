"""The Markdown summary of every ``check`` finding, for a CI job's page (GitHub's
``$GITHUB_STEP_SUMMARY``): counts, one table per document, what the annotations left out and
the command that shows the same findings locally."""

from __future__ import annotations

import re

from .checks import Finding
from .finding_order import SEVERITIES, by_importance, severity_counts
from .mdsafe import as_code_block, inline, normalise

KIND = {"error": "error", "warning": "warning", "info": "notice"}  # GitHub's annotation kinds
BUDGET = 1_000_000
"""Bytes the summary may take: GitHub keeps at most 1 MiB of step summary per step and
shows none of it beyond that; rows past the budget are counted, not listed."""
_CODE = re.compile(r"`([^`]+)`")  # a command in a message: `mldwizard ack ...`


def cell(text: str) -> str:
    """User text in a Markdown table cell: on one line (a line break is ``<br>``), its pipes
    and every character Markdown or HTML would act on escaped, except that what a message
    quotes in backticks (a command to run) stays a code span."""
    return "<br>".join(_cell_line(line) for line in text.splitlines() or [""])


def _cell_line(line: str) -> str:
    flat = " ".join(normalise(line).split())
    out: list[str] = []
    at = 0
    for match in _CODE.finditer(flat):
        out.append(_escaped(flat[at : match.start()]))
        out.append(code_span(match[1]))
        at = match.end()
    out.append(_escaped(flat[at:]))
    return "".join(out)


def _escaped(text: str) -> str:
    """``text`` escaped by :func:`inline`, keeping the spaces around it (next to code)."""
    if not text.strip():
        return text
    lead = " " if text.startswith(" ") else ""
    return lead + inline(text) + (" " if text.endswith(" ") else "")


def code_span(code: str) -> str:
    """``code`` (no backtick in it) as a code span in a table cell: a pipe is escaped, which
    GitHub's table rule takes out again before the span is read."""
    padded = f" {code} " if code.startswith(" ") or code.endswith(" ") else code
    return "`" + padded.replace("|", "\\|") + "`"


def step_summary(
    documents: list[str],
    findings: list[Finding],
    *,
    limit: int,
    failed: bool,
    fail_on: str,
    command: str,
) -> str:
    """The summary of ``findings`` in ``documents``; ``limit``: the annotations of each kind
    the CI shows (the rest are counted as left out); ``command``: how to reproduce."""
    counts = severity_counts(findings)
    out = [
        "## mldwizard check",
        "",
        f"**{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info** "
        f"in {len(documents)} document(s): "
        + (f"fails (`--fail-on {fail_on}`)." if failed else f"passes (`--fail-on {fail_on}`)."),
        "",
    ]
    left_out = {s: counts[s] - limit for s in SEVERITIES if counts[s] > limit}
    if left_out:
        said = ", ".join(f"{n} {KIND[s]}(s)" for s, n in left_out.items())
        out += [
            f"Not shown as annotations (GitHub shows the first {limit} of each kind per "
            f"step, the most important first): {said}. Every finding is in the tables below.",
            "",
        ]
    size = sum(len(line.encode("utf-8")) + 1 for line in out)
    reproduce = ["Reproduce locally:", "", as_code_block(command), ""]
    size += sum(len(line.encode("utf-8")) + 1 for line in reproduce)
    unlisted, full = 0, False
    for document in documents:
        mine = by_importance(f for f in findings if f.document == document)
        head = [f"### {cell(document)}: {len(mine)} finding(s)", ""]
        if mine:
            head += ["| severity | code | chapter | message |", "| --- | --- | --- | --- |"]
        rows = [
            f"| {f.severity} | {f.code} | {cell(f.chapter or '-')} | {cell(f.message)} |"
            for f in mine
        ]
        block = head
        size += sum(len(line.encode("utf-8")) + 1 for line in head) + 1
        for n, row in enumerate(rows):
            cost = len(row.encode("utf-8")) + 1
            if full or size + cost > BUDGET - 200:  # room for the line that counts the rest
                full = True
                unlisted += len(rows) - n
                break
            block.append(row)
            size += cost
        out += [*block, ""]
    if unlisted:
        out += [
            f"{unlisted} more finding(s) not listed: the summary is kept under GitHub's "
            "1 MiB; the command below shows them all.",
            "",
        ]
    return "\n".join(out + reproduce)
