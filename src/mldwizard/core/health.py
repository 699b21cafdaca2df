"""Is a document still alive? Freshness, ownership and drift of every step, computed here
once and shown by ``status``, judged by ``check`` and drawn in the wizard's sidebar.

Freshness of a step:

* ``empty``: nothing answered;
* ``drifted``: files under its code paths changed in git after its baseline (the later of
  its last content change and its last review: a review confirms the text still fits);
* ``review-due``: not reviewed within its interval (the step's ``review_interval_days``,
  else the document's), counted from its last review, else its last change;
* ``fresh``: none of the above.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .ack_records import last_ack
from .approved_text import shown_status
from .document import ChangelogEntry, Document, StepState
from .errors import MldwizardError
from .feasibility import FeasibilityResult
from .gate import GateResult
from .gitlog import Commit, Drift, GitError, Repo, commits_since, compute_drift, find_repo
from .progress import StepProgress, step_progress
from .specs import Specs, StepSpec
from .verdicts import feasibility_result, gate_label, gate_result

Freshness = Literal["empty", "fresh", "review-due", "drifted"]


@dataclass
class StepHealth:
    step: StepSpec
    state: StepState
    progress: StepProgress
    freshness: Freshness
    due: dt.date | None = None
    """When the review fell or falls due."""
    drift: Drift | None = None
    ack: ChangelogEntry | None = None
    """The `mldwizard ack` its last review was, if it was one."""
    shown_status: str = ""
    """Its status as the reader's document says it (``changed``: approved, and its text is
    not the one approved); "" for the stored status."""

    @property
    def answered(self) -> bool:
        return self.progress.answered > 0


@dataclass
class PersonLoad:
    handle: str
    name: str
    owns: list[str] = field(default_factory=list)
    sole_owner_of: list[str] = field(default_factory=list)
    updates: int = 0


@dataclass
class DocumentHealth:
    path: Path
    doc: Document
    specs: Specs
    steps: list[StepHealth]
    people: list[PersonLoad]
    repo: Repo | None
    gate_verdict: str | None
    """The verdict that holds: the override if there is one, else the computed one."""
    feasibility_verdict: str | None
    drift_error: str | None = None
    gate_computed: str | None = None
    """The verdict the answers give, whatever the override."""
    gate: GateResult | None = None
    """The computed gate verdict with its reasons (None: the specs have no gate)."""
    feasibility: FeasibilityResult | None = None
    """The feasibility verdict with its gaps and reasons."""

    @property
    def gate_label(self) -> str:
        return gate_label(self.doc.gate.override, self.gate_computed)

    @property
    def answered_steps(self) -> list[StepHealth]:
        return [s for s in self.steps if s.answered]

    @property
    def bus_factor(self) -> int:
        """The fewest people whose absence leaves some answered step without an owner."""
        answered = self.answered_steps
        return min((len(set(s.state.owners)) for s in answered), default=0)

    @property
    def single_owner_steps(self) -> list[StepHealth]:
        return [s for s in self.answered_steps if len(set(s.state.owners)) == 1]


def baseline(state: StepState, doc: Document) -> dt.datetime:
    moments = [m for m in (state.updated, state.reviewed) if m is not None]
    if moments:
        return max(moments)
    return dt.datetime.combine(doc.project.created, dt.time(), tzinfo=dt.UTC)


def _due(last: dt.datetime, days: int) -> dt.date:
    try:
        return (last + dt.timedelta(days=days)).date()
    except OverflowError:  # a review recorded near the end of the calendar
        return dt.date.max


def review_interval(state: StepState, doc: Document) -> int:
    return state.review_interval_days or doc.review_interval_days


def assess(
    path: Path,
    doc: Document,
    specs: Specs,
    now: dt.datetime,
    repo: Repo | None,
    commits: list[Commit] | None,
) -> DocumentHealth:
    drifts: dict[str, Drift] = {}
    if commits is not None:
        targets = {
            s.slug: (doc.state_of(s.slug).code_paths, baseline(doc.state_of(s.slug), doc))
            for s in specs.steps
        }
        drifts = compute_drift(commits, targets)
    steps = []
    for spec in specs.steps:
        state = doc.state_of(spec.slug)  # reading the steps must not change the document
        progress = step_progress(doc, spec)
        last = state.reviewed or state.updated
        due = _due(last, review_interval(state, doc)) if last else None
        freshness: Freshness
        drift = drifts.get(spec.slug)
        if progress.answered == 0:
            freshness = "empty"
            drift = None  # code paths set up front: nothing written yet can be out of date
        elif drift is not None:
            freshness = "drifted"
        elif due is not None and now.date() > due:
            freshness = "review-due"
        else:
            freshness = "fresh"
        ack = last_ack(doc, spec.slug)
        shown = shown_status(doc, spec.slug)
        steps.append(StepHealth(spec, state, progress, freshness, due, drift, ack, shown))
    gate, feas = gate_result(doc, specs), feasibility_result(doc, specs)
    return DocumentHealth(
        path=path,
        doc=doc,
        specs=specs,
        steps=steps,
        people=_people(doc, steps),
        repo=repo,
        gate_verdict=doc.gate.override or (gate.verdict if gate else None),
        feasibility_verdict=feas.verdict if feas else None,
        feasibility=feas,
        gate_computed=gate.verdict if gate else None,
        gate=gate,
    )


def _people(doc: Document, steps: list[StepHealth]) -> list[PersonLoad]:
    updates = Counter(entry.by for entry in doc.changelog)
    loads = {p.handle: PersonLoad(p.handle, p.name) for p in doc.people}
    for health in steps:
        owners = list(dict.fromkeys(health.state.owners))
        for handle in owners:
            load = loads.setdefault(handle, PersonLoad(handle, "(not among the people)"))
            load.owns.append(health.step.slug)
            if len(owners) == 1 and health.answered:
                load.sole_owner_of.append(health.step.slug)
    for load in loads.values():
        load.updates = updates.get(load.handle, 0)
    return list(loads.values())


@dataclass
class RepoScan:
    repo: Repo | None
    commits: list[Commit] | None
    error: str | None = None


def scan_repositories(
    documents: list[tuple[Path, Document]], repo_dir: Path | None
) -> dict[Path, RepoScan]:
    """One ``git log`` per repository, over the commits newer than the oldest baseline of
    any step with code paths in any document of that repository."""
    by_repo: dict[Path | None, list[tuple[Path, Document]]] = {}
    repos: dict[Path | None, Repo | None] = {}
    scans: dict[Path, RepoScan] = {}
    for path, doc in documents:
        try:
            repo = find_repo(repo_dir or path.resolve().parent)
        except (GitError, OSError, RuntimeError) as exc:  # reported as a finding by `check`
            scans[path] = RepoScan(None, None, str(exc))
            continue
        key = repo.root if repo else None
        repos[key] = repo
        by_repo.setdefault(key, []).append((path, doc))
    for key, docs in by_repo.items():
        repo = repos[key]
        scan = RepoScan(repo, None)
        if repo is not None:
            baselines = [
                baseline(state, doc)
                for _, doc in docs
                for state in [*doc.chapters.values(), doc.gate, doc.feasibility]
                if state.code_paths
            ]
            if baselines:
                try:
                    scan.commits = commits_since(repo, min(baselines))
                except (GitError, OSError) as exc:  # reported as a finding by `check`
                    scan.error = str(exc)
            else:
                scan.commits = []
        for path, _ in docs:
            scans[path] = scan
    return scans


def assess_documents(
    paths: list[Path],
    extra_specs: list[Path],
    repo_dir: Path | None,
    now: dt.datetime,
    unloadable: dict[Path, MldwizardError] | None = None,
) -> list[DocumentHealth]:
    """Load every document, read git once per repository, and assess each document.

    A document that does not load stops everything (exit 2), unless ``unloadable`` is
    given: then its error is put there and the other documents are still assessed."""
    from .storage import load_document
    from .workspace import specs_for

    loaded = []
    for path in paths:
        try:
            specs = specs_for(path, extra_specs)
            loaded.append((path, specs, load_document(path, specs)))
        except MldwizardError as exc:
            if unloadable is None:
                raise
            unloadable[path] = exc
    scans = scan_repositories([(path, doc) for path, _, doc in loaded], repo_dir)
    out = []
    for path, specs, doc in loaded:
        scan = scans[path]
        health = assess(path, doc, specs, now, scan.repo, scan.commits)
        health.drift_error = scan.error
        out.append(health)
    return out
