"""The lint in ``mldwizard check``: each finding not silenced (MLD101...), and each silence
whose finding is gone (MLD120), in the check's shape."""

from __future__ import annotations

import datetime as dt
import shlex
from typing import TYPE_CHECKING, Any

from .document import Document
from .lint import LintContext, LintFinding, lint_document, stale_silences
from .lint_silence import Silence
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
    for slug, silence, why in stale_silences(ctx, findings):
        add(
            STALE_SILENCE,
            "warning",
            slug,
            stale_message(specs, slug, silence, why, document),
            question=silence.question,
            silenced=silence.code,
        )
    return out


def stale_message(specs: Specs, slug: str, silence: Silence, why: str, path: str) -> str:
    """MLD120's message: which silence, why it is stale, and the command that lifts it
    (for the document at ``path``, quoted for a shell when it needs it)."""
    step = specs.get(slug)
    question = step.question(silence.question) if step is not None else None
    title = question.title if question is not None else silence.question
    return (
        f"{title}: {silence.code} is silenced ({shown_reason(silence.reason)}), but {why}: "
        f"remove the silence with `mldwizard lint {shlex.quote(path)} --unsilence "
        f"{slug}.{silence.question} {silence.code}`"
    )


def shown_reason(reason: str, limit: int = 80) -> str:
    """The reason quoted, cut to ``limit`` characters (a long one ends in '…')."""
    short = " ".join(reason.split())
    return repr(short if len(short) <= limit else short[: limit - 1] + "…")


def details(f: LintFinding) -> dict[str, Any]:
    return {"question": f.question, "fix": f.fix}


def _where(specs: Specs, f: LintFinding) -> str:
    step = specs.get(f.step)
    question = step.question(f.question) if step is not None else None
    return question.title if question is not None else f.question
