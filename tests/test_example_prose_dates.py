"""The bundled example says each date once, in a form that moves (qa9c #4).

A copy of the example moves its ISO dates to the day it is made
(:func:`mldwizard.core.examples.example_bytes`). A date written as prose ("18 September",
"May 2026", "the December retrain", "Q3", "mid-2027") would stay behind and contradict the
moved ones, so the example writes none: its dates are ISO dates, or words relative to the
story ("next year's market entry"). Years before the project (its history, a paper's year)
are allowed: they stay in the past whenever the copy is made.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from mldwizard.core.document import Document
from mldwizard.core.examples import EXAMPLE_AS_OF, example_bytes

ISO = re.compile(r"(?<![0-9])\d{4}([-_])\d{2}\1\d{2}(?![0-9])")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PROSE_DATE = re.compile(
    rf"\b(?:{MONTHS})\b"  # a month named: "18 September", "May 2026", "the December retrain"
    r"|\bQ[1-4]\b|\bH[12] \d{4}"  # a quarter or a half: "the Q3 audit", "H2 2027"
    r"|\bmid-\d{4}\b"  # "mid-2027"
    r"|(?<![\d-])\d{4}[-_]\d{2}(?![\d_-])"  # a month as a number: "2026-08", "worst_2026_11"
    r"|(?<![\w.,-])20(?:2[6-9]|[3-9]\d)(?![\w-])"  # a year of the story or later: "2027"
)
"""What a date the example moves must not be written as (ISO dates removed first). H1-H4
alone are hypotheses' names (H1 to H4 in the error analysis), not halves of a year."""
FIRST_DAY = dt.date(2026, 1, 1)
LAST_DAY = dt.date(2040, 12, 31)


def prose_dates(text: str) -> list[str]:
    lines = []
    for line in ISO.sub("<date>", text).splitlines():
        found = PROSE_DATE.findall(line)
        if found:
            lines.append(f"{found}: {line[:160]}")
    return lines


def dates_in(text: str) -> list[dt.date]:
    return [dt.date.fromisoformat(m.group(0).replace("_", "-")) for m in ISO.finditer(text)]


def test_the_example_writes_no_date_that_would_not_move() -> None:
    text = example_bytes(EXAMPLE_AS_OF).decode("utf-8")
    assert prose_dates(text) == []


@settings(max_examples=30, deadline=None, phases=[Phase.explicit, Phase.generate])
@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_a_copy_made_on_any_day_tells_one_story(today: dt.date) -> None:
    """Whatever the day: no date left behind, and the dates that must agree agree."""
    text = example_bytes(today).decode("utf-8")
    assert prose_dates(text) == []
    doc = Document.model_validate(tomllib.loads(text))
    shift = today - EXAMPLE_AS_OF

    # The DPO's signed assessment: the reply in the review, the feasibility item and the
    # milestones give one due date.
    due = doc.feasibility.items["data_allowed"].due
    assert due == dt.date(2026, 12, 18) + shift
    [thread] = [t for t in doc.step("datasets").review.threads if "Legal's written OK" in t.text]
    [answer] = [r.text for r in thread.replies if "signed assessment is due on" in r.text]
    assert dates_in(answer.split("signed assessment is due on")[1])[0] == due
    milestones = doc.step("essentials").answers["milestones"]
    assert any("DPO sign-off" in m and dates_in(m) == [due] for m in milestones)

    # What legal and the DPO said, and when: the same in the comment and in the chapter.
    legal, dpo = dates_in(thread.text)
    [purpose] = [
        a
        for a in doc.step("datasets").answers.values()
        if isinstance(a, str) and "**Legal basis and purpose:**" in a
    ]
    assert f"legal ({legal.isoformat()}, in writing)" in purpose
    assert f"on {dpo.isoformat()} the DPO called it a compatible purpose" in purpose

    # The fallback drill runs during shadow mode, before the human-review stage starts.
    drill = doc.stage_gates["stage-gate-pilot"].items["fallback_works"].due
    plan = doc.step("integration").answers["release_plan"]
    shadow = dates_in(plan.split("**Shadow**")[1])[:2]
    human = dates_in(plan.split("**Human in the loop**")[1])[0]
    assert drill is not None and shadow[0] <= drill <= shadow[1] < human
