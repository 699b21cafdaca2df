"""QA10c's findings on verdicts the document shows after a move, and on its changelog: a move
past a feasibility NO-GO shown with its reason, as a stage gate's is (#3); "Recent changes"
naming checklist items by their text with their new status, and a forced move in words
(#10); the web page's banners: each non-critical gap's owner and due date, a forced move's
reason without the verdict's word in it and no "Blocks the move" for a move made, a later
gate "Later" in the status table (#11); the wording nits of #15 ("marked from", one case for
every banner's verdict)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.core.document import ChangelogEntry, Document
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.html_export import render_html, stylesheet
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import Specs
from mldwizard.core.stage_moves import move_stage
from mldwizard.core.workspace import specs_for

from .conftest import load

LEGAL_NO = ("feasibility", "data_allowed", "not-met", "--fatal", "--note", "Legal said no")
REASON = "The sponsor **insists**.\n\n## Why\n- budget"
BOARD = "Board decided to ship for the year-end season."
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def section(markdown: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    start = markdown.index(heading + "\n")
    level = heading.split(" ")[0]
    rest = markdown[start + len(heading) :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


def banner(page: str) -> str:
    return page[page.index('<section class="verdicts"') : page.index("</section>")]


def box(page: str, css: str) -> str:
    """One verdict box of the banner (its ``<div>``), by a class it has."""
    found = re.search(rf'<div class="verdict [^"]*{css}[^"]*".*?</div>', banner(page), re.S)
    assert found is not None, css
    return found[0]


@pytest.fixture
def no_go_moved(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """The example, back at design, NO-GO (the data may not be used), moved to prototype
    with a reason written in Markdown."""
    path = tmp_path / "ex.toml"
    ok("new", path, "--example", "--no-input")
    ok("set", path, "--stage", "design")
    ok("set", path, *LEGAL_NO)
    ok("set", path, "--stage", "prototype", "--reason", REASON)
    return path


def test_a_move_past_a_no_go_checklist_shows_its_reason_however_many_edits_follow(
    no_go_moved: Path,
) -> None:
    specs = specs_for(no_go_moved)
    doc = load(no_go_moved, specs)
    assert doc.stage == "prototype" and doc.feasibility.verdict == "NO-GO"
    # More edits than "Recent changes" shows: the reason must not hang on the changelog.
    for _ in range(12):
        doc.changelog.append(
            ChangelogEntry(at=AT, by="mira", chapter="essentials", summary="changed team")
        )
    markdown = render_markdown(doc, specs)
    assert "moved on although" not in section(markdown, "## Recent changes")
    reason_block = ["**Passed anyway.** Reason given:", "", "The sponsor **insists**.", ""]
    # In the Verdicts box, quoted, its Markdown kept (made safe as an answer: the heading
    # is a bold line), not escaped to a literal "\*\*".
    verdicts = section(markdown, "## Verdicts")
    box_lines = [line.removeprefix("> ").removeprefix(">") for line in verdicts.splitlines()]
    start = box_lines.index(reason_block[0])
    assert box_lines[start : start + 6] == [*reason_block, "**Why**", "- budget"]
    assert box_lines.index("**Feasibility:** NO-GO") < start
    # In the checklist's own section, after its verdict.
    checklist = section(markdown, "### Feasibility checklist")
    assert "\n".join([*reason_block, "**Why**", "- budget"]) in checklist
    assert checklist.index("**Verdict: NO-GO**") < checklist.index("**Passed anyway.**")
    assert "\\*\\*insists" not in markdown and "NO-GO: The sponsor" not in markdown
    # The web page's banner says it first, its Markdown rendered, the heading not shown raw.
    feasibility = box(render_html(doc, specs), "verdict-feasibility")
    said = "<li>Passed anyway. Reason given: The sponsor <strong>insists</strong>."
    assert said in feasibility and "## Why" not in feasibility
    # Back at design the move is history: the document no longer says it was passed.
    move_stage(doc, specs, "design")
    assert "Passed anyway" not in render_markdown(doc, specs)


def test_a_forced_move_past_a_stage_gate_quotes_the_reason_alone_and_blocks_nothing(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    path = tmp_path / "ex.toml"
    ok("new", path, "--example", "--no-input")
    ok("set", path, "--stage", "production", "--reason", BOARD)
    specs = specs_for(path)
    doc = load(path, specs)
    assert doc.stage_gates["stage-gate-production"].moved_despite == f"INCOMPLETE: {BOARD}"
    markdown = path.with_suffix(".md").read_text("utf-8")
    verdicts = section(markdown, "## Verdicts")
    production = verdicts[verdicts.index("**Stage gate Pilot to Production:**") :]
    assert production.startswith("**Stage gate Pilot to Production:** INCOMPLETE\n")
    assert f"> **Passed anyway.** Reason given: {BOARD}" in production
    assert "INCOMPLETE: Board" not in markdown
    # The move was made: what the gate still lacks is open, it no longer blocks anything.
    assert "Blocks the move" not in production and "> - Still open: The A/B test" in production
    gate = section(markdown, "### Stage gate: pilot to production")
    assert f"**Passed anyway.** Reason given: {BOARD}" in gate
    page = render_html(doc, specs)
    html_box = box(page, "verdict-incomplete")
    assert f"<li>Passed anyway. Reason given: {BOARD}</li>" in html_box
    assert "INCOMPLETE: Board" not in page
    assert "Blocks the move" not in html_box and "<li>Still open: The A/B test" in html_box


def test_the_banner_gives_each_gap_its_owner_and_due_date(specs: Specs) -> None:
    page = render_html(example_document(specs, EXAMPLE_AS_OF), specs)
    feasibility = box(page, "verdict-feasibility")
    said = (
        "<li>Non-critical gap: <strong>The team has the skills, or can get them in time"
        r"</strong> \(partial\)\. Owner: Jonas Brandt \(ML engineer\)\. Due: \d{4}-\d\d-\d\d\.</li>"
    )
    assert re.search(said, feasibility), feasibility
    assert "Non-critical gaps:" not in feasibility


def test_a_later_gate_reads_later_in_the_status_table_and_in_words(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    page = render_html(doc, specs)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Stage gate: pilot to production</a>.*?</tr>", page)
    assert row is not None
    assert row[0].startswith('<tr class="status-later">')
    assert '<td data-label="Status">Later</td>' in row[0]
    # #15: what a later gate says is not the tool's jargon ("marked from").
    markdown = render_markdown(doc, specs)
    assert "*Later: assessed at the pilot stage, before the move to production.*" in markdown
    assert "marked from" not in markdown.lower() and "marked from" not in page.lower()


def test_every_banner_writes_its_verdict_the_same_way(specs: Specs) -> None:
    """#15: a verdict's code in capitals, anything else in sentence case, as the Markdown
    writes them; the stylesheet changes the case of none."""
    doc = example_document(specs, EXAMPLE_AS_OF)
    values = re.findall(r'<span class="verdict-value">([^<]*)<', banner(render_html(doc, specs)))
    assert values == ["A simple model", "CONDITIONAL", "CONDITIONAL", "Later"]
    fresh = Document.model_validate({"project": {"title": "New", "created": EXAMPLE_AS_OF}})
    values = re.findall(r'<span class="verdict-value">([^<]*)<', render_html(fresh, specs))
    assert values == ["Pending", "Pending", "Later", "Later"]
    rules = re.findall(r"\.verdict[^{]*\{[^}]*\}", stylesheet())
    assert not [rule for rule in rules if "text-transform" in rule]
