"""Which specs apply to a document: the built-in ones, ``--specs`` folders, and the
``.mldwizard/chapters/`` folder next to the document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import SpecError
from .specs import Specs, load_specs

LOCAL_SPECS = Path(".mldwizard") / "chapters"


def specs_for(document: Path, extra: Iterable[Path] = ()) -> Specs:
    folders = list(extra)
    local = document.parent / LOCAL_SPECS
    try:
        if local.is_dir() and all(local.resolve() != f.resolve() for f in folders):
            folders.append(local)
    except (OSError, RuntimeError) as exc:  # a symlink loop, a folder we cannot read
        raise SpecError(f"{local}: cannot use this chapter specs folder: {exc}") from None
    return load_specs(folders)
