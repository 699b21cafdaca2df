"""The lint in ``mldwizard check``: each finding not silenced (MLD101...), and each silence
whose finding is gone (MLD120), in the check's shape."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .document import Document
from .lint import LintContext, LintFinding, lint_document, stale_silences
from .specs import Specs

if TYPE_CHECKING:
    from .checks import Finding

STALE_SILENCE = "MLD120"


def lint_findings(doc: Document, specs: Specs, today: dt.date, document: str) -> list[Finding]:
    """The findings of ``doc`` (named ``document`` in them) for ``check``."""
    from .checks import Finding  # checks calls this: imported when it runs, not before

    out: list[Finding] = []

    def add(code: str, severity: Any, slug: str, message: str, **details: Any) -> None:
        out.append(Finding(code, severity, document, slug, message, details))

    ctx = LintContext(doc, specs, today)
    findings = lint_document(ctx)
    for f in findings:
        if f.silenced is None:
            add(f.code, f.severity, f.step, f"{_where(specs, f)}: {f.message}", **details(f))
    for slug, silence in stale_silences(ctx, findings):
        step = specs.get(slug)
        question = step.question(silence.question) if step is not None else None
        title = question.title if question is not None else silence.question
        add(
            STALE_SILENCE,
            "warning",
            slug,
            f"{title}: {silence.code} is silenced ({silence.reason!r}), but no longer found "
            f"there: remove the silence with `mldwizard lint PATH --unsilence "
            f"{slug}.{silence.question} {silence.code}`",
            question=silence.question,
            silenced=silence.code,
        )
    return out


def details(f: LintFinding) -> dict[str, Any]:
    return {"question": f.question, "fix": f.fix}


def _where(specs: Specs, f: LintFinding) -> str:
    step = specs.get(f.step)
    question = step.question(f.question) if step is not None else None
    return question.title if question is not None else f.question
