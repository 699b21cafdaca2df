"""QA14 finding 4: saying that an item holds within the checklist's named scope needs a
reason (a scope note), an item marked "cannot be closed" is not put in scope by a flag alone,
and the SCOPE-DOWN verdict says which items it relies on and why."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.core.specs import load_specs

from .cli_run import cli
from .conftest import load
from .feasibility_docs import all_items, described

SPECS = load_specs()
PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'
LEGAL = "Using the data for this purpose is allowed"


@pytest.fixture
def legal_no(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """A described project, every item Met but the law: Not met and cannot be closed, with a
    scope named whose text itself ends in "only"."""
    path = tmp_path / "design.toml"
    ok("new", path, "--no-input", "--title", "Routing")
    answers = tmp_path / "answers.toml"
    answers.write_text(PEOPLE + described() + all_items("met"), encoding="utf-8")
    ok("set", path, "--from", answers)
    ok("set", path, "feasibility", "--scope", "English tickets only")
    ok("set", path, "feasibility", "data_allowed", "not-met", "--fatal", "--note", "Legal: no")
    assert load(path, SPECS).feasibility.verdict == "NO-GO"
    return path


def reasons(path: Path) -> list[str]:
    from mldwizard.core.verdicts import feasibility_result

    result = feasibility_result(load(path, SPECS), SPECS)
    assert result is not None
    return result.reasons


def test_in_scope_on_a_fatal_item_is_refused_without_a_reason(
    legal_no: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = legal_no.read_bytes()
    code, _, err = cli(capsys, "set", legal_no, "feasibility", "data_allowed", "--in-scope")
    assert code == 2
    assert "feasibility.data_allowed" in err and "not closable" in err
    assert "--scope-note" in err
    assert "Traceback" not in err
    assert legal_no.read_bytes() == before  # nothing saved
    assert load(legal_no, SPECS).feasibility.verdict == "NO-GO"


def test_with_a_reason_the_scope_down_names_what_it_relies_on(
    legal_no: Path, ok: Callable[..., str]
) -> None:
    why = "The DPA covers English tickets from EU customers."
    ok("set", legal_no, "feasibility", "data_allowed", "--in-scope", "--scope-note", why)
    assert load(legal_no, SPECS).feasibility.verdict == "SCOPE-DOWN"
    said = reasons(legal_no)
    assert said[0].startswith("SCOPE-DOWN: GO for English tickets only. Build that first.")
    assert "only only" not in " ".join(said)
    assert (
        f"The scope relies on: {LEGAL} (not-met), because The DPA covers English tickets from "
        "EU customers." in said[0]
    )
    stored = tomllib.loads(legal_no.read_text(encoding="utf-8"))["feasibility"]["items"]
    assert stored["data_allowed"]["scope_note"] == why
    markdown = legal_no.with_suffix(".md").read_text(encoding="utf-8")
    assert "The scope relies on:" in markdown


def test_a_mark_without_a_reason_in_the_file_does_not_count(
    legal_no: Path, ok: Callable[..., str], tmp_path: Path
) -> None:
    """A document written before the scope note (or edited by hand) keeps its NO-GO, and the
    verdict says why the mark does not count."""
    text = legal_no.read_text(encoding="utf-8")
    head = "[feasibility.items.data_allowed]\n"
    assert head in text
    legal_no.write_text(text.replace(head, head + "in_scope = true\n"), encoding="utf-8")
    assert load(legal_no, SPECS).feasibility.items["data_allowed"].in_scope
    said = reasons(legal_no)
    assert said[0].startswith("NO-GO: ")
    assert any(
        r.startswith("Marked as holding within English tickets only without saying why")
        and LEGAL in r
        for r in said
    )


def test_a_reason_from_an_answers_file(
    legal_no: Path, ok: Callable[..., str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "scope.toml"
    answers.write_text("[feasibility.items.data_allowed]\nin_scope = true\n", encoding="utf-8")
    code, _, err = cli(capsys, "set", legal_no, "--from", answers)
    assert code == 2 and "scope_note" in err
    answers.write_text(
        '[feasibility.items.data_allowed]\nin_scope = true\nscope_note = "EU DPA."\n',
        encoding="utf-8",
    )
    ok("set", legal_no, "--from", answers)
    assert load(legal_no, SPECS).feasibility.verdict == "SCOPE-DOWN"


def test_the_checklists_own_verdict_leaves_tool_advice_to_the_faces(legal_no: Path) -> None:
    """QA qa9c #5/#10: the verdict the checklist's section states reads as the document, not
    as instructions for the tool (the faces say "mldwizard set ... --in-scope")."""
    assert any("mldwizard set" in r for r in reasons(legal_no))
    markdown = legal_no.with_suffix(".md").read_text("utf-8")
    chapter = markdown[markdown.index("\n### Feasibility checklist\n") :]
    chapter = chapter[: chapter.index("\n## ")]
    assert "**Verdict: NO-GO**" in chapter
    assert "(not met, cannot be closed)" in chapter
    assert "mldwizard" not in chapter and "mark it closable" not in chapter
