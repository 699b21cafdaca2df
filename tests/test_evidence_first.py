"""Evidence first, status later: a feasibility item's note can be stored before its status is
chosen. The verdict counts the item as without a status; the Markdown, ``set`` and approval
agree."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import edits
from mldwizard.core.errors import UsageError
from mldwizard.core.markdown import render_markdown
from mldwizard.core.progress import step_progress
from mldwizard.core.specs import Specs
from mldwizard.core.verdicts import feasibility_result

from .conftest import load

ITEM = "problem_confirmed"


def test_a_note_is_stored_without_a_status_and_counts_as_missing(
    doc_path: Path, specs: Specs
) -> None:
    doc = load(doc_path, specs)
    item = edits.set_item(doc, specs, ITEM, None, "we interviewed 12 agents")
    assert (item.status, item.note) == (None, "we interviewed 12 agents")
    result = feasibility_result(doc, specs)
    assert result is not None and result.verdict is None
    assert ITEM in result.missing
    assert step_progress(doc, specs.resolve("feasibility")).answered == 0
    text = render_markdown(doc, specs)
    assert "- **No status yet:** The problem is confirmed" in text
    assert "  Evidence: we interviewed 12 agents." in text
    draft = render_markdown(doc, specs, draft=True)
    assert "- **TODO:** The problem is confirmed" in draft
    assert "  Evidence: we interviewed 12 agents." in draft
    # choosing the status later keeps the evidence
    item = edits.set_item(doc, specs, ITEM, "met")
    assert (item.status, item.note) == ("met", "we interviewed 12 agents")


def test_set_note_without_a_status_keeps_the_status_it_has(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(doc_path)
    assert main(["set", path, "feasibility", ITEM, "--note", "interviews"]) == 0
    item = load(doc_path, specs).feasibility.items[ITEM]
    assert (item.status, item.note) == (None, "interviews")
    assert main(["set", path, "feasibility", ITEM, "met"]) == 0
    assert main(["set", path, "feasibility", ITEM, "--note", "and surveys"]) == 0
    item = load(doc_path, specs).feasibility.items[ITEM]
    assert (item.status, item.note) == ("met", "and surveys")
    capsys.readouterr()
    # nothing to set at all is still an error, and --fatal needs "not-met"
    assert main(["set", path, "feasibility", ITEM]) == 2
    assert "takes one status" in capsys.readouterr().err
    assert main(["set", path, "feasibility", "value_over_cost", "--note", "x", "--fatal"]) == 2
    assert "not to one without a status" in capsys.readouterr().err


def test_an_item_with_only_evidence_cannot_be_approved(doc_path: Path, specs: Specs) -> None:
    doc = load(doc_path, specs)
    spec = specs.resolve("feasibility")
    for item in spec.items:
        edits.set_item(doc, specs, item.id, "met", "checked")
    edits.set_item(doc, specs, ITEM, None, "only evidence")
    edits.upsert_person(doc, "ana", "Ana", "ML engineer")
    doc.step(spec.slug).status = "review"
    with pytest.raises(UsageError, match=ITEM):
        edits.record_review(doc, spec, "ana", dt.datetime.now(dt.UTC), approve=True)


@pytest.mark.parametrize(
    ("flags", "meant"),
    [
        (
            ["--status", "not-met", "--fatal", "--owner", "tester", "--condition", "none"],
            f"feasibility {ITEM} not-met --condition none --owner tester --fatal",
        ),
        (
            ["--status", "not-met", "--owner", "tester", "--condition", "buy labels"],
            f"feasibility {ITEM} not-met --condition 'buy labels' --owner tester",
        ),
        (
            ["--status", "partial", "--note", "half", "--owner", "tester", "--condition", "c"],
            f"feasibility {ITEM} partial --note half --condition c --owner tester",
        ),
    ],
)
def test_status_as_an_option_on_an_item_says_how_to_set_it(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str], flags: list[str], meant: str
) -> None:
    before = doc_path.read_bytes()
    code = main(["set", str(doc_path), "feasibility", ITEM, *flags])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"mldwizard set {doc_path} {meant} (" in err, err
    assert "a checklist item's status comes after the item, without --status" in err, err
    assert "not to one without a status" not in err and "must be one of" not in err, err
    assert doc_path.read_bytes() == before
    # The form it shows works; --status with a step status still sets the checklist's own.
    assert main(["person", str(doc_path), "tester", "--name", "Tess Ter"]) == 0
    assert main(["set", str(doc_path), *shlex.split(meant)]) == 0
    assert main(["set", str(doc_path), "feasibility", "--status", "review"]) == 0
    doc = load(doc_path, specs)
    assert doc.feasibility.items[ITEM].status == flags[1] and doc.feasibility.status == "review"
