"""Adding a person where a person is asked for: a solo author, or a team still being put
together, adds someone (handle, name, role) without leaving plain mode. The handle follows
the core's rules (:class:`mldwizard.core.document.Person`); the person is saved at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..core import edits, storage
from ..core.document import Document, Person, person_label
from ..core.errors import MldwizardError
from ..core.handle_options import PLAIN_HOW, handle_options, stored_handles
from ..core.names import shown_repr
from ..core.tomlio import validation_messages

if TYPE_CHECKING:
    from .runner import PlainRun

ADD = "(add a person)"
ADD_PERSON = "\x00add-person"
"""The value of the "(add a person)" line in a list of people (no handle can be it)."""


def known_options(run: PlainRun, current: Any) -> list[tuple[str, Any]]:
    """The document's people, then a stored handle not among them (marked: offered, it is
    kept; not offered, the next Enter dropped it)."""
    stored = stored_handles(current)
    return list(handle_options(run.doc.people, stored, person_label, PLAIN_HOW))


def people_options(run: PlainRun, current: Any) -> list[tuple[str, Any]]:
    """The people a list offers, then the line that adds one."""
    return [*known_options(run, current), (ADD, ADD_PERSON)]


def handle_problem(run: PlainRun, text: str) -> str | None:
    """Why ``text`` cannot be a new person's handle (None: it can)."""
    handle = text.strip()
    if not handle:
        return None  # nothing typed: no one added
    try:
        Person.model_validate({"handle": handle})
    except ValidationError as exc:
        return validation_messages(exc)[0].removeprefix("handle: ")
    twin = run.doc.handle_taken(handle)
    if twin is not None:
        return f"{shown_repr(twin.handle)} is already among the people: pick them in the list"
    return None


def add_person(run: PlainRun, key: str) -> str | None:
    """Ask for a handle, a name and a role and save the person; their handle (None when
    no handle was typed, or the save failed)."""
    p = run.prompts
    p.say("  A new person: a short handle (used for owners and reviews), a name, a role.", "dim")
    handle = p.text(
        f"{key}.handle",
        "Their handle, e.g. ana or j.smith (empty: add no one)?",
        "",
        False,
        lambda t: handle_problem(run, t),
    ).strip()
    if not handle:
        return None
    name = p.text(f"{key}.name", f"{handle}'s full name?", "", False, None).strip()
    role = p.text(f"{key}.role", f"{handle}'s role, e.g. ML engineer?", "", False, None).strip()

    def add(doc: Document) -> None:
        edits.upsert_person(doc, handle, name or None, role or None)

    try:
        run.doc = storage.update_document(run.path, run.specs, run.author, add)
    except MldwizardError as exc:
        p.say(f"  not saved: {exc}", "red")
        run.failed += 1
        return None
    run.saved += 1
    p.say(f"  Added {person_label(run.doc.person(handle) or Person(handle=handle))}.", "green")
    return handle


def ask_person(run: PlainRun, key: str, message: str, current: Any, skip: str) -> Any:
    """A person question: the people, skip, and last "(add a person)" (after skip, so the
    keys that reach a person or skip stay as they were)."""
    options = [*known_options(run, current), (skip, None), (ADD, ADD_PERSON)]
    chosen = run.prompts.select(key, message, options, current)
    return add_person(run, key) if chosen == ADD_PERSON else chosen


def ask_people(run: PlainRun, key: str, message: str, current: list[Any]) -> list[Any] | None:
    """A people question: tick the people; "(add a person)" ticked adds one and ticks
    them, and the list comes back with them in it. With no people yet, offers to add one
    first. None: nothing to tick (no one added)."""
    ticked = list(current)
    if not known_options(run, current):
        run.prompts.say("  No people in the document yet.", "yellow")
        if not run.prompts.confirm(f"{key}.add", "Add a person now?", True):
            return None
        first = add_person(run, key)
        if first is None:
            return None
        ticked.append(first)
    while True:
        chosen = run.prompts.checkbox(key, message, people_options(run, ticked), ticked)
        if ADD_PERSON not in chosen:
            return chosen
        ticked = [c for c in chosen if c != ADD_PERSON]
        added = add_person(run, key)
        if added is not None:
            ticked.append(added)
