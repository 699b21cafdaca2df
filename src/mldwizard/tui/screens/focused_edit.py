"""Which part of a step a refresh must not write into: the one the author is typing in.

A save (autosave, a step change) or a change loaded from disk refreshes the step from the
document. The focused field may hold keys it has taken whose change has not reached the
document yet; writing the document's value back into it would erase them. So the field
being edited is left alone, unless the refresh changed its own stored value (someone
else's edit merged in): then it shows their value, or, if the author typed on meanwhile,
keeps what was typed and reports it as the author's newer edit.
"""

from __future__ import annotations

from textual.widget import Widget

from ...core.document import Document
from ...core.kinds import ValueProblem
from ..widgets.checklist import ItemRow
from ..widgets.fields import QuestionField
from ..widgets.gate_panel import GatePanel


def left_alone(focused: Widget | None, before: Document, after: Document) -> Widget | None:
    """The field, checklist row or override panel holding ``focused`` that a refresh from
    ``before`` to ``after`` must not write into (None: write everything)."""
    if focused is None:
        return None
    for node in focused.ancestors_with_self:
        if isinstance(node, QuestionField):
            return _question(node, before, after)
        if isinstance(node, ItemRow):
            item = node.item.id
            same = before.feasibility.items.get(item) == after.feasibility.items.get(item)
            return node if same else None
        if isinstance(node, GatePanel):
            old, new = before.gate, after.gate
            same = (old.override, old.override_reason) == (new.override, new.override_reason)
            return node if same else None
    return None


def _question(field: QuestionField, before: Document, after: Document) -> QuestionField | None:
    slug, qid = field.step.slug, field.question.id
    old = before.step(slug).answers.get(qid)
    if after.step(slug).answers.get(qid) == old:
        return field  # the refresh does not change it: what is typed there stays
    try:
        typed_on = field.read() != old
    except ValueProblem:
        typed_on = True  # text being typed that does not parse yet is typing too
    if typed_on:
        # Changed on disk while the author typed on: their text is the newer edit.
        field.call_later(field.report)
        return field
    return None
