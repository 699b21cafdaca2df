"""Chapters and CODEOWNERS: who GitHub says owns the code each chapter describes, mapped to
the document's people. Used by ``owners --from-codeowners`` (a proposal) and by ``check``
(MLD045 when the two sides disagree, MLD046 for lines of CODEOWNERS that GitHub skips).

A CODEOWNERS owner maps to a person when
* ``@user``: the user name is the person's handle (case aside, as GitHub user names are);
* an email: the part before the ``@`` is the person's handle (case aside);
* ``@org/team``: never (people have no teams): it is listed as unmapped.
Owners that map to nobody are always listed, never dropped.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codeowners import Codeowners, Owner, find_codeowners, read_codeowners, tracked_files
from .document import Document, Person
from .errors import MldwizardError
from .gitlog import combined_regex, glob_regex
from .specs import Specs


@dataclass
class ChapterCodeowners:
    slug: str
    label: str
    current: list[str]
    """The chapter's owners in the document."""
    files: list[str] = field(default_factory=list)
    """Tracked files under its code paths."""
    empty_globs: list[str] = field(default_factory=list)
    """Code paths that match no tracked file."""
    owners: list[Owner] = field(default_factory=list)
    """The CODEOWNERS owners of those files, in order of first appearance."""
    unowned: list[str] = field(default_factory=list)
    """Files no CODEOWNERS line gives an owner (none matches, or the last one un-assigns)."""
    proposed: list[str] = field(default_factory=list)
    """The people those owners map to."""
    unmapped: list[Owner] = field(default_factory=list)

    @property
    def additions(self) -> list[str]:
        return [h for h in self.proposed if h not in self.current]

    @property
    def disagrees(self) -> bool:
        """Owners on both sides, none in common, and every CODEOWNERS owner known (a team,
        or an email that maps to nobody, could hold a chapter owner: that is not counted)."""
        if not self.current or not self.owners:
            return False
        theirs = {h.lower() for h in self.proposed}
        theirs |= {o.name.lower() for o in self.owners if o.kind == "user"}
        if {h.lower() for h in self.current} & theirs:  # also a handle not among the people
            return False
        return all(o.kind == "user" or o in self.mapped_emails for o in self.owners)

    @property
    def mapped_emails(self) -> list[Owner]:
        return [o for o in self.owners if o.kind == "email" and o not in self.unmapped]


def map_owner(owner: Owner, people: list[Person]) -> str | None:
    """The handle of the person ``owner`` is, or None."""
    if owner.kind == "team":
        return None
    key = owner.name if owner.kind == "user" else owner.name.split("@", 1)[0]
    return next((p.handle for p in people if p.handle.lower() == key.lower()), None)


def chapters_from_codeowners(
    doc: Document, specs: Specs, codeowners: Codeowners, files: list[str]
) -> list[ChapterCodeowners]:
    """Every step with code paths, in step order."""
    out = []
    for spec in specs.steps:
        state = doc.step(spec.slug)
        globs = [g for g in state.code_paths if g.strip()]
        if not globs:
            continue
        entry = ChapterCodeowners(spec.slug, spec.label, list(dict.fromkeys(state.owners)))
        regex = combined_regex(tuple(globs))
        entry.files = [f for f in files if regex.match(f)]
        entry.empty_globs = [g for g in globs if not any(glob_regex(g).match(f) for f in files)]
        for name in entry.files:
            owners = codeowners.owners_of(name)
            if not owners:
                entry.unowned.append(name)
            for owner in owners:
                if owner not in entry.owners:
                    entry.owners.append(owner)
        for owner in entry.owners:
            handle = map_owner(owner, doc.people)
            if handle is None:
                entry.unmapped.append(owner)
            elif handle not in entry.proposed:
                entry.proposed.append(handle)
        out.append(entry)
    return out


def codeowners_findings(
    path: Path,
    doc: Document,
    specs: Specs,
    root: Path | None,
    add: Callable[..., None],
) -> None:
    """MLD045 and MLD046 for a document in the repository at ``root``; nothing when there
    is no repository or no CODEOWNERS file in it. ``add(code, severity, slug, message,
    **details)``."""
    if root is None or not any(doc.step(s.slug).code_paths for s in specs.steps):
        return
    found = find_codeowners(root)
    if found is None:
        return
    shown = _relative(found, root)
    try:
        codeowners = read_codeowners(found)
        files = tracked_files(root)
    except MldwizardError as exc:
        add("MLD046", "warning", None, f"CODEOWNERS not read: {exc}", codeowners=shown)
        return
    judge_codeowners(doc, specs, codeowners, files, shown, add, document=str(path))


def judge_codeowners(
    doc: Document,
    specs: Specs,
    codeowners: Codeowners,
    files: list[str],
    shown: str,
    add: Callable[..., None],
    *,
    document: str,
) -> None:
    """MLD045 and MLD046 for ``codeowners`` (shown as ``shown``) over the repository's
    ``files``: also for a CODEOWNERS file read from a commit (``check --base``). MLD045's
    fix names the ``document`` as the command line gave it."""
    for bad in codeowners.invalid:
        add(
            "MLD046",
            "warning",
            None,
            f"{shown} line {bad.line} is skipped (GitHub skips it too): {bad.reason}",
            codeowners=shown,
            codeowners_line=bad.line,
        )
    for entry in chapters_from_codeowners(doc, specs, codeowners, files):
        if not entry.disagrees:
            continue
        theirs = ", ".join(o.text for o in entry.owners)
        listed = ", ".join(entry.files[:3]) + (
            f" and {len(entry.files) - 3} more" if len(entry.files) > 3 else ""
        )
        details: dict[str, Any] = {
            "owners": entry.current,
            "codeowners_owners": [o.text for o in entry.owners],
            "codeowners": shown,
            "files": entry.files,
        }
        add(
            "MLD045",
            "warning",
            entry.slug,
            f"{entry.label}: owned by {', '.join(entry.current)} here, but {shown} gives its "
            f"code to {theirs} ({listed}); none of them owns the chapter: "
            f"{mld045_fix(entry, document)}",
            **details,
        )


def mld045_fix(entry: ChapterCodeowners, path: str) -> str:
    """What MLD045 asks for: what ``owners --from-codeowners --apply`` can do (add the
    CODEOWNERS owners who are people), and for owners who are not among the people, adding
    them first (``mldwizard person``, or the wizard's People dialog, F4)."""
    doc = shlex.quote(path)
    apply = f"`mldwizard owners {doc} --from-codeowners --apply`"
    if not entry.unmapped:
        return f"add one ({apply}) or fix CODEOWNERS"
    missing = ", ".join(o.text for o in entry.unmapped)
    missing += " is" if len(entry.unmapped) == 1 else " are"
    first = entry.unmapped[0].name
    person = f"`mldwizard person {doc} {shlex.quote(first)} --name NAME`"
    if entry.proposed:
        return (
            f"add {', '.join(entry.proposed)} ({apply}); {missing} not among the document's "
            f"people (add them with {person}, or in the wizard with F4), or fix CODEOWNERS"
        )
    return (
        f"{missing} not among the document's people, so {apply} has nobody to add: add them "
        f"as people first ({person}, or in the wizard with F4, then --apply), or fix CODEOWNERS"
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
