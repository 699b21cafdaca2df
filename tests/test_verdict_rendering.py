"""How verdicts, checklist items and stage-gate items read in the exported document (QA
report qa9c, findings 5, 6, 7, 9 and 10): the bundled example, changed through the CLI as a
user changes it, exported as Markdown and HTML, and the Markdown read back with markdown-it
(CommonMark, as GitHub and the HTML export read it)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mldwizard.cli import main
from mldwizard.core import edits
from mldwizard.core.examples import example_path
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import Specs

from .test_markdown import base_doc

PARSER = MarkdownIt("commonmark")


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), path)
    return path


def export(document: Path, fmt: str = "md") -> str:
    assert main(["export", str(document), "-o", "--format", fmt]) == 0
    return document.with_suffix("." + fmt).read_text("utf-8")


def section(markdown: str, heading: str) -> str:
    """A step's section: from its heading to the next heading of a step or part."""
    start = markdown.index(f"\n### {heading}\n")
    end = re.search(r"\n##?#? ", markdown[start + 1 :])
    return markdown[start : start + 1 + end.start()] if end else markdown[start:]


def top_lists(tokens: list[Token]) -> list[list[str]]:
    """The text of each item of each list at the top level of ``tokens``."""
    lists: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "bullet_list_open" and token.level == 0:
            lists.append([])
        if token.type == "list_item_open" and token.level == 1:
            lists[-1].append(tokens[i + 2].content)
    return lists


def item_lines(tokens: list[Token], starts: str) -> list[str]:
    """The lines of the list item whose first paragraph starts with ``starts``, as a reader
    sees them: split at the hard breaks (a soft break runs on, as a space)."""
    for token in tokens:
        if token.type == "inline" and token.content.lstrip("*").startswith(starts):
            lines = [""]
            for child in token.children or []:
                if child.type == "hardbreak":
                    lines.append("")
                elif child.type == "softbreak":
                    lines[-1] += " "
                else:
                    lines[-1] += child.content
            return lines
    raise AssertionError(f"no item starting {starts!r}")


def test_each_detail_of_an_item_is_a_line_of_its_own(document: Path) -> None:
    """Finding 7: Evidence, Condition, Owner, Due and Rests on, one to a line everywhere
    (CommonMark joins plain line breaks into one paragraph)."""
    markdown = export(document)
    checklist = PARSER.parse(section(markdown, "Feasibility checklist"))
    lines = item_lines(checklist, "Partial:** The target quality is reachable")
    assert [line.split(":")[0] for line in lines] == [
        "Partial",
        "Evidence",
        "Condition",
        "Owner",
        "Due",
        "Rests on",
    ]
    assert lines[3] == "Owner: Jonas Brandt."
    assert re.fullmatch(r"Due: \d{4}-\d\d-\d\d\.", lines[4])
    gate = PARSER.parse(section(markdown, "Stage gate: prototype to pilot"))
    lines = item_lines(gate, "Partial:** The fallback works")
    assert [line.split(":")[0] for line in lines] == [
        "Partial",
        "Evidence",
        "Condition",
        "Owner",
        "Due",
        "Rests on",
    ]
    # The web page shows the same lines (markdown-it, as the HTML export reads it).
    html = export(document, "html")
    assert re.search(r"<br />\nOwner: Carmen Vidal\.<br />\nDue: [-\d]+\.<br />\nRests on:", html)


def test_the_stage_gate_states_its_verdict_apart_from_its_items(document: Path) -> None:
    """Finding 6: the verdict's lines and the items are two lists, people by name, the
    verdict reads as a condition, and the section has its status line like every step."""
    markdown = export(document)
    text = section(markdown, "Stage gate: prototype to pilot")
    lists = top_lists(PARSER.parse(text))
    assert len(lists) == 2, lists
    summary, items = lists
    assert [re.sub(r"\d{4}-\d\d-\d\d", "DATE", line) for line in summary] == [
        "The model was measured against the baseline and the metric targets (partial): "
        "owner Jonas Brandt, due DATE.",
        "The fallback works: switching the model off was tried (partial): owner Carmen Vidal, "
        "due DATE.",
    ]
    assert len(items) == 4 and all(i.startswith(("**Met:**", "**Partial:**")) for i in items)
    assert "Move to pilot on condition that these gaps are closed" in text
    assert "only while" not in text
    status = text.split("\n\n")[1]
    assert status.startswith("*Draft · Owners: Jonas Brandt (ML engineer), Devika Rao")
    # The web page's banner names the same people as the feasibility box does.
    html = export(document, "html")
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    stage_box = banner[banner.index("verdict-stage-gate") :]
    assert "Owner: Carmen Vidal (Data engineer)." in stage_box
    assert "Owner: carmen" not in stage_box and "(Partial)" not in stage_box


def test_the_feasibility_checklist_states_its_own_verdict(document: Path) -> None:
    """Finding 10: a reader who jumps to the checklist sees its verdict there."""
    text = section(export(document), "Feasibility checklist")
    tokens = PARSER.parse(text)
    assert "**Verdict: CONDITIONAL**" in text
    assert text.index("**Verdict: CONDITIONAL**") < text.index("**Value**")
    summary = top_lists(tokens)[0]
    first = "Using the data for this purpose is allowed (partial): owner Devika Rao, due "
    assert summary[0].startswith(first)
    assert len(summary) == 4  # 3 critical gaps and a non-critical one


def _fatal(document: Path, step: str, item: str, note: str) -> None:
    assert main(["set", str(document), step, item, "not-met", "--fatal", "--note", note]) == 0


def test_an_item_that_cannot_be_closed_shows_no_closing_plan(document: Path) -> None:
    """Finding 5: a Not met item marked not closable drops the condition, owner and due date
    it had; the verdict gives no tool instruction; the NO-GO fits the document's stage."""
    before = export(document)
    condition = "Written DPO sign-off of the purpose-compatibility assessment"
    assert condition in before
    _fatal(document, "feasibility", "data_allowed", "The DPO refused in writing.")
    _fatal(document, "stage-gate-pilot", "fallback_works", "The kill switch failed.")
    markdown = export(document)
    assert condition not in markdown
    assert "The first monthly drill in production" not in markdown
    checklist = PARSER.parse(section(markdown, "Feasibility checklist"))
    lines = item_lines(checklist, "Not met:** Using the data for this purpose is allowed")
    assert lines[1:] == ["Cannot be closed.", "Evidence: The DPO refused in writing."]
    gate = PARSER.parse(section(markdown, "Stage gate: prototype to pilot"))
    lines = item_lines(gate, "Not met:** The fallback works")
    assert lines[1:3] == ["Evidence: The kill switch failed.", "Cannot be closed."]
    assert not any(line.startswith(("Condition", "Owner", "Due")) for line in lines)
    assert "mark it closable" not in markdown
    gate_text = section(markdown, "Stage gate: prototype to pilot")
    assert (
        "- The fallback works: switching the model off was tried (not met, cannot be closed)."
        in gate_text
    )
    # At the prototype stage the months of work are behind the team, not ahead.
    assert "before the months of work it would have cost" not in markdown
    assert "before more work goes into it, is the method working" in markdown
    html = export(document, "html")
    assert "months of work" not in html and condition not in html


def test_a_no_go_at_design_stage_still_says_what_it_saves(document: Path) -> None:
    assert main(["set", str(document), "--stage", "design"]) == 0
    _fatal(document, "feasibility", "data_allowed", "The DPO refused in writing.")
    markdown = export(document)
    assert "before the months of work it would have cost, is the method working" in markdown


def test_the_web_page_says_each_condition_once_after_its_banner(document: Path) -> None:
    """Finding 9: the banner is short (the item, owner, due date) and links to the full text;
    the condition is in the chapter only: the banner is the page's Verdicts section (QA10c
    #15: the Markdown's Verdicts box made it twice, the gap three times)."""
    html = export(document, "html")
    banner = html[html.index('<section class="verdicts"') : html.index("</section>")]
    condition = "Written DPO sign-off of the purpose-compatibility"
    assert condition not in banner
    assert html.count(condition) == 1
    assert "Using the data for this purpose is allowed</strong> (partial)." in banner
    assert '<a class="verdict-more" href="#feasibility-checklist">' in banner
    assert '<a class="verdict-more" href="#stage-gate-prototype-to-pilot">' in banner
    for anchor in ("feasibility-checklist", "stage-gate-prototype-to-pilot"):
        assert f'id="{anchor}"' in html


def test_a_checklist_waiting_for_answers_says_so_once(specs: Specs) -> None:
    """Finding 10 on a half-written document: the checklist says INCOMPLETE and points at
    the Verdicts section's list of answers owed, rather than printing it a second time."""
    doc = base_doc(specs)
    for item in specs.resolve("feasibility").items:
        edits.set_item(doc, specs, item.id, "met", "Checked with the team.")
    markdown = render_markdown(doc, specs)
    text = section(markdown, "Feasibility checklist")
    assert "**Verdict: INCOMPLETE**" in text
    assert re.search(r"\d+ required answers first, listed under \[Verdicts\]\(#verdicts\)", text)
    assert "Problem statement" not in text and "Problem statement" in markdown
