"""``check --base REF``: what a branch (a pull request) changes, and only that.

The branch is everything ``HEAD`` has that ``REF`` has not: the commits in ``REF..HEAD``
and, on top, what is changed in the working tree or the index but not committed yet (CI
checks out the branch head, where there is none; an author runs the check before
committing). Files git does not track never count (in CI: what the job built). The
document is compared with its version at ``git merge-base REF HEAD``.

* MLD040: a step whose code paths (globs, matched as drift matches them) cover a file the
  branch touches (both names of a rename), while the branch neither updates the step (its
  answers, checklist items or override differ from the merge base's; a step new on the
  branch, or a document new on the branch, counts as updated) nor records a review of it
  (its ``reviewed`` moved: a review, an approval, an ``mldwizard ack``). Steps without
  answers are left out, as for drift: nothing written can be out of date. The document's
  own files (the TOML, its Markdown, backup, lock and unsaved copies) are not code.
* MLD041: the document at the merge base does not load, so no step can be compared.

The ordinary findings are narrowed to what the branch brings: those of a step the branch
updated (it wrote that step: all of it is its business), and any other finding that the
document at the merge base did not already have. Whole-history drift (MLD005) and the
notes on git itself (MLD012 to MLD014) are left out: MLD040 replaces them, and a git
problem ends ``--base`` with exit 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import Finding, check_document
from .document import Document, StepState
from .errors import MldwizardError
from .gitbranch import BranchRange, branch_range, file_at
from .gitlog import Commit, Repo, combined_regex, find_repo
from .health import assess
from .identity import now as clock_now
from .kinds import is_answered
from .locking import lock_path
from .merge import CONTENT_FIELDS
from .specs import NOTES_ID, Specs

NOT_ON_A_BRANCH = frozenset({"MLD005", "MLD012", "MLD013", "MLD014"})
SHOWN_FILES = 5
SHOWN_COMMITS = 3


def stored_steps(doc: Document) -> dict[str, StepState]:
    """Every step the document stores, by slug: chapters, the gate, feasibility, stage gates."""
    steps: dict[str, StepState] = dict(doc.chapters)
    steps["gate"] = doc.gate
    steps["feasibility"] = doc.feasibility
    steps.update(doc.stage_gates)
    return steps


def _normal(path: str) -> str:
    while path.startswith(("./", "/")):
        path = path[2:] if path.startswith("./") else path[1:]
    return path


def chapters_for_files(doc: Document, files: Iterable[str]) -> dict[str, list[str]]:
    """Which steps cover these files: each step slug whose code paths match one of
    ``files`` (repository-relative; ``./`` is ignored), with the files it covers, in the
    order given. Steps that cover none are left out."""
    names = list(dict.fromkeys(_normal(f) for f in files if f.strip()))
    out: dict[str, list[str]] = {}
    for slug, state in stored_steps(doc).items():
        if not any(p.strip() for p in state.code_paths):
            continue
        regex = combined_regex(tuple(state.code_paths))
        hits = [name for name in names if regex.match(name)]
        if hits:
            out[slug] = hits
    return out


def _content(state: StepState) -> dict[str, Any]:
    """What makes a new revision of a step (the same fields as the changelog's)."""
    return state.model_dump(mode="json", include=set(CONTENT_FIELDS))


def _answered(state: StepState) -> bool:
    return any(is_answered(v) for k, v in state.answers.items() if k != NOTES_ID) or bool(
        getattr(state, "items", None)
    )


@dataclass
class BranchChanges:
    """What the branch did to one document."""

    range: BranchRange
    base_doc: Document | None
    """The document at the merge base (None: it did not exist there, or does not load)."""
    base_problem: str | None = None
    updated: set[str] = field(default_factory=set)
    """Steps whose content the branch changed, or that are new on the branch."""
    reviewed: set[str] = field(default_factory=set)
    """Steps the branch recorded a review of (a review, an approval, an ack)."""
    touched: dict[str, list[str]] = field(default_factory=dict)
    """Steps whose code paths cover files the branch touches, with those files."""


def branch_changes(
    doc_path: Path, doc: Document, specs: Specs, base: str, repo_dir: Path | None = None
) -> BranchChanges:
    """What the branch checked out in ``repo_dir`` (default: the repository holding the
    document) did to ``doc`` since ``base``: which steps it updated or reviewed, and
    which steps' code it touched. GitError/UsageError (exit 2) as :func:`branch_range`."""
    repo = _repo(doc_path, repo_dir)
    span = branch_range(repo, base)
    data = file_at(repo, span.merge_base, doc_path)
    changes = BranchChanges(span, None)
    if data is not None:
        from .storage import parse_document

        shown = Path(f"{base} ({span.merge_base[:10]}):{doc_path}")
        try:
            changes.base_doc = parse_document(data, shown, specs)
        except MldwizardError as exc:
            changes.base_problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    old = stored_steps(changes.base_doc) if changes.base_doc is not None else {}
    for slug, state in stored_steps(doc).items():
        before = old.get(slug)
        if before is None or _content(before) != _content(state):
            changes.updated.add(slug)
        if state.reviewed is not None and (
            before is None or before.reviewed is None or state.reviewed > before.reviewed
        ):
            changes.reviewed.add(slug)
    own, copies = _own_files(doc_path, repo)
    files = [f for f in span.files() if f not in own and not f.startswith(copies)]
    changes.touched = chapters_for_files(doc, files)
    return changes


def _repo(doc_path: Path, repo_dir: Path | None) -> Repo:
    folder = repo_dir or doc_path.resolve().parent
    repo = find_repo(folder)
    if repo is None:
        raise MldwizardError(
            f"{folder}: not in a git repository (or git is missing): --base compares this "
            "branch with REF in git; run it in the repository's checkout, or pass --repo DIR"
        )
    return repo


def _own_files(doc_path: Path, repo: Repo) -> tuple[set[str], str]:
    """The document's own files, repository-relative, and the prefix of its unsaved copies
    (``NAME.unsaved-STAMP.toml``): not code, whatever the globs say."""
    from .storage import backup_path, markdown_path

    path = doc_path.resolve()
    try:
        folder = path.parent.relative_to(repo.root.resolve()).as_posix()
    except ValueError:
        return set(), "\0"  # outside the repository: nothing of it is in the branch's files
    where = "" if folder == "." else f"{folder}/"
    files = (path, markdown_path(path), backup_path(path), lock_path(path))
    return {where + p.name for p in files}, f"{where}{path.stem}.unsaved-"


def branch_findings(
    doc_path: Path,
    base: str,
    repo: Path | None = None,
    *,
    extra_specs: Iterable[Path] = (),
    now: dt.datetime | None = None,
) -> list[Finding]:
    """What ``mldwizard check DOC --base REF`` reports for one document: MLD040/MLD041
    and the ordinary findings the branch brings (see the module's docstring). Raises
    :class:`MldwizardError` (exit 2) when the document does not load, ``repo`` (default:
    the repository holding the document) is no git repository, REF is unknown, or a
    shallow clone does not reach the merge base."""
    from .storage import load_document
    from .workspace import specs_for

    specs = specs_for(doc_path, list(extra_specs))
    doc = load_document(doc_path, specs)
    return findings_on_branch(doc_path, doc, specs, base, repo, now or clock_now())


def findings_on_branch(
    doc_path: Path,
    doc: Document,
    specs: Specs,
    base: str,
    repo: Path | None,
    moment: dt.datetime,
) -> list[Finding]:
    """:func:`branch_findings` for a document already loaded."""
    changes = branch_changes(doc_path, doc, specs, base, repo)
    head = check_document(assess(doc_path, doc, specs, moment, changes.range.repo, None), moment)
    before: list[Finding] = []
    if changes.base_doc is not None:
        health = assess(doc_path, changes.base_doc, specs, moment, changes.range.repo, None)
        before = check_document(health, moment)
    return drift_on_branch(doc_path, doc, specs, changes) + narrow_to_branch(
        head, before, changes.updated
    )


def narrow_to_branch(
    head: list[Finding], before: list[Finding], updated: set[str]
) -> list[Finding]:
    """The findings the branch brings: all of a step it updated; any other one the
    document at the merge base did not have (same code and step, and the same message
    or more of them than before)."""
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in before:
        groups.setdefault((finding.code, finding.chapter), []).append(finding)
    out: list[Finding] = []
    for finding in head:
        if finding.code in NOT_ON_A_BRANCH:
            continue
        if finding.chapter is not None and finding.chapter in updated:
            out.append(finding)
            continue
        old = groups.get((finding.code, finding.chapter), [])
        if not old:
            out.append(finding)
            continue
        now_many = sum(1 for f in head if (f.code, f.chapter) == (finding.code, finding.chapter))
        if now_many > len(old) and finding.message not in {f.message for f in old}:
            out.append(finding)
    return out


def drift_on_branch(
    doc_path: Path, doc: Document, specs: Specs, changes: BranchChanges
) -> list[Finding]:
    """MLD040 for each step the branch's code changes leave behind; MLD041 when the
    document at the merge base does not load."""
    span, name = changes.range, str(doc_path)
    out: list[Finding] = []
    if changes.base_problem is not None:
        out.append(
            Finding(
                "MLD041",
                "warning",
                name,
                None,
                f"the document at {span.base} ({span.merge_base[:10]}) does not load, so "
                f"the branch's code changes are not held against its chapters: "
                f"{changes.base_problem}",
                {"base": span.base, "merge_base": span.merge_base},
            )
        )
        return out
    steps = stored_steps(doc)
    for slug, files in changes.touched.items():
        state = steps[slug]
        if slug in changes.updated or slug in changes.reviewed or not _answered(state):
            continue
        spec = specs.get(slug)
        label = spec.label if spec is not None else slug
        commits = [c for c in span.commits if any(f in files for f in c.files)]
        pending = [f for f in span.uncommitted if f in files]
        out.append(
            Finding(
                "MLD040",
                "error",
                name,
                slug,
                f"{label}: this branch changes {len(files)} file(s) under its code paths "
                f"({_list(files, SHOWN_FILES)}) in {_commits_text(commits, pending)}, but "
                "neither updates the chapter nor records a review of it: update its answers, "
                f"or, if it still holds, `mldwizard ack {doc_path} {slug} --by HANDLE "
                '--note "..."`',
                {
                    "base": span.base,
                    "merge_base": span.merge_base,
                    "files": files,
                    "commits": [
                        {
                            "sha": c.sha,
                            "subject": c.subject,
                            "files": [f for f in c.files if f in files],
                        }
                        for c in commits
                    ],
                    "uncommitted": pending,
                },
            )
        )
    return out


def _list(items: list[str], most: int) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _commits_text(commits: list[Commit], pending: list[str]) -> str:
    bits = [f"{c.sha[:10]} {c.subject!r}" for c in commits[:SHOWN_COMMITS]]
    if len(commits) > SHOWN_COMMITS:
        bits.append(f"{len(commits) - SHOWN_COMMITS} more commit(s)")
    if pending:
        bits.append("changes not committed yet")
    return "; ".join(bits)
