"""Loading chapter specs: read each TOML file, validate it, check what pydantic cannot
(ids, conditions, notes, references across steps), and put the steps in wizard order.

Every problem becomes a :class:`SpecError` naming the file and, where it applies, the
question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import SpecError
from .specs import NOTES_ID, Specs, StepSpec, _fold, notes_question
from .specs_links import (
    apply_overlays,
    check_condition_values,
    check_no_question_applies_to,
    check_not_overlay,
    check_overlay,
    check_references,
)
from .stage_gate_load import check_stage_gate, check_stage_gates
from .tomlio import read_toml, validation_messages


def builtin_specs_dir() -> Path:
    """``chapter_specs/`` inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "chapter_specs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "chapter_specs"


_PARSED: dict[Path, tuple[bytes, StepSpec]] = {}
"""Each spec file's bytes and the step they gave, for a process that loads specs again and
again (the MCP server, serve, a test run): a spec file is parsed and validated once while its
bytes stay the same."""


def _load_step_once(path: Path) -> StepSpec:
    """:func:`load_step`, remembered while the file's bytes stay the same; a fresh copy each
    time, as :func:`load_specs` adds the overlays' questions to the steps it gets."""
    try:
        data = path.read_bytes()
    except OSError:
        return load_step(path)  # its message names the file and what is wrong
    known = _PARSED.get(path)
    if known is not None and known[0] == data:
        return known[1].model_copy(deep=True)
    step = load_step(path)
    try:
        unchanged = path.read_bytes() == data  # not rewritten while it was read
    except OSError:
        unchanged = False
    if unchanged:
        _PARSED[path] = (data, step.model_copy(deep=True))
    return step


def load_step(path: Path) -> StepSpec:
    data = read_toml(path, SpecError)
    if data.get("kind") == "stage-gate" and "items" in data:
        raise SpecError(
            f"{path}: a stage gate's items are [[criteria]], not [[items]] (those are the "
            "feasibility checklist's, with an axis)"
        )
    try:
        step = StepSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(_spec_messages(path, data, exc)) from None
    _check_step(path, step)
    _check_notes(path, step)
    check_no_question_applies_to(str(path), step)
    if step.kind == "overlay":
        check_overlay(str(path), step)
    else:
        check_not_overlay(str(path), step)
    if step.kind == "chapter" and step.question(NOTES_ID) is None:
        notes = notes_question()
        twin = next((q for q in step.questions if _fold(q.title) == _fold(notes.title)), None)
        if twin is not None:
            raise SpecError(
                f"{path}: question {twin.id!r}: title {twin.title!r} is the title of the "
                f"chapter's free notes (question {NOTES_ID!r}, added to every chapter); "
                "choose another"
            )
        step.questions.append(notes)
    return step


def load_specs(extra_dirs: Iterable[Path] = (), builtin: Path | None = None) -> Specs:
    """Load the built-in steps, then the extra ones, and put them in wizard order."""
    base_dir = builtin or builtin_specs_dir()
    if not base_dir.is_dir():
        raise SpecError(f"{base_dir}: chapter specs folder not found")
    loaded = [(p, _load_step_once(p)) for p in sorted(base_dir.glob("*.toml"))]
    builtin_steps = [s for _, s in loaded if s.kind != "overlay"]
    overlays = [(str(p), s) for p, s in loaded if s.kind == "overlay"]
    where_of = {s.slug: str(p) for p, s in loaded if s.kind != "overlay"}
    extra_steps: list[tuple[Path, StepSpec]] = []
    folders = list(extra_dirs)
    for folder in folders:
        if not folder.is_dir():
            raise SpecError(f"{folder}: not a folder of chapter specs")
        for p in sorted(folder.glob("*.toml")):
            step = _load_step_once(p)
            if step.kind == "overlay":
                overlays.append((str(p), step))
            else:
                extra_steps.append((p, step))
    _check_overlay_slugs(overlays, builtin_steps + [s for _, s in extra_steps])
    ordered = _order(builtin_steps, extra_steps)
    specs = Specs(ordered.steps, ordered.parts, tuple(s for _, s in overlays), tuple(folders))
    added_by = apply_overlays(specs, overlays)
    where_of.update({s.slug: str(p) for p, s in extra_steps})
    check_references(specs, where_of, added_by)
    check_stage_gates(specs, where_of)
    return specs


def _check_overlay_slugs(overlays: list[tuple[str, StepSpec]], steps: list[StepSpec]) -> None:
    seen = {s.slug: "a step" for s in steps}
    for where, overlay in overlays:
        if overlay.slug in seen:
            raise SpecError(
                f"{where}: slug {overlay.slug!r} is already used by {seen[overlay.slug]}"
            )
        seen[overlay.slug] = "another overlay"


def _order(builtin: list[StepSpec], extra: list[tuple[Path, StepSpec]]) -> Specs:
    seen: dict[str, str] = {}
    numbers: dict[int, str] = {}
    for where, step in [("built-in", s) for s in builtin] + [(str(p), s) for p, s in extra]:
        if step.slug in seen:
            raise SpecError(f"{where}: step {step.slug!r} is defined twice")
        seen[step.slug] = where
        if step.number is not None:
            if step.number in numbers:
                raise SpecError(
                    f"{where}: chapter number {step.number} is already used by "
                    f"{numbers[step.number]!r}"
                )
            numbers[step.number] = step.slug
    for kind in ("gate", "feasibility"):
        defined = [where for slug, where in seen.items() if _kind_of(slug, builtin, extra) == kind]
        if len(defined) > 1:
            raise SpecError(f"there can be only one {kind} step; defined in: {', '.join(defined)}")
    # Numbered steps in number order; steps with `after` go behind their anchor; the
    # rest are appended in file order (and may themselves be anchors for later ones).
    ordered = sorted((s for s in builtin if s.after is None), key=lambda s: s.number or 0)
    pending = [s for s in builtin if s.after is not None] + [s for _, s in extra]
    appended: set[str] = set()
    while pending:
        _place_anchored(ordered, pending)
        free = next((s for s in pending if s.after is None), None)
        if free is None:
            break
        ordered.append(free)
        pending.remove(free)
        appended.add(free.slug)
    for step in pending:
        where = next((str(p) for p, s in extra if s is step), "built-in")
        if step.after in seen:  # it exists, but is itself waiting to be placed: a cycle
            raise SpecError(
                f"{where}: 'after' = {step.after!r} makes a cycle ({step.slug!r} waits for "
                f"{step.after!r}, which waits, directly or not, for {step.slug!r})"
            )
        raise SpecError(f"{where}: 'after' names unknown step {step.after!r}")
    parts: dict[str, str] = {}
    current = "preparations"
    for step in ordered:
        if step.part is not None:
            current = step.part
        elif step.slug in appended:
            current = "additional"
        parts[step.slug] = current
    return Specs(steps=tuple(ordered), parts=parts)


def _place_anchored(ordered: list[StepSpec], pending: list[StepSpec]) -> None:
    progress = True
    while progress:
        progress = False
        for step in list(pending):
            if step.after is None:
                continue
            anchor = next((i for i, s in enumerate(ordered) if s.slug == step.after), None)
            if anchor is None:
                continue
            # Behind the anchor and behind steps already placed after the same anchor.
            at = anchor + 1
            while at < len(ordered) and ordered[at].after == step.after:
                at += 1
            ordered.insert(at, step)
            pending.remove(step)
            progress = True


def _kind_of(slug: str, builtin: list[StepSpec], extra: list[tuple[Path, StepSpec]]) -> str:
    for step in builtin + [s for _, s in extra]:
        if step.slug == slug:
            return step.kind
    return ""


def _check_step(path: Path, step: StepSpec) -> None:
    ids: set[str] = set()
    titles: dict[str, str] = {}
    for q in step.questions:
        if q.id in ids:
            raise SpecError(f"{path}: question {q.id!r}: duplicate id")
        twin = titles.setdefault(_fold(q.title), q.id)
        if twin != q.id:
            raise SpecError(
                f"{path}: question {q.id!r}: title {q.title!r} is already the title of "
                f"{twin!r}; titles are headings and must differ within a step"
            )
        # Conditions naming another step, and an overlay's (its questions join other
        # chapters), are checked once every step is loaded: specs_links.
        if q.when is not None and "." not in q.when.question and step.kind != "overlay":
            if q.when.question == q.id:
                raise SpecError(f"{path}: question {q.id!r}: condition names itself")
            if q.when.question not in ids:
                known = step.question(q.when.question)
                why = "a later question" if known else "an unknown question"
                raise SpecError(
                    f"{path}: question {q.id!r}: condition names {why} {q.when.question!r}"
                )
            check_condition_values(path, f"question {q.id!r}", step, q.when)
        ids.add(q.id)
    review_ids: set[str] = set()
    for review in step.review:
        if review.id in review_ids:
            raise SpecError(f"{path}: review item {review.id!r}: duplicate id")
        review_ids.add(review.id)
        if review.applies_to is not None:
            raise SpecError(f"{path}: review item {review.id!r}: 'applies_to' is set on an overlay")
        if (review.chapter is None) == (step.kind == "overlay"):
            raise SpecError(
                f"{path}: review item {review.id!r}: "
                + (
                    "an overlay's review item names the 'chapter' it joins"
                    if step.kind == "overlay"
                    else "only an overlay's review items name a 'chapter'"
                )
            )
    item_ids: set[str] = set()
    for item in step.items:
        if item.id in item_ids:
            raise SpecError(f"{path}: item {item.id!r}: duplicate id")
        item_ids.add(item.id)
    check_stage_gate(path, step)
    if step.kind == "chapter":
        if not step.questions:
            raise SpecError(f"{path}: a chapter needs at least one question")
        if step.verdict or step.items or step.verdict_rules:
            raise SpecError(
                f"{path}: only the gate has 'verdict', only feasibility 'items' and 'verdict_rules'"
            )
    elif step.kind == "gate":
        if step.verdict is None:
            raise SpecError(f"{path}: the gate needs a [verdict] with rules")
        for where, when in step.verdict.conditions():
            if "." in when.question:
                continue  # another step's question: checked once every step is loaded
            if step.question(when.question) is None:
                raise SpecError(f"{path}: {where}: names unknown question {when.question!r}")
            check_condition_values(path, where, step, when)
    elif step.kind == "feasibility":
        if not step.items:
            raise SpecError(f"{path}: the feasibility checklist needs [[items]]")
        rules = step.verdict_rules
        for name in rules.problem_items if rules else ():
            if name not in item_ids:
                raise SpecError(f"{path}: verdict_rules.problem_items: no item {name!r}")
    if step.kind == "gate" and step.verdict_rules is not None:
        raise SpecError(f"{path}: only the feasibility checklist has 'verdict_rules'")
    if step.number is not None and step.kind != "chapter":
        raise SpecError(f"{path}: only chapters have a 'number'")


def _check_notes(path: Path, step: StepSpec) -> None:
    """A spec's own ``notes`` question only rewords the free notes every chapter has."""
    notes = step.question(NOTES_ID)
    if notes is None:
        return
    where = f"{path}: question {NOTES_ID!r}"
    why = "the id is kept for a step's free-form notes"
    if notes.kind != "long_text" or notes.required or notes.when is not None:
        raise SpecError(
            f'{where}: {why}, which must be kind = "long_text", not required and without '
            "a condition (rename the question, or drop it: chapters get one by themselves)"
        )
    if notes.default is not None:
        raise SpecError(f"{where}: {why}, which takes no default")
    if step.questions[-1] is not notes:
        raise SpecError(f"{where}: {why}, which must be the last question")


def _spec_messages(path: Path, data: dict[str, Any], exc: ValidationError) -> str:
    lines = []
    for line in validation_messages(exc):
        loc, _, msg = line.partition(": ")
        # questions[3].kind -> question 'the_id': kind
        found = re.match(r"^(questions|items|criteria)\[(\d+)\]\.?(.*)$", loc)
        if found:
            kind, index, rest = found[1], int(found[2]), found[3]
            entries = data.get(kind) or []
            entry = entries[index] if index < len(entries) else None
            qid = entry.get("id") if isinstance(entry, dict) else None
            noun = "question" if kind == "questions" else "item"
            name = f"{noun} {qid!r}" if isinstance(qid, str) else f"{kind}[{index}]"
            loc = f"{name}{': ' + rest if rest else ''}"
        loc = re.sub(r"\.choice-(text|table)\b", "", loc)
        lines.append(f"{path}: {loc}: {msg}")
    return "\n".join(lines)
