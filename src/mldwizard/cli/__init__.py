"""The command line: parses arguments and hands each command to the core or a view.

Exit codes: 0 success, 1 findings (``check``), 2 bad usage or bad input, 130 interrupted.
Nothing here imports a user-interface library at module level.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__, startup
from ..core.errors import MldwizardError, UsageError
from ..core.names import LIMIT, shown_name, shown_repr


class _Parser(argparse.ArgumentParser):
    """argparse, whose messages quote a long argument by its start and its length (an
    invalid choice of a megabyte is one line, not a megabyte). Subcommands inherit it."""

    def error(self, message: str) -> NoReturn:
        super().error(_LONG_WORD.sub(lambda m: shown_name(m.group()), message))


_LONG_WORD = re.compile(rf"\S{{{LIMIT + 1},}}")

EXPORT_HELP = """\
Write the document in one of these formats:

  md    the Markdown document (the same as the .md written next to the .toml)
  html  one self-contained web page: table of contents, verdict banner, chapter status
        and owners; no network fetches, readable on a phone, printable
  docx  a Word file (for Word, Google Docs, Confluence), with a title and a table of
        contents; needs pandoc: pip install 'mldwizard[docx]', or pandoc on PATH
  json  the document itself, as JSON

-o replaces only a new or empty file or an earlier export (a Word file only while nobody
has edited it), and writes straight into a pipe or device such as /dev/stdout. A Word file
is never written to a terminal. A FILE extension that names another format than --format,
or no format without --format (there is no PDF: print the html, or save the docx as PDF),
is refused."""


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="mldwizard",
        description="Write a machine-learning system design document, and keep it alive.",
    )
    parser.add_argument("--version", action="version", version=f"mldwizard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--specs",
        metavar="DIR",
        action="append",
        default=[],
        help="a folder of extra chapter specs (may be repeated)",
    )
    plain = argparse.ArgumentParser(add_help=False)
    plain.add_argument(
        "--plain",
        action="store_true",
        help="ask one question at a time in the terminal (no full-screen UI)",
    )
    author = argparse.ArgumentParser(add_help=False)
    author.add_argument(
        "--author",
        metavar="NAME",
        help="who makes the change (default: git user.name, else login name)",
    )

    p = sub.add_parser("new", parents=[common, author, plain], help="create a design document")
    p.add_argument("path", metavar="PATH", help="the document to create (NAME.toml)")
    p.add_argument("--title", help="the system's name (default: from the file name)")
    p.add_argument(
        "--example", action="store_true", help="start from the bundled, fully answered example"
    )
    p.add_argument(
        "--no-input", action="store_true", help="only create the file; do not open the wizard"
    )

    p = sub.add_parser(
        "edit",
        parents=[common, author, plain],
        help="open the wizard at the first step with unanswered questions",
    )
    p.add_argument("path", metavar="PATH")

    p = sub.add_parser(
        "chapter",
        parents=[common, author, plain],
        help="open the wizard on one step, to update it",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("chapter", metavar="CHAPTER", help="number, slug, 'gate' or 'feasibility'")

    p = sub.add_parser(
        "set",
        parents=[common, author],
        help="answer questions without a UI",
        description="Answer one question, set a chapter's metadata or the document's stage, "
        "or apply a whole answers file. A list question takes several VALUEs; '-' reads a "
        "value from stdin.",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument(
        "chapter",
        metavar="CHAPTER",
        nargs="?",
        help="number, slug, 'gate', 'feasibility' or a stage gate (stage-gate-pilot, "
        "stage-gate-production)",
    )
    p.add_argument(
        "question",
        metavar="QUESTION",
        nargs="?",
        help="question id (for the feasibility checklist or a stage gate: an item id)",
    )
    p.add_argument("values", metavar="VALUE", nargs="*")
    p.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="apply an answers file shaped like the document ('-': read it from stdin)",
    )
    p.add_argument("--clear", action="store_true", help="remove the answer")
    p.add_argument(
        "--status",
        help="chapter status: empty, draft, review, approved (a checklist item's status "
        "comes after the item: set PATH feasibility ITEM not-met, set PATH stage-gate-pilot "
        "ITEM met)",
    )
    p.add_argument(
        "--owner",
        dest="owners",
        action="append",
        metavar="HANDLE",
        help="chapter owner (repeat for several; replaces the owners); "
        "with a checklist item: who closes the gap",
    )
    p.add_argument("--code-path", dest="code_paths", action="append", metavar="GLOB")
    p.add_argument("--link", dest="links", action="append", metavar="URL")
    p.add_argument(
        "--override",
        metavar="LEVEL",
        help="gate only: heuristic, existing-model, simple-model, complex-model or "
        "do-not-build ('none' removes)",
    )
    p.add_argument(
        "--reason",
        help="gate: why the verdict is overridden; with --stage: why the project moves past "
        "a stage gate that is not GO or CONDITIONAL, or out of design while the feasibility "
        "checklist is not GO or CONDITIONAL (kept with it and in the changelog)",
    )
    p.add_argument(
        "--stage",
        metavar="STAGE",
        help="the document's stage: design, prototype, pilot or production (no CHAPTER); "
        "prints the questions that become required",
    )
    p.add_argument("--note", help="checklist item (feasibility or a stage gate): the evidence")
    p.add_argument(
        "--condition", help="checklist item (feasibility or a stage gate): what would close it"
    )
    fatal = p.add_mutually_exclusive_group()
    fatal.add_argument(
        "--fatal",
        dest="fatal",
        action="store_true",
        default=None,
        help="checklist item: not met and cannot be closed",
    )
    fatal.add_argument(
        "--closable",
        dest="fatal",
        action="store_false",
        help="checklist item: not met but closable (with --owner, --condition and --due; "
        "a critical item Not met and not closable is a NO-GO)",
    )
    p.add_argument(
        "--due", metavar="YYYY-MM-DD", help="checklist item: when the gap is to be closed"
    )
    p.add_argument(
        "--waive",
        dest="waiver",
        metavar="REASON",
        help="checklist item: why a non-critical gap is accepted ('' removes the waiver; "
        "refused on a critical item and on a Met one)",
    )
    p.add_argument(
        "--evidence-link",
        dest="evidence_links",
        action="append",
        metavar="URL",
        help="checklist item: a link to the evidence, an http(s) address or a relative path "
        "in the repository such as reports/baseline.md (repeat for several; replaces them)",
    )
    p.add_argument(
        "--ref",
        dest="refs",
        action="append",
        metavar="STEP.QUESTION",
        help="checklist item: an answer the evidence rests on, e.g. metrics.target_values",
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument(
        "--in-scope",
        dest="in_scope",
        action="store_true",
        default=None,
        help="feasibility item: holds within the checklist's named scope (for SCOPE-DOWN; "
        "name the scope first with --scope)",
    )
    scope.add_argument("--not-in-scope", dest="in_scope", action="store_false")
    p.add_argument(
        "--scope-note",
        metavar="TEXT",
        help="feasibility item: why it holds within the named scope (an item marked "
        "--in-scope counts there only with one; '' removes it)",
    )
    p.add_argument(
        "--scope",
        metavar="TEXT",
        help="feasibility: the subset the team could build now, e.g. 'English tickets' "
        "('' removes it)",
    )

    p = sub.add_parser("person", parents=[common, author], help="add, change or remove a person")
    p.add_argument("path", metavar="PATH")
    p.add_argument("handle", metavar="HANDLE")
    p.add_argument("--name")
    p.add_argument("--role")
    p.add_argument("--remove", action="store_true")

    p = sub.add_parser(
        "export",
        parents=[common],
        help="write the document as Markdown, a web page, a Word file or JSON",
        description=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        nargs="?",
        const="",
        help="write to FILE (default: standard output); -o alone writes NAME.md, NAME.html, "
        "NAME.docx or NAME.json next to the document NAME.toml",
    )
    p.add_argument(
        "--format",
        type=str.lower,  # HTML, Md: a format is not case-sensitive
        choices=["md", "html", "docx", "json", "markdown"],
        default=None,
        help="md (the default; 'markdown' also works), html, docx or json; without it, "
        "the extension of -o FILE decides (.md, .html, .docx, .json), else md; an "
        "extension that names another format is refused",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="every required question in place, with a placeholder where the answer is "
        "missing (for a writing session); default: the reader's document, answered "
        "questions only and the open ones listed at the end",
    )

    p = sub.add_parser("show", parents=[common], help="show the document in the terminal")
    p.add_argument("path", metavar="PATH")
    p.add_argument("chapter", metavar="CHAPTER", nargs="?")

    p = sub.add_parser("specs", parents=[common], help="list the steps and their questions")
    p.add_argument("chapter", metavar="CHAPTER", nargs="?")
    p.add_argument("--format", choices=["text", "json"], default="text")

    repo = argparse.ArgumentParser(add_help=False)
    repo.add_argument(
        "--repo",
        metavar="DIR",
        help="the git repository the code paths are in (default: the one holding each document)",
    )
    p = sub.add_parser(
        "status",
        parents=[common, repo],
        help="owners, freshness and bus factor of one or more documents",
    )
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument("--format", choices=["text", "json"], default="text")

    from ..core.codes import CODES

    p = sub.add_parser(
        "check",
        parents=[common, repo],
        help="findings for CI: stale, unowned, drifted or inconsistent steps",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Exit 0: nothing at or above --fail-on; 1: findings; 2: bad input.",
        epilog="finding codes:\n" + "\n".join(f"  {c}  {t}" for c, t in CODES.items()),
    )
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.add_argument(
        "--format",
        choices=["text", "json", "github", "sarif", "junit"],
        default="text",
        help="github: workflow annotations, the most important first, and a summary of all "
        "in $GITHUB_STEP_SUMMARY when set; sarif: SARIF 2.1.0 for code scanning; junit: JUnit "
        "XML, a testcase per chapter",
    )
    p.add_argument("--fail-on", choices=["error", "warning"], default="error")
    p.add_argument(
        "--base",
        metavar="REF",
        help="a pull request's check: only what this branch changes since REF (e.g. "
        "origin/main), uncommitted changes included; needs the history back to REF",
    )

    p = sub.add_parser(
        "owners",
        parents=[common, author],
        help="who owns what; --suggest backup owners so each step has two; "
        "--from-codeowners owners from CODEOWNERS",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--suggest", action="store_true")
    p.add_argument(
        "--max-load", type=int, metavar="N", help="nobody may own more than N steps afterwards"
    )
    p.add_argument(
        "--from-codeowners",
        nargs="?",
        const="",
        metavar="FILE",
        help="propose owners from CODEOWNERS (default: the repository's, where GitHub looks)",
    )
    p.add_argument("--apply", action="store_true", help="write the suggestion or proposal")

    from .lint_command import add_parser as add_lint_parser

    add_lint_parser(sub, [common, author])

    from .review_cmd import add_review_parser

    add_review_parser(sub, common)

    from .ack_cmd import add_ack_parser

    add_ack_parser(sub, common)

    from .mcp_command import add_mcp_parser

    add_mcp_parser(sub, [common, repo])

    p = sub.add_parser(
        "workshop",
        parents=[common, author],
        help="facilitate a workshop: timeboxed steps, attendees, decisions, actions",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument(
        "--steps", metavar="SPEC", help="which steps, e.g. 1-4,gate,feasibility (default: all)"
    )
    p.add_argument(
        "--minutes",
        type=int,
        default=15,
        metavar="N",
        help="timebox per step in minutes (default 15; +/- adjust it live)",
    )
    p.add_argument(
        "--summary", action="store_true", help="print the latest workshop as Markdown and exit"
    )
    p.add_argument(
        "--review",
        metavar="CHAPTER",
        help="a review session: walk CHAPTER's review items one at a time; the room marks them",
    )
    p.add_argument(
        "--by",
        metavar="HANDLE",
        help="with --review: the reviewer of record (default: you, when among the people)",
    )

    p = sub.add_parser(
        "serve",
        parents=[common, author],
        help="serve the wizard to web browsers (each browser gets its own wizard)",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback only)"
    )
    p.add_argument("--port", type=int, default=8000)
    p.add_argument(
        "--public",
        action="store_true",
        help="required to listen on anything but loopback (whoever has the URL can edit)",
    )
    p.add_argument(
        "--token",
        help="the secret the URL carries (default: $MLDWIZARD_SERVE_TOKEN, else a new random "
        "one at each start)",
    )
    p.add_argument(
        "--allow-host",
        metavar="NAME",
        action="append",
        default=[],
        help="another name browsers may use to reach the server (may be repeated)",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=8,
        metavar="N",
        help="at most N browsers (wizards) at once (default 8)",
    )

    p = sub.add_parser("schema", help="print the JSON Schema of the document format")
    p.add_argument(
        "--of",
        choices=["document", "spec", "answers"],
        default="document",
        help="the document (default), a chapter spec, or an answers file",
    )

    p = sub.add_parser(
        "demo", parents=[author], help="copy the bundled example into DIR and open it in the wizard"
    )
    p.add_argument(
        "dir", metavar="DIR", nargs="?", help="where to put it (default: a new temporary folder)"
    )
    return parser


# Commands that may open a full-screen app: their start-up runs with the collector paused.
OPENS_AN_APP = frozenset({"new", "edit", "chapter", "demo", "workshop"})


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_document_first(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        parser.print_help()
        return 2
    # mldwizard uses no pydantic plugins; looking for them scans every installed package's
    # entry points (~7 ms) before the first document can be read.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if args.command in OPENS_AN_APP:
        startup.pause()  # the app resumes it after its first frame (see startup.py)
    from . import commands

    try:
        _check_arguments(args)
        return commands.run(args)
    except MldwizardError as exc:
        from .out import say

        say(error_text(exc), err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mldwizard: interrupted; nothing half-written was saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        startup.resume()


def _document_first(argv: list[str]) -> list[str]:
    """``mldwizard PATH [...]``, PATH a ``.toml`` document that exists (not a command's
    name): short for ``mldwizard edit PATH [...]``, what a user types first."""
    if argv and argv[0].lower().endswith(".toml") and os.path.isfile(argv[0]):
        return ["edit", *argv]
    return argv


def error_text(exc: MldwizardError) -> str:
    """Every line of a message starts with ``mldwizard:`` (one per problem found, e.g. each
    field of a document that does not load); indented lines continue the one above."""
    lines = str(exc).splitlines() or [""]
    return "\n".join(line if line[:1].isspace() else f"mldwizard: {line}" for line in lines)


def _check_arguments(args: argparse.Namespace) -> None:
    """Arguments that are not valid UTF-8 cannot go into a document: say which one."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    shown = name.replace("_", "-")
                    raise UsageError(
                        f"the {shown} argument {shown_repr(item)} is not valid UTF-8"
                    ) from None


def entry_point() -> None:
    sys.exit(main())
