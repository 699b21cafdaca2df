"""Upgrading a version 1 document to question set v2, as its authors and their CI meet it:
``check``'s findings after the upgrade, the changelog and the notice of the first save,
chapters that receive a moved answer, pointers from old ids, joins that meet an author's
invalid value, and what a stage change (``set --stage``, ``set --from``) says."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core import migrate_v2
from mldwizard.core.migrate_v2 import MOVES, UPGRADE_SUMMARY, UPGRADER, Move
from mldwizard.core.specs import Specs
from mldwizard.core.workspace import specs_for

from .conftest import load
from .spec_folders import chapter, question
from .test_stage_cli import doc  # noqa: F401  (the fixture: a document with "results")

V1_EXAMPLE = Path(__file__).parent / "data" / "ticket-routing-v1.toml"
NEW_IN_V2 = "new in question set v2; answer it at the chapter's next review"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(V1_EXAMPLE, path)
    return path


def findings(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run(capsys, "check", path, "--format", "json")
    assert "Traceback" not in err
    return code, json.loads(out)["findings"]


# -- 1: the upgrade does not turn CI red ------------------------------------------------


def test_a_question_new_in_v2_warns_a_chapter_reviewed_before_the_upgrade(
    v1: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found = findings(capsys, v1)
    errors = [f for f in found if f["severity"] == "error"]
    assert code == 0 and errors == [], errors
    new = [f for f in found if f["code"] == "MLD001" and NEW_IN_V2 in f["message"]]
    by_chapter = {f["chapter"]: f for f in new}
    # research was approved in v1; off_the_shelf is a question of question set v2
    assert "research" in by_chapter, found
    assert by_chapter["research"]["severity"] == "warning"
    assert "off_the_shelf" in by_chapter["research"]["details"]["missing"]
    assert not [f for f in found if f["code"] == "MLD011"]  # "mldwizard" wrote the upgrade
    # A review after the upgrade had the question before it: missing it is an error again.
    mark = ("--item", "internal_attempts_accounted_for", "--mark", "met")  # records a review
    code, _, err = run(capsys, "review", v1, "research", "--by", "jonas", *mark)
    assert code == 0, err
    code, found = findings(capsys, v1)
    research = [f for f in found if f["code"] == "MLD001" and f["chapter"] == "research"]
    assert code == 1 and [f["severity"] for f in research] == ["error"], research
    assert NEW_IN_V2 not in research[0]["message"]
    assert "off_the_shelf" in research[0]["details"]["missing"]


def test_a_document_made_in_v2_gets_no_such_leniency(
    v1: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No upgrade entry in the changelog (a v2 document), no warning: the same approved
    chapter missing the same question is an error."""
    assert run(capsys, "set", v1, "research", "notes", "Seen.")[0] == 0
    raw = tomllib.loads(v1.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 2
    text = v1.read_text(encoding="utf-8")
    kept = [block for block in text.split("\n[[changelog]]\n") if f'by = "{UPGRADER}"' not in block]
    v1.write_text("\n[[changelog]]\n".join(kept), encoding="utf-8")
    code, found = findings(capsys, v1)
    research = [f for f in found if f["code"] == "MLD001" and f["chapter"] == "research"]
    assert code == 1 and [f["severity"] for f in research] == ["error"], research


# -- 2: the changelog says so, and the first save says so once --------------------------


def test_the_first_save_upgrades_logs_it_and_says_so_once(
    v1: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "set", v1, "essentials", "notes", "Upgraded.")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Saved {v1}."
    assert lines[1].startswith(f"{v1} was upgraded to schema 2 (question set v2)")
    assert "versions that read only schema 1 cannot open it" in lines[1]
    raw = tomllib.loads(v1.read_text(encoding="utf-8"))
    ups = [e for e in raw["changelog"] if e["by"] == UPGRADER]
    assert ups[0]["summary"] == UPGRADE_SUMMARY and "chapter" not in ups[0]
    metrics = [e for e in ups if e.get("chapter") == "metrics"]
    assert (
        metrics
        and "reporting.control_metrics merged into metrics.guardrail_metrics"
        in (metrics[0]["summary"])
    )
    reporting = [e for e in ups if e.get("chapter") == "reporting"]
    assert (
        "reporting.split_unit renamed to reporting.randomisation_unit" in (reporting[0]["summary"])
    )
    code, out, _ = run(capsys, "set", v1, "essentials", "notes", "Again.")
    assert code == 0 and "upgraded" not in out
    assert len([e for e in tomllib.loads(v1.read_text())["changelog"] if e["by"] == UPGRADER]) == (
        len(ups)
    )


def test_the_stage_save_of_a_v1_file_also_says_it_upgraded(
    v1: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "set", v1, "--stage", "prototype", "--reason", "Not the gates.")
    assert code == 0, err
    assert "was upgraded to schema 2" in out.splitlines()[1]


# -- 3, 5: small specs and a table of moves ----------------------------------------------

CAKE = chapter(
    "cake",
    question("flavour", kind="choice", extra='choices = ["sweet", "sour"]')
    + question("toppings", kind="list"),
)
BOX = chapter("box", question("size"), head='after = "cake"')
CAKE_MOVES = {
    ("cake", "box_size"): Move(("box", "size"), "rename", "Box size"),
    ("cake", "extra_toppings"): Move(("cake", "toppings"), "join", "Extra toppings", "list"),
}
HEAD = (
    '# mldwizard\nschema_version = 1\n\n[project]\ntitle = "Cakes"\ncreated = 2026-01-01\n\n'
    '[[people]]\nhandle = "ana"\n\n[[people]]\nhandle = "bo"\n'
)


@pytest.fixture
def cake_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(migrate_v2, "MOVES", CAKE_MOVES)
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "cake.toml").write_text(CAKE, encoding="utf-8")
    (folder / "box.toml").write_text(BOX, encoding="utf-8")
    return folder


def test_a_moved_answer_starts_its_new_chapter_with_the_old_owners(
    tmp_path: Path, cake_specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cake.toml"
    path.write_text(
        HEAD + '\n[chapters.cake]\nstatus = "draft"\nowners = ["ana", "bo"]\n\n'
        '[chapters.cake.answers]\nbox_size = "Large"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", path, "--specs", cake_specs, "--format", "json")
    box = [f for f in json.loads(out)["findings"] if f["chapter"] == "box"]
    assert code == 0 and box == [], (box, err)
    code, out, _ = run(capsys, "status", path, "--specs", cake_specs, "--format", "json")
    steps = {s["slug"]: s for s in json.loads(out)["documents"][0]["steps"]}
    assert steps["box"]["status"] == "draft"
    assert steps["box"]["owners"] == ["ana", "bo"]
    # A chapter that had a status and owners keeps them.
    path.write_text(
        HEAD + '\n[chapters.cake]\nowners = ["ana"]\n\n[chapters.cake.answers]\n'
        'box_size = "Large"\n\n[chapters.box]\nstatus = "review"\nowners = ["bo"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "status", path, "--specs", cake_specs, "--format", "json")
    steps = {s["slug"]: s for s in json.loads(out)["documents"][0]["steps"]}
    assert (steps["box"]["status"], steps["box"]["owners"]) == ("review", ["bo"])


def test_a_join_leaves_an_authors_invalid_value_as_it_is_and_names_it(
    tmp_path: Path, cake_specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """toppings (a list question) holds text: the moved list goes to the notes, and the
    error names toppings as the author wrote it, not as something the upgrade moved."""
    path = tmp_path / "cake.toml"
    path.write_text(
        HEAD + '\n[chapters.cake.answers]\ntoppings = "cream"\nextra_toppings = ["cherries"]\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    code, _, err = run(capsys, "show", path, "--specs", cake_specs)
    assert code == 2
    assert "chapters.cake.answers.toppings:" in err
    assert "moved there from" not in err and "Traceback" not in err
    assert path.read_bytes() == before
    raw = migrate_v2.migrate_1_to_2(tomllib.loads(before.decode()))
    answers = raw["chapters"]["cake"]["answers"]
    assert answers["toppings"] == "cream"
    assert "extra_toppings" not in answers and "- cherries" in answers["notes"]


def test_every_join_knows_the_kind_of_its_target(specs: Specs) -> None:
    for old, move in MOVES.items():
        if move.how != "join":
            continue
        step = specs.get(move.to[0])
        target = step.question(move.to[1]) if step is not None else None
        assert target is not None, old
        shape = "list" if target.kind in ("list", "people", "multi_choice") else "text"
        assert move.shape == shape, (old, target.kind)


# -- 4: old ids point to their new place ------------------------------------------------


def test_set_with_an_old_id_names_its_new_place(
    v1: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = v1.read_bytes()
    code, _, err = run(capsys, "set", v1, "reporting", "split_unit", "Accounts")
    assert code == 2
    assert "split_unit was renamed to reporting.randomisation_unit" in err, err
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[chapters.reporting.answers]\ncontrol_metrics = ["Refund rate"]\n', encoding="utf-8"
    )
    code, _, err = run(capsys, "set", v1, "--from", answers)
    assert code == 2
    assert "control_metrics was merged into metrics.guardrail_metrics" in err, err
    assert v1.read_bytes() == before


def test_a_v2_file_holding_old_ids_names_their_new_place(
    v1: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = v1.read_text(encoding="utf-8").replace("schema_version = 1", "schema_version = 2")
    v1.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "show", v1)
    assert code == 2
    assert (
        "chapters.reporting.answers.split_unit: not a question of 'reporting': split_unit "
        "was renamed to reporting.randomisation_unit"
    ) in err
    assert "control_metrics was merged into metrics.guardrail_metrics" in err
    # validation.split_unit is a question of its own, in v1 and in v2
    assert "chapters.validation.answers.split_unit" not in err


# -- 6, 10: what a stage change says ------------------------------------------------------


def test_set_from_that_changes_the_stage_lists_what_became_required(
    doc: Path,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers = tmp_path / "answers.toml"
    # Past the prototype -> pilot stage gate, which nobody marked here: with a reason.
    answers.write_text('stage = "pilot"\nstage_reason = "Not about the gates."\n', encoding="utf-8")
    code, out, err = run(capsys, "set", doc, "--from", answers)
    assert code == 0, err
    assert "Stage design -> pilot." in out
    assert "Now required (" in out
    assert "Results: Learning curves\n" in out and "Results: Shadow results\n" in out
    assert run(capsys, "set", doc, "--stage", "design")[0] == 0
    _, by_stage, _ = run(capsys, "set", doc, "--stage", "pilot", "--reason", "Not the gates.")
    said = out.split("Stage design -> pilot.\n", 1)[1]
    assert said == by_stage[by_stage.index("Now required (") :]  # the same list
    answers.write_text('[chapters.results.answers]\nplan = "Later."\n', encoding="utf-8")
    code, out, _ = run(capsys, "set", doc, "--from", answers)
    assert code == 0 and "Now required" not in out and "Stage" not in out


def test_a_stage_change_names_reviewed_chapters_that_now_miss_answers(
    doc: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "set", doc, "results", "plan", "A plan.", "--status", "approved")[0] == 0
    code, out, err = run(capsys, "set", doc, "--stage", "pilot", "--reason", "Not the gates.")
    assert code == 0, err
    assert "Results is approved but now misses 2 required answers: review it" in out, out
    assert run(capsys, "set", doc, "--stage", "design")[0] == 0
    assert run(capsys, "set", doc, "results", "--status", "review")[0] == 0
    code, out, _ = run(capsys, "set", doc, "--stage", "prototype", "--reason", "Not the gates.")
    assert "Results is in review but now misses 1 required answer: review it" in out, out
    saved = load(doc, specs_for(doc))
    assert saved.stage == "prototype"
