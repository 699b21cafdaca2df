"""``check``'s outputs for CI: GitHub annotations and step summary, SARIF, JUnit XML.

No Textual here (``check`` must start fast in CI); text and JSON stay in cli/living.py.
"""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from .. import __version__
from ..core.checks import Finding, fails
from ..core.errors import MldwizardError
from ..core.finding_lines import chapter_lines, finding_line
from ..core.finding_order import by_importance, severity_counts
from ..core.health import DocumentHealth
from ..core.workspace import specs_for
from .out import clean, json_text, say

CI_FORMATS = ("github", "sarif", "junit")
_KIND = {"error": "error", "warning": "warning", "info": "notice"}  # annotation per severity

ANNOTATIONS_PER_KIND = 10
"""GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per
job; GitHub's documentation of problem matchers, "Limitations", in actions/toolkit); the
others stay in the log only. So findings are printed most important first
(core/finding_order.py), and the step summary lists them all."""


def print_ci_format(
    args: argparse.Namespace,
    documents: list[Path],
    findings: list[Finding],
    healths: dict[Path, DocumentHealth],
) -> None:
    """Print ``findings`` in ``args.format``, one of :data:`CI_FORMATS`. ``healths`` holds
    the documents checked over their whole history; ``check --base`` computes none (it asks
    git only about the branch), so a document without one is read from its specs."""
    if args.format == "github":
        print_github(args, documents, findings)
    elif args.format == "sarif":
        from ..core.sarif import repository_root, sarif_log

        roots: dict[str, Path | None] = {}
        for path in documents:
            health = healths.get(path)
            if health is not None and health.repo is not None:
                roots[str(path)] = health.repo.root
            else:
                roots[str(path)] = repository_root(Path(args.repo) if args.repo else path)
        print(json_text(sarif_log(findings, roots, __version__, Path.cwd())))
    elif args.format == "junit":
        from ..core.junit import junit_xml

        chapters = {str(p): _chapters(args, p, healths) for p in documents}
        print(junit_xml([str(p) for p in documents], findings, chapters, args.fail_on))
    else:  # pragma: no cover - argparse's choices keep other formats out
        raise ValueError(args.format)


def print_github(args: argparse.Namespace, documents: list[Path], findings: list[Finding]) -> None:
    """Workflow commands, the most important first; a count of what GitHub will not show;
    the step summary when ``$GITHUB_STEP_SUMMARY`` names a file."""
    lines = {str(p): chapter_lines(p) for p in documents}
    for finding in by_importance(findings):
        print(github_annotation(finding, finding_line(finding, lines.get(finding.document))))
    written = False
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        from ..core.step_summary import step_summary

        summary = step_summary(
            [str(p) for p in documents],
            findings,
            limit=ANNOTATIONS_PER_KIND,
            failed=fails(findings, args.fail_on),
            fail_on=args.fail_on,
            command=clean(reproduce_command(args, documents)),
        )
        written = append_summary(Path(target), summary)
    counts = severity_counts(findings)
    left_out = {s: n - ANNOTATIONS_PER_KIND for s, n in counts.items() if n > ANNOTATIONS_PER_KIND}
    if left_out:
        kinds = ", ".join(f"{n} {_KIND[s]}(s)" for s, n in left_out.items())
        where = "this log and the step summary" if written else "this log"
        say(
            f"mldwizard check: GitHub shows the first {ANNOTATIONS_PER_KIND} annotations of "
            f"each kind per step; not shown there: {kinds} (all are in {where})"
        )
    say(
        f"mldwizard check: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info in {len(documents)} document(s)"
    )


def github_annotation(finding: Finding, line: int | None) -> str:
    """A GitHub Actions workflow command (::error file=...::message)."""
    props = [f"file={_escape_property(finding.document)}"]
    if line is not None:
        props.append(f"line={line}")
    title = f"{finding.code} {finding.chapter}" if finding.chapter else finding.code
    props.append(f"title={_escape_property(title)}")
    return clean(f"::{_KIND[finding.severity]} {','.join(props)}::{_escape_data(finding.message)}")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def reproduce_command(args: argparse.Namespace, documents: list[Path]) -> str:
    """The ``mldwizard check`` command line that shows the same findings in a terminal."""
    words = ["mldwizard", "check", *(str(p) for p in documents)]
    if args.repo:
        words += ["--repo", str(args.repo)]
    for folder in args.specs:
        words += ["--specs", str(folder)]
    base = getattr(args, "base", None)  # `check --base REF`, where the command has it
    if base:
        words += ["--base", str(base)]
    if args.fail_on != "error":
        words += ["--fail-on", args.fail_on]
    return shlex.join(words)


def append_summary(target: Path, summary: str) -> bool:
    """Append ``summary`` to the step summary file in one write; False when it cannot be:
    a warning on stderr, never the check's failure (the annotations and the log still hold
    every finding)."""
    try:
        if target.exists() and not target.is_file():  # never a FIFO: opening one could block
            raise OSError(f"{target} is not a regular file")
        with target.open("a", encoding="utf-8") as handle:
            handle.write(summary + "\n")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        say(f"mldwizard: warning: cannot write the step summary to {target}: {reason}", err=True)
        return False
    return True


def _chapters(
    args: argparse.Namespace, path: Path, healths: dict[Path, DocumentHealth]
) -> list[str]:
    """The steps of a document, in order (a JUnit testcase each)."""
    if path in healths:
        return [s.step.slug for s in healths[path].steps]
    try:
        specs = specs_for(path, [Path(d) for d in args.specs])
    except MldwizardError:
        return []  # a document that does not load: its MLD015 is a document-level testcase
    return [step.slug for step in specs.steps]
