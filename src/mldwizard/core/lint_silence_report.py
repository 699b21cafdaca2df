"""The lint findings silenced in a document, where a reader sees them: ``status`` (text and
JSON) and the Markdown's appendix "Silenced lint findings" (so the HTML and DOCX too).

A silence is listed with its rule (by its code in ``status``, by what it says in the
Markdown), the answer, the reason, and who gave it when. One whose
answer changed since it was silenced (its fingerprint no longer matches) no longer applies:
it is listed as stale. The Markdown says only that, which the document alone decides (it
renders the same bytes whatever the day); ``status`` runs the lint and also says when the
finding is no longer found at all (as ``check`` does, MLD120).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .document import Document
from .lint import LintContext, lint_document, stale_silences
from .lint_rules import builtin_rules
from .lint_silence import Silence
from .lint_text import answer_text
from .markdown_text import People, readable
from .specs import Specs, StepSpec

ANSWER_CHANGED = "the answer changed since it was silenced, so the silence no longer applies"


@dataclass(frozen=True)
class ListedSilence:
    step: StepSpec
    silence: Silence
    stale: str | None
    """Why the silence silences nothing any more (None while it holds)."""

    @property
    def question_title(self) -> str:
        question = self.step.question(self.silence.question)
        return question.title if question is not None else self.silence.question

    @property
    def rule_title(self) -> str:
        rule = builtin_rules().by_code(self.silence.code)
        return rule.title if rule is not None else ""


def listed_silences(doc: Document, specs: Specs) -> list[ListedSilence]:
    """Every silence in wizard order, stale when its answer changed since (no lint run: the
    document alone decides it)."""
    out = []
    for step in specs.steps:
        if not doc.is_stored(step.slug):
            continue
        state = doc.step(step.slug)
        for silence in state.silenced:
            changed = silence.answer_changed(answer_text(state.answers.get(silence.question)))
            out.append(ListedSilence(step, silence, ANSWER_CHANGED if changed else None))
    return out


def checked_silences(doc: Document, specs: Specs, today: dt.date) -> list[ListedSilence]:
    """Every silence, stale as ``check`` says (MLD120): its answer changed, or its finding
    is no longer found there (this runs the lint)."""
    ctx = LintContext(doc, specs, today)
    why = {id(s): reason for _, s, reason in stale_silences(ctx, lint_document(ctx))}
    return [
        ListedSilence(x.step, x.silence, why.get(id(x.silence)))
        for x in listed_silences(doc, specs)
    ]


def silence_json(x: ListedSilence) -> dict[str, Any]:
    s = x.silence
    return {
        "code": s.code,
        "rule": x.rule_title,
        "question": s.question,
        "question_title": x.question_title,
        "reason": s.reason,
        "by": s.by or None,
        "on": s.on.isoformat() if s.on else None,
        "stale": x.stale,
    }


def silences_by_step(listed: list[ListedSilence]) -> dict[str, list[dict[str, Any]]]:
    """The JSON of each step's silences, by step slug (a step without any is absent)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for x in listed:
        out.setdefault(x.step.slug, []).append(silence_json(x))
    return out


def silenced_appendix(doc: Document, specs: Specs, people: People) -> list[str]:
    """The appendix: one line per silence, in wizard order ([] when the document has none);
    no heading per chapter (they would repeat the chapters' own in the contents)::

    - **A person named who is not among the document's people** on *Business metric* in 5.
      Loss functions and metrics: Anke Roth owns the SLA target ... (Devika Rao, 2026-10-12)
    """
    listed = listed_silences(doc, specs)
    return ["\n".join(_line(x, people) for x in listed)] if listed else []


def _line(x: ListedSilence, people: People) -> str:
    """The finding by what its rule says, not by its code (a reader of the document does
    not run the lint; ``status`` and ``check`` name the code)."""
    s = x.silence
    rule = x.rule_title[:1].upper() + x.rule_title[1:] if x.rule_title else s.code
    given = [people.name(s.by)] if s.by.strip() else []
    if s.on is not None:
        given.append(s.on.isoformat())
    when = f" ({', '.join(given)})" if given else ""
    stale = f" **Stale:** {x.stale}." if x.stale else ""
    about = f"**{readable(rule)}** on *{readable(x.question_title)}* in {readable(x.step.label)}"
    return f"- {about}: {readable(s.reason)}{when}{stale}"
