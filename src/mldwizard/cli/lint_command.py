"""``mldwizard lint``: the lint's findings for one document, and silencing one for an answer
with a reason (``--silence CHAPTER.QUESTION CODE --reason TEXT``) or lifting it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import UsageError

if TYPE_CHECKING:  # the parser is built for every command: the core is loaded only to lint
    from ..core.document import Document
    from ..core.lint import LintFinding

JSON_VERSION = 1


def add_parser(sub: Any, parents: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lint",
        parents=parents,
        help="weak answers (placeholders, no number, ...); silence one for an answer with a reason",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("chapter", metavar="CHAPTER", nargs="?", help="only this step")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--all", action="store_true", help="also list the findings silenced, with their reason"
    )
    p.add_argument(
        "--silence",
        nargs=2,
        metavar=("CHAPTER.QUESTION", "CODE"),
        help="do not report CODE for this answer (needs --reason)",
    )
    p.add_argument(
        "--unsilence", nargs=2, metavar=("CHAPTER.QUESTION", "CODE"), help="report it again"
    )
    p.add_argument("--reason", metavar="TEXT", help="why the finding does not apply there")


def cmd_lint(args: argparse.Namespace) -> int:
    from ..core import storage
    from ..core.identity import now
    from ..core.lint import LintContext, lint_document, stale_silences
    from ..core.lint_checks import STALE_SILENCE, stale_message
    from ..core.workspace import specs_for
    from .out import json_text, say

    path = Path(args.path)
    specs = specs_for(path, [Path(d) for d in args.specs])
    if args.silence and args.unsilence:
        raise UsageError("--silence and --unsilence: one at a time")
    if args.reason is not None and not args.silence:
        raise UsageError("--reason goes with --silence CHAPTER.QUESTION CODE")
    if args.silence or args.unsilence:
        return _change(args, path, specs)
    doc = storage.load_document(path, specs)
    ctx = LintContext(doc, specs, now().date())
    findings = lint_document(ctx)
    stale = [
        {
            "code": STALE_SILENCE,
            "severity": "warning",
            "chapter": slug,
            "question": silence.question,
            "message": stale_message(specs, slug, silence, why, str(path)),
            "silenced": silence.code,
        }
        for slug, silence, why in stale_silences(ctx, findings)
    ]
    if args.chapter:
        slug = specs.resolve(args.chapter).slug
        findings = [f for f in findings if f.step == slug]
        stale = [s for s in stale if s["chapter"] == slug]
    shown = [f for f in findings if args.all or f.silenced is None]
    if args.format == "json":
        print(
            json_text(
                {
                    "version": JSON_VERSION,
                    "document": str(path),
                    "findings": [_as_json(f) for f in shown],
                    "stale_silences": stale,
                }
            )
        )
    else:
        _print(path, specs, shown, sum(1 for f in findings if f.silenced), len(stale))
        for s in stale:
            say(f"  {s['severity']:<7} {s['code']}  {s['message']}")
    return 1 if stale or any(f.silenced is None for f in findings) else 0


def _change(args: argparse.Namespace, path: Path, specs: Any) -> int:
    from ..core import storage
    from ..core.identity import now, resolve_author
    from ..core.lint_edits import silence, unsilence
    from .out import say

    author = resolve_author(args.author)
    today = now().date()
    done: list[str] = []

    def change(doc: Document) -> None:
        if args.silence:
            ref, code = args.silence
            if args.reason is None:
                raise UsageError(
                    f"a silence needs a reason: --silence {ref} {code} --reason TEXT (why "
                    "the finding does not apply to this answer)"
                )
            made = silence(doc, specs, ref, code, args.reason, author, today)
            done.append(f"{code} silenced for {_ref(specs, ref)} ({made.reason!r}).")
        else:
            ref, code = args.unsilence
            unsilence(doc, specs, ref, code)
            done.append(f"{code} is reported again for {_ref(specs, ref)}.")

    storage.update_document(path, specs, author, change)
    say(" ".join(done))
    return 0


def _ref(specs: Any, ref: str) -> str:
    from ..core.lint_edits import answer_ref

    step, question = answer_ref(specs, ref)
    return f"{step.slug}.{question.id}"


def _as_json(f: LintFinding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity,
        "chapter": f.step,
        "question": f.question,
        "message": f.message,
        "fix": f.fix,
        "silenced": None
        if f.silenced is None
        else {"reason": f.silenced.reason, "by": f.silenced.by or None, "on": str(f.silenced.on)},
    }


def _print(path: Path, specs: Any, shown: list[LintFinding], silenced: int, stale: int) -> None:
    from .out import say

    open_ = [f for f in shown if f.silenced is None]
    say(
        f"{path}: {len(open_)} finding(s)"
        + (f", {silenced} silenced" if silenced else "")
        + (f", {stale} stale silence(s) (MLD120)" if stale else "")
    )
    for f in shown:
        step = specs.get(f.step)
        question = step.question(f.question) if step is not None else None
        where = f"{step.label if step else f.step} › {question.title if question else f.question}"
        say(f"  {f.severity:<7} {f.code}  {where}: {f.message}")
        if f.silenced is not None:
            say(f"          silenced: {f.silenced.reason}")
        else:
            say(f"          fix: {f.fix}")
            say(
                f"          or: mldwizard lint {path} --silence {f.step}.{f.question} {f.code} "
                '--reason "..."'
            )
