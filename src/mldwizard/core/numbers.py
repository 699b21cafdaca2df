"""Whether a text holds a quantity: a number that can be a target, a budget, a cost or a
measured result ("0.90", "40 minutes", "5,200 a week", "€12k", "ninety percent").

Digits that only name something are not quantities: a version ("version 2", "v0.4", "release
3"), a quarter or half ("Q3", "H2"), a legal or document reference ("GDPR Art. 6", "section
4", "page 12"), a name with digits in it ("F1", "p95", "GPT-4", "SUPOPS-431", "top-1") and
a date (2026-03-01, "Q3 2026", "1 March 2026", "since 2024"; a year alone is a number).
A number spelled out counts only with a percentage after it ("ninety
percent", "five per cent"): "one of the queues" is not a target.

Used by the lint (MLD103, a question that expects a number: a target, a budget, a cost). A
measured result needs more than a quantity: a score (``core.scores``), not "2 people over 3
weeks". Linear in the text's length.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}(?![\w.,%]\d|\w|\s?%)"
_NOT_A_RATE = r"(?![\w%]|\s?%|[.,]\d)"
_WORD_DATE = "|".join(
    [
        # "Q3 2026", "H2 2026", "March 2026", "March 1st, 2026"
        r"(?<![\w.])(?:[QH]\d|" + _MONTH + r")\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?" + _YEAR,
        # "1 March", "1st March 2026"
        r"(?<![\w.,])\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?(?!\w)",
        # "March 1", "March 1st"
        r"(?<![\w.])" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?" + _NOT_A_RATE,
        # "since 2024", "until the end of 2027", "mid-2026" (a year alone stays a number:
        # "2000 tickets a week")
        r"(?<![\w.])(?:since|until|till|before|after|during|(?:the\s+)?(?:end|start|beginning)"
        r"\s+of|early|late|mid-?)\s*" + _YEAR,
    ]
)
_NOT_QUANTITY = re.compile(
    r"(?:"
    # a version, a release, an iteration...: "version 2", "v0.4", "release 3.1"
    r"(?<![\w.])(?:versions?|ver\.?|releases?|v|iterations?|sprints?|phases?|stages?|steps?"
    r"|rounds?|tiers?|levels?|milestones?)\s?#?\d+(?:\.\d+){0,4}"
    # a reference into a text: "Art. 6", "Article 6(1)", "section 4.2", "§ 26", "page 12"
    r"|(?<![\w.])(?:art(?:icle)?s?\.?|sections?|sec\.|§+|chapters?|ch\.|paragraphs?|para\.?"
    r"|clauses?|pages?|pp?\.|annex|appendix|figures?|fig\.|tables?|items?|no\.|nr\.|#)"
    r"\s?\d+(?:[.(]\d+\)?){0,4}"
    # a date: 2026-03-01, 2026-03, 2027-Q1
    r"|(?<![\w-])\d{4}-(?:\d{2}(?:-\d{2})?|Q[1-4])(?![\w-])"
    # a date in words: "Q3 2026", "March 2026", "1 March 2026", "since 2024" (_WORD_DATE)
    r"|" + _WORD_DATE +
    # a name with digits after letters: Q3, H2, F1, p95, GPT-4, SUPOPS-431, top-1, ISO-27001
    r"|(?<![\w.])[A-Za-z]+-?\d[\w.-]*"
    r")",
    re.I,
)
_DIGIT = re.compile(r"\d")
SPELLED_PERCENT = re.compile(
    r"(?<!\w)(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|a\s+hundred|one\s+hundred|hundred|half)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
    r"\s+(?:percent|per\s+cent|%)(?!\w)",
    re.I,
)


def without_names(text: str) -> str:
    """``text`` with the digits that only name something (versions, quarters, references,
    dates, names with digits) blanked out, each as a space."""
    return _NOT_QUANTITY.sub(" ", text)


def has_quantity(text: str) -> bool:
    """True when ``text`` holds a number that can be a target, a budget or a measured
    result, not only versions, quarters, references, dates or names with digits. A result
    that claims a measurement needs more: a score (``core.scores.has_measured_score``)."""
    return bool(_DIGIT.search(without_names(text)) or SPELLED_PERCENT.search(text))
