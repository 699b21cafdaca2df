"""The headless commands: new, person, export, schema, demo (set in set_command, show/specs
in views)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import startup
from ..core import edits, storage
from ..core.document import Document, new_document
from ..core.errors import LoadError, UsageError
from ..core.examples import EXAMPLE_NAME, example_document
from ..core.files import new_folders
from ..core.helper_files import gitignore_hint
from ..core.identity import now, resolve_author
from ..core.specs import Specs, StepSpec, load_specs
from ..core.stored_text import refuse_controls
from ..core.workspace import specs_for
from .out import json_text, say, say_rescues, say_upgraded


def run(args: argparse.Namespace) -> int:
    handler = {
        "new": cmd_new,
        "edit": cmd_edit,
        "chapter": cmd_chapter,
        "set": _set,
        "person": cmd_person,
        "export": _export,
        "show": cmd_show,
        "specs": cmd_specs,
        "schema": cmd_schema,
        "demo": cmd_demo,
        "serve": _serve,
        "workshop": cmd_workshop,
        "status": _living("cmd_status"),
        "check": _living("cmd_check"),
        "owners": _living("cmd_owners"),
        "review": _living("cmd_review"),
        "ack": _living("cmd_ack"),
        "lint": _lint,
        "mcp": _mcp,
    }[args.command]
    return handler(args)


def cmd_workshop(args: argparse.Namespace) -> int:
    from .workshop_cmd import cmd_workshop as run_workshop

    return run_workshop(args)


def _export(args: argparse.Namespace) -> int:
    from .export import cmd_export

    return cmd_export(args)


def _set(args: argparse.Namespace) -> int:
    from .set_command import cmd_set

    return cmd_set(args)


def _lint(args: argparse.Namespace) -> int:
    from .lint_command import cmd_lint

    return cmd_lint(args)


def _mcp(args: argparse.Namespace) -> int:
    from .mcp_command import cmd_mcp

    return cmd_mcp(args)


def _serve(args: argparse.Namespace) -> int:
    from .serve import cmd_serve

    return cmd_serve(args)


def _living(name: str) -> Callable[[argparse.Namespace], int]:
    def run_it(args: argparse.Namespace) -> int:
        from . import living

        handler: Callable[[argparse.Namespace], int] = getattr(living, name)
        return handler(args)

    return run_it


def _extra(args: argparse.Namespace) -> list[Path]:
    return [Path(d) for d in getattr(args, "specs", [])]


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.path)
    storage.check_document_path(path)
    specs = specs_for(path, _extra(args))
    author = resolve_author(args.author)
    if args.title is not None and not args.title.strip():
        raise UsageError("--title must not be blank")
    if args.title is not None:
        refuse_controls("--title", args.title)
    if args.example:
        doc = example_document(specs, now().date())
        if args.title:
            doc.project.title = args.title
    else:
        title = args.title or path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
        doc = new_document(title or "Untitled", now().date(), [s.slug for s in specs.chapters])
    with new_folders(path) as made:
        created = storage.create_document(path, doc, specs, author)
    if made:
        say(f"Created the folder {made[-1]}.")
    say(f"Created {path} and {storage.markdown_path(path)}.")
    for line in gitignore_hint(path):
        say(line)
    if args.no_input:
        return 0
    if args.plain:
        _need_terminal("new", path, plain=True)
        return open_wizard(path, specs, author, None, plain=True, from_start=True)
    if not interactive():
        say(
            "Not a terminal, so the wizard was not opened. Answer with `mldwizard set` "
            f"(questions: `mldwizard specs`), or run `mldwizard edit {path}` in a terminal."
        )
        return 0
    return open_wizard(path, specs, author, None, doc=created)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_wizard(
    path: Path,
    specs: Specs,
    author: str,
    only: StepSpec | None,
    plain: bool = False,
    from_start: bool = False,
    doc: Document | None = None,
    review_by: str | None = None,
) -> int:
    """Load first (a broken document is reported before any screen opens), then run.

    ``doc`` is the document just loaded from ``path`` (so it is not read twice). With
    ``review_by``, the review screen of ``only`` opens at once (the other steps stay open).
    """
    if plain:
        from ..plain.prompts import QuestionaryPrompts
        from ..plain.runner import run_plain

        startup.resume()  # a prompt session is long: no start-up pause for it
        return run_plain(path, specs, author, only, from_start, QuestionaryPrompts())
    from ..core.session import Session
    from ..tui.factory import make_app

    session = Session(path, specs, author, doc)
    if review_by is not None:
        app = make_app(path, specs, author, session=session, start=only, review_by=review_by)
    else:
        app = make_app(path, specs, author, only=only, session=session)
    app.run()
    if (state := app.final_state()) is None:
        # The wizard stopped on an error (Textual printed it): keep everything typed.
        with contextlib.suppress(OSError):
            say(f"{path}: the wizard stopped on an error; {app.rescue()}.", err=True)
        return 1
    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        say(f"{path}: {state}.")
        say_rescues(path)  # written by this session or an earlier one: never left unknown
    return 0 if state.startswith("saved") else 1


def _need_terminal(command: str, path: Path, plain: bool = False) -> None:
    if plain and not sys.stdin.isatty():
        raise UsageError(
            f"{command} --plain asks questions and needs a terminal on standard input; to "
            f"answer from a script use `mldwizard set {path} --from answers.toml` (the file "
            f"has the document's shape; see `mldwizard schema --of answers`)"
        )
    web = os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver")  # textual-serve
    if not plain and not interactive() and not web:
        raise UsageError(
            f"{command} opens the full-screen wizard and needs a terminal; without one use "
            f"`mldwizard set {path} ...` or `mldwizard set {path} --from FILE`"
        )


def cmd_edit(args: argparse.Namespace) -> int:
    path = Path(args.path)
    specs = specs_for(path, _extra(args))
    doc = storage.load_document(path, specs)  # a broken file is reported before anything opens
    _need_terminal("edit", path, args.plain)
    return open_wizard(path, specs, resolve_author(args.author), None, args.plain, doc=doc)


def cmd_chapter(args: argparse.Namespace) -> int:
    path = Path(args.path)
    specs = specs_for(path, _extra(args))
    step = specs.resolve(args.chapter)
    doc = storage.load_document(path, specs)
    _need_terminal("chapter", path, args.plain)
    return open_wizard(path, specs, resolve_author(args.author), step, args.plain, doc=doc)


def cmd_person(args: argparse.Namespace) -> int:
    path = Path(args.path)
    specs = specs_for(path, _extra(args))

    def change(doc: Document) -> None:
        if args.remove:
            edits.remove_person(doc, args.handle)
        else:
            edits.upsert_person(doc, args.handle, args.name, args.role)

    version = storage.schema_on_disk(path)
    storage.update_document(path, specs, resolve_author(args.author), change)
    say(f"Saved {path}.")
    say_upgraded(path, version)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .views import show_document

    path = Path(args.path)
    specs = specs_for(path, _extra(args))
    doc = storage.load_document(path, specs)
    only = specs.resolve(args.chapter) if args.chapter else None
    show_document(doc, specs, only)
    return 0


def cmd_specs(args: argparse.Namespace) -> int:
    from .views import show_specs, specs_as_json

    specs = load_specs(_extra(args))
    only = specs.resolve(args.chapter) if args.chapter else None
    if args.format == "json":
        print(json_text(specs_as_json(specs, only)))
    else:
        show_specs(specs, only)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from pydantic import BaseModel

    from ..core.patch import Patch
    from ..core.specs import StepSpec

    models: dict[str, type[BaseModel]] = {
        "document": Document,
        "spec": StepSpec,
        "answers": Patch,
    }
    model = models[args.of]
    print(json.dumps(model.model_json_schema(by_alias=True), indent=2))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="mldwizard-demo-"))
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: cannot use it for the demo: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot use it for the demo: {exc.strerror or exc}") from None
    path = folder / EXAMPLE_NAME
    specs = specs_for(path, [])
    if path.exists() or path.is_symlink():
        try:
            doc = storage.load_document(path, specs)
        except LoadError as exc:
            why = str(exc).splitlines()[0]
            raise UsageError(
                f"{path} already exists and is not the example, so it was left alone ({why}); "
                "give the demo another folder: mldwizard demo DIR"
            ) from None
        say(f"Opening the example already in {path}.")
    else:
        doc = example_document(specs, now().date())
        doc = storage.create_document(path, doc, specs, resolve_author(args.author))
        say(
            f"Copied the bundled example to {path} (and its Markdown, "
            f"{storage.markdown_path(path)})."
        )
    if interactive():
        return open_wizard(path, specs, resolve_author(args.author), None, doc=doc)
    from .views import show_overview

    show_overview(doc, specs)
    say(
        f"\nRead it all:      mldwizard show {path}"
        f"\n                  (or open {storage.markdown_path(path)})"
        f"\nOne chapter:      mldwizard show {path} metrics"
        f"\nChange an answer: mldwizard set {path} gate expert_rule fully"
    )
    return 0
