"""Which specs apply to a document: the built-in ones, ``--specs`` folders, and the
``.mldwizard/chapters/`` folder next to the document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import SpecError
from .specs import Specs, load_specs

LOCAL_SPECS = Path(".mldwizard") / "chapters"


def specs_for(document: Path, extra: Iterable[Path] = ()) -> Specs:
    folders: list[Path] = []
    seen: set[Path] = set()
    local = document.parent / LOCAL_SPECS
    if local.exists() and not local.is_dir():
        raise SpecError(
            f"{local}: not a folder; extra chapter specs go in a folder {LOCAL_SPECS}/ next "
            "to the document (move or remove this file)"
        )
    candidates = [*extra, *([local] if local.is_dir() else [])]
    for folder in candidates:
        try:
            key = folder.resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop, a folder we cannot read
            raise SpecError(f"{folder}: cannot use this chapter specs folder: {exc}") from None
        if key not in seen:  # the same folder named twice (D and D/) is read once
            seen.add(key)
            folders.append(folder)
    return load_specs(folders)
