"""``check --base REF``: what a branch (a pull request) changes, and only that.

The branch's files are its net diff: what differs between ``git merge-base REF HEAD`` and
the working tree (renames detected, both names counted; what the pull request's "Files
changed" shows, plus what is changed in the working tree or the index but not committed
yet: an author runs the check before committing). A change made and undone (a revert)
nets to nothing. Files git does not track never count (in CI: what the job built). The
commits named are those of ``REF..HEAD`` that touched those files. The document is compared
with its version at the merge base, found through git's rename detection when the branch
renamed or moved it.

* MLD040: a step whose code paths (globs, matched as drift matches them; those of the merge
  base count too, so narrowing them on the branch hides nothing) cover a file the branch
  changes, while the branch neither updates the step (its answers, checklist items or
  override differ from the merge base's; a step new on the branch, or a document new on the
  branch, counts as updated) nor records a review of it (its ``reviewed`` moved: a review,
  an approval, an ``mldwizard ack``) after those changes. An update or review covers the
  commits up to the one that recorded it (see :mod:`mldwizard.core.branch_cover`); an
  update by a coding agent alone covers nothing until a person follows it. Steps without
  answers are left out, as for drift: nothing written can be out of date. The document's
  own files (the TOML, its Markdown, backup, lock and unsaved copies) are not code.
* MLD041: the document at the merge base does not load, so no step can be compared.

The ordinary findings are narrowed to what the branch brings: those of a step the branch
updated (it wrote that step: all of it is its business), and any other finding that the
document at the merge base did not already have (its CODEOWNERS findings judged against the
CODEOWNERS file and the files of the merge base). Whole-history drift (MLD005) and the
notes on git itself (MLD012 to MLD014) are left out: MLD040 replaces them, and a git
problem ends ``--base`` with exit 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .branch_codeowners import CODEOWNERS_CODES, codeowners_at
from .branch_cover import DocumentHistory, step_content, waiting_agent
from .branch_records import has_content, record_findings, stored_steps
from .checks import Finding, check_document
from .document import Document, StepState
from .errors import MldwizardError
from .gitbranch import BranchRange, blob_at, branch_range, commits_after, relative
from .gitlog import Commit, Repo, combined_regex, find_repo
from .health import assess
from .identity import now as clock_now
from .locking import lock_path
from .specs import Specs

NOT_ON_A_BRANCH = frozenset({"MLD005", "MLD012", "MLD013", "MLD014"})
SHOWN_FILES = 5
SHOWN_COMMITS = 3


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
    """Steps whose code paths (now or at the merge base) cover files the branch changes,
    with those files."""
    dropped: dict[str, list[str]] = field(default_factory=dict)
    """Steps' code paths at the merge base that the branch removed, with the files only they
    cover."""
    history: DocumentHistory | None = None
    """The document's versions in the branch's commits."""
    records: list[Finding] = field(default_factory=list)
    """MLD110 to MLD112: what the branch did to the document without a record of it."""
    emptied: dict[str, StepState] = field(default_factory=dict)
    """Steps with answers at the merge base and none now (or gone), with their state there:
    a deletion updates nothing, and their code paths at the merge base still count."""


def branch_changes(
    doc_path: Path, doc: Document, specs: Specs, base: str, repo_dir: Path | None = None
) -> BranchChanges:
    """What the branch checked out in ``repo_dir`` (default: the repository holding the
    document) did to ``doc`` since ``base``: which steps it updated or reviewed, and
    which steps' code it touched. GitError/UsageError (exit 2) as :func:`branch_range`."""
    repo = _repo(doc_path, repo_dir)
    span = branch_range(repo, base)
    rel = relative(repo, doc_path)
    base_rel = next((old for old, new in span.renamed.items() if new == rel), rel)
    data = blob_at(repo, span.merge_base, base_rel)
    changes = BranchChanges(span, None, history=DocumentHistory(repo, span.merge_base, rel, specs))
    if data is not None:
        from .storage import parse_document

        shown = Path(f"{base} ({span.merge_base[:10]}):{base_rel}")
        try:
            changes.base_doc = parse_document(data, shown, specs)
        except MldwizardError as exc:
            changes.base_problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    old = stored_steps(changes.base_doc) if changes.base_doc is not None else {}
    now = stored_steps(doc)
    changes.emptied = {
        slug: state
        for slug, state in old.items()
        if has_content(state) and not has_content(now.get(slug))
    }
    for slug, state in now.items():
        before = old.get(slug)
        if before is None or step_content(before) != step_content(state):
            changes.updated.add(slug)
        if state.reviewed is not None and (
            before is None or before.reviewed is None or state.reviewed > before.reviewed
        ):
            changes.reviewed.add(slug)
    if changes.base_doc is not None:
        changes.records, unrecorded = record_findings(doc_path, doc, changes.base_doc, specs)
        changes.reviewed -= unrecorded  # a `reviewed` moved by hand records no review
    own: set[str] = set()
    copies: list[str] = []
    for path in dict.fromkeys((doc_path, repo.root / base_rel)):  # and its name at the base
        names, prefix = _own_files(path, repo)
        own |= names
        copies.append(prefix)
    files = [f for f in span.files() if f not in own and not f.startswith(tuple(copies))]
    _touch(changes, doc, files, old)
    return changes


def _touch(
    changes: BranchChanges, doc: Document, files: list[str], old: dict[str, StepState]
) -> None:
    """Which steps' code paths, now or at the merge base, cover ``files``."""
    changes.touched = chapters_for_files(doc, files)
    for slug, state in [*stored_steps(doc).items(), *_gone(doc, changes.emptied)]:
        before = old.get(slug)
        if before is None:
            continue
        gone = [g for g in before.code_paths if g.strip() and g not in state.code_paths]
        if not gone:
            continue
        regex = combined_regex(tuple(gone))
        now = changes.touched.get(slug, [])
        extra = [f for f in files if f not in now and regex.match(f)]
        if extra:
            changes.dropped[slug] = gone
            changes.touched[slug] = [f for f in files if f in now or f in extra]


def _gone(doc: Document, emptied: dict[str, StepState]) -> list[tuple[str, StepState]]:
    """Emptied steps the document no longer stores, as empty states (no code paths now)."""
    return [(slug, StepState()) for slug in emptied if not doc.is_stored(slug)]


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
        span = changes.range
        health = assess(doc_path, changes.base_doc, specs, moment, span.repo, None)
        before = [f for f in check_document(health, moment) if f.code not in CODEOWNERS_CODES]
        before += codeowners_at(span.repo, span.merge_base, changes.base_doc, specs, str(doc_path))
    return (
        drift_on_branch(doc_path, doc, specs, changes)
        + changes.records
        + narrow_to_branch(head, before, changes.updated)
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
    steps = stored_steps(doc) | changes.emptied  # an emptied step: as it was at the base
    after_of: dict[str, set[str]] = {}
    for slug, files in changes.touched.items():
        state = steps[slug]
        if not has_content(state):
            continue
        spec = specs.get(slug)
        label = spec.label if spec is not None else slug
        commits = [c for c in span.commits if any(f in files for f in c.files)]
        pending = [f for f in span.uncommitted if f in files]
        agent, since = None, ""
        if slug not in changes.emptied and (slug in changes.updated or slug in changes.reviewed):
            agent = waiting_agent(doc, changes.base_doc, slug)
            if agent is None:
                assert changes.history is not None
                cover = changes.history.cover(doc, slug)
                if cover is None:
                    continue  # updated or reviewed, not committed yet: it covers everything
                if cover not in after_of:  # steps recorded in the same commit share it
                    after_of[cover] = commits_after(span.repo, span.merge_base, cover)
                after = after_of[cover]
                commits = [c for c in commits if c.sha in after]
                if not commits and not pending:
                    continue
                subject = next((c.subject for c in span.commits if c.sha == cover), "")
                said = f"{cover[:10]} {subject!r}" if subject else cover[:10]
                since = f" after its last update or review on the branch ({said})"
                files = [f for f in files if f in pending or any(f in c.files for c in commits)]
        out.append(_mld040(doc_path, slug, label, files, commits, pending, changes, since, agent))
    return out


def _mld040(
    doc_path: Path,
    slug: str,
    label: str,
    files: list[str],
    commits: list[Commit],
    pending: list[str],
    changes: BranchChanges,
    since: str,
    agent: str | None,
) -> Finding:
    span = changes.range
    moved = {f: span.renamed[f] for f in files if f in span.renamed}
    shown = [f"{f} (moved to {moved[f]})" if f in moved else f for f in files]
    dropped = changes.dropped.get(slug, [])
    narrowed = (
        f"; the code paths the branch removed from the chapter still count: {', '.join(dropped)}"
        if dropped
        else ""
    )
    ack = f'`mldwizard ack {doc_path} {slug} --by HANDLE --note "..."`'
    if agent is not None:
        why = (
            f", and only {agent} updated the chapter on this branch: an agent's answer waits "
            f"for a person's review; a person of the document must review it "
            f"(F8 in the wizard, or `mldwizard review {doc_path} {slug} --by HANDLE --approve`), "
            f"update it, or {ack}"
        )
    else:
        why = (
            ", but neither updates the chapter nor records a review of it"
            + (" since" if since else "")
            + f": update its answers, or, if it still holds, {ack}"
        )
    details: dict[str, Any] = {
        "base": span.base,
        "merge_base": span.merge_base,
        "files": files,
        "commits": [
            {"sha": c.sha, "subject": c.subject, "files": [f for f in c.files if f in files]}
            for c in commits
        ],
        "uncommitted": pending,
    }
    if moved:
        details["moved"] = moved
    if dropped:
        details["removed_code_paths"] = dropped
    if agent is not None:
        details["waiting_for_review_of"] = agent
    return Finding(
        "MLD040",
        "error",
        str(doc_path),
        slug,
        f"{label}: this branch changes {len(files)} file(s) under its code paths "
        f"({_list(shown, SHOWN_FILES)}{narrowed}) in {_commits_text(commits, pending)}"
        f"{since}{why}",
        details,
    )


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
