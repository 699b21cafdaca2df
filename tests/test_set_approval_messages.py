"""What `set` says about approvals and item statuses (QA10c #14).

A change to an approved step voids its approvals: `set` (one answer, or a `--from` file)
says, by name, whose approval no longer counts and that the step needs a new review (the
rule: :func:`mldwizard.core.approvals_voided.voided_approvals`). An item's status that is no
status is named as unknown, with the valid spellings, before anything else is said about it
(not "--fatal applies only to an item that is not-met, not to one that is 'not_met'").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core.approvals_voided import voided_approvals
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.specs import Specs

from .approved_example import copy_example, make_example
from .cli_run import cli


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_example(tmp_path_factory)


@pytest.fixture
def example(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_example(made, tmp_path, monkeypatch)


# ---- #14 (b): set says whose approval a change voided -------------------------------------


def test_set_on_an_approved_step_says_whose_approval_no_longer_counts(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "set", str(example), "problem", "notes", "Quarterly audit.")
    assert code == 0, err
    saved, said = out.splitlines()
    assert saved == f"Saved {example}."
    assert said.startswith(
        "2. Is there a problem? was approved by Carmen Vidal and Mira Okafor at revision 9; "
        "its text changed since, so their approvals no longer count: it needs a new review "
        f"(mldwizard review {example} problem --by HANDLE; until then check reports MLD006)"
    )
    # The same value again changes nothing and voids nothing.
    code, out, _ = cli(capsys, "set", str(example), "problem", "notes", "Quarterly audit.")
    assert out.splitlines() == [f"Saved {example}."]


def test_set_from_a_file_names_every_approval_it_voids(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[chapters.essentials.answers]\nstatus_updates = "Weekly."\n\n'
        '[feasibility.items.team_skills]\nstatus = "met"\nnote = "Two courses taken."\n',
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "set", str(example), "--from", str(answers))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Applied {answers} to {example}."
    # The checklist changed too, and is in review with no approval: nothing to say of it.
    said = [line for line in lines if " was approved by " in line]
    assert [line.split(" was approved by ")[0] for line in said] == ["1. Essentials"]
    assert "by Mira Okafor at revision 6; its text changed since, so that approval" in said[0]


def test_one_rule_decides_which_approvals_a_change_voids(specs: Specs) -> None:
    before = example_document(specs, EXAMPLE_AS_OF)
    after = before.model_copy(deep=True)
    after.step("problem").review.marks.clear()  # a review change: the text is the same
    assert voided_approvals(before, after, specs) == []
    after.step("problem").answers["notes"] = "Quarterly."
    after.step("gate").owners = ["mira"]  # who owns it is no part of the text
    [voided] = voided_approvals(before, after, specs)
    assert voided.step.slug == "problem" and voided.still_approved
    assert [a.by for a in voided.approvals] == ["carmen", "mira"]


# ---- #14 (a): an unknown status is named as unknown ---------------------------------------

UNKNOWN = "unknown status '{got}' (did you mean {meant}?); an item's status is one of: met, "
UNKNOWN += "partial, not-met, unknown"


@pytest.mark.parametrize(
    ("step", "item", "given", "meant", "flag"),
    [
        ("feasibility", "data_allowed", "not_met", "not-met", "--fatal"),
        ("feasibility", "data_allowed", "Not-Met", "not-met", None),
        ("stage-gate-pilot", "baseline_compared", "notmet", "not-met", "--closable"),
        ("stage-gate-pilot", "baseline_compared", "Met", "met", None),
    ],
)
def test_an_unknown_item_status_is_named_as_unknown(
    example: Path,
    capsys: pytest.CaptureFixture[str],
    step: str,
    item: str,
    given: str,
    meant: str,
    flag: str | None,
) -> None:
    before = example.read_bytes()
    code, out, err = cli(capsys, "set", str(example), step, item, given, *([flag] if flag else []))
    assert code == 2 and out == ""
    assert err.strip() == f"mldwizard: {step}.{item}: " + UNKNOWN.format(got=given, meant=meant)
    assert "applies only" not in err
    assert example.read_bytes() == before


def test_an_unknown_item_status_in_an_answers_file_is_named_as_unknown(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = example.read_bytes()
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[stage_gates.stage-gate-pilot.items.baseline_compared]\nstatus = "done"\nfatal = true\n',
        encoding="utf-8",
    )
    code, _, err = cli(capsys, "set", str(example), "--from", str(answers))
    assert code == 2
    assert (
        f"{answers}: stage-gate-pilot.baseline_compared: unknown status 'done'; an item's "
        "status is one of: met, partial, not-met, unknown"
    ) in err
    assert example.read_bytes() == before


def test_an_unknown_item_on_top_is_named_first(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "set", str(example), "feasibility", "data_alowed", "not_met")
    assert code == 2 and "feasibility: no item 'data_alowed'" in err
