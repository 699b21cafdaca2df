"""The ``mldwizard`` commands plain mode suggests, written to be pasted into a shell: every
word quoted as the shell needs it, and the extra spec folders the document was opened with
(without them the command would not know the document's own chapters)."""

from __future__ import annotations

import shlex
from pathlib import Path

from ..core.specs import Specs
from ..core.workspace import LOCAL_SPECS


def command_line(command: str, path: Path, specs: Specs, *words: str) -> str:
    """``mldwizard COMMAND [--specs DIR]... PATH WORD...``; a word in capitals (``TEXT``)
    is a placeholder and stays as written. The folder next to the document that every
    command reads by itself is left out."""
    local = _resolved(path.parent / LOCAL_SPECS)
    options = [
        f"--specs {shlex.quote(str(folder))}"
        for folder in specs.folders
        if local is None or _resolved(folder) != local
    ]
    quoted = [w if _placeholder(w) else shlex.quote(w) for w in words]
    return " ".join(["mldwizard", command, *options, shlex.quote(str(path)), *quoted])


def _placeholder(word: str) -> bool:
    return word.isupper() and word.isalpha()


def _resolved(folder: Path) -> Path | None:
    try:
        return folder.resolve()
    except (OSError, RuntimeError):
        return None
