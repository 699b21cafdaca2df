"""Which specs apply to a document: the built-in ones, ``--specs`` folders, and the
``.mldwizard/chapters/`` folder next to the document."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .specs import Specs, load_specs

LOCAL_SPECS = Path(".mldwizard") / "chapters"


def specs_for(document: Path, extra: Iterable[Path] = ()) -> Specs:
    folders = list(extra)
    local = document.parent / LOCAL_SPECS
    if local.is_dir() and all(local.resolve() != f.resolve() for f in folders):
        folders.append(local)
    return load_specs(folders)
