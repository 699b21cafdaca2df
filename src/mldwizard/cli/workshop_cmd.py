"""``mldwizard workshop``: open the facilitator's view (a workshop over steps, or a review
session of one step with ``--review``), or print the latest workshop with ``--summary``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from ..core import storage, workshops
from ..core.errors import UsageError
from ..core.identity import now, resolve_author
from ..core.workspace import specs_for
from .out import say


def _check_options(args: argparse.Namespace) -> None:
    if args.by is not None and args.review is None:
        raise UsageError("--by goes with --review CHAPTER (the reviewer of record)")
    if args.review is not None and args.steps is not None:
        raise UsageError("--review CHAPTER walks that chapter's review items: it takes no --steps")
    if args.summary and args.review is not None:
        raise UsageError("--summary prints the latest workshop: it takes no --review")


def cmd_workshop(args: argparse.Namespace) -> int:
    from .commands import interactive

    _check_options(args)
    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in args.specs])
    doc = storage.load_document(path, specs)
    if args.summary:
        if not doc.workshops:
            raise UsageError(f"{path}: no workshop has been held yet")
        sys.stdout.write(workshops.summary_markdown(doc, specs, doc.workshops[-1]))
        return 0
    workshops.check_minutes(args.minutes)
    author = resolve_author(args.author)
    facilitator = author if doc.person(author) else None
    review_step = None
    if args.review is not None:
        from ..core.workshop_review import check_session

        by = args.by if args.by is not None else facilitator
        review_step = check_session(doc, specs, args.review, by)
        steps = [review_step]
    else:
        steps = workshops.parse_steps(args.steps, specs)
    if not interactive():
        raise UsageError(
            "workshop opens a full-screen view and needs a terminal; "
            f"`mldwizard workshop {path} --summary` prints the latest one"
        )
    # Written with the first thing recorded: opening and closing writes nothing.
    planned = workshops.plan_workshop(doc, now().date(), steps, args.minutes, facilitator)
    from ..tui.workshop import WorkshopApp

    app: WorkshopApp
    if review_step is not None and by is not None:
        from ..tui.workshop_review import ReviewWorkshopApp

        app = ReviewWorkshopApp(path, specs, author, planned, review_step.slug, by)
    else:
        app = WorkshopApp(path, specs, author, planned)
    app.run()
    state = app.stopping.save() if app.stopping.signal is not None else app.quit_state
    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        if app.recorded or not state.startswith("saved"):
            say(
                f"{path}: workshop {planned.id} {state}; "
                f"`mldwizard workshop {path} --summary` prints it as Markdown."
            )
        else:
            say(f"{path}: workshop {planned.id}: nothing recorded, so nothing written.")
    return 0 if state.startswith("saved") else 1  # as StopOnSignal.exit_code
