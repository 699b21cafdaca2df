"""A move made past a verdict that did not let it pass, as the document shows it.

``mldwizard set PATH --stage STAGE --reason TEXT`` keeps ``moved_despite`` on the gate it
passed (a stage gate, or the feasibility checklist for the move from design to prototype)
as "VERDICT: reason" (:mod:`mldwizard.core.stage_moves`). The document shows the reason
with the verdict for as long as the verdict still would not let the move pass, never with
the verdict's word leaking into the quoted reason: "**Passed anyway.** Reason given: ...".
It is read from the state, not from the changelog, so no number of later edits hides it.
"""

from __future__ import annotations

import re

from .design_move import design_blockers
from .document import Document
from .mdsafe import safe_block
from .specs import Specs
from .stages import stage_index

PASSED_ANYWAY = "Passed anyway."
_VERDICT = re.compile(
    r"(GO|CONDITIONAL|NO-GO|INCOMPLETE|PIVOT|SCOPE-DOWN|do-not-build|not given): ", re.S
)


def split_despite(stored: str) -> tuple[str | None, str]:
    """ "NO-GO: The sponsor insists." as (the verdict then, the reason given); a text that
    does not start with a verdict (written by hand) is all reason."""
    found = _VERDICT.match(stored)
    if found is None:
        return None, stored.strip()
    return found.group(1), stored[found.end() :].strip()


def feasibility_moved_anyway(doc: Document, specs: Specs) -> str:
    """The reason given for leaving design while the checklist (or the gate) did not let
    the project build, as long as it still does not: "" otherwise, and "" once the move back
    to design makes it history only."""
    stored = doc.feasibility.moved_despite.strip()
    if not stored or stage_index(doc.stage) < stage_index("prototype"):
        return ""
    if not design_blockers(doc, specs):
        return ""
    return split_despite(stored)[1]


def stage_gate_moved_anyway(doc: Document, slug: str) -> str:
    """The reason given for passing stage gate ``slug`` ("" when there is none); whether
    the gate is passed and still fails is the caller's to say."""
    state = doc.stage_gates.get(slug)
    if state is None or not state.moved_despite.strip():
        return ""
    return split_despite(state.moved_despite)[1]


def one_line(reason: str) -> str:
    """A reason for a banner's line: made safe as an answer is (a heading in it becomes a
    bold line), then its lines run on, so "## Why" never shows as written."""
    return " ".join(safe_block(reason).split())
