"""``asks`` and ``builds_on`` outside the terminal faces: the core helper that resolves what a
question builds on, the Markdown (reader and draft), the web page, and ``mldwizard specs``.
The chapters are two small extra ones (tests/notes_specs.py), so the built-in chapters'
wording can change freely."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mldwizard.core import edits
from mldwizard.core.document import Document, new_document
from mldwizard.core.html_export import render_html
from mldwizard.core.markdown import render_markdown
from mldwizard.core.question_notes import builds_on, cover_line
from mldwizard.core.specs import Specs, load_specs

from .notes_specs import (
    BASICS,
    DRILL_ASKS,
    DRILL_PROMPT,
    DRILLS,
    LONG_PLAN,
    PLAN_REF,
    write_notes_specs,
)
from .test_anchors import github_ids, local_links, plugin_ids

COVER = "Cover: " + "; ".join(DRILL_ASKS)


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    return write_notes_specs(tmp_path / "extra")


@pytest.fixture
def notes_specs(extra: Path) -> Specs:
    return load_specs(extra_dirs=[extra])


def new_doc(specs: Specs) -> Document:
    return new_document("Ticket routing", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])


def section(md: str, heading: str) -> str:
    """From ``heading`` (a whole line) to the next heading of any level."""
    start = md.index(f"\n{heading}\n")
    end = md.find("\n#", start + len(heading) + 2)
    return md[start : end if end != -1 else len(md)]


# ---- the core helper ----------------------------------------------------------------------


def test_what_a_question_builds_on_is_resolved_against_the_document(notes_specs: Specs) -> None:
    doc = new_doc(notes_specs)
    drill = notes_specs.get(DRILLS).question("drill")  # type: ignore[union-attr]
    assert drill is not None and cover_line(drill) == COVER
    earlier = builds_on(doc, notes_specs, drill)
    assert earlier is not None
    assert earlier.ref == PLAN_REF
    assert earlier.heading == "Builds on Fallback basics › Fallback plan"
    assert earlier.chapter == "Fallback basics" and earlier.title == "Fallback plan"
    assert not earlier.answered and earlier.text == ""
    assert earlier.where == "(not answered yet: it is in Fallback basics)"
    # The anchor is the one the earlier question's heading gets in the document.
    assert earlier.anchor == "fallback-plan"

    edits.set_answer(doc, notes_specs.get(BASICS), "plan", LONG_PLAN)  # type: ignore[arg-type]
    earlier = builds_on(doc, notes_specs, drill)
    assert earlier is not None and earlier.answered
    assert earlier.text == LONG_PLAN
    excerpt, shortened = earlier.excerpt(max_lines=2, max_chars=1000)
    assert shortened and excerpt.splitlines() == LONG_PLAN.splitlines()[:2]
    excerpt, shortened = earlier.excerpt(max_lines=10, max_chars=60)
    assert shortened and excerpt.endswith("…") and len(excerpt) <= 61
    assert LONG_PLAN.startswith(excerpt[:-1])
    assert earlier.excerpt(max_lines=10, max_chars=10_000) == (LONG_PLAN, False)
    # A question that builds on nothing.
    plan = notes_specs.get(BASICS).question("plan")  # type: ignore[union-attr]
    assert plan is not None and builds_on(doc, notes_specs, plan) is None


def test_an_earlier_choice_or_people_answer_reads_as_labels_and_names(tmp_path: Path) -> None:
    folder = tmp_path / "kinds"
    folder.mkdir()
    (folder / "a.toml").write_text(
        'slug = "scope"\ntitle = "Scope"\nintro = "Scope."\n\n'
        '[[questions]]\nid = "size"\ntitle = "Size"\nprompt = "How big?"\nhelp = "h"\n'
        'example = "e"\nkind = "multi_choice"\n'
        'choices = [{ value = "s", label = "Small team" },\n'
        '  { value = "l", label = "Large team" }]\n\n'
        '[[questions]]\nid = "leads"\ntitle = "Leads"\nprompt = "Who leads?"\nhelp = "h"\n'
        'example = "e"\nkind = "people"\n\n'
        '[[questions]]\nid = "why_size"\ntitle = "Why this size"\nprompt = "Why?"\nhelp = "h"\n'
        'example = "e"\nkind = "text"\nbuilds_on = "scope.size"\n\n'
        '[[questions]]\nid = "why_leads"\ntitle = "Why these leads"\nprompt = "Why?"\nhelp = "h"\n'
        'example = "e"\nkind = "text"\nbuilds_on = "scope.leads"\n',
        encoding="utf-8",
    )
    specs = load_specs(extra_dirs=[folder])
    doc = new_doc(specs)
    step = specs.get("scope")
    assert step is not None
    edits.upsert_person(doc, "ana", "Ana Silva", "ML lead")
    edits.set_answer(doc, step, "size", ["s", "l"])
    edits.set_answer(doc, step, "leads", ["ana"])
    size = builds_on(doc, specs, step.question("why_size"))  # type: ignore[arg-type]
    leads = builds_on(doc, specs, step.question("why_leads"))  # type: ignore[arg-type]
    assert size is not None and size.lines == ("• Small team", "• Large team")
    assert leads is not None and leads.lines == ("ana (Ana Silva, ML lead)",)


# ---- the Markdown and the web page -------------------------------------------------------


@pytest.mark.parametrize("draft", [False, True])
def test_the_markdown_links_to_the_earlier_answer_once_it_is_given(
    notes_specs: Specs, draft: bool
) -> None:
    doc = new_doc(notes_specs)
    edits.set_answer(doc, notes_specs.get(DRILLS), "drill", "Monthly.")  # type: ignore[arg-type]
    md = render_markdown(doc, notes_specs, draft=draft)
    drill = section(md, "#### Fallback drill")
    # Open: said in words, no link (a reader's document has no heading to link to).
    assert "*Builds on Fallback plan (Fallback basics), not answered yet.*" in drill
    assert "](#fallback-plan)" not in md

    edits.set_answer(doc, notes_specs.get(BASICS), "plan", LONG_PLAN)  # type: ignore[arg-type]
    md = render_markdown(doc, notes_specs, draft=draft)
    drill = section(md, "#### Fallback drill")
    line = "*Builds on [Fallback plan](#fallback-plan) (Fallback basics).*"
    assert drill.split("\n\n")[1] == line  # right under the heading, before the answer
    assert drill.index(line) < drill.index("Monthly.")
    # The link leads to the earlier answer's heading, by GitHub's rules and markdown-it's.
    ids = dict((anchor, text) for text, anchor in github_ids(md))
    assert ids["fallback-plan"] == "Fallback plan"
    assert "fallback-plan" in plugin_ids(md)
    assert "fallback-plan" in local_links(md)
    assert section(md, "#### Fallback plan").strip().endswith(LONG_PLAN.splitlines()[-1])


def test_a_clashing_title_links_to_the_anchor_its_heading_really_gets(tmp_path: Path) -> None:
    """The earlier question's title is the title of a chapter too: its heading (and so its
    anchor) names its chapter, and the link follows."""
    folder = write_notes_specs(tmp_path / "extra")
    text = (folder / "a-basics.toml").read_text(encoding="utf-8")
    (folder / "a-basics.toml").write_text(
        text.replace('title = "Fallback plan"', 'title = "Fallback drills"'), encoding="utf-8"
    )
    specs = load_specs(extra_dirs=[folder])
    doc = new_doc(specs)
    edits.set_answer(doc, specs.get(BASICS), "plan", "Humans triage.")  # type: ignore[arg-type]
    edits.set_answer(doc, specs.get(DRILLS), "drill", "Monthly.")  # type: ignore[arg-type]
    md = render_markdown(doc, specs)
    (link,) = re.findall(r"\*Builds on \[[^\]]+\]\(#([^)]+)\)", md)
    ids = dict((anchor, text) for text, anchor in github_ids(md))
    assert ids[link].startswith("Fallback drills (") and link in plugin_ids(md)


def test_the_web_page_links_to_the_earlier_answer(notes_specs: Specs) -> None:
    doc = new_doc(notes_specs)
    edits.set_answer(doc, notes_specs.get(DRILLS), "drill", "Monthly.")  # type: ignore[arg-type]
    page = render_html(doc, notes_specs)
    assert 'href="#fallback-plan"' not in page
    assert "Builds on Fallback plan (Fallback basics), not answered yet." in page
    edits.set_answer(doc, notes_specs.get(BASICS), "plan", "Humans triage.")  # type: ignore[arg-type]
    page = render_html(doc, notes_specs)
    assert re.search(
        r'Builds on <a href="#fallback-plan">Fallback plan</a> \(Fallback basics\)', page
    )
    assert re.search(r'<h\d id="fallback-plan"[^>]*>Fallback plan</h\d>', page)


def test_the_draft_asks_an_open_question_with_its_checklist(notes_specs: Specs) -> None:
    doc = new_doc(notes_specs)
    md = render_markdown(doc, notes_specs, draft=True)
    drill = section(md, "#### Fallback drill")
    assert f"> {DRILL_PROMPT}  \n> {COVER}" in drill
    assert drill.index(DRILL_PROMPT) < drill.index("TODO: not answered yet (required)")
    # Once answered, the draft shows the answer, not the prompt.
    edits.set_answer(doc, notes_specs.get(DRILLS), "drill", "Monthly.")  # type: ignore[arg-type]
    md = render_markdown(doc, notes_specs, draft=True)
    assert DRILL_PROMPT not in section(md, "#### Fallback drill")
    # The reader's document shows no prompts in its chapters.
    assert (
        DRILL_PROMPT
        not in render_markdown(new_doc(notes_specs), notes_specs).split("## Open questions")[0]
    )


def test_open_questions_name_the_prompts_and_leave_what_they_cover_to_the_draft(
    notes_specs: Specs,
) -> None:
    doc = new_doc(notes_specs)
    md = render_markdown(doc, notes_specs)
    block = section(md, "### Open in Fallback drills")
    assert f"- *Fallback drill* (required): {DRILL_PROMPT}" in block
    assert block.count("- **Optional:** *") == 1
    assert md.count(DRILL_PROMPT) == 1 and "Cover:" not in md  # the reader's view is short
    assert f"> {DRILL_PROMPT}  \n> {COVER}" in render_markdown(doc, notes_specs, draft=True)


# ---- mldwizard specs -------------------------------------------------------------------------


def test_specs_lists_the_checklist_and_the_earlier_question(extra: Path, tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mldwizard", "specs", DRILLS, "--specs", str(extra)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert all(len(line) <= 80 for line in out.splitlines())
    flat = " ".join(out.split())
    assert COVER in flat  # whole, wrapped at words
    assert "builds on Fallback basics › Fallback plan (fallback-basics.plan)" in flat
    drill_part = flat[flat.index("drill long_text") : flat.index("owner long_text")]
    assert drill_part.index(DRILL_PROMPT) < drill_part.index(COVER) < drill_part.index("help:")
    assert "builds on Fallback drills › Fallback drill (fallback-drills.drill)" in flat


def test_the_word_file_links_to_the_earlier_answer(notes_specs: Specs) -> None:
    from mldwizard.core.docx_export import find_pandoc, render_docx

    if find_pandoc() is None:
        pytest.skip("no pandoc: pip install 'mldwizard[docx]'")
    doc = new_doc(notes_specs)
    edits.set_answer(doc, notes_specs.get(BASICS), "plan", "Humans triage.")  # type: ignore[arg-type]
    edits.set_answer(doc, notes_specs.get(DRILLS), "drill", "Monthly.")  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(render_docx(doc, notes_specs))) as package:
        body = package.read("word/document.xml").decode("utf-8")
    # An internal link to the bookmark pandoc puts on the earlier answer's heading.
    assert re.search(r'<w:hyperlink w:anchor="fallback-plan"[^>]*>.*?Fallback plan', body)
    assert re.search(r'<w:bookmarkStart [^>]*w:name="fallback-plan"', body)
