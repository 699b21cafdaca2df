"""``mldwizard ack``: say a chapter still holds (a review for freshness, not an approval).

The rules live in :mod:`mldwizard.core.ack`; this parses the arguments and reports.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core import storage
from ..core.workspace import specs_for
from .out import say, say_upgraded


def add_ack_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "ack",
        parents=[common],
        help="say a chapter still holds after its code changed (counts as a review, not "
        "an approval)",
        description="Records in the changelog who says the chapter still holds, when, why "
        "and at which git commit. It moves the chapter's `reviewed` date (drift and a due "
        "review count from it; on a branch it satisfies `check --base`), never `updated` "
        "or the revision, and approves nothing.",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("chapter", metavar="CHAPTER", help="a chapter's number or slug, gate, ...")
    p.add_argument("--by", required=True, metavar="HANDLE", help="who says so (among the people)")
    p.add_argument(
        "--note",
        required=True,
        metavar="TEXT",
        help='why it still holds, e.g. "refactor only, design unchanged"',
    )


def cmd_ack(args: argparse.Namespace) -> int:
    from ..core.ack import acknowledge

    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in args.specs])
    version = storage.schema_on_disk(path)
    entry = acknowledge(path, specs, args.chapter, args.by, args.note)
    step = specs.resolve(args.chapter)
    at = f" at {entry.commit[:10]}" if entry.commit else ""
    say(f"{step.label}: acknowledged by {entry.by}{at} ({entry.note}). Saved {path}.")
    say_upgraded(path, version)
    return 0
