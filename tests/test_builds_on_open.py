"""An earlier question that is open says why, so the author is not sent looking for it:
above in this chapter, not asked for this document (its condition does not hold), or asked
only from a later stage. The same words in the wizard and plain mode (``where``) and in the
Markdown."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mldwizard.core.document import new_document
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.mdsafe import github_anchor
from mldwizard.core.question_notes import builds_on
from mldwizard.core.specs import Specs, load_specs

from .spec_folders import ALPHA, chapter, question, spec_folder

BETA = chapter(
    "beta",
    question("plan")
    + question("result", extra='builds_on = "beta.plan"')
    + question("hidden", extra='when = { question = "alpha.flavour", equals = "sweet" }')
    + question("deep", extra='builds_on = "beta.hidden"')
    + question("measured", extra='from_stage = "prototype"')
    + question("follow_up", extra='builds_on = "beta.measured"')
    + question("colour_note", extra='builds_on = "alpha.colour"'),
    head='after = "alpha"',
)


def _specs(tmp_path: Path) -> Specs:
    return load_specs([spec_folder(tmp_path, alpha=ALPHA, beta=BETA)])


def _where(specs: Specs, qid: str) -> str:
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.chapters["alpha"].answers["flavour"] = "sour"
    step = specs.get("beta")
    assert step is not None
    question_ = step.question(qid)
    assert question_ is not None
    earlier = builds_on(doc, specs, question_)
    assert earlier is not None and not earlier.answered
    return earlier.where


def test_an_open_earlier_question_says_why_it_is_open(tmp_path: Path) -> None:
    specs = _specs(tmp_path)
    assert _where(specs, "result") == "(not answered yet: above in this chapter)"
    assert _where(specs, "deep") == "(not asked for this document)"
    assert _where(specs, "follow_up") == "(asked from the prototype stage)"
    assert _where(specs, "colour_note") == "(not answered yet: it is in Alpha chapter)"


def test_the_markdown_says_the_same(tmp_path: Path) -> None:
    specs = _specs(tmp_path)
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.chapters["alpha"].answers["flavour"] = "sour"
    for qid in ("deep", "follow_up"):
        doc.chapters["beta"].answers[qid] = "Written anyway."
    md = render_markdown(doc, specs)
    assert "*Builds on Hidden (Beta chapter), not asked for this document.*" in md
    assert "*Builds on Measured (Beta chapter), asked from the prototype stage.*" in md


def test_the_example_says_what_an_answer_builds_on_once_and_not_of_the_one_above(
    specs: Specs,
) -> None:
    """qa9c #15: "Builds on Error analysis plan" five times in one chapter, and a link to
    the heading just above the line."""
    md = render_markdown(example_document(specs, EXAMPLE_AS_OF), specs)
    lines = 0
    for section in md.split("\n### ")[1:]:
        cited: list[str] = []
        above = here = ""  # the answer just above this question's, and this one's
        for line in section.splitlines():
            if line.startswith("#### "):
                above, here = here, github_anchor(line[5:], {})
            found = re.match(r"\*Builds on \[[^\]]+\]\(#([^)]+)\)", line)
            if found:
                lines += 1
                assert found[1] != above, line
                cited.append(found[1])
        assert len(cited) == len(set(cited)), section.splitlines()[0]
    assert lines > 10  # the example still says what builds on what
