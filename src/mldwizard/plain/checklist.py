"""The feasibility checklist in plain mode: the verdict as it stands, then each item's
status, its evidence (a note, links, the answers it rests on) and the details a gap needs,
with the verdict again whenever an item changes it, and in full at the end. A stage gate's
items are asked the same way (``ask_item`` with the gate's step; see ``stage_gate``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..core.checklist_gaps import UNEVIDENCED_MET
from ..core.checklist_items import checklist_items, checklist_marks, set_checklist_item
from ..core.document import Document, FeasibilityItem
from ..core.errors import MldwizardError
from ..core.feasibility import FeasibilityResult
from ..core.feasibility_lines import summary, verdict_lines, verdict_word
from ..core.specs import StepSpec
from ..core.verdicts import feasibility_result
from .people import ask_person
from .prompts import Interrupted

if TYPE_CHECKING:
    from .runner import PlainRun

SKIP = "(skip)"
ITEM_STATUSES = [
    ("Met", "met"),
    ("Partial", "partial"),
    ("Not met", "not-met"),
    ("Unknown", "unknown"),
    (SKIP, None),
]
CLOSABLE = "closable"
FATAL = "fatal"
UNDECIDED = "undecided"
CAN_CLOSE = [
    ("Yes, by its owner, condition and due date", CLOSABLE),
    ("No, it cannot be closed", FATAL),
    ("Not decided yet", UNDECIDED),
]
CAN_CLOSE_CRITICAL = [
    ("Yes, by its owner, condition and due date (CONDITIONAL while it is open)", CLOSABLE),
    ("No, it cannot be closed (NO-GO)", FATAL),
    ("Not decided yet (NO-GO until it is marked closable)", UNDECIDED),
]
"""A critical item's answers, each with what it means for the verdict."""
LINE_MARK = {"blocking": "✗ ", "condition": "• ", "detail": "  "}
SEPARATORS = re.compile(r"[\s,]+")
EVIDENCE_LISTS = {
    "links": "Links to the evidence (URLs or file paths, separated by spaces; blank: none)?",
    "refs": "Answers it rests on, as step.question (e.g. metrics.target_values; blank: none)?",
}
"""The evidence given as a list of words, each with its prompt, asked in this order."""


def ask_items(run: PlainRun, step: StepSpec) -> None:
    """Every item in turn, the verdict first and again whenever an item changes it."""
    say_verdict(run, closing=False)
    for item in step.items:
        before = feasibility_result(run.doc, run.specs)
        if ask_item(run, step, item.id):
            say_change(run, before)


def ask_item(run: PlainRun, step: StepSpec, item_id: str) -> bool:
    """One item: its status, the evidence, and for a gap whether it can be closed at all (a
    Not met), then who closes it, how and by when (not asked of one that cannot be closed).
    Saved when complete and different from what is stored (True); on Ctrl-C, saved with
    the parts given so far (and the text being typed), the others as they were."""
    prompts = run.prompts
    item = next(i for i in checklist_items(step) if i.id == item_id)
    old = checklist_marks(run.doc, step).get(item_id)
    key = f"{step.slug}.{item_id}"
    critical = " (critical)" if item.critical else ""
    prompts.say("  " + item.help, "dim")
    status = prompts.select(key, item.text + critical, ITEM_STATUSES, old.status if old else None)
    if status is None:
        return False
    parts: dict[str, Any] = {"fatal": False, "closable": False} if status != "not-met" else {}
    if status == "met":
        parts["owner"] = ""  # nobody needs to close a gap that is not there
    asking = f"{key}.note"
    try:
        parts["note"] = prompts.text(
            asking, "Evidence for this status:", old.note if old else "", False, None
        )
        for field, question in EVIDENCE_LISTS.items():
            asking = f"{key}.{field}"
            parts[field] = _words(
                prompts.text(
                    asking,
                    question,
                    " ".join(getattr(old, field)) if old else "",
                    False,
                    _list_problem(run, step, item_id, status, field),
                )
            )
        if status == "met" and not (parts["note"].strip() or parts["links"] or parts["refs"]):
            prompts.say(f"  {UNEVIDENCED_MET}", "yellow")
            asking = f"{key}.evidence"
            parts["note"] = prompts.text(asking, "Evidence (blank: none yet):", "", False, None)
        if status != "met":
            fatal = False
            if status == "not-met":  # first: a gap that cannot be closed needs no closer
                asking = f"{key}.closable"
                stored = (
                    CLOSABLE if old and old.closable else FATAL if old and old.fatal else UNDECIDED
                )
                can_close = prompts.select(
                    asking,
                    "Can the gap be closed?",
                    CAN_CLOSE_CRITICAL if item.critical else CAN_CLOSE,
                    stored,
                )
                parts["closable"], parts["fatal"] = can_close == CLOSABLE, can_close == FATAL
                fatal = can_close == FATAL
            if not fatal:  # (what a fatal gap had stays as it was, unasked)
                asking = f"{key}.owner"
                owner = old.owner if old else None
                owner = ask_person(run, asking, "Who closes the gap?", owner, SKIP)
                parts["owner"] = owner or ""
                asking = f"{key}.condition"
                parts["condition"] = prompts.text(
                    asking, "What would close it?", old.condition if old else "", False, None
                )
                asking = f"{key}.due"
                due = old.due.isoformat() if old and old.due else ""
                parts["due"] = prompts.text(
                    asking, "By when (YYYY-MM-DD)?", due, False, _date_problem
                ).strip()
            if not item.critical:
                asking = f"{key}.waiver"
                parts["waiver"] = prompts.text(
                    asking,
                    "Accepted as it is? Why (blank: not waived):",
                    old.waiver if old else "",
                    False,
                    None,
                )
            scope = run.doc.feasibility.scope.strip() if step.kind == "feasibility" else ""
            if scope:
                asking = f"{key}.in_scope"
                parts["in_scope"] = prompts.confirm(
                    asking, f"Does it hold within the scope ({scope})?", bool(old and old.in_scope)
                )
                if parts["in_scope"]:
                    asking = f"{key}.scope_note"
                    parts["scope_note"] = prompts.text(
                        asking,
                        f"Why does it hold within {scope}? (without a reason, it does not count "
                        "there)",
                        old.scope_note if old else "",
                        False,
                        None,
                    )
    except Interrupted as stop:
        field = asking.rsplit(".", 1)[1]
        typed = stop.typed if isinstance(stop.typed, str) else None
        problem = None
        if typed is not None and field in ("note", "condition", "waiver", "scope_note"):
            parts[field] = typed
        elif typed is not None and field == "evidence":
            parts["note"] = typed
        elif typed is not None and field in ("links", "refs"):
            problem = _problem(run, step, item_id, status, **{field: _words(typed)})
            if problem is None:
                parts[field] = _words(typed)
        changed = _changes(run, step, item_id, status, parts)
        saved = changed and _save_item(run, step, item_id, status, parts)
        if saved:
            run.kept = f"{key}: what you gave so far is saved in {run.path}."
        if typed is not None and typed.strip() and (problem or (changed and not saved)):
            run.keep_copy(
                asking, typed, f"not valid: {problem}" if problem else "could not be saved"
            )
        raise
    changed = _changes(run, step, item_id, status, parts)
    return changed and _save_item(run, step, item_id, status, parts)


def _edit(
    doc: Document,
    run: PlainRun,
    step: StepSpec,
    item_id: str,
    status: str | None,
    parts: dict[str, Any],
) -> FeasibilityItem:
    names = ["note", "owner", "condition", "fatal", "closable", "waiver", "links", "refs"]
    if step.kind != "stage-gate":  # a stage gate has no scope
        names += ["in_scope", "scope_note"]
    fields: dict[str, Any] = {name: parts.get(name) for name in names}
    fields["due"] = dt.date.fromisoformat(parts["due"]) if parts.get("due") else None
    fields["clear_due"] = "due" in parts and not parts["due"]
    return set_checklist_item(
        doc, run.specs, step, item_id, status, require_details=False, **fields
    )


def _save_item(
    run: PlainRun, step: StepSpec, item_id: str, status: str, parts: dict[str, Any]
) -> bool:
    return run.save(step.slug, lambda d: _edit(d, run, step, item_id, status, parts))


def _changes(
    run: PlainRun, step: StepSpec, item_id: str, status: str | None, parts: dict[str, Any]
) -> bool:
    """Whether saving ``parts`` would change the item (Enter on every default does not).
    An edit the core refuses counts as a change: saving it says why it is refused."""
    trial = run.doc.model_copy(deep=True)
    try:
        _edit(trial, run, step, item_id, status, parts)
    except MldwizardError:
        return True
    return checklist_marks(trial, step).get(item_id) != checklist_marks(run.doc, step).get(item_id)


def _problem(
    run: PlainRun, step: StepSpec, item_id: str, status: str | None, **parts: Any
) -> str | None:
    """What the core says against this evidence (None: it takes it): the prompt refuses it
    with the same words ``mldwizard set`` would use."""
    trial = run.doc.model_copy(deep=True)
    try:
        _edit(trial, run, step, item_id, status, parts)
    except MldwizardError as exc:
        return str(exc)
    return None


def _list_problem(
    run: PlainRun, step: StepSpec, item_id: str, status: str | None, field: str
) -> Callable[[str], str | None]:
    """The validator of an evidence list's prompt (``field``: links or refs): what the core
    says against the words typed; for a reference, with the choices (the steps, or the
    step's questions)."""

    def problem(text: str) -> str | None:
        words = _words(text)
        said = _problem(run, step, item_id, status, **{field: words})
        if said is None or field != "refs":
            return said
        for ref in words:
            slug, _, qid = ref.partition(".")
            named = run.specs.get(slug)
            if named is None:
                steps = ", ".join(s.slug for s in run.specs.steps)
                return f"{ref}: no step {slug!r}; the steps are: {steps}"
            if named.question(qid) is None:
                questions = ", ".join(f"{slug}.{q.id}" for q in named.questions)
                return f"{ref}: no such question; the questions of {slug} are: {questions}"
        return said

    return problem


def _words(text: str) -> list[str]:
    return [word for word in SEPARATORS.split(text.strip()) if word]


def _date_problem(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return "Write the date as YYYY-MM-DD, e.g. 2027-01-31 (blank: none yet)"
    return None


def _headline(result: FeasibilityResult) -> str:
    counts = summary(result)
    return f"Feasibility: {verdict_word(result)}" + (f" ({counts})" if counts else "")


def say_change(run: PlainRun, before: FeasibilityResult | None) -> None:
    """After an item changed: the verdict now, in one line, and what it was if it moved."""
    result = feasibility_result(run.doc, run.specs)
    if result is None:
        return
    was = verdict_word(before) if before is not None else None
    moved = f", was {was}" if was is not None and was != verdict_word(result) else ""
    style = "bold red" if result.verdict == "NO-GO" else "bold"
    run.prompts.say(f"  {_headline(result)}{moved}", style)


def say_verdict(run: PlainRun, closing: bool = True) -> None:
    """The verdict with every line under it (before the items, and at the end)."""
    result = feasibility_result(run.doc, run.specs)
    if result is None:
        return
    say = run.prompts.say
    say(
        _headline(result) if closing else f"{_headline(result)}, as the checklist stands",
        "bold white on red" if result.verdict == "NO-GO" else "bold reverse",
    )
    for line in verdict_lines(result):
        style = "bold" if line.kind == "blocking" else "dim" if line.kind == "gaps" else ""
        say(f"  {LINE_MARK.get(line.kind, '- ')}{line.text}", style)
    if closing and result.verdict == "NO-GO":
        say("Found now, not in month nine: the document records why.", "bold")
