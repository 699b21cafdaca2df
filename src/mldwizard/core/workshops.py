"""Workshops: a facilitated session's attendees, decisions, actions and open questions.

Faces capture through these functions and save each capture at once; the summary is
Markdown to paste into a chat or an email.
"""

from __future__ import annotations

import datetime as dt
import re

from .document import ActionItem, Decision, Document, OpenQuestion, Workshop
from .errors import UsageError
from .mdsafe import inline, list_item, visible_controls
from .names import shown_name, shown_repr
from .specs import Specs, StepSpec
from .workshop_review import summary_markdown_lines


def parse_steps(spec: str | None, specs: Specs) -> list[StepSpec]:
    """``1-4,gate,feasibility`` -> those steps, in wizard order. None: every step."""
    if not spec:
        return list(specs.steps)
    chosen: set[str] = set()
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        found = re.fullmatch(r"(\d+)-(\d+)", part)
        if found:
            low, high = int(found[1]), int(found[2])
            if low > high:
                raise UsageError(f"--steps: {shown_repr(part)} runs backwards")
            known = sorted(s.number for s in specs.steps if s.number is not None)
            outside = [n for n in (low, high) if n not in known]
            if outside:
                raise UsageError(
                    f"--steps: {part!r}: no chapter {outside[0]}; the chapters are numbered "
                    f"{known[0]}-{known[-1]}"
                    if known
                    else f"--steps: {part!r}: no chapters"
                )
            numbers = [s for s in specs.steps if s.number is not None and low <= s.number <= high]
            if not numbers:
                raise UsageError(f"--steps: no chapters numbered {part}")
            chosen.update(s.slug for s in numbers)
        else:
            chosen.add(specs.resolve(part).slug)
    if not chosen:
        raise UsageError(f"--steps {shown_repr(spec)} selects no step; e.g. 1-4,gate,feasibility")
    return [s for s in specs.steps if s.slug in chosen]


MAX_MINUTES = 24 * 60  # a timebox of a day per step is already more than any workshop


def check_minutes(minutes: int) -> None:
    if not 1 <= minutes <= MAX_MINUTES:
        raise UsageError(f"--minutes must be between 1 and {MAX_MINUTES}, got {minutes}")


def is_empty(w: Workshop) -> bool:
    """Nothing recorded: nobody present, no decision, action item, open question or review
    session (an agenda and its timeboxes alone are not a workshop worth a section of the
    document)."""
    return not (w.attendees or w.decisions or w.actions or w.open_questions or w.reviews)


def plan_workshop(
    doc: Document, today: dt.date, steps: list[StepSpec], minutes: int, facilitator: str | None
) -> Workshop:
    """Today's workshop, not yet in ``doc``: :func:`hold_workshop` puts it there with the
    first thing recorded, so opening and closing the workshop view writes nothing.

    The id is the date (``-2``, ``-3``, ... for a later workshop that day); today's latest
    workshop with nothing recorded in it (left by an earlier version) is continued rather
    than followed by another."""
    check_minutes(minutes)
    ids = {w.id for w in doc.workshops}
    todays = [w for w in doc.workshops if w.date == today]
    wid, n = today.isoformat(), 2
    if todays and is_empty(todays[-1]):
        wid = todays[-1].id
    else:
        while wid in ids:
            wid, n = f"{today.isoformat()}-{n}", n + 1
    return Workshop(
        id=wid,
        date=today,
        facilitator=facilitator,
        steps=[s.slug for s in steps],
        minutes_per_step=minutes,
    )


def hold_workshop(doc: Document, planned: Workshop) -> Workshop:
    """Put ``planned`` into ``doc`` (as the workshop its captures go to) and return it as it
    is in ``doc``. Already there with something recorded: left as it is; there with nothing
    recorded: it gets ``planned``'s agenda (its timebox changes stay)."""
    found = next((w for w in doc.workshops if w.id == planned.id), None)
    if found is None:
        found = planned.model_copy(deep=True)
        doc.workshops.append(found)
    elif is_empty(found):
        found.steps = list(planned.steps)
        found.minutes_per_step = planned.minutes_per_step
        found.facilitator = planned.facilitator
        found.step_minutes = {k: v for k, v in found.step_minutes.items() if k in found.steps}
    return found


def drop_if_empty(doc: Document, wid: str) -> None:
    """Take workshop ``wid`` out of ``doc`` if nothing was recorded in it."""
    doc.workshops = [w for w in doc.workshops if w.id != wid or not is_empty(w)]


def start_workshop(
    doc: Document, today: dt.date, steps: list[StepSpec], minutes: int, facilitator: str | None
) -> Workshop:
    """Plan today's workshop and put it into ``doc`` at once."""
    return hold_workshop(doc, plan_workshop(doc, today, steps, minutes, facilitator))


def workshop(doc: Document, wid: str) -> Workshop:
    found = next((w for w in doc.workshops if w.id == wid), None)
    if found is None:
        raise UsageError(f"no workshop {shown_repr(wid)} in the document")
    return found


def _text(text: str, what: str) -> str:
    if not text.strip():
        raise UsageError(f"an empty {what} was not recorded")
    return text.strip()


def add_decision(doc: Document, wid: str, text: str, step: str | None, at: dt.datetime) -> None:
    workshop(doc, wid).decisions.append(Decision(text=_text(text, "decision"), step=step, at=at))


def add_open_question(doc: Document, wid: str, text: str, step: str | None) -> None:
    workshop(doc, wid).open_questions.append(OpenQuestion(text=_text(text, "question"), step=step))


def add_action(
    doc: Document, wid: str, text: str, owner: str | None, due: dt.date | None, step: str | None
) -> None:
    if owner is not None and doc.person(owner) is None:
        raise UsageError(f"action owner {shown_repr(owner)} is not among the document's people")
    workshop(doc, wid).actions.append(
        ActionItem(text=_text(text, "action"), owner=owner, due=due, step=step)
    )


def set_attendees(doc: Document, wid: str, handles: list[str]) -> None:
    kept = workshop(doc, wid).attendees  # an attendee already stored stays
    unknown = [h for h in handles if doc.person(h) is None and h not in kept]
    if unknown:
        raise UsageError(f"not among the document's people: {', '.join(map(shown_name, unknown))}")
    workshop(doc, wid).attendees = list(dict.fromkeys(handles))


def set_step_minutes(doc: Document, wid: str, step: str, minutes: int) -> None:
    """The timebox of one step, as changed during the workshop (+/-)."""
    check_minutes(minutes)
    w = workshop(doc, wid)
    if step not in w.steps:
        raise UsageError(f"step {step!r} is not on the agenda of workshop {wid}")
    if minutes == w.minutes_per_step:
        w.step_minutes.pop(step, None)
    else:
        w.step_minutes[step] = minutes


def step_minutes(w: Workshop, step: str) -> int:
    """The timebox of ``step``: as changed during the workshop, else the agenda's."""
    return w.step_minutes.get(step, w.minutes_per_step)


def minutes_text(n: int) -> str:
    return f"{n} minute" if n == 1 else f"{n} minutes"


def open_actions(doc: Document) -> list[tuple[Workshop, ActionItem]]:
    return [(w, a) for w in doc.workshops for a in w.actions if not a.done]


def summary_markdown(doc: Document, specs: Specs, w: Workshop) -> str:
    """The workshop as Markdown, to paste into a chat or an email."""
    names = {p.handle: p.name or p.handle for p in doc.people}
    labels = {s.slug: s.label for s in specs.steps}
    lines = [f"## Workshop {w.id}: {inline(doc.project.title)}", ""]
    if any(step_minutes(w, s) != w.minutes_per_step for s in w.steps):
        # A timebox changed during the workshop: each step with the one it had.
        agenda = ", ".join(
            f"{inline(labels.get(s, s))} ({minutes_text(step_minutes(w, s))})" for s in w.steps
        )
        lines.append(f"*Agenda: {agenda}*")
    else:
        agenda = ", ".join(inline(labels.get(s, s)) for s in w.steps) or "-"
        lines.append(f"*Agenda: {agenda} · {minutes_text(w.minutes_per_step)} per step*")
    present = ", ".join(inline(names.get(h, h)) for h in w.attendees) or "nobody recorded"
    lines += ["", f"**Present:** {present}", ""]
    lines += ["### Decisions", ""]
    lines += [list_item(_tagged(d.text, d.step, labels)) for d in w.decisions] or ["- none"]
    lines += ["", "### Action items", ""]
    for a in w.actions:
        who = names.get(a.owner, a.owner) if a.owner else "no owner"
        due = a.due.isoformat() if a.due else "no date"
        box = "[x]" if a.done else "[ ]"
        lines.append(f"- {box} {inline(a.text)} ({inline(who)}, due {due})")
    if not w.actions:
        lines.append("- none")
    lines += ["", "### Open questions", ""]
    lines += [list_item(_tagged(q.text, q.step, labels)) for q in w.open_questions] or ["- none"]
    lines += summary_markdown_lines(doc, specs, w.reviews)
    return visible_controls("\n".join(lines) + "\n")


def _tagged(text: str, step: str | None, labels: dict[str, str]) -> str:
    return f"{text} ({labels.get(step, step)})" if step else text
