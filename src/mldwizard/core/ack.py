"""``mldwizard ack``: a person of the document says a chapter still holds.

The light way to keep a chapter alive when its code changed but its design did not (a
refactor, a rename): one changelog entry with who, when, why and the git commit it was
said at. It counts as a review for freshness (it moves ``reviewed``, so drift and a due
review start again from it, and on a branch it satisfies ``check --base``), never as a
content change (``updated`` and ``revision`` stay) and never as an approval: issue 14's
review records (rounds, marks, approvals) are left alone, and MLD006 still compares a
change with the last real review.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from . import storage
from .ack_records import ACK_SUMMARY
from .document import ChangelogEntry, Document, StepState
from .errors import MldwizardError, UsageError
from .gitlog import find_repo
from .identity import now as clock_now
from .kinds import is_answered
from .names import shown_repr
from .review import check_person
from .specs import NOTES_ID, Specs
from .stored_text import refuse_controls


def head_commit(path: Path) -> str | None:
    """The sha of HEAD in the repository holding ``path``; None outside one (or none yet)."""
    try:
        repo = find_repo(path.resolve().parent)
    except (MldwizardError, OSError, RuntimeError):
        return None
    if repo is None:
        return None
    out = subprocess.run(
        ["git", "-C", str(repo.root), "rev-parse", "--verify", "--quiet", "HEAD^{commit}"],
        capture_output=True,
        text=True,
    )
    sha = out.stdout.strip()
    return sha if out.returncode == 0 and sha else None


def person_handle(doc: Document, given: str) -> str:
    """The handle of the person ``given`` names: the handle itself, or the one person whose
    handle is the same case aside (``MIRA`` is ``mira``, as CODEOWNERS' ``@Mira`` is);
    UsageError (exit 2, the people listed) when there is none, or several."""
    if doc.person(given) is not None:
        return given
    same = [p.handle for p in doc.people if p.handle.casefold() == given.strip().casefold()]
    if len(same) == 1:
        return same[0]
    if same:
        raise UsageError(
            f"--by {shown_repr(given)} matches several people case aside ({', '.join(same)}); "
            "give the handle exactly"
        )
    check_person(doc, given)  # raises: not among the people, who they are
    return given


def _has_content(state: StepState) -> bool:
    return any(is_answered(v) for k, v in state.answers.items() if k != NOTES_ID) or bool(
        getattr(state, "items", None)
    )


def acknowledge(path: Path, specs: Specs, chapter: str, by: str, note: str) -> ChangelogEntry:
    """Record that ``by`` (among the document's people) says ``chapter`` still holds,
    because ``note``. Saved through storage (locked, merged, atomic); returns the entry."""
    step = specs.resolve(chapter)
    why = note.strip()
    if not why:
        raise UsageError(
            '--note is required: say why the chapter still holds, e.g. --note "refactor '
            'only, design unchanged"'
        )
    refuse_controls("--note", why)
    at = clock_now()
    entry = ChangelogEntry(
        at=at, by=by, chapter=step.slug, summary=ACK_SUMMARY, note=why, commit=head_commit(path)
    )

    def change(doc: Document) -> None:
        entry.by = person_handle(doc, by)
        state = doc.step(step.slug)
        if not _has_content(state):
            raise UsageError(
                f"{step.label}: nothing is written there yet, so there is nothing to "
                "acknowledge; answer it first"
            )
        if state.reviewed is None or state.reviewed < at:
            state.reviewed = at

    def relabel(entries: list[ChangelogEntry]) -> list[ChangelogEntry]:
        return [e for e in entries if e.chapter != step.slug] + [entry]

    storage.update_document(path, specs, by, change, relabel)
    return entry
