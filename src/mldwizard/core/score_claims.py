"""What in a result is not a measurement, whatever numbers it holds (``core.scores`` leaves it
out before it looks for a measured score; qa10c #2):

- a stated target, need or goal: "the 90% we need", "we need 90%", "at least 0.90", "a target
  of 90%", "the 0.90 target", "90% needed": the number is left out, the rest of the sentence
  stays ("93% top-1 accuracy, above the 90% we need" still states 93%);
- a claim that is explicitly not a measurement, with the clause (the part of a sentence
  between stops, semicolons, colons, commas, brackets or a "but") that holds it:
  "not measured", "not yet measured", "we have not tested it", "no measurement yet"; a quote
  or a claim ("the vendor quotes 95%", "they claim", "on their benchmark", "according to the
  vendor", "the model card"); a guess ("we guess", "we think", "we hope").

Both are linear in the text's length.
"""

from __future__ import annotations

import re
from functools import cache

from .numbers import SPELLED_PERCENT

_NOT_MEASURED = (
    r"\b(?:not|never)\s+(?:(?:yet|been|ever|properly|formally|really|actually)\s+){0,2}"
    r"(?:measured|tested|evaluated|benchmarked|scored|run|tried|checked)\b"
    r"|\b(?:have|has|had|did|do|does)(?:\s+not|n['’]t)\s+(?:(?:yet|been|ever)\s+){0,2}"
    r"(?:measur|test|evaluat|benchmark|scor|tr[iy]|run|check)\w*"
    r"|\bno\s+(?:measurements?|evaluations?|benchmarks?|scores?)\b"
    r"|\bnothing\s+(?:was\s+|has\s+been\s+)?measured\b"
    r"|\bun(?:measured|tested|evaluated)\b"
    r"|\byet\s+to\s+be\s+(?:measured|tested|evaluated|scored|run)\b"
)
"""The clause says that nothing was measured."""
_CLAIM = (
    r"\b(?:quot(?:e|es|ed|ing)|claim(?:s|ed|ing)?|advertis\w*|promis(?:e|es|ed|ing)"
    r"|marketing|brochures?|datasheets?|data\s+sheets?|leaderboards?|sales\s+(?:decks?|pitch))\b"
    r"|\b(?:vendors?|suppliers?|providers?|sellers?|makers?)(?:['’]s|s['’])?\s+(?:own\s+)?"
    r"(?:figures?|numbers?|benchmarks?|says?|states?|reports?|cites?|publish\w*|lists?)\b"
    r"|\b(?:their|its|public|published|official|paper['’]s)\s+(?:own\s+)?benchmarks?\b"
    r"|\bmodel\s+card\b"
)
"""The clause reports someone's claim, not a measurement on your own data."""
_GUESS = (
    r"\b(?:we|i|they|the\s+team|everyone|people|agents|experts?)\s+(?:\w+\s+)?"
    r"(?:guess|hope|assume|believe|think|suspect|reckon|estimate)(?:s|d|ed)?\b"
    r"|\bguess(?:es|ed|ing|timates?)?\b|\bhopefully\b|\bgut\s+feel\w*"
)
"""The clause states a guess."""
_NOT_A_MEASUREMENT = re.compile(rf"{_NOT_MEASURED}|{_CLAIM}|{_GUESS}", re.I)
_CLAUSE_END = re.compile(
    r"[.!?](?=\s|$)|[;:()\[\]—–]|,\s|\s-\s|\b(?:but|while|whereas|although|though|however)\b",
    re.I,
)
_ATTRIBUTED = re.compile(
    r"\baccording\s+to\s+(?:the\s+|its\s+|their\s+)?(?:vendors?|suppliers?|providers?"
    r"|sellers?|makers?|them|website|docs|documentation|model\s+card)\b",
    re.I,
)
"""The whole sentence reports a claim ("According to the vendor, 95% ...")."""
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n")

_VALUE = (
    r"(?<![\w.,/])\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:%|‰|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b|pp\b))?"
    rf"|{SPELLED_PERCENT.pattern}"
)
_NEED_BEFORE = (
    r"\b(?:targets?|targeted|targeting|goals?|aim(?:s|ed)?(?:\s+(?:for|at))?|objectives?"
    r"|thresholds?|bar|requirements?|required|requires?|needs?|needed|wants?|wanted|expects?"
    r"|expected|hop(?:e|es|ed|ing)\s+for|at\s+least|at\s+minimum|minimum|no\s+less\s+than"
    r"|must|should|has\s+to|have\s+to)\b"
)
_NEED_AFTER = (
    r"(?:(?:that|which)\s+)?(?:(?:is|are|was|were)\s+)?(?:(?:we|they|you|i|(?:the|our|their|its)\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+)?(?:need|needs|needed|require|requires|required|want|wants|wanted|aim|aims|target"
    r"|targets|targeted|expect|expects|expected|ask|asks|asked|goal|bar|threshold|minimum"
    r"|floor|requirement)\b"
)


_HEDGE = re.compile(r"at\s+least|at\s+minimum|no\s+less\s+than", re.I)
"""Words of need that also hedge a measurement, when they follow the metric's name."""


@cache
def _target(marks: str) -> re.Pattern[str]:
    """A number stated as a target: after a word of need ("we need", "at least", "a target
    of", with the metric's mark among the words between) or before one ("the 90% we need")."""
    filler = (
        r"(?:of|is|was|are|were|be|at|to|for|the|a|an|reach|hit|get|achieve|score|route"
        r"|classify|about|around|roughly|approximately|overall|top-\d+|least|or|more|better"
        rf"|higher|above|over|than|[{marks}])"
    )
    return re.compile(
        rf"(?:{_NEED_BEFORE})(?:\s*[:=])?(?:\s+{filler}){{0,5}}\s*(?P<before>{_VALUE})"
        rf"|(?P<after>{_VALUE})(?=\s+{_NEED_AFTER})",
        re.I,
    )


def without_claims(text: str) -> str:
    """``text`` with every clause that says it was not measured, reports a claim or states a
    guess replaced by a semicolon (so nothing joins across it)."""
    text = _blank_parts(text, _SENTENCE_END, _ATTRIBUTED)
    return _blank_parts(text, _CLAUSE_END, _NOT_A_MEASUREMENT)


def _blank_parts(text: str, ends: re.Pattern[str], marker: re.Pattern[str]) -> str:
    """``text`` cut after each match of ``ends``, each part holding ``marker`` blanked."""
    if not marker.search(text):
        return text
    out: list[str] = []
    start = 0
    for end in [m.end() for m in ends.finditer(text)] + [len(text)]:
        part = text[start:end]
        out.append(" ; " if marker.search(part) else part)
        start = end
    return "".join(out)


def without_targets(text: str, marks: str) -> str:
    """``text`` with every number stated as a target blanked out; ``marks`` are the
    characters ``core.scores`` put in place of a metric's name ("the target accuracy of
    0.90")."""
    pattern = _target(marks)

    after_metric = re.compile(rf"[{marks}]\s*(?:(?:of|is|was|were|[:=~≈])\s*)*\Z", re.I)

    def blank(match: re.Match[str]) -> str:
        whole = match.group(0)
        group = "before" if match.group("before") is not None else "after"
        # "accuracy at least 0.9" reports a measurement; "at least 0.90" alone is a bar.
        if (
            group == "before"
            and _HEDGE.match(whole)
            and after_metric.search(text, max(0, match.start() - 40), match.start())
        ):
            return whole
        start, end = (i - match.start() for i in match.span(group))
        return whole[:start] + " " + whole[end:]

    return pattern.sub(blank, text)
