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
from ..core.finding_lines import chapter_lines, finding_file, finding_line
from ..core.finding_order import by_importance, severity_counts
from ..core.health import DocumentHealth
from ..core.repo_paths import git_path, relative_path, repository_root
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
        print_github(args, documents, findings, document_roots(args, documents, healths))
    elif args.format == "sarif":
        from ..core.sarif import sarif_log

        roots = document_roots(args, documents, healths)
        print(json_text(sarif_log(findings, roots, __version__, Path.cwd())))
    elif args.format == "junit":
        from ..core.junit import junit_xml

        chapters = {str(p): _chapters(args, p, healths) for p in documents}
        print(junit_xml([str(p) for p in documents], findings, chapters, args.fail_on))
    else:  # pragma: no cover - argparse's choices keep other formats out
        raise ValueError(args.format)


def document_roots(
    args: argparse.Namespace, documents: list[Path], healths: dict[Path, DocumentHealth]
) -> dict[str, Path | None]:
    """The repository root of each document (``--repo``'s when given), as the outputs that
    name files relative to it need; None for a document in no repository."""
    roots: dict[str, Path | None] = {}
    for path in documents:
        health = healths.get(path)
        if health is not None and health.repo is not None:
            roots[str(path)] = health.repo.root
        else:
            roots[str(path)] = repository_root(Path(args.repo) if args.repo else path)
    return roots


def print_github(
    args: argparse.Namespace,
    documents: list[Path],
    findings: list[Finding],
    roots: dict[str, Path | None],
) -> None:
    """Workflow commands, the most important first, then the pointers on code files
    (:func:`pointers`); a count of what GitHub will not show; the step summary when
    ``$GITHUB_STEP_SUMMARY`` names a file. Every ``file=`` is relative to the repository
    root, as GitHub resolves it, from whatever folder the check runs."""
    cwd = Path.cwd()
    lines = {str(p): chapter_lines(p) for p in documents}
    shown = {str(p): shown_path(p, roots.get(str(p)), cwd) for p in documents}
    ordered = by_importance(findings)
    for finding in ordered:
        about = finding_file(finding)
        if about is not None:
            print(github_annotation(finding, git_path(about[0]), about[1]))
        else:
            line = finding_line(finding, lines.get(finding.document))
            print(github_annotation(finding, shown[finding.document], line))
    for finding in ordered:
        pointer = code_file_pointer(finding, roots.get(finding.document), shown, lines)
        if pointer is not None:
            print(pointer)
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


def shown_path(path: Path, root: Path | None, cwd: Path) -> str:
    """``path`` relative to the repository root (else to the current folder, else as given)."""
    relative = relative_path(path, root, cwd)
    return relative if relative is not None else str(path)


POINTED = ("MLD040",)
"""Findings about a document's chapter whose cause is in code files: GitHub shows an
annotation in a pull request's "Files changed" only on a file of its diff, and a branch that
trips MLD040 changed the chapter's code, not the document. So besides the error on the
chapter's line, a notice goes on the first changed code file still in the checkout (line 1),
where the reviewer reads; a notice, so that one finding does not count as two errors (nor
crowd other errors out of GitHub's first 10). It comes after every finding's annotation."""


def code_file_pointer(
    finding: Finding,
    root: Path | None,
    shown: dict[str, str],
    lines: dict[str, dict[str, int]],
) -> str | None:
    """The notice on the first code file of an MLD040 that exists, or None."""
    files = finding.details.get("files")
    if finding.code not in POINTED or root is None or not isinstance(files, list):
        return None
    existing = [f for f in files if isinstance(f, str) and f and (root / git_path(f)).is_file()]
    if not existing:
        return None
    document = shown[finding.document]
    line = finding_line(finding, lines.get(finding.document))
    where = f"{document} line {line}" if line is not None else document
    title = f"{finding.code} {finding.chapter}" if finding.chapter else finding.code
    message = (
        f"this branch changes this file, under the code paths of the chapter "
        f"{finding.chapter} ({where}), and neither updates the chapter nor acknowledges it: "
        f"see the {finding.severity} there"
    )
    props = [f"file={_escape_property(git_path(existing[0]))}", "line=1"]
    props.append(f"title={_escape_property(title)}")
    return clean(f"::notice {','.join(props)}::{_escape_data(message)}")


def github_annotation(finding: Finding, file: str, line: int | None) -> str:
    """A GitHub Actions workflow command (::error file=...::message) on ``file`` (relative
    to the repository root) at ``line``."""
    props = [f"file={_escape_property(file)}"]
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
