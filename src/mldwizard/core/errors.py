"""Errors the core raises. Every one carries a message a user can act on.

Faces catch :class:`MldwizardError`, print ``str(err)`` and exit with ``err.exit_code``;
nothing here is ever shown as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import shown_name, shown_repr


class MldwizardError(Exception):
    """Base class: a problem with the user's input, files or request."""

    exit_code = 2


class UsageError(MldwizardError):
    """The request itself is wrong: unknown chapter, bad value for a question, ..."""


class SpecError(MldwizardError):
    """A chapter spec file is broken. The message names the file and the question."""


class LoadError(MldwizardError):
    """A document could not be read. The message names the file and the line or field."""


class WriteError(MldwizardError):
    """A document could not be written; the file on disk is unchanged."""


@dataclass(frozen=True)
class Conflict:
    """The same field was changed by this writer and by someone else since it loaded."""

    location: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class ConflictError(MldwizardError):
    """Raised by a save whose changes collide with changes made on disk meanwhile.

    Nothing was written. ``conflicts`` lists every collision; the caller chooses a side
    for each (see :func:`mldwizard.core.storage.save_changes`) and saves again.
    """

    path: Path
    conflicts: list[Conflict] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{self.path}: {len(self.conflicts)} conflicting change(s); nothing was written:"]
        for c in self.conflicts:
            lines.append(
                f"  {shown_name(c.location)}: yours {shown_repr(c.mine)}, "
                f"on disk {shown_repr(c.theirs)}"
            )
        return "\n".join(lines)
