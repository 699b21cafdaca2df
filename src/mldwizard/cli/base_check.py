"""``mldwizard check --base REF``: each document's findings on this branch (the rules are
in :mod:`mldwizard.core.branch_check`)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..core.branch_check import findings_on_branch
from ..core.checks import Finding
from ..core.companion_checks import markdown_findings
from ..core.errors import MldwizardError, UsageError
from ..core.storage import load_document
from ..core.workspace import specs_for


def on_branch(
    args: argparse.Namespace,
    documents: list[Path],
    unloadable: dict[Path, MldwizardError],
    moment: dt.datetime,
) -> dict[Path, list[Finding]]:
    """The findings of every document that loads; one that does not goes in ``unloadable``
    (an MLD015 finding, exit 2). A git problem (no repository, REF unknown, a shallow clone
    that does not reach REF) raises: exit 2 with what to do."""
    repo = Path(args.repo) if args.repo else None
    if repo is not None and not repo.is_dir():
        raise UsageError(f"{repo}: --repo must be a folder")
    extra = [Path(d) for d in args.specs]
    out: dict[Path, list[Finding]] = {}
    for path in documents:
        try:
            specs = specs_for(path, extra)
            doc = load_document(path, specs)
        except MldwizardError as exc:
            unloadable[path] = exc
            continue
        out[path] = findings_on_branch(path, doc, specs, args.base, repo, moment)
        out[path] += markdown_findings(path, doc, specs)
    return out
