"""The reader's document: counts, open questions, people, sentences, no wizard wording."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mldwizard.core import edits
from mldwizard.core.document import Document
from mldwizard.core.examples import example_path
from mldwizard.core.kinds import is_answered
from mldwizard.core.markdown import render_markdown, render_step
from mldwizard.core.markdown_open import open_in_step
from mldwizard.core.markdown_text import readable
from mldwizard.core.mdsafe import inline
from mldwizard.core.shown import shown_at, shown_questions
from mldwizard.core.specs import Specs

from .conftest import load
from .test_markdown import base_doc, with_answer

# Wizard language that has no place in a document (keys, widgets, instructions).
UI_WORDING = [
    r"Pick their handles",
    r"Select all that apply",
    r"\bpress\b",
    r"\bCtrl\b",
    r"required questions below",
    r"\bF[0-9]+ (?:key|to)\b",
]


def expected_open(doc: Document, specs: Specs) -> tuple[int, int]:
    """Counted here from the specs, independently of the renderer: the open questions and
    the required ones among them (the checklist's items are counted apart)."""
    total = required = 0
    for step in specs.steps:
        if step.kind == "feasibility":
            continue
        answers = doc.gate.answers if step.kind == "gate" else doc.step(step.slug).answers
        for q in shown_questions(doc, step):
            if not is_answered(answers.get(q.id)) and not q.is_notes:  # notes: never owed
                total += 1
                required += q.required_at(doc.stage)
    return total, required


def named(line: str) -> list[str]:
    """The titles a line of "Open questions" names (each in italics)."""
    return re.findall(r"\*([^*]+)\*", line.split(":**", 1)[1])


def listed_count(block: str) -> int:
    """How many open questions (and items) a part of "Open questions" names: one a line
    for the required (critical) ones, the optional ones by title on one line."""
    count = 0
    for line in block.splitlines():
        if re.match(r"- \*[^*]+\* \((required|critical)\): \S", line):
            count += 1
        elif line.startswith(("- **Optional:**", "- **Not critical:**")):
            count += len(named(line))
    return count


def example_doc(tmp_path: Path, specs: Specs) -> Document:
    path = tmp_path / "example.toml"
    shutil.copy(example_path(), path)
    return load(path, specs)


def test_the_summary_counts_the_open_questions_and_links_to_them(specs: Specs) -> None:
    doc = with_answer(specs, "An answer.")
    edits.set_answer(doc, specs.resolve("gate"), "expert_rule", "partly")
    md = render_markdown(doc, specs)
    total, required = expected_open(doc, specs)
    assert total > required > 0
    items = len(specs.resolve("feasibility").items)
    summary = (
        "*Created 2026-11-01 · Stage: Design (the plan, before any model exists) · "
        "0 of 16 chapters complete, 2 started · "
        f"[{total} open questions ({required} required)](#open-questions) · "
        f"[{items} checklist items without a status](#open-questions)*"
    )
    assert summary in md.splitlines()
    assert "- [Open questions](#open-questions)" in md
    listed = md.split("\n## Open questions\n", 1)[1].split("\n## ", 1)[0]
    # Each required question by its title, the optional ones and the items counted in all.
    assert listed_count(listed) == total + items
    assert listed.count(" (required): ") == required
    # The draft has the placeholders instead of the list; the counts stay, without a link.
    draft = render_markdown(doc, specs, draft=True)
    assert f"· {total} open questions ({required} required) · {items} checklist items" in draft
    assert "\n## Open questions\n" not in draft and "(#open-questions)" not in draft


def test_a_complete_document_says_so(tmp_path: Path, specs: Specs) -> None:
    md = render_markdown(example_doc(tmp_path, specs), specs)
    stage = "Stage: Prototype (a model trained offline, measured on held-out data)"
    # Answered is not agreed: the line says how many are approved and what is still open.
    assert (
        f"*Created 2026-09-01 · {stage} · 16 of 16 chapters complete, 6 approved · "
        "no open questions · [2 open review comments (1 critical)](#open-review-comments)*"
    ) in md
    contents = md.split("\n## Contents\n\n", 1)[1]
    assert contents.startswith("- [Verdicts](#verdicts)\n- [Part I.")  # as in the web page
    assert "\n## Open questions\n" not in md


def test_a_partly_answered_chapter_points_at_its_open_questions(specs: Specs) -> None:
    md = render_markdown(with_answer(specs, "An answer."), specs)
    essentials = md.split("### 1. Essentials\n", 1)[1].split("\n### ", 1)[0]
    shown = shown_at(specs.resolve("essentials"), {}, "design")
    open_here = len([q for q in shown if not q.is_notes]) - 1
    required = sum(q.required for q in specs.resolve("essentials").questions) - 1
    assert "#### Summary\n\nAn answer.\n" in essentials
    assert (
        f"*{open_here} open questions ({required} required): see "
        "[Open questions](#open-in-1-essentials).*"
    ) in essentials
    block = md.split("\n### Open in 1. Essentials\n", 1)[1].split("\n### ", 1)[0]
    assert listed_count(block) == open_here


@pytest.mark.parametrize("draft", [False, True])
def test_no_wizard_wording_in_the_document(tmp_path: Path, specs: Specs, draft: bool) -> None:
    new = base_doc(specs)
    edits.set_answer(new, specs.resolve("gate"), "expert_rule", "partly")
    for doc in (new, example_doc(tmp_path, specs)):
        md = render_markdown(doc, specs, draft=draft)
        for pattern in UI_WORDING:
            assert not re.search(pattern, md), pattern


def test_people_are_introduced_once_and_then_named(tmp_path: Path, specs: Specs) -> None:
    md = render_markdown(example_doc(tmp_path, specs), specs)
    # No "handle (Name, role)" (an author may write "devika (product manager)" in an answer).
    assert not re.search(r"\b(devika|jonas|carmen|mira) \((Devika|Jonas|Carmen|Mira)", md)
    # Everyone with their role once, under the title.
    assert (
        "*People: Mira Okafor (Head of Support Operations, sponsor), Jonas Brandt (ML "
        "engineer), Carmen Vidal (Data engineer), Devika Rao (Product manager, support "
        "platform)*"
    ) in md.split("## Verdicts", 1)[0]
    chapters = md.split("\n### ")[1:]
    for chapter in chapters:
        # ... and in a chapter only on its owners line.
        assert chapter.count("Devika Rao (Product manager, support platform)") <= 1
        assert chapter.count("(ML engineer)") <= 1
    essentials = chapters[0]
    meta = essentials.splitlines()[2]
    assert meta.startswith("*Approved · Owner: Devika Rao (Product manager, support platform) ·")
    team = essentials.split("#### Team\n\n", 1)[1].split("\n", 1)[0]
    assert team == "Jonas Brandt, Carmen Vidal, Mira Okafor, Devika Rao"
    assert "#### Decision owner\n\nDevika Rao\n" in essentials


def test_gaps_read_as_sentences(specs: Specs) -> None:
    doc = base_doc(specs)
    edits.upsert_person(doc, "bo", "Bo Chen", "")
    feasibility = specs.resolve("feasibility")
    for item in feasibility.items:
        edits.set_item(doc, specs, item.id, "met", "Checked")
    critical = next(i for i in feasibility.items if i.critical)
    minor = [i for i in feasibility.items if not i.critical][:2]
    edits.set_item(
        doc, specs, critical.id, "partial", "Precision <= 0.8 on the pilot", "ana", "Relabel"
    )
    for item in minor:
        edits.set_item(doc, specs, item.id, "not-met", "Not yet", "bo", "Hire by Q2")
    md = render_markdown(doc, specs)
    box = md.split("## Verdicts\n", 1)[1].split("\n## ", 1)[0]
    assert ".;" not in md and "\\<" not in md
    assert (
        f"> - Critical gap: {critical.text.rstrip('.')} (partial). Condition: Relabel. Owner: Ana."
    ) in box
    for item in minor:  # each gap a bullet of its own, not joined with "; "
        assert (
            f"> - Non-critical gap: {item.text.rstrip('.')} (not met). "
            "Condition: Hire by Q2. Owner: Bo Chen."
        ) in box
    checklist = md.split("### Feasibility checklist\n", 1)[1].split("\n## ", 1)[0]
    # Each on a line of its own: a hard break (two spaces) ends every line but the item's last.
    assert "  Evidence: Precision <= 0.8 on the pilot.  \n  Condition: Relabel.  \n" in checklist
    assert "  Owner: Ana.  \n" in checklist
    assert "  Evidence: Checked.\n" in checklist


def test_an_item_with_only_evidence_is_shown_without_a_status(specs: Specs) -> None:
    doc = base_doc(specs)
    item = specs.resolve("feasibility").items[0]
    edits.set_item(doc, specs, item.id, None, "We asked 12 agents")
    md = render_markdown(doc, specs)
    assert f"- **No status yet:** {item.text.rstrip('.')}" in md
    assert "  Evidence: We asked 12 agents.  \n" in md  # a line of its own (a hard break)


def test_the_preview_shows_the_reader_view_of_one_step(specs: Specs) -> None:
    doc = with_answer(specs, "An answer.")
    essentials = specs.resolve("essentials")
    text = render_step(doc, specs, essentials)
    assert text.startswith("### 1. Essentials\n")
    assert "#### Summary\n\nAn answer.\n" in text
    assert "TODO" not in text
    required = [q.title + " (required)" for q in essentials.questions if q.required]
    assert required[0] not in text  # the answered one
    line = text.strip().splitlines()[-1]
    assert line.startswith("*Open: ") and line.endswith(".*")
    others = [q for q in shown_at(essentials, {}, "design") if q.id != "summary" and not q.is_notes]
    assert line.count(", ") == len(others) - 1
    assert "Team (required)" in line
    empty = render_step(doc, specs, specs.resolve("metrics"))
    assert empty.count("\n#### ") == 0 and "*Open: " in empty
    feasibility = specs.resolve("feasibility")
    first = feasibility.items[0]
    count = len(feasibility.items)
    critical = sum(i.critical for i in feasibility.items)
    assert f"*Not started · {count} items without a status ({critical} critical).*" in render_step(
        doc, specs, feasibility
    )
    edits.set_item(doc, specs, first.id, "met", "Confirmed by 12 agents")
    checklist = render_step(doc, specs, feasibility)
    assert f"- **Met:** {first.text.rstrip('.')}" in checklist
    left = critical - first.critical
    assert checklist.rstrip().endswith(f"*{count - 1} items without a status ({left} critical).*")


SPECIAL_TEXT = st.text(
    alphabet=st.sampled_from(list("<>=&#!~_*`[]()|\\-+. a1;/?")), min_size=1, max_size=30
)
GFM = MarkdownIt("commonmark").enable(["strikethrough", "table"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=SPECIAL_TEXT)
@example(text="<!A*>")  # "\<" before an escaped "\!": both were dropped, raw HTML
@example(text="<!a>")
@example(text="</a>")
@example(text="<?x>")
@example(text="- >")  # a ">" after a list marker starts a quote (found by hypothesis)
@example(text="1. # x")
def test_readable_text_renders_exactly_like_the_fully_escaped_text(text: str) -> None:
    """Dropping the harmless escapes changes nothing a parser sees, wherever the generator
    places such text: after a list marker, in a heading, inside a sentence."""
    for before, after in (("- ", ""), ("### ", ""), ("Why: ", "."), ("> - ", "")):
        assert GFM.render(before + readable(text) + after) == GFM.render(
            before + inline(text) + after
        )


def test_readable_text_drops_the_escapes_a_reader_would_see() -> None:
    assert readable("precision <= 0.9 and recall >= 0.8") == "precision <= 0.9 and recall >= 0.8"
    assert readable("data_allowed changed") == "data_allowed changed"
    assert readable("AT&T, 100% & more!") == "AT&T, 100% & more!"
    assert readable("<b>") == "\\<b>" and readable("_x_") == "\\_x\\_"


def test_a_gate_override_reads_as_a_sentence(tmp_path: Path, specs: Specs) -> None:
    doc = example_doc(tmp_path, specs)
    edits.set_override(doc, "complex-model", "Agents asked for a transformer")
    md = render_markdown(doc, specs)
    box = md.split("## Verdicts\n", 1)[1].split("\n## ", 1)[0]
    assert (
        "> **Should this be ML at all?** A complex model (overridden; the answers say "
        "a simple model)\n> Why: Agents asked for a transformer.\n"
    ) in box
    gate = md.split("### Should this be ML at all?\n", 1)[1].split("\n### ", 1)[0]
    # The verdict in force first (no changelog entry set it here: nobody is named), then
    # what the answers say, the levels in words, not slugs.
    assert (
        "**Verdict: A complex model** (overridden; the answers say a simple model)\n\n"
        "**Reason for the override:** Agents asked for a transformer.\n"
    ) in gate
    assert "**What the answers say: A simple model**\n" in gate
    assert "**Verdict: A simple model**" not in gate


def test_a_pending_gate_says_how_many_answers_it_needs(specs: Specs) -> None:
    doc = base_doc(specs)
    edits.set_answer(doc, specs.resolve("gate"), "expert_rule", "partly")
    md = render_markdown(doc, specs)
    gate = md.split("### Should this be ML at all?\n", 1)[1].split("\n### ", 1)[0]
    # Required and shown: a question with a condition is not shown yet.
    missing = sum(1 for q in specs.resolve("gate").questions if q.required and not q.when) - 1
    assert f": {missing} required questions not answered yet (Number of distinct patterns, " in gate
    # One answer of ten supports no lean (qa10c #13).
    assert "lean towards" not in gate
    assert "below" not in gate


def test_a_half_finished_document_reads_as_a_document_not_a_form(specs: Specs) -> None:
    """Three answers in, the reader's document says briefly what is missing (qa9c #11: the
    open questions were 85% of it, every prompt with its "Cover:" list): each required
    question with its title and prompt on one line (issue 11, qa10c #13), the optional ones
    by title on one; what an answer covers is the draft's, where the answers go."""
    doc = with_answer(specs, "Card payments are scored for fraud before authorisation.")
    edits.set_answer(doc, specs.resolve("problem"), "current_process", "120 hand rules.")
    md = render_markdown(doc, specs)
    listed = md.split("\n## Open questions\n", 1)[1].split("\n## ", 1)[0]
    found = [o for step in specs.steps for o in open_in_step(doc, step)]
    said = sum(len(o.title) + (len(o.prompt) if o.mark else 0) for o in found)
    assert len(listed) < 1.5 * said  # titles, the owed prompts and little else
    assert "Cover:" not in md
    for block in listed.split("\n### ")[1:]:  # a heading, a link back, a line per owed one
        owed = block.count(" (required): ") + block.count(" (critical): ")
        assert len([line for line in block.splitlines() if line.strip()]) <= 3 + owed, block
    prompt = specs.resolve("essentials").question("team").prompt  # type: ignore[union-attr]
    assert md.count(prompt) == 1 and f"- *Team* (required): {prompt}" in md


def no_go(specs: Specs) -> Document:
    """A document answered in two chapters, stopped at a feasibility NO-GO (qa10c #13)."""
    doc = with_answer(specs, "An answer.")
    edits.set_item(
        doc, specs, "data_allowed", "not-met", "Legal says no: no consent.", "", "", fatal=True
    )
    return doc


def test_a_document_stopped_at_a_no_go_does_not_count_what_is_left(specs: Specs) -> None:
    """The headline says the document stopped, instead of "[176 open questions (114
    required)]", which asks a reader to answer what nobody should; the list stays at the end,
    with the counts."""
    doc = no_go(specs)
    md = render_markdown(doc, specs)
    [headline] = [line for line in md.splitlines() if line.startswith("*Created ")]
    assert headline == (
        "*Created 2026-11-01 · Stage: Design (the plan, before any model exists) · "
        "0 of 16 chapters complete, 2 started · "
        "stopped at the feasibility NO-GO, with [the rest left unanswered](#open-questions)*"
    )
    total, required = expected_open(doc, specs)
    listed = md.split("\n## Open questions\n", 1)[1].split("\n## ", 1)[0]
    assert listed.lstrip().startswith(
        "The document stopped at the feasibility NO-GO: these were left unanswered, and need "
        f"no answer unless the plan changes: {total} open questions ({required} required) and "
    )
    draft = render_markdown(doc, specs, draft=True)
    assert "· stopped at the feasibility NO-GO, with the rest left unanswered*" in draft


def test_a_move_past_the_no_go_with_a_reason_counts_what_is_left_again(specs: Specs) -> None:
    doc = no_go(specs)
    doc.stage = "prototype"
    doc.feasibility.moved_despite = "NO-GO: the board accepts the legal risk for a pilot."
    md = render_markdown(doc, specs)
    [headline] = [line for line in md.splitlines() if line.startswith("*Created ")]
    assert "stopped at" not in headline and "open questions (" in headline
    assert "The document stopped" not in md
