"""Whether an answer states a measured score: the rule for a result that "was measured"
(the gate's Heuristic result and Existing model result, ``expects = "score"`` in a spec).

A measured score is one of:

- a percentage: "64.2%", "97 percent", "5 percentage points", "ninety percent";
- a fraction written as one: "0.89", ".31", "0,81";
- a metric with its value: "F1 0.71", "F1 71", "AUC of 0.8", "accuracy: 87", "BLEU 31",
  "scored 87", or the value first: "71 macro-F1";
- a share: "12 of 300", "281 out of 300 photos", "1 in 20", "45/50" (never more than the
  whole, as in "24/7");
- a rate per a count of cases: "3 errors per 1,000 tickets";
- an error or latency figure: "latency 300 ms", "p95 of 280 ms", "MAE 3.2 days", "280 ms";
- a ratio against something: "2x fewer misroutes", "3 times faster".

Not a measured score, whatever digits it holds: a target, a need or a goal ("the 90% we
need", "at least 0.90"), a clause that says nothing was measured, quotes a claim or states a
guess ("Not measured; the vendor quotes 95%": ``core.score_claims``), a head count ("2
people"), a duration ("3 weeks"), a count of meetings or rounds ("1 meeting"), a version, a
date, a quarter or a reference (see ``core.numbers``), a volume ("5,200 tickets a week") or
the size of the data alone ("on 300 tickets"). A share, a fraction or a metric whose value
counts people, periods or meetings ("2 of the 3 weeks", "0.5 FTE", "accuracy by 2 people") is
not one either.

Code, addresses and link targets are left out first (``core.lint_text.prose``). Linear in the
text's length.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lint_text import prose
from .numbers import SPELLED_PERCENT, without_names
from .score_claims import without_claims, without_targets

WHAT_COUNTS = (
    "a percentage, a metric with its value such as F1 0.71, a share such as 12 of 300, a "
    "rate, or an error or latency with its unit; a target, a vendor's claim, a head count, a "
    "duration, a meeting, a version or a date is not one"
)
"""What a measured score is, in the words every face uses (check, lint, the verdict)."""

_HEADS = (
    r"people|persons?|colleagues?|engineers?|analysts?|reviewers?|developers?|testers?"
    r"|volunteers?|participants?|members?|staff|heads?|ftes?|agents?|experts?|annotators?"
    r"|label+ers?|stakeholders?|managers?|sponsors?"
)
_PERIODS = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|fortnights?|months?"
    r"|years?|yrs?|quarters?|sprints?|shifts?|nights?|weekends?"
)
_EVENTS = (
    r"meetings?|sessions?|workshops?|calls?|demos?|reviews?|rounds?|times|iterations?"
    r"|attempts?|tries|trials?|pilots?|releases?|versions?"
)
_NOT_SCORE = re.compile(rf"(?:{_HEADS}|{_PERIODS}|{_EVENTS})", re.I)
"""What a score, a share or its whole never counts: people, periods, meetings."""
_AFTER_SCORE = re.compile(
    r"on|in|at|for|against|vs|versus|and|or|but|with|over|across|from|to|than|where|while"
    r"|when|which|points?|pp|percent|out|of|after|before|per|overall|compared|this|that|the"
    r"|a|an|we|it|so|then|since|because|as|is|was|were|are|by|using|under|below|above|now",
    re.I,
)
"""The words that may follow a score written as a whole number ("F1 71 on 500 cases"):
anything else is what the number counts ("accuracy at 2 sites")."""
_NOT_ERROR = re.compile(rf"(?:{_HEADS}|{_EVENTS})", re.I)
"""What an error, a time or a rate never counts (a time may be in days)."""

_SCORE_MARK = "\x01"  # a metric measured as a score (accuracy, F1...), once found
_ERROR_MARK = "\x02"  # a metric measured as an error or a time (latency, MAE...)
_SCORE_METRIC = re.compile(
    r"(?<![\w@-])(?:"
    r"(?:macro|micro|weighted|mean)?[- ]?f[- ]?(?:1|0\.5|2|beta)(?:[- ]scores?)?"
    r"|f[- ]?(?:scores?|measures?)"
    r"|(?:top-\d+\s+)?accuracy|precision(?:@\d+)?|recall(?:@\d+)?|specificity|sensitivity"
    r"|(?:roc|pr)?[- ]?auc(?:[- ]?(?:roc|pr))?|(?-i:m?AP)(?:@\d+)?|ndcg(?:@\d+)?|mrr(?:@\d+)?"
    r"|bleu|rouge(?:-\w+)?|chrf|(?:cohen'?s\s+)?kappa|r2|r²|r-squared|log[- ]?loss|brier"
    r"|(?-i:FPR|TPR|FNR|TNR)|agreement|coverage"
    r"|(?:error|miss|hit|match|success|acceptance|deflection|automation|escalation"
    r"|misrout(?:e|ing)|override|rejection|false[- ](?:positive|negative)"
    r"|true[- ](?:positive|negative))[- ]rates?"
    r"|scor(?:e|es|ed|ing)"
    r")(?![\w@-])",
    re.I,
)
_ERROR_METRIC = re.compile(
    r"(?<![\w@-])(?:"
    r"p\d{2}(?:\.\d+)?(?:\s+latency)?|latency|(?:response|handling|resolution|processing"
    r"|turnaround|waiting|wait)[- ]times?|time[- ]to[- ]\w+"
    r"|mae|mse|rmse|mape|smape|wape"
    r"|(?:(?:mean|median|average|absolute|squared|relative|forecast|prediction|estimation)"
    r"\s+){1,3}errors?|errors?|off\s+by|deviation"
    r")(?![\w@-])",
    re.I,
)
_NUMBER = r"(?<![\w.,/])\d[\d,]*(?:\.\d+)?"
_WORD = rf"(?:[^\W\d_][\w-]*|[{_SCORE_MARK}{_ERROR_MARK}])"  # a word, or a metric found
_AFTER = rf"(?:\s*(?P<after>{_WORD}))?"
_FILLER = (
    r"(?:\s*[:=~≈]\s*|\s+(?:of|at|is|was|were|are|reached|scored|stood|came|out|to|from|around"
    r"|about|roughly|approximately|approx\.?|only|just|near|nearly|almost|up|down|by|below"
    r"|under|above|average|mean|median)\b){0,4}\s*"
)
_METRIC_VALUE = re.compile(
    rf"(?P<mark>[{_SCORE_MARK}{_ERROR_MARK}]){_FILLER}(?P<n>{_NUMBER}){_AFTER}", re.I
)
_VALUE_METRIC = re.compile(rf"(?P<n>{_NUMBER})\s*%?\s*{_SCORE_MARK}")
_PERCENT = re.compile(
    rf"{_NUMBER}\s?(?:%|‰|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b|pp\b|p\.p\.)",
    re.I,
)
_FRACTION = re.compile(r"(?<![\w.,/])(?:0[.,]\d+|\.\d+)(?![\w.,/]?\d)" + _AFTER)
_SHARE = re.compile(
    rf"(?P<n>{_NUMBER})\s+(?:(?P<between>{_WORD}(?:\s+{_WORD})?)\s+)?"
    rf"(?:out\s+of|of|in)\s+(?:(?:the|all|every|our|their|a)\s+)?(?P<m>\d[\d,]*(?:\.\d+)?)"
    + _AFTER.replace(r"\s*", r"\s+"),
    re.I,
)
_SLASH = re.compile(
    rf"(?<![\w.,/])(?P<n>\d+(?:\.\d+)?)\s?/\s?(?P<m>\d+(?:\.\d+)?)(?![\w/]|[.,]\d){_AFTER}"
)
_RATE = re.compile(
    rf"{_NUMBER}\s+(?P<between>(?:{_WORD}\s+){{0,2}})per\s+"
    r"(?:\d[\d,]*|hundred|thousand|million|mille)\b",
    re.I,
)
_RATIO = re.compile(
    rf"{_NUMBER}\s?(?:x|×|times)\s+(?:better|faster|fewer|more|less|lower|higher|smaller"
    r"|cheaper|slower)\b" + _AFTER,
    re.I,
)
_LATENCY = re.compile(rf"{_NUMBER}\s?(?:ms|msec|milliseconds?|µs|μs|microseconds?)\b", re.I)


@lru_cache(maxsize=1024)
def has_measured_score(text: str) -> bool:
    """True when the prose of ``text`` states a measured score (the module's rule; remembered,
    as the gate asks it of the same answers on every change and every keystroke)."""
    # What is not a measurement goes first: a clause that says nothing was measured, quotes
    # a claim or states a guess; then a number stated as a target ("the 90% we need").
    plain = without_claims(prose(text))
    marked = _ERROR_METRIC.sub(f" {_ERROR_MARK} ", _SCORE_METRIC.sub(f" {_SCORE_MARK} ", plain))
    marked = without_targets(marked, _SCORE_MARK + _ERROR_MARK)
    if SPELLED_PERCENT.search(marked):
        return True
    bare = without_names(marked)
    if _PERCENT.search(bare) or _LATENCY.search(bare):
        return True
    return any(
        check(match)
        for pattern, check in (
            (_METRIC_VALUE, _metric_value),
            (_VALUE_METRIC, _out_of_100),
            (_FRACTION, _fraction),
            (_SHARE, _share),
            (_SLASH, _share),
            (_RATE, _rate),
            (_RATIO, _ratio),
        )
        for match in pattern.finditer(bare)
    )


def _is(pattern: re.Pattern[str], word: str | None) -> bool:
    return word is not None and pattern.fullmatch(word) is not None


def _value(number: str) -> float:
    return float(number.rstrip(",").replace(",", ""))


def _metric_value(match: re.Match[str]) -> bool:
    if match.group("mark") == _ERROR_MARK:
        return not _is(_NOT_ERROR, match.group("after"))
    # A score's value is a fraction or out of 100, and counts nothing after it.
    number, after = match.group("n"), match.group("after")
    if _value(number) > 100 or _is(_NOT_SCORE, after):
        return False
    return "." in number or after is None or _is(_AFTER_SCORE, after)


def _out_of_100(match: re.Match[str]) -> bool:
    return _value(match.group("n")) <= 100


def _fraction(match: re.Match[str]) -> bool:
    return not _is(_NOT_SCORE, match.group("after"))


def _share(match: re.Match[str]) -> bool:
    part, whole = _value(match.group("n")), _value(match.group("m"))
    between = match.groupdict().get("between") or ""
    if any(_is(_NOT_SCORE, word) for word in between.split()):
        return False
    return whole > 0 and part <= whole and not _is(_NOT_SCORE, match.group("after"))


def _rate(match: re.Match[str]) -> bool:
    return not any(_is(_NOT_ERROR, word) for word in match.group("between").split())


def _ratio(match: re.Match[str]) -> bool:
    return not _is(_NOT_ERROR, match.group("after"))
