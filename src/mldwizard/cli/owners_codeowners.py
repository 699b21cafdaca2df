"""``mldwizard owners PATH --from-codeowners [FILE] [--apply]``: chapter owners proposed from
the CODEOWNERS entries that cover each chapter's code paths. No Textual here."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import edits, storage
from ..core.codeowners import LOCATIONS, find_codeowners, read_codeowners, tracked_files
from ..core.codeowners_chapters import ChapterCodeowners, chapters_from_codeowners
from ..core.document import Document
from ..core.errors import UsageError
from ..core.gitlog import GitError, find_repo
from ..core.specs import Specs
from .out import say, say_author_not_a_person, say_upgraded

CHANGELOG_NOTE = "owners from CODEOWNERS"
FROM_REPOSITORY = ""
"""The value of ``--from-codeowners`` given without FILE: the repository's own file."""


def cmd_owners_from_codeowners(args: argparse.Namespace, path: Path, specs: Specs) -> int:
    if args.suggest or args.max_load is not None:
        raise UsageError("--from-codeowners does not go with --suggest or --max-load")
    doc = storage.load_document(path, specs)
    try:
        repo = find_repo(path.resolve().parent)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    if repo is None:
        raise UsageError(
            f"{path} is not in a git repository (or git is missing): the files under the "
            "chapters' code paths come from git ls-files"
        )
    if args.from_codeowners == FROM_REPOSITORY:
        found = find_codeowners(repo.root)
        if found is None:
            raise UsageError(
                f"no CODEOWNERS file in {repo.root} (looked for {', '.join(LOCATIONS)}); "
                "name one with --from-codeowners FILE"
            )
    else:
        found = Path(args.from_codeowners)
    codeowners = read_codeowners(found)
    for bad in codeowners.invalid:
        say(
            f"mldwizard: {found}: line {bad.line} skipped (GitHub skips it too): {bad.reason}",
            err=True,
        )
    entries = chapters_from_codeowners(doc, specs, codeowners, tracked_files(repo.root))
    if not entries:
        say("No step has code paths: nothing to take from CODEOWNERS (set them with --code-path).")
        return 0
    say(f"Owners from {found}:")
    for entry in entries:
        _show(entry)
    changes = [(e.slug, e.additions) for e in entries if e.additions]
    unmapped, teams = _unmapped(entries, "user", "email"), _unmapped(entries, "team")
    if unmapped:
        say(
            f"Not added: {unmapped}: no person of the document has that handle; add the person "
            f"that handle (mldwizard person {path} HANDLE --name NAME, or F4 in the wizard) "
            "and run this again, or fix CODEOWNERS."
        )
    if teams:
        say(f"Not added: {teams}: a team maps to no person; name its members in CODEOWNERS.")
    if not changes:
        if unmapped or teams:
            say("Nothing to add: no CODEOWNERS owner is a person who does not own the step yet.")
        else:
            say("Nothing to add: every step's CODEOWNERS people already own it.")
        return 0
    if not args.apply:
        say("Nothing was written; --apply adds the proposed owners (none is removed).")
        return 0

    def change(d: Document) -> None:
        for slug, handles in changes:
            step = specs.resolve(slug)
            edits.set_owners(d, step, [*d.step(slug).owners, *handles])

    from ..core.identity import resolve_author

    version = storage.schema_on_disk(path)
    author = resolve_author(args.author)
    saved = storage.update_document(path, specs, author, change, storage.noted(CHANGELOG_NOTE))
    say(f"Saved {path}.")
    say_author_not_a_person(author, saved)
    say_upgraded(path, version)
    return 0


def _unmapped(entries: list[ChapterCodeowners], *kinds: str) -> str:
    """The CODEOWNERS owners of these ``kinds`` that map to no person, each with the number
    of steps whose code it owns ("@bob (2 steps), zed@example.com (1 step)"); empty when
    there are none."""
    steps: dict[str, int] = {}
    for entry in entries:
        for owner in entry.unmapped:
            if owner.kind in kinds:
                steps[owner.text] = steps.get(owner.text, 0) + 1
    return ", ".join(f"{text} ({n} step{'s' if n > 1 else ''})" for text, n in steps.items())


def _show(entry: ChapterCodeowners) -> None:
    say(f"  {entry.label}")
    say(f"    files       {len(entry.files)} tracked file(s) under its code paths")
    for glob in entry.empty_globs:
        say(f"    code path   {glob!r} matches no tracked file")
    if entry.unowned:
        say(f"    no owner    {len(entry.unowned)} file(s) without a CODEOWNERS owner")
    codeowners = ", ".join(o.text for o in entry.owners) or "-"
    say(f"    CODEOWNERS  {codeowners}")
    say(f"    proposed    {', '.join(entry.proposed) or '-'}")
    say(f"    current     {', '.join(entry.current) or '-'}")
    if entry.unmapped:
        kinds = {"user": "not among the people", "team": "a team", "email": "no person"}
        listed = ", ".join(f"{o.text} ({kinds[o.kind]})" for o in entry.unmapped)
        say(f"    unmapped    {listed}")
    if entry.additions:
        say(f"    adds        {', '.join(entry.additions)}")
