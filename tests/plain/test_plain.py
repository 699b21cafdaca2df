"""Plain prompt mode, without a terminal: a fake answers by question (the real program in a
pty: test_plain_terminal.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.checklist_gaps import UNEVIDENCED_MET
from mldwizard.core.specs import Specs
from mldwizard.plain.prompts import Interrupted, QuestionaryPrompts
from mldwizard.plain.runner import run_plain

from ..conftest import load


class FakePrompts:
    """Answers by key (``step.question``); unknown keys keep the default (Enter)."""

    def __init__(
        self, answers: dict[str, Any], interrupt_at: str | None = None, typed: Any = None
    ) -> None:
        self.answers = answers
        self.interrupt_at = interrupt_at  # Ctrl-C there, with ``typed`` in the prompt
        self.typed = typed
        self.asked: list[str] = []
        self.said: list[str] = []

    def _answer(self, key: str, default: Any) -> Any:
        self.asked.append(key)
        if key == self.interrupt_at:
            raise Interrupted(self.typed)
        return self.answers.get(key, default)

    def text(self, key: str, message: str, default: str, multiline: bool, validate: Any) -> str:
        value = self._answer(key, default)
        if validate is not None:
            assert validate(value) is None, (key, value, validate(value))
        return str(value)

    def select(self, key: str, message: str, choices: list[tuple[str, Any]], default: Any) -> Any:
        value = self._answer(key, default)
        assert value in [v for _, v in choices], (key, value)
        return value

    def checkbox(
        self, key: str, message: str, choices: list[tuple[str, Any]], checked: list[Any]
    ) -> list[Any]:
        return list(self._answer(key, checked))

    def confirm(self, key: str, message: str, default: bool) -> bool:
        return bool(self._answer(key, default))

    def say(self, text: str, style: str = "") -> None:
        self.said.append(text)


def test_a_whole_chapter(doc_path: Path, specs: Specs) -> None:
    storage.update_document(
        doc_path, specs, "t", lambda d: edits.upsert_person(d, "ana", "Ana", "Lead")
    )
    fake = FakePrompts(
        {
            "essentials.summary": "We score card payments.",
            "essentials.team": ["ana"],
            "essentials.decision_owner": "ana",
            "essentials.stakeholders": "Risk team\nPayments team",
            "essentials.v1_date": "2027-03-01",
            "essentials.principles": ["start-simple", "testable"],
        }
    )
    code = run_plain(doc_path, specs, "ana", specs.resolve("1"), False, fake)
    assert code == 0
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers["summary"] == "We score card payments."
    assert answers["team"] == ["ana"]
    assert answers["stakeholders"] == ["Risk team", "Payments team"]
    assert str(answers["v1_date"]) == "2027-03-01"
    assert answers["principles"] == ["start-simple", "testable"]
    # principles_in_practice appears only once principles is answered
    assert fake.asked.index("essentials.principles_in_practice") > fake.asked.index(
        "essentials.principles"
    )
    summary = specs.resolve("1").question("summary")
    assert summary is not None
    assert "  " + " ".join(summary.help.split()) in fake.said
    assert any(line.startswith("Done.") for line in fake.said)


def test_ctrl_c_mid_chapter_keeps_what_was_answered(doc_path: Path, specs: Specs) -> None:
    fake = FakePrompts({"essentials.summary": "Kept."}, interrupt_at="essentials.stakeholders")
    code = run_plain(doc_path, specs, "t", specs.resolve("1"), False, fake)
    assert code == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": "Kept."}
    assert any("answers so far are saved" in line for line in fake.said)


def test_gate_prints_the_verdict_and_takes_an_override(doc_path: Path, specs: Specs) -> None:
    fake = FakePrompts(
        {
            "gate.expert_rule": "fully",
            "gate.patterns": "a-handful",
            "gate.stability": "stable",
            "gate.input_type": "few-fields",
            "gate.labelled_data": "none",
            "gate.explanation": "no",
            "gate.error_cost": "low",
            "gate.gain_needed": "unclear",
            "gate.would_pay": "committed",
            "gate.existing_model": "none",
            "gate.override": True,
            "gate.override.level": "simple-model",
            "gate.override.reason": "The regulator asked for a model card.",
        }
    )
    assert run_plain(doc_path, specs, "t", specs.resolve("gate"), False, fake) == 0
    assert "Verdict: A rule will do" in fake.said
    doc = load(doc_path, specs)
    assert (doc.gate.verdict, doc.gate.override) == ("heuristic", "simple-model")


def test_feasibility_no_go_is_said(doc_path: Path, specs: Specs) -> None:
    storage.update_document(
        doc_path, specs, "t", lambda d: edits.upsert_person(d, "ana", "Ana", "Lead")
    )
    fake = FakePrompts(
        {
            "feasibility.data_allowed": "not-met",
            "feasibility.data_allowed.note": "No consent",
            "feasibility.data_allowed.owner": "ana",
            "feasibility.data_allowed.condition": "Consent flow",
            "feasibility.data_allowed.due": "",
            "feasibility.data_allowed.closable": "fatal",  # "No, it cannot be closed"
        }
    )
    assert run_plain(doc_path, specs, "t", specs.resolve("feasibility"), False, fake) == 0
    assert any(line.startswith("Feasibility: NO-GO") for line in fake.said)
    item = load(doc_path, specs).feasibility.items["data_allowed"]
    assert (item.status, item.fatal, item.owner) == ("not-met", True, None)
    # A gap that cannot be closed is not asked who closes it, how or by when.
    assert not {"owner", "condition", "due"} & {k.rsplit(".", 1)[1] for k in fake.asked}


def test_a_met_without_evidence_is_told_and_asked_for_it_once(doc_path: Path, specs: Specs) -> None:
    fake = FakePrompts(
        {
            "feasibility.data_allowed": "met",  # critical; note, links and refs left blank
            "feasibility.data_allowed.evidence": "DPO sign-off, SUPOPS-431",
            "feasibility.labelled_data": "met",
            "feasibility.labelled_data.note": "120k labelled tickets",
        }
    )
    assert run_plain(doc_path, specs, "t", specs.resolve("feasibility"), False, fake) == 0
    assert fake.said.count(f"  {UNEVIDENCED_MET}") == 1  # only the item without evidence
    assert "feasibility.labelled_data.evidence" not in fake.asked
    items = load(doc_path, specs).feasibility.items
    assert items["data_allowed"].note == "DPO sign-off, SUPOPS-431"
    assert items["data_allowed"].owner is None  # a Met has no gap to close


def test_an_approved_chapter_asks_first_and_goes_back_to_review(
    doc_path: Path, specs: Specs
) -> None:
    def approve(d):  # type: ignore[no-untyped-def]
        edits.set_answer(d, specs.resolve("1"), "summary", "Old")
        edits.set_status(d, specs.resolve("1"), "approved")

    storage.update_document(doc_path, specs, "t", approve)
    declined = FakePrompts({"essentials.approved": False, "essentials.summary": "New"})
    run_plain(doc_path, specs, "t", specs.resolve("1"), False, declined)
    assert "essentials.summary" not in declined.asked
    accepted = FakePrompts({"essentials.approved": True, "essentials.summary": "New"})
    run_plain(doc_path, specs, "t", specs.resolve("1"), False, accepted)
    state = load(doc_path, specs).chapters["essentials"]
    assert (state.answers["summary"], state.status) == ("New", "review")


def test_plain_needs_a_terminal(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["edit", str(doc_path), "--plain"])
    err = capsys.readouterr().err
    assert code == 2 and "set" in err and "--from answers.toml" in err


def test_ctrl_c_saves_the_text_being_typed_as_the_answer(doc_path: Path, specs: Specs) -> None:
    fake = FakePrompts({}, interrupt_at="essentials.stakeholders", typed="Risk team\nPayments")
    assert run_plain(doc_path, specs, "t", specs.resolve("1"), False, fake) == 130
    answers = load(doc_path, specs).chapters["essentials"].answers
    assert answers == {"stakeholders": ["Risk team", "Payments"]}
    assert (
        f"What you were typing for essentials.stakeholders is saved as its answer in {doc_path}."
        in fake.said
    )


def test_ctrl_c_keeps_the_ticks_of_a_checkbox(doc_path: Path, specs: Specs) -> None:
    fake = FakePrompts({}, interrupt_at="essentials.principles", typed=["testable"])
    assert run_plain(doc_path, specs, "t", specs.resolve("1"), False, fake) == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"principles": ["testable"]}
    assert (
        f"What you ticked for essentials.principles is saved as its answer in {doc_path}."
        in fake.said
    )


def test_ctrl_c_in_text_that_does_not_parse_keeps_it_in_a_copy(
    doc_path: Path, specs: Specs
) -> None:
    fake = FakePrompts(
        {"essentials.summary": "Kept."}, interrupt_at="essentials.v1_date", typed="next spring"
    )
    assert run_plain(doc_path, specs, "t", specs.resolve("1"), False, fake) == 130
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": "Kept."}
    (copy,) = doc_path.parent.glob("design.unsaved-*.toml")
    text = copy.read_text()
    assert "not saved, did not parse: essentials.v1_date = 'next spring'" in text
    assert 'summary = "Kept."' in text  # the whole document, as `mldwizard show` reads it
    said = "\n".join(fake.said)
    assert f"What you were typing for essentials.v1_date is kept in {copy}" in said
    assert "expected a date as YYYY-MM-DD" in said


def test_ctrl_c_with_nothing_new_in_the_prompt_changes_nothing(
    doc_path: Path, specs: Specs
) -> None:
    storage.update_document(
        doc_path,
        specs,
        "t",
        lambda d: edits.set_answer(d, specs.resolve("1"), "summary", "Before."),
    )
    before = doc_path.read_bytes()
    fake = FakePrompts({}, interrupt_at="essentials.summary", typed="Before.")
    assert run_plain(doc_path, specs, "t", specs.resolve("1"), False, fake) == 130
    assert doc_path.read_bytes() == before
    assert not any("What you were typing" in line for line in fake.said)
    assert not list(doc_path.parent.glob("*.unsaved-*"))


@pytest.mark.parametrize("default", [True, False])
def test_esc_enter_in_a_confirm_takes_its_default(default: bool) -> None:
    # Esc Enter ends a long answer; in questionary's confirm it returned "" (taken as no).
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        keys.send_text("\x1b\r")
        assert QuestionaryPrompts().confirm("continue", "Go on to 2. Problem?", default) is default


def test_the_first_save_of_a_v1_document_says_it_was_upgraded(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "ticket-routing.toml"
    path.write_bytes((Path(__file__).parents[1] / "data" / "ticket-routing-v1.toml").read_bytes())
    step = specs.resolve("error-analysis")  # a draft: nothing to confirm first
    answers = {f"error-analysis.{q.id}": f"Answer {i}." for i, q in enumerate(step.questions)}
    fake = FakePrompts({k: v for k, v in answers.items() if k.endswith(".notes")})
    assert run_plain(path, specs, "jonas", step, False, fake) == 0
    said = [line for line in fake.said if "upgraded to schema 2" in line]
    assert len(said) == 1, fake.said
    assert "versions that read only schema 1 cannot open it" in said[0]
    assert storage.schema_on_disk(path) == 2
