"""``mldwizard specs CHAPTER`` prints help and examples as they read: lines the TOML wrapped
are joined, list items and paragraphs keep their lines, a list's example is one item a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main

SPEC = '''
slug = "fairness"
title = "Fairness"
intro = "Who could the system harm?"

[[questions]]
id = "groups"
title = "Groups at risk"
prompt = "Which groups could be treated worse?"
help = """
A help text wrapped by the
editor over two lines.

A second paragraph.
"""
example = """
German speakers
Accounts under a year old
"""
kind = "list"

[[questions]]
id = "evidence"
title = "Evidence"
prompt = "What did you measure?"
help = "Short."
example = """
Accuracy by language,
measured on gold set v1:
- English: 0.91
- German: 0.88
"""
kind = "long_text"
'''


def test_examples_and_help_keep_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "fairness.toml").write_text(SPEC, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["specs", "fairness", "--specs", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "help: A help text wrapped by the editor over two lines." in lines
    assert "A second paragraph." in lines
    assert "example: - German speakers" in lines
    assert "- Accounts under a year old" in lines
    assert "example: Accuracy by language, measured on gold set v1:" in lines
    assert "- English: 0.91" in lines and "- German: 0.88" in lines


OVERLAY = """
slug = "extra"
kind = "overlay"
title = "Extra"
intro = "More."
applies_to = { question = "essentials.system_kind", equals = "rag" }

[[questions]]
chapter = "fairness"
id = "added"
title = "Added"
prompt = "What is added?"
help = "Help."
example = "Example."
kind = "text"
required = true
"""

LATER = """
[[questions]]
id = "measured"
title = "Measured gap"
prompt = "What gap did you measure?"
help = "Help."
example = "Example."
kind = "text"
from_stage = "prototype"
required = true
"""


def test_the_steps_table_counts_a_chapters_own_questions_by_stage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the overlay's questions (listed apart), not the free notes, and 'required' is
    what the design stage requires; questions asked from a later stage are counted apart."""
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "fairness.toml").write_text(
        SPEC.replace('kind = "list"', 'kind = "list"\nrequired = true') + LATER, encoding="utf-8"
    )
    (folder / "extra.toml").write_text(OVERLAY, encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["specs", "--specs", str(folder)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "│ fairness" in line)
    cells = [cell.strip() for cell in row.strip("│ ").split("│")]
    assert cells[-3:] == ["3", "1", "1"], row  # questions, required at design, later


def test_the_help_panel_draws_a_lists_example_as_a_list(tmp_path: Path) -> None:
    """The wizard's help panel renders the example's Markdown: a list question's items,
    typed one per line, become list items there, not one run-on paragraph."""
    import io

    from rich.console import Console, Group

    from mldwizard.core.spec_text import example_markdown
    from mldwizard.core.specs import load_specs
    from mldwizard.tui.widgets.help_text import help_text

    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "fairness.toml").write_text(SPEC, encoding="utf-8")
    step = load_specs([folder]).get("fairness")
    assert step is not None
    groups = step.question("groups")
    assert groups is not None
    console = Console(width=60, file=io.StringIO(), record=True)
    console.print(Group(*help_text("Example of a good answer", example_markdown(groups))))
    lines = [line.strip() for line in console.export_text().splitlines()]
    assert "• German speakers" in lines and "• Accounts under a year old" in lines, lines


def test_a_list_examples_item_of_two_lines_stays_one_item(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """QA9a #6: the milestones example wraps an item onto an indented second line; the help
    panel, plain mode and ``specs`` showed that line as a milestone of its own ("0.92; kill
    criteria reviewed", a milestone without a date)."""
    from mldwizard.core.list_text import parse_list_text
    from mldwizard.core.spec_text import example_markdown, readable_lines
    from mldwizard.core.specs import load_specs

    question = load_specs().question_at("essentials.milestones")
    assert question is not None
    items = parse_list_text(question.example)
    lines = readable_lines(example_markdown(question))
    assert len(lines) == len(items) and all(line.startswith("- 20") for line in lines), lines
    assert any(line.endswith("recall at least 0.92; kill criteria reviewed") for line in lines)
    assert main(["specs", "essentials"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "at least 0.92; kill criteria reviewed" in out
    assert "• 0.92" not in out and "- 0.92" not in out
