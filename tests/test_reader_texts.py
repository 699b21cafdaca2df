"""Texts the author writes around the verdicts (a feasibility item's evidence and condition,
the gate's override reason), set with `mldwizard set` and read in the `.md` beside the TOML:
kept as written, one line inline, several lines as a block under their label."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mldwizard.cli import main

NOTE = "Counted:\n\n- 40k labels\n- 12k from audits\n\n| src | n |\n|---|---|\n| a | 1 |"
CONDITION = "1. Label 5k more\n2. Get **sign-off**"


def _set(capsys: pytest.CaptureFixture[str], *args: str) -> None:
    code = main(["set", *args])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()


def _with_person(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["person", str(doc_path), "ev", "--name", "Eva Varga"]) == 0
    capsys.readouterr()


def test_evidence_and_condition_keep_their_lines_and_markdown(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_person(doc_path, capsys)
    _set(
        capsys, str(doc_path), "feasibility", "labelled_data", "partial", "--owner", "ev",
        "--note", NOTE, "--condition", CONDITION,
    )  # fmt: skip
    markdown = doc_path.with_suffix(".md").read_text()
    item = markdown[markdown.index("- **Partial:** Labelled data") :]
    item = item[: item.index("\n\n*")]
    assert item.split("\n")[0].endswith("  ")  # a hard break: "Evidence:" starts a line
    assert item.split("\n")[1:] == [
        "  Evidence:",
        "",
        "  Counted:",
        "",
        "  - 40k labels",
        "  - 12k from audits",
        "",
        "  | src | n |",
        "  |---|---|",
        "  | a | 1 |",
        "",
        "  Condition:",
        "",
        "  1. Label 5k more",
        "  2. Get **sign-off**",
        "",
        "  Owner: Eva Varga.  ",  # a hard break: each detail on a line of its own
        "  Still lacking: no due date.",  # issue 13: every gap gets a due date
    ]
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<li>40k labels</li>" in html and "<td>a</td>" in html
    assert "<strong>sign-off</strong>" in html and "\\*" not in item


def test_one_line_texts_stay_inline_with_their_markdown(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_person(doc_path, capsys)
    _set(
        capsys, str(doc_path), "feasibility", "labelled_data", "partial", "--owner", "ev",
        "--note", "Counted in the `labels` table", "--condition", "Get **sign-off**",
    )  # fmt: skip
    markdown = doc_path.with_suffix(".md").read_text()
    assert "  Evidence: Counted in the `labels` table.  \n" in markdown
    assert "  Condition: Get **sign-off**.  \n  Owner: Eva Varga.  \n" in markdown


def test_the_override_reason_is_kept_as_written(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set(capsys, str(doc_path), "gate", "--override", "heuristic", "--reason", "We **must** ship")
    assert "> Why: We **must** ship.\n" in doc_path.with_suffix(".md").read_text()
    _set(capsys, str(doc_path), "gate", "--reason", "We **must** ship:\n- one\n- two")
    markdown = doc_path.with_suffix(".md").read_text()
    assert "> Why:\n>\n> We **must** ship:\n> - one\n> - two\n" in markdown
    box = markdown[markdown.index("## Verdicts") : markdown.index("## Contents")]
    html = MarkdownIt("commonmark").render(box)
    assert "<li>one</li>" in html and "<strong>must</strong>" in html


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("94200", "94,200"), ("1_000_000", "1,000,000"), ("2500.0", "2,500"), ("0.25", "0.25")],
)
def test_numbers_read_with_their_thousands_grouped(
    doc_path: Path, capsys: pytest.CaptureFixture[str], typed: str, shown: str
) -> None:
    _set(capsys, str(doc_path), "serving", "serving_mode", "online")
    _set(capsys, str(doc_path), "serving", "throughput_peak_rps", typed)
    markdown = doc_path.with_suffix(".md").read_text()
    assert f"#### Peak throughput (predictions per second)\n\n{shown}\n" in markdown
    assert main(["export", str(doc_path), "--draft"]) == 0
    assert f"\n{shown}\n" in capsys.readouterr().out
    toml = doc_path.read_text()
    assert f"throughput_peak_rps = {typed.replace('_', '')}\n" in toml  # the TOML keeps it


def test_recent_changes_name_questions_items_statuses_and_people(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_person(doc_path, capsys)
    _set(capsys, str(doc_path), "metrics", "business_metric", "Revenue")
    _set(capsys, str(doc_path), "essentials", "--status", "review", "--owner", "ev")
    _set(capsys, str(doc_path), "essentials", "notes", "Later.")
    _set(capsys, str(doc_path), "feasibility", "data_allowed", "met", "--note", "DPO ok")
    markdown = doc_path.with_suffix(".md").read_text()
    recent = markdown.split("\n## Recent changes\n\n", 1)[1].splitlines()
    assert [line.split(", ", 1)[1] for line in recent] == [
        'tester (Feasibility checklist): set "Using the data for this purpose is allowed" to Met',
        "tester (Essentials): answered Other notes",
        "tester (Essentials): set status from Not started to In review, owners",
        "tester (Loss functions and metrics): answered Business metric",
        "tester: set person Eva Varga",
        "tester: created the document",
    ]
    assert "- [Recent changes](#recent-changes)" in markdown  # in the contents too


def test_a_change_written_in_other_words_is_shown_as_written(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mldwizard.core import storage
    from mldwizard.core.document import ChangelogEntry
    from mldwizard.core.specs import load_specs

    specs = load_specs()
    doc = storage.load_document(doc_path, specs)
    at = doc.changelog[0].at
    for summary in ("answered the gate with mira", "set status draft -> nowhere, owners"):
        doc.changelog.append(ChangelogEntry(at=at, by="x", chapter="gate", summary=summary))
    storage.render_files(doc_path, doc, specs)
    markdown = doc_path.with_suffix(".md").read_text()
    assert "x (Should this be ML at all?): answered the gate with mira\n" in markdown
    assert "x (Should this be ML at all?): set status from Draft to nowhere, owners\n" in markdown


def test_footnotes_work_and_two_answers_never_collide(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set(capsys, str(doc_path), "essentials", "summary", "Text.[^1]\n\n[^1]: The footnote text.")
    _set(capsys, str(doc_path), "problem", "problem_statement", "Other.[^1]\n\n[^1]: Another one.")
    markdown = doc_path.with_suffix(".md").read_text()
    assert "Text.[^essentials-summary-1]\n\n[^essentials-summary-1]: The footnote text." in markdown
    assert "[^problem-problem-statement-1]: Another one." in markdown
    assert "\\[^" not in markdown
    page = tmp_path / "design.html"
    assert main(["export", str(doc_path), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text()
    assert html.count('class="footnote-ref"') == 2
    assert "The footnote text." in html and "Another one." in html
    assert "[^" not in html
