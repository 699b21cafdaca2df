"""Which parts of a step a refresh must not write into: those whose stored value it does not
change.

A save (autosave, a step change) or a change loaded from disk refreshes the step from the
document. A field may hold keys it has taken whose change has not reached the document yet
(the field being typed in, or the one just left with Tab in the same burst of keys);
writing the document's older value back into it would erase them and put its cursor back
at the start. So a refresh writes only into the parts whose stored value it changed
(someone else's edit merged in); if the author typed on in such a field meanwhile, what
they typed is kept and reported as their newer edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget

from ...core.document import Document, FeasibilityItem
from ...core.kinds import ValueProblem
from ..widgets.checklist import ItemRow
from ..widgets.fields import QuestionField
from ..widgets.gate_panel import GatePanel


def kept(parts: Iterable[Widget], before: Document, after: Document) -> set[Widget]:
    """Of ``parts`` (question fields, checklist rows, the override panel), those a
    refresh from ``before`` to ``after`` must leave as they are."""
    keep: set[Widget] = set()
    for part in parts:
        if isinstance(part, QuestionField):
            if _question_kept(part, before, after):
                keep.add(part)
        elif isinstance(part, ItemRow):
            item, step = part.item.id, part.slug  # the checklist's, or a stage gate's
            was, now = (_marks(d, step).get(item) for d in (before, after))
            if was == now:
                keep.add(part)
        elif isinstance(part, GatePanel):
            old, new = before.gate, after.gate
            if (old.override, old.override_reason) == (new.override, new.override_reason):
                keep.add(part)
    return keep


def _marks(doc: Document, step: str) -> dict[str, FeasibilityItem]:
    if step == "feasibility":
        return doc.feasibility.items
    state = doc.stage_gates.get(step)
    return state.items if state is not None else {}


def _question_kept(field: QuestionField, before: Document, after: Document) -> bool:
    slug, qid = field.step.slug, field.question.id
    old = before.step(slug).answers.get(qid)
    if after.step(slug).answers.get(qid) == old:
        return True  # the refresh does not change it: what is typed there stays
    try:
        typed_on = bool(field.read() != old)
    except ValueProblem:
        typed_on = True  # text being typed that does not parse yet is typing too
    if typed_on:
        # Changed on disk while the author typed on: their text is the newer edit.
        field.call_later(field.report)
    return typed_on
