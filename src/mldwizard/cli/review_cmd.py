"""``mldwizard review``: mark review items, comment, answer threads, approve. No Textual.

Every change goes through :mod:`mldwizard.core.review` and is saved under the document's
lock (merged with whatever else changed), so a concurrent edit never loses a review.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core import storage
from ..core.document import Document
from ..core.errors import UsageError
from ..core.identity import now
from ..core.workspace import specs_for
from .commands import interactive, open_wizard
from .out import say, say_upgraded

THREAD_ACTIONS = ("resolve", "close", "reopen")


def add_review_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "review",
        parents=[common],
        help="review one step: mark its review items, comment, answer threads, approve",
        description="Without an action: at a terminal, the wizard's review screen; "
        "otherwise the step's review checklist (items and marks, open comments, approvals "
        "and what blocks one), written to nothing. A mark, a comment or an approval records "
        "that HANDLE reviewed the step's current revision.",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("chapter", metavar="CHAPTER")
    p.add_argument("--by", required=True, metavar="HANDLE", help="who reviews (among people)")
    p.add_argument("--item", metavar="ID", help="the review item to mark or comment on")
    p.add_argument(
        "--mark", metavar="MARK", help="with --item: met, partial, not-met or not-applicable"
    )
    p.add_argument(
        "--reason",
        metavar="TEXT",
        help="with --mark: the mark's note, its evidence or why (required for "
        "not-applicable); without it a re-mark with the same mark keeps the item's note, "
        "a changed mark drops it; --reason '' clears it",
    )
    p.add_argument("--comment", metavar="TEXT", help="open a comment thread (on --item, if given)")
    p.add_argument(
        "--severity",
        metavar="LEVEL",
        help="with --comment: critical, major or minor (default: the item's; minor)",
    )
    p.add_argument("--thread", type=int, metavar="N", help="with --reply: the thread to answer")
    p.add_argument(
        "--reply",
        metavar="TEXT",
        help="a reply (with --thread N, or with --resolve/--close/"
        "--reopen as the word that goes with it)",
    )
    p.add_argument(
        "--resolve", type=int, metavar="N", help="the author says thread N is dealt with"
    )
    p.add_argument(
        "--close", type=int, metavar="N", help="the reviewer who opened thread N closes it"
    )
    p.add_argument("--reopen", type=int, metavar="N", help="open a resolved or closed thread")
    p.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="a whole review in a TOML file (its shape: README, 'Reviews')",
    )
    p.add_argument(
        "--approve",
        action="store_true",
        help="approve the step's current revision (refused, exit 2, with what blocks it)",
    )


def _thread_action(args: argparse.Namespace) -> tuple[str, int] | None:
    given = [(a, getattr(args, a)) for a in THREAD_ACTIONS if getattr(args, a) is not None]
    if len(given) > 1:
        raise UsageError("one of --resolve, --close and --reopen at a time")
    return given[0] if given else None


def _check_options(args: argparse.Namespace) -> None:
    if (args.mark is not None or args.reason is not None) and args.item is None:
        raise UsageError("--mark and --reason go with --item ID (the item they mark)")
    if args.reason is not None and args.mark is None:
        raise UsageError("--reason goes with --mark (why the item has that mark)")
    if args.item is not None and args.mark is None and args.comment is None:
        raise UsageError("--item ID goes with --mark MARK, --comment TEXT or both")
    if args.severity is not None and args.comment is None:
        raise UsageError("--severity goes with --comment (the comment's severity)")
    action = _thread_action(args)
    if args.thread is not None and args.reply is None:
        raise UsageError("--thread N goes with --reply TEXT")
    if args.thread is not None and action is not None:
        raise UsageError("--thread goes with --reply alone; --resolve/--close/--reopen name it")
    if args.reply is not None and args.thread is None and action is None:
        raise UsageError("--reply goes with --thread N (or --resolve/--close/--reopen N)")


ACTIONS = ("item", "mark", "reason", "comment", "severity", "thread", "reply", "from_file")


def _asks_change(args: argparse.Namespace) -> bool:
    """A mark, a comment, a reply, a thread action, a review file or an approval."""
    asked = [a for a in (*ACTIONS, *THREAD_ACTIONS) if getattr(args, a) is not None]
    return bool(asked) or args.approve


def _opens_screen(args: argparse.Namespace) -> bool:
    """No action asked, at a terminal: the wizard's review screen (else the checklist)."""
    return not _asks_change(args) and interactive()


def cmd_review(args: argparse.Namespace) -> int:
    from ..core import review
    from ..core.review_file import apply_review_file, read_review_file

    _check_options(args)
    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in args.specs])
    step = specs.resolve(args.chapter)
    if step.kind != "stage-gate" and _opens_screen(args):
        doc = storage.load_document(path, specs)
        review.check_person(doc, args.by)  # the same words as without a terminal
        return open_wizard(path, specs, args.by, step, doc=doc, review_by=args.by)
    if not _asks_change(args):
        # Only looking records nothing: no round, no "reviewed" moment, no rewrite (a
        # round comes with a mark, a comment or an approval).
        doc = storage.load_document(path, specs)
        review.check_person(doc, args.by)
        from .review_view import checklist_lines

        for line in checklist_lines(doc, step):
            say(line)
        return 0
    loaded = read_review_file(Path(args.from_file)) if args.from_file else None
    action = _thread_action(args)
    done: list[str] = []
    lacking: list[str] = []
    at = now()

    def change(doc: Document) -> None:
        done.clear()
        review.check_person(doc, args.by)
        if loaded is not None:
            done.extend(apply_review_file(doc, step, args.by, at, loaded))
        if args.mark is not None:
            old = doc.step(step.slug).review.marks.get(args.item)
            try:
                marked = review.mark_item(doc, step, args.by, at, args.item, args.mark, args.reason)
            except review.ReasonNeeded as exc:
                raise UsageError(f"{exc} (give it with --reason TEXT)") from None
            done.append(f"marked {args.item}: {marked.mark}")
            how = "--reason TEXT"
            if line := review.dropped_note_line(args.item, old, marked.mark, args.reason, how):
                done.append(line)
        if args.comment is not None:
            thread = review.open_thread(
                doc, step, args.by, at, args.comment, args.item, args.severity
            )
            about = f" on {thread.item}" if thread.item else ""
            done.append(f"comment #{thread.id} ({thread.severity}){about}")
        if args.thread is not None:
            review.reply(doc, step, args.by, at, args.thread, args.reply)
            done.append(f"replied to #{args.thread}")
        if action is not None:
            thread = review.change_thread(
                doc, step, args.by, at, action[1], action[0], args.reply or ""
            )
            done.append(f"#{thread.id} is {thread.state}")
        if args.approve or (loaded is not None and loaded.content.approve):
            lacking[:] = review.approve(doc, step, args.by, at)
            done.append(f"approved by {args.by} (revision {doc.step(step.slug).revision})")

    version = storage.schema_on_disk(path)
    saved = storage.update_document(path, specs, args.by, change)
    from .review_view import checklist_lines

    if not done:
        for line in checklist_lines(saved, step):
            say(line)
    else:
        state = saved.step(step.slug)
        say(f"{step.label}: reviewed by {args.by}; status {state.status}.")
        for line in done:
            say(f"  {line}")
        if lacking:
            say("Not approved yet: " + "; ".join(lacking) + ".")
    say_upgraded(path, version)
    return 0
