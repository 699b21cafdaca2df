"""What ``mldwizard set`` accepts on a checklist item, from the command line and from an
answers file (QA of issue 13: findings 1, 10, 14 and 15): the honest NO-GO is a valid
record; whatever the wizard saves, ``set`` can edit; a waiver on a critical item, an
evidence link that leads nowhere and ``--in-scope`` without a scope are refused with a
message that says what would do."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.document import Document
from mldwizard.core.session import Session
from mldwizard.core.specs import load_specs
from mldwizard.tui.screens.verdict_edits import apply_item
from mldwizard.tui.widgets.checklist import RowValues

from .cli_run import cli
from .feasibility_docs import all_items, described

SPECS = load_specs()
PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'


@pytest.fixture
def project(tmp_path: Path, ok: Callable[..., str]) -> Path:
    """A described project with every item Met."""
    path = tmp_path / "design.toml"
    ok("new", path, "--no-input", "--title", "Routing")
    answers = tmp_path / "answers.toml"
    answers.write_text(PEOPLE + described() + all_items("met"), encoding="utf-8")
    ok("set", path, "--from", answers)
    return path


def item(path: Path, item_id: str) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return data["feasibility"]["items"][item_id]  # type: ignore[no-any-return]


def verdict(path: Path) -> str | None:
    return storage.load_document(path, SPECS).feasibility.verdict


def findings(capsys: pytest.CaptureFixture[str], path: Path) -> list[tuple[str, str]]:
    code, out, err = cli(capsys, "check", path, "--format", "json")
    assert code in (0, 1), err
    return [(f["code"], f["message"]) for f in json.loads(out)["findings"]]


# ---- finding 1: the honest NO-GO --------------------------------------------------------


@pytest.mark.parametrize("flag", [[], ["--fatal"]])
def test_a_critical_not_met_needs_no_owner_or_condition(
    project: Path, ok: Callable[..., str], flag: list[str]
) -> None:
    """ "No labels, and none can be had": recorded as it is, and it is a NO-GO."""
    ok("set", project, "feasibility", "labelled_data", "not-met", *flag,
       "--note", "Labels only in the old taxonomy; none can be mapped.")  # fmt: skip
    assert item(project, "labelled_data")["status"] == "not-met"
    assert "owner" not in item(project, "labelled_data")
    assert verdict(project) == "NO-GO"


def test_an_answers_file_records_the_honest_no_go(
    project: Path, ok: Callable[..., str], tmp_path: Path
) -> None:
    answers = tmp_path / "nm.toml"
    answers.write_text(
        '[feasibility.items.labelled_data]\nstatus = "not-met"\nnote = "No labels."\n'
        "fatal = true\n\n"
        '[feasibility.items.value_over_cost]\nstatus = "not-met"\nnote = "Costs exceed it."\n',
        encoding="utf-8",
    )
    ok("set", project, "--from", answers)
    assert item(project, "labelled_data")["fatal"] is True
    assert item(project, "value_over_cost")["status"] == "not-met"
    assert verdict(project) == "NO-GO"


def test_marking_it_closable_asks_who_closes_it_and_how(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    ok("set", project, "feasibility", "labelled_data", "not-met", "--note", "None yet.")
    before = project.read_bytes()
    code, _, err = cli(capsys, "set", project, "feasibility", "labelled_data", "--closable")
    assert code == 2
    assert "feasibility.labelled_data: a gap marked closable needs an owner and a condition" in err
    assert project.read_bytes() == before
    ok("set", project, "feasibility", "labelled_data", "--closable", "--owner", "ana",
       "--condition", "2,000 tickets labelled anew.", "--due", "2027-01-15")  # fmt: skip
    assert verdict(project) == "CONDITIONAL"


@pytest.mark.parametrize(
    "row",
    [
        # a critical Not met, no owner, nothing else: what the QA saved in the wizard
        RowValues("not-met", "Survey not done.", None, "", fatal=False),
        # a Partial with no owner or condition yet
        RowValues("partial", "Half the teams asked.", None, "", fatal=False),
        # a non-critical item is not in play here; a closable gap with no owner yet
        RowValues("not-met", "Survey planned.", None, "", fatal=False, closable=True),
    ],
    ids=["not-met", "partial", "closable"],
)
def test_what_the_wizard_saves_set_can_edit(
    project: Path, ok: Callable[..., str], row: RowValues
) -> None:
    """The wizard's checklist row writes through apply_item (the code the screen calls);
    an edit of that item with set, and with set --from, then works."""
    session = Session(project, SPECS, "tester")
    apply_item(session, "problem_confirmed", row)
    assert session.save()
    assert item(project, "problem_confirmed")["status"] == row.status
    ok("set", project, "feasibility", "problem_confirmed", "--note", "Survey redone.")
    assert item(project, "problem_confirmed")["note"] == "Survey redone."
    answers = project.parent / "again.toml"
    answers.write_text(
        f'[feasibility.items.problem_confirmed]\nstatus = "{row.status}"\nnote = "Again."\n',
        encoding="utf-8",
    )
    ok("set", project, "--from", answers)
    assert item(project, "problem_confirmed")["note"] == "Again."


# ---- finding 14: a waiver on a critical item ------------------------------------------


def test_a_waiver_on_a_critical_item_is_refused(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ok("set", project, "feasibility", "data_allowed", "partial", "--owner", "ana",
       "--condition", "DPO signs.", "--due", "2027-01-15")  # fmt: skip
    before = project.read_bytes()
    code, _, err = cli(capsys, "set", project, "feasibility", "data_allowed", "--waive", "ok")
    assert code == 2
    assert "feasibility.data_allowed: a waiver is for a non-critical item" in err
    answers = tmp_path / "w.toml"
    answers.write_text('[feasibility.items.data_allowed]\nwaiver = "accepted"\n', "utf-8")
    code, _, err = cli(capsys, "set", project, "--from", answers)
    assert code == 2 and "a waiver is for a non-critical item" in err
    assert project.read_bytes() == before
    # a non-critical item takes one
    ok("set", project, "feasibility", "team_skills", "not-met", "--waive", "Vendor on call.")
    assert item(project, "team_skills")["waiver"] == "Vendor on call."


def test_a_stored_waiver_on_a_critical_item_is_kept_and_flagged(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A document written before the rule loads as it is; check names the waiver, the
    verdict does not count it, and the item can still be edited (or the waiver removed)."""

    def change(doc: Document) -> None:
        doc.feasibility.items["data_allowed"] = doc.feasibility.items["data_allowed"].model_copy(
            update={"status": "not-met", "waiver": "Accepted by the sponsor."}
        )

    storage.update_document(project, SPECS, "tester", change)
    assert verdict(project) == "NO-GO"
    assert item(project, "data_allowed")["waiver"] == "Accepted by the sponsor."
    flagged = [m for c, m in findings(capsys, project) if c == "MLD017"]
    assert any("data_allowed is critical: its waiver" in m for m in flagged), flagged
    code, out, err = cli(capsys, "status", project, "--format", "json")
    assert code == 0, err
    (blocking,) = json.loads(out)["documents"][0]["feasibility"]["blocking"]
    assert (blocking["item"], blocking["waived"]) == ("data_allowed", False)
    markdown = project.with_suffix(".md").read_text(encoding="utf-8")
    assert "Waived: Accepted by the sponsor." not in markdown
    assert "Waiver not counted (a critical item): Accepted by the sponsor." in markdown
    ok("set", project, "feasibility", "data_allowed", "--note", "Still no answer.")
    ok("set", project, "feasibility", "data_allowed", "--waive", "")
    assert "waiver" not in item(project, "data_allowed")


# ---- finding 15: evidence links -------------------------------------------------------


@pytest.mark.parametrize("link", ["x", "see the wiki", "/home/ana/report.pdf", "ftp://h/x"])
def test_an_evidence_link_must_be_a_url_or_a_path_in_the_repository(
    project: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    before = project.read_bytes()
    code, _, err = cli(capsys, "set", project, "feasibility", "baseline_exists", "met",
                       "--note", "", "--evidence-link", link)  # fmt: skip
    assert code == 2
    assert f"feasibility.baseline_exists: evidence link {link!r}" in err
    assert "a web address (http:// or https://" in err and "a relative path" in err
    assert project.read_bytes() == before


@pytest.mark.parametrize("link", ["https://wiki.example.com/baseline", "reports/baseline.md"])
def test_a_url_or_a_relative_path_is_evidence(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str], link: str
) -> None:
    ok("set", project, "feasibility", "baseline_exists", "met", "--note", "",
       "--evidence-link", link)  # fmt: skip
    assert not [m for c, m in findings(capsys, project) if c == "MLD019"]


def test_a_stored_link_that_leads_nowhere_is_no_evidence_and_is_flagged(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(doc: Document) -> None:
        doc.feasibility.items["data_allowed"] = doc.feasibility.items["data_allowed"].model_copy(
            update={"note": "", "links": ["x"]}
        )

    storage.update_document(project, SPECS, "tester", change)
    assert verdict(project) == "CONDITIONAL"  # a critical Met without evidence
    messages = [m for c, m in findings(capsys, project) if c == "MLD019"]
    assert any("evidence link 'x' is not a web address" in m for m in messages), messages


# ---- finding 10: --in-scope needs a scope ---------------------------------------------


def test_in_scope_without_a_scope_is_refused(
    project: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = project.read_bytes()
    code, out, err = cli(capsys, "set", project, "feasibility", "team_skills", "--in-scope")
    assert code == 2 and "Saved" not in out
    assert "there is none yet: name it first with set PATH feasibility --scope TEXT" in err
    assert project.read_bytes() == before
    ok("set", project, "feasibility", "--scope", "English tickets")
    ok("set", project, "feasibility", "team_skills", "--in-scope")
    assert item(project, "team_skills")["in_scope"] is True


def test_the_documents_own_shape_applies_with_set_from(
    project: Path, ok: Callable[..., str], tmp_path: Path
) -> None:
    """The checklist as the document stores it (a Met item writes fatal = false) is a valid
    answers file; only a true fatal or closable is refused on an item that is not Not met."""
    stored = project.read_text(encoding="utf-8")
    start = stored.index("[feasibility.items.")
    end = stored.find("\n[[", start)
    answers = tmp_path / "own.toml"
    answers.write_text(stored[start : end if end > 0 else None], encoding="utf-8")
    assert "fatal = false" in answers.read_text(encoding="utf-8")
    ok("set", project, "--from", answers)
    answers.write_text("[feasibility.items.value_over_cost]\nclosable = true\n", "utf-8")
    code = main(["set", str(project), "--from", str(answers)])
    assert code == 2
