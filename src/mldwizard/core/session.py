"""An editing session on one document: what an interactive face holds while the user works.

The session keeps ``base`` (the document as last read from or written to disk) and ``doc``
(the working copy the face edits through :mod:`mldwizard.core.edits`). Saving merges the
working copy into whatever is on disk now, so changes made meanwhile by someone else are
kept, and returns the conflicts the user must decide. When the user cannot be asked (the
terminal closed, the process is told to stop, the face crashed), `Session.save_without_asking`
decides alone and keeps whatever cannot go into the document in rescue copies next to it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import rescue, storage
from .document import SCHEMA_VERSION, Document
from .errors import ConflictError, MldwizardError
from .identity import now
from .merge import MISSING, Side, flatten, record_changes
from .specs import Specs, StepSpec


@dataclass(frozen=True)
class Change:
    """One field of one step that differs between the stored and the working document."""

    location: str
    label: str
    stored: Any
    new: Any


class Session:
    def __init__(self, path: Path, specs: Specs, author: str, doc: Document | None = None):
        self.path = path
        self.specs = specs
        self.author = author
        self.base = doc if doc is not None else storage.load_document(path, specs)
        self.doc = self.base.model_copy(deep=True)
        self._version_on_disk = storage.schema_on_disk(path)
        """An older schema until the first save writes the current one (see
        :meth:`take_upgrade_notice`)."""
        self._upgrade_notice: str | None = None
        # Held while saving: a save made from another thread (a last resort when the face's
        # own loop is stuck) never interleaves with one made by the face.
        self._saving = threading.RLock()
        self._disk_checked: tuple[tuple[int, int, int] | None, MldwizardError | None] = (
            self.disk_stamp(),
            None,
        )
        """The version on disk last read or written (its stamp), and why it does not load."""

    @property
    def dirty(self) -> bool:
        return self.doc != self.base

    def save(self, resolutions: dict[str, Side] | None = None) -> bool:
        """Merge and write the working copy. Returns True when the file was written.

        Raises ConflictError (nothing written) when a field changed both here and on disk.
        """
        with self._saving:
            return self._save(resolutions)

    def _save(self, resolutions: dict[str, Side] | None) -> bool:
        if not self.dirty and not resolutions:
            return False
        if not self.path.exists():
            # Deleted (or moved away) while open: write the working copy back, like an
            # editor does; there is nothing on disk to merge with or to overwrite.
            doc = self.doc.model_copy(deep=True)
            record_changes(self.base, doc, self.author, now())
            created = storage.create_document(self.path, doc, self.specs, self.author)
            self.base = created
            self.doc = created.model_copy(deep=True)
            return True
        merged = storage.save_changes(
            self.path, self.base, self.doc, self.specs, self.author, resolutions
        )
        self.base = merged
        self.doc = merged.model_copy(deep=True)
        self._disk_checked = (self.disk_stamp(), None)
        if self._version_on_disk != SCHEMA_VERSION:
            self._upgrade_notice = storage.upgrade_notice(self.path, self._version_on_disk)
            self._version_on_disk = storage.schema_on_disk(self.path)
        return True

    def take_upgrade_notice(self) -> str | None:
        """Once, after the save that wrote an older document in the current schema: the
        notice saying so (older mldwizard versions cannot read it any more)."""
        notice, self._upgrade_notice = self._upgrade_notice, None
        return notice

    def disk_stamp(self) -> tuple[int, int, int] | None:
        """What identifies the file's current version on disk (None: it is gone)."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def reload(self) -> None:
        """Take the version on disk (only when nothing here is unsaved)."""
        if self.dirty:
            raise RuntimeError("reload() with unsaved changes: save() merges them instead")
        self.base = storage.load_document(self.path, self.specs)
        self.doc = self.base.model_copy(deep=True)
        self._disk_checked = (self.disk_stamp(), None)

    def disk_problem(self) -> MldwizardError | None:
        """Why the file on disk no longer loads (someone replaced it with a broken one: the
        core's error names the file and line), or None: it loads, or it is gone (a save
        writes it back). Read again only when the file changed since last asked."""
        stamp = self.disk_stamp()
        if stamp is None:
            return None
        if stamp != self._disk_checked[0]:
            try:
                storage.load_document(self.path, self.specs)
            except MldwizardError as exc:
                self._disk_checked = (stamp, exc)
            else:
                self._disk_checked = (stamp, None)
        return self._disk_checked[1]

    def save_copy(self, unparsed: dict[str, str] | None = None) -> Path:
        """Keep the working copy, unsaved changes and all, in a new rescue copy next to the
        document (``NAME.unsaved-STAMP.toml``, see :mod:`.rescue`) and return its path.
        Text that did not parse (``unparsed``: "step.question" -> text) goes in as
        comments at the end."""
        with self._saving:
            return rescue.write_working_copy(self.path, self.doc, self.specs, unparsed)

    def save_without_asking(self, unparsed: dict[str, str] | None = None) -> str:
        """Save when nobody can be asked (the terminal closed, SIGTERM, a crash); returns
        the save state to report, naming every rescue copy written.

        Approved steps with changes go back to review (the author's answers are kept). A
        field that someone else changed on disk keeps their version, and ours is kept in
        a rescue copy, so nothing is lost and nothing is silently overwritten. Text that
        does not parse (``unparsed``) cannot go into the document: the whole working copy,
        with that text, goes to a rescue copy of its own. Thread-safe; safe to call twice."""
        with self._saving:
            kept: list[Path] = []  # a whole working copy already written (with ``unparsed``)
            try:
                state = self._save_resolving_conflicts(unparsed, kept)
            except Exception as exc:  # a bug must not cost the author their work: keep it
                state = f"unsaved: {type(exc).__name__}: {exc}"
            if state.startswith("unsaved") and not kept:
                # Nothing of ours reached the document: keep the whole working copy.
                try:
                    copy = self.save_copy(unparsed)
                except MldwizardError as error:
                    return f"{state}; no copy could be kept either: {error}"
                return f"{state}; everything typed is kept in {copy}"
            if not unparsed or kept:
                return state
            try:
                copy = self.save_copy(unparsed)
            except MldwizardError as exc:
                return f"{state}; text that did not parse could not be kept: {exc}"
            return f"{state}; text that did not parse is kept in {copy}"

    def _save_resolving_conflicts(self, unparsed: dict[str, str] | None, kept: list[Path]) -> str:
        """Save; where someone else changed the same field, their version goes into the
        document and ours into a whole working copy (appended to ``kept``) that `show`
        reads, with ``unparsed`` in it too."""
        for step in self.approved_with_changes():
            self.reopen_for_review(step)
        try:
            self.save()
        except ConflictError as exc:
            try:
                kept.append(self.save_copy(unparsed))
            except MldwizardError as error:
                return f"unsaved: {error}"  # nothing taken from theirs: ours stays here
            also = " (and text that did not parse)" if unparsed else ""
            saved = (
                f"your versions of {len(exc.conflicts)} conflicting field(s){also} are kept "
                f"in {kept[0]}"
            )
            try:
                self.save({c.location: "theirs" for c in exc.conflicts})
            except MldwizardError as error:
                return f"unsaved: {error}; {saved}"
            return f"saved; {saved}"
        except MldwizardError as exc:
            return f"unsaved: {exc}"
        return "saved"

    def try_save(self, resolutions: dict[str, Side] | None = None) -> ConflictError | None:
        try:
            self.save(resolutions)
        except ConflictError as exc:
            return exc
        return None

    def changes(self, step: StepSpec) -> list[Change]:
        """What the working copy changes in a step, field by field, with readable labels."""
        prefix = ("chapters", step.slug) if step.kind == "chapter" else (step.slug,)
        old = {k: v for k, v in flatten(self.base).items() if k[: len(prefix)] == prefix}
        new = {k: v for k, v in flatten(self.doc).items() if k[: len(prefix)] == prefix}
        out = []
        for key in list(old) + [k for k in new if k not in old]:
            before, after = old.get(key, MISSING), new.get(key, MISSING)
            if before == after and type(before) is type(after):
                continue
            rest = key[len(prefix) :]
            label = ".".join(rest)
            if rest[0] == "answers":
                question = step.question(rest[1])
                label = question.prompt if question else rest[1]
            out.append(
                Change(
                    ".".join(key),
                    " ".join(label.split()),
                    None if before is MISSING else before,
                    None if after is MISSING else after,
                )
            )
        return out

    def revert(self, step: StepSpec) -> None:
        """Throw away the working copy's changes to one step."""
        self.doc.replace_step(step.slug, self.base.step(step.slug).model_copy(deep=True))

    def approved_with_changes(self) -> list[StepSpec]:
        """Approved steps the working copy changes: each needs the author's confirmation.
        Its review (a mark, a reply, a later approval) is not a change of the step: a
        review never makes a new revision, nor sends the step back to review."""
        return [
            step
            for step in self.specs.steps
            if self.base.state_of(step.slug).status == "approved"  # (never stores a step)
            and self.doc.state_of(step.slug).status == "approved"
            and any(not _of_review(step, c) for c in self.changes(step))
        ]

    def reopen_for_review(self, step: StepSpec) -> None:
        """After the author confirmed changes to an approved step, it goes back to review."""
        self.doc.step(step.slug).status = "review"


def _of_review(step: StepSpec, change: Change) -> bool:
    """Whether a change is to the step's review (or when it was last reviewed)."""
    depth = 2 if step.kind == "chapter" else 1
    part = change.location.split(".")[depth : depth + 1]
    return part in (["review"], ["reviewed"])
