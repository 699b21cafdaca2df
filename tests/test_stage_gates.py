"""Stage gates as data: the spec files are validated on load (a broken file is named), and
the verdict follows the feasibility checklist's rules where they mean the same thing."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mldwizard.core import document as document_module
from mldwizard.core.document import FeasibilityItem, new_document
from mldwizard.core.errors import SpecError
from mldwizard.core.merge import flatten, merge_flat, rebuild
from mldwizard.core.serialize import to_toml_text
from mldwizard.core.specs import STAGE_GATE_PREFIX, Specs, builtin_specs_dir, load_specs
from mldwizard.core.stage_gate import evaluate_stage_gate
from mldwizard.core.stage_gate_verdicts import move_blockers, stage_gate_standings
from mldwizard.core.tomlio import parse_toml

GATE = """slug = "stage-gate-pilot"
kind = "stage-gate"
title = "Stage gate: prototype to pilot"
after = "error-analysis"
transition = { from = "prototype", to = "pilot" }
intro = "Before the pilot."

[[criteria]]
id = "measured"
critical = true
text = "The model was measured."
help = "Against the baseline."
refs = ["metrics.target_values"]

[[criteria]]
id = "extra"
text = "Latency measured."
help = "p99."
"""


def folder_with(tmp_path: Path, name: str, text: str) -> Path:
    """The built-in specs with ``name`` replaced (or added)."""
    folder = tmp_path / "specs"
    shutil.copytree(builtin_specs_dir(), folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('to = "pilot"', 'to = "production"'), "one step forward"),
        (('slug = "stage-gate-pilot"', 'slug = "pilot-gate"'), "starts with 'stage-gate-'"),
        (("transition = ", "# transition = "), "needs a transition"),
        (('id = "extra"', 'id = "measured"'), "item 'measured': duplicate id"),
        (('refs = ["metrics.target_values"]', 'refs = ["metrics.nope"]'), "names no question"),
        (('refs = ["metrics.target_values"]', 'refs = ["target_values"]'), "item 'measured'"),
        (('help = "p99."', 'help = "p99."\naxis = "data"'), "item 'extra': axis"),
        (('kind = "stage-gate"', 'kind = "stage-gate"\nnumber = 3'), "only chapters"),
        (("[[criteria]]", "[[items]]"), "are [[criteria]], not [[items]]"),
        (("[[criteria]]", "[[nothing]]"), "nothing"),
    ],
)
def test_a_broken_stage_gate_is_named(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    folder = folder_with(tmp_path, "stage-gate-pilot.toml", GATE.replace(*change))
    with pytest.raises(SpecError) as found:
        load_specs(builtin=folder)
    assert "stage-gate-pilot.toml" in str(found.value) or "stage_gates" in str(found.value)
    assert message in str(found.value)


def test_a_second_gate_for_the_same_move_is_refused(tmp_path: Path) -> None:
    twin = GATE.replace('slug = "stage-gate-pilot"', 'slug = "stage-gate-pilot-two"')
    folder = folder_with(tmp_path, "stage-gate-twin.toml", twin)
    with pytest.raises(SpecError, match="already has a stage gate"):
        load_specs(builtin=folder)


def test_a_chapter_cannot_take_a_stage_gate_slug_or_criteria(tmp_path: Path) -> None:
    text = (builtin_specs_dir() / "serving.toml").read_text(encoding="utf-8")
    folder = folder_with(
        tmp_path, "serving.toml", text.replace('slug = "serving"', 'slug = "stage-gate-serving"')
    )
    with pytest.raises(SpecError, match=r"serving.toml: slug 'stage-gate-serving'"):
        load_specs(builtin=folder)


def test_adding_a_gate_is_adding_a_file(tmp_path: Path) -> None:
    design = GATE.replace('slug = "stage-gate-pilot"', 'slug = "stage-gate-prototype"')
    design = design.replace('from = "prototype", to = "pilot"', 'from = "design", to = "prototype"')
    specs = load_specs(builtin=folder_with(tmp_path, "stage-gate-prototype.toml", design))
    assert [g.slug for g in specs.stage_gates] == [
        "stage-gate-prototype",
        "stage-gate-pilot",
        "stage-gate-production",
    ]
    assert specs.stage_gate_into("prototype") is specs.get("stage-gate-prototype")


def test_the_built_in_gates(specs: Specs) -> None:
    pilot, production = specs.stage_gates
    assert (pilot.transition and pilot.transition.from_, pilot.transition.to) == (
        "prototype",
        "pilot",
    )
    assert production.transition is not None and production.transition.to == "production"
    assert {"baseline_compared", "error_analysis_done", "fallback_works"} <= {
        i.id for i in pilot.criteria if i.critical
    }
    assert {"ab_test_met", "alerts_owned", "rollback_time_stated"} <= {
        i.id for i in production.criteria if i.critical
    }
    assert document_module.STAGE_GATE_PREFIX == STAGE_GATE_PREFIX


# ---- the verdict ------------------------------------------------------------------------


def _gate(specs: Specs) -> object:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    return gate


MET = FeasibilityItem(status="met", note="Measured on gold set v1.")
GAP = dict(owner="ana", condition="Retrain with more data.", due=dt.date(2027, 1, 1))


def _all_met(specs: Specs) -> dict[str, FeasibilityItem]:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    return {i.id: MET for i in gate.criteria}


def test_go_needs_every_item_met_with_evidence(specs: Specs) -> None:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    items = _all_met(specs)
    assert evaluate_stage_gate(gate, items).verdict == "GO"
    items["fallback_works"] = FeasibilityItem(status="met")  # no evidence: counts as Unknown
    result = evaluate_stage_gate(gate, items)
    assert result.verdict == "CONDITIONAL"
    assert result.conditions[0].unevidenced and "baseline.fallback_behaviour" in (
        result.conditions[0].unevidenced or ""
    )
    items["fallback_works"] = FeasibilityItem(status="met", refs=["baseline.fallback_behaviour"])
    assert evaluate_stage_gate(gate, items).verdict == "CONDITIONAL"  # the answer is empty
    assert evaluate_stage_gate(gate, items, lambda ref: True).verdict == "GO"


def test_incomplete_while_an_item_has_no_status(specs: Specs) -> None:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    items = _all_met(specs)
    del items["latency_measured"]
    result = evaluate_stage_gate(gate, items)
    assert result.verdict == "INCOMPLETE" and result.missing == ["latency_measured"]
    assert not result.passes and "Serving latency" in result.blockers()[0]
    items["latency_measured"] = FeasibilityItem(note="Evidence so far, no status.")
    assert evaluate_stage_gate(gate, items).verdict == "INCOMPLETE"


def test_critical_not_met_is_no_go_unless_closable_with_owner_condition_due(
    specs: Specs,
) -> None:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    items = _all_met(specs)
    del items["latency_measured"]  # NO-GO decides before the rest is marked
    items["baseline_compared"] = FeasibilityItem(status="not-met", note="0.80 < 0.90", **GAP)
    result = evaluate_stage_gate(gate, items)
    assert result.verdict == "NO-GO"
    assert "Not met and not marked closable" in result.reasons[0]
    items["baseline_compared"] = FeasibilityItem(status="not-met", closable=True, owner="ana")
    assert evaluate_stage_gate(gate, items).verdict == "NO-GO"  # closable, but no condition
    items["baseline_compared"] = FeasibilityItem(status="not-met", closable=True, **GAP)
    items["latency_measured"] = MET
    result = evaluate_stage_gate(gate, items)
    assert result.verdict == "CONDITIONAL" and result.passes
    assert result.reasons[1].endswith("(not-met): owner ana, due 2027-01-01")


def test_gaps_make_conditional_and_name_what_they_lack(specs: Specs) -> None:
    gate = specs.get("stage-gate-pilot")
    assert gate is not None
    items = _all_met(specs)
    items["latency_measured"] = FeasibilityItem(status="partial", note="Staging only.")
    result = evaluate_stage_gate(gate, items)
    assert result.verdict == "CONDITIONAL"
    assert result.gaps[0].problems == [
        "no owner",
        "no condition that would close it",
        "no due date",
    ]
    items["latency_measured"] = FeasibilityItem(status="partial", waiver="Not needed in shadow.")
    assert evaluate_stage_gate(gate, items).gaps[0].problems == []  # a non-critical waiver


# ---- the document -----------------------------------------------------------------------


def test_marks_survive_the_file_and_merge_per_item(specs: Specs) -> None:
    doc = new_document("T", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    assert "stage_gates" not in to_toml_text(doc, specs)  # nothing written until marked
    base = doc.model_copy(deep=True)
    mine, theirs = doc.model_copy(deep=True), doc.model_copy(deep=True)
    mine.stage_gate("stage-gate-pilot").items["fallback_works"] = MET
    theirs.stage_gate("stage-gate-pilot").items["baseline_compared"] = FeasibilityItem(
        status="partial", note="0.87", **GAP
    )
    merged, conflicts = merge_flat(flatten(base), flatten(mine), flatten(theirs))
    assert conflicts == []
    both = rebuild(merged, theirs)
    assert set(both.stage_gates["stage-gate-pilot"].items) == {
        "fallback_works",
        "baseline_compared",
    }
    text = to_toml_text(both, specs)
    assert "[stage_gates.stage-gate-pilot.items.fallback_works]" in text
    from mldwizard.core.document import Document

    again = Document.model_validate(parse_toml(text.encode(), Path("x.toml"), ValueError))
    assert again.stage_gates["stage-gate-pilot"].items == both.stage_gates["stage-gate-pilot"].items


def test_standings_follow_the_stage(specs: Specs) -> None:
    doc = new_document("T", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    assert [g.standing for g in stage_gate_standings(doc, specs)] == ["later", "later"]
    doc.stage = "prototype"
    assert [g.standing for g in stage_gate_standings(doc, specs)] == ["facing", "later"]
    assert {r.spec.slug for r, _ in move_blockers(doc, specs, "production")} == {
        "stage-gate-pilot",
        "stage-gate-production",
    }
    assert move_blockers(doc, specs, "design") == []  # moving back needs nothing
    doc.stage = "production"
    assert [g.standing for g in stage_gate_standings(doc, specs)] == ["passed", "passed"]
