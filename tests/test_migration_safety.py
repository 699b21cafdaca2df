"""Schema 1 to 2: a version 1 document loads with the current questions and loses no answer.

Written over :data:`MOVES`, not over its rows of today: every row the content gets is
exercised (an empty target takes the answer; an answered one keeps its own and the moved
answer joins it or goes to the notes). Hostile version 1 files get a clear message, never a
traceback; opening one writes nothing until a change is saved, and the save keeps the
version 1 file as the ``.bak``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core import migrate_v2, storage
from mldwizard.core.context import answers_of
from mldwizard.core.document import Document
from mldwizard.core.errors import LoadError
from mldwizard.core.migrate_v2 import MOVES, VALUE_MAPS, Move
from mldwizard.core.specs import Question, Specs, load_specs
from mldwizard.core.tomlio import dumps

from .spec_folders import chapter, question

V1_EXAMPLE = Path(__file__).parent / "data" / "ticket-routing-v1.toml"


# -- what "nothing lost" means ---------------------------------------------------------


def _answers_in(raw: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    for slug, state in raw.get("chapters", {}).items():
        for qid, value in state.get("answers", {}).items():
            yield slug, qid, value
    for qid, value in raw.get("gate", {}).get("answers", {}).items():
        yield "gate", qid, value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _holds(there: Any, value: Any) -> bool:
    """``value`` is in ``there``: equal, or every item (or the text) found in it."""
    if there == value:
        return True
    items = value if isinstance(value, list) else [value]
    if isinstance(there, str):
        return all(_text(v).strip() in there for v in items)
    if isinstance(there, list):
        return all(v in there for v in items)
    return False


def lost_answers(v1: dict[str, Any], doc: Document) -> list[str]:
    """Every answer of the version 1 file that is neither at its (new) place nor in the notes
    of the step it moved to."""
    lost = []
    for slug, qid, value in _answers_in(v1):
        new = MOVES[(slug, qid)].to if (slug, qid) in MOVES else (slug, qid)
        mapping = VALUE_MAPS.get(new, {})
        if isinstance(value, list):
            value = [mapping.get(v, v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, str):
            value = mapping.get(value, value)
        answers = answers_of(doc, new[0])
        if not (_holds(answers.get(new[1]), value) or _holds(answers.get("notes", ""), value)):
            lost.append(f"{slug}.{qid} -> {new[0]}.{new[1]}")
    return lost


# -- the old bundled example, with the current questions -------------------------------


def test_the_v1_example_loads_and_keeps_every_answer(tmp_path: Path, specs: Specs) -> None:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(V1_EXAMPLE, path)
    v1 = tomllib.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    assert v1["schema_version"] == 1
    doc = storage.load_document(path, specs)
    assert doc.stage == "design"
    assert lost_answers(v1, doc) == []
    assert sum(1 for _ in _answers_in(v1)) > 100  # the example answers nearly everything


# -- every row of MOVES, against the current questions ----------------------------------

PEOPLE = [{"handle": "ana"}, {"handle": "bo"}]


def _values(q: Question) -> tuple[Any, Any]:
    """(a value to move, another value already at the target) for a question's kind."""
    choices = q.choices or ["", ""]  # read only for choice kinds
    return {
        "text": ("Moved text", "Text already there"),
        "long_text": ("Moved text\n\nover two paragraphs", "Text already there"),
        "list": (["moved item"], ["item already there"]),
        "people": (["ana"], ["bo"]),
        "person": ("ana", "bo"),
        "choice": (choices[0], choices[-1]),
        "multi_choice": (choices[:1], choices[-1:]),
        "number": (7, 9),
        "bool": (True, False),
        "date": (dt.date(2026, 1, 1), dt.date(2026, 2, 1)),
    }[q.kind]


def _v1(chapters: dict[str, dict[str, Any]], gate: dict[str, Any] | None = None) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "schema_version": 1,
        "project": {"title": "T", "created": dt.date(2026, 1, 1)},
        "people": PEOPLE,
        "chapters": {slug: {"answers": answers} for slug, answers in chapters.items()},
    }
    if gate:
        raw["gate"] = {"answers": gate}
    return raw


def _place(raw: dict[str, Any], slug: str, qid: str, value: Any) -> None:
    if slug == "gate":
        raw.setdefault("gate", {}).setdefault("answers", {})[qid] = value
    else:
        raw["chapters"].setdefault(slug, {}).setdefault("answers", {})[qid] = value


def _load(raw: dict[str, Any], path: Path, specs: Specs) -> Document:
    return storage.parse_document(dumps(raw).encode(), path, specs)


@pytest.mark.parametrize("row", list(MOVES), ids=lambda r: f"{r[0]}.{r[1]}")
@pytest.mark.parametrize("target_answered", [False, True])
def test_every_move_keeps_the_answer(
    row: tuple[str, str], target_answered: bool, tmp_path: Path, specs: Specs
) -> None:
    move = MOVES[row]
    step = specs.get(move.to[0])
    assert step is not None, f"{row}: no step {move.to[0]!r}"
    target = step.question(move.to[1])
    assert target is not None, f"{row}: {move.to[0]} has no question {move.to[1]!r}"
    old_step = specs.get(row[0])
    if row != move.to and old_step is not None:
        assert old_step.question(row[1]) is None, f"{row}: the old question is still asked"
    moved, already = _values(target)
    raw = _v1({})
    _place(raw, *row, moved)
    if target_answered:
        _place(raw, *move.to, already)
    v1 = tomllib.loads(dumps(raw))
    doc = _load(raw, tmp_path / "d.toml", specs)
    assert lost_answers(v1, doc) == []
    assert row[1] not in answers_of(doc, row[0]) or row == move.to


# -- the same over a table of every kind of move, on small specs ------------------------

CAKE = chapter(
    "cake",
    question("flavour", kind="choice", extra='choices = ["sweet", "sour"]')
    + question("story", kind="long_text")
    + question("toppings", kind="list")
    + question("layers", kind="number"),
)
BOX = chapter("box", question("size"), head='after = "cake"')
CAKE_MOVES = {
    ("cake", "taste"): Move(("cake", "flavour"), "rename", "Taste"),
    ("cake", "backstory"): Move(("cake", "story"), "join", "Backstory"),
    ("cake", "extra_toppings"): Move(("cake", "toppings"), "join", "Extra toppings"),
    ("cake", "tiers"): Move(("cake", "layers"), "keep", "Tiers"),
    ("cake", "box_size"): Move(("box", "size"), "rename", "Box size"),
}


@pytest.fixture
def cake_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Specs:
    monkeypatch.setattr(migrate_v2, "MOVES", CAKE_MOVES)
    monkeypatch.setitem(globals(), "MOVES", CAKE_MOVES)  # lost_answers reads the same table
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "cake.toml").write_text(CAKE, encoding="utf-8")
    (folder / "box.toml").write_text(BOX, encoding="utf-8")
    return load_specs([folder])


def cake_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cake.toml"
    head = '# mldwizard\nschema_version = 1\n\n[project]\ntitle = "Cakes"\ncreated = 2026-01-01\n'
    path.write_text(head + text, encoding="utf-8")
    return path


ALL_OLD = """
[chapters.cake.answers]
taste = "sweet"
backstory = "Grandmother's recipe."
extra_toppings = ["cream", "cherries"]
tiers = 3
box_size = "Large"
story = "Baked since 1950."
toppings = ["cream", "sprinkles"]
layers = 2
notes = "Keep it cold."
"""


def test_every_kind_of_move_on_a_full_document(tmp_path: Path, cake_specs: Specs) -> None:
    path = cake_file(tmp_path, ALL_OLD)
    v1 = tomllib.loads(path.read_text())
    doc = storage.load_document(path, cake_specs)
    assert lost_answers(v1, doc) == []
    cake = doc.chapters["cake"].answers
    assert cake["flavour"] == "sweet"
    assert cake["story"] == "Baked since 1950.\n\nGrandmother's recipe."
    assert cake["toppings"] == ["cream", "sprinkles", "cherries"]
    assert cake["layers"] == 2  # a single value: the one there stays...
    assert cake["notes"] == (  # ...and the moved one is named in the notes
        "Keep it cold.\n\nTiers (was cake.tiers, kept when the questions changed): 3"
    )
    assert doc.chapters["box"].answers == {"size": "Large"}
    for old in ("taste", "backstory", "extra_toppings", "tiers", "box_size"):
        assert old not in cake


# -- hostile version 1 files ------------------------------------------------------------

HOSTILE: dict[str, tuple[str, list[str]]] = {
    "answers not a table": (
        '[chapters.cake]\nanswers = "sweet"\n',
        ["chapters.cake.answers:"],
    ),
    "chapters not a table": ("chapters = 5\n", ["chapters:"]),
    "the target step's answers not a table": (
        '[chapters.cake.answers]\nbox_size = "Large"\n\n[chapters.box]\nanswers = 3\n',
        ["chapters.box.answers: expected a table, got 3"],
    ),
    "a renamed answer of the wrong type": (
        "[chapters.cake.answers]\ntaste = 5\n",
        [
            "chapters.cake.answers.flavour:",
            "(moved there from chapters.cake.answers.taste when the file was upgraded "
            "from version 1)",
        ],
    ),
    "a moved answer that is a table": (
        "[chapters.cake.answers.box_size]\nwidth = 3\n",
        ["chapters.box.answers.size:", "moved there from chapters.cake.answers.box_size"],
    ),
    "a clash while the notes are not text": (
        "[chapters.cake.answers]\ntiers = 3\nlayers = 2\nnotes = 4\n",
        ["chapters.cake.answers.tiers: not a question of 'cake'", "chapters.cake.answers.notes:"],
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_v1_file_gets_a_clear_message(
    case: str, tmp_path: Path, cake_specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    text, fragments = HOSTILE[case]
    path = cake_file(tmp_path, text)
    before = path.read_bytes()
    folder = str(tmp_path / "specs")
    for command in ("show", "export"):
        code = main([command, str(path), "--specs", folder])
        out, err = capsys.readouterr()
        assert code == 2, (command, out, err)
        for fragment in fragments:
            assert fragment in err, (command, fragment, err)
        assert all(line.startswith(f"mldwizard: {path}: ") for line in err.splitlines()), err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cake.toml", "specs"]


def test_a_clash_of_single_values_goes_to_the_notes_losslessly(
    tmp_path: Path, cake_specs: Specs
) -> None:
    path = cake_file(tmp_path, '[chapters.cake.answers]\ntaste = "sour"\nflavour = "sweet"\n')
    doc = storage.load_document(path, cake_specs)
    cake = doc.chapters["cake"].answers
    assert cake["flavour"] == "sweet"
    assert cake["notes"] == "Taste (was cake.taste, kept when the questions changed): sour"


def test_a_join_of_a_value_that_is_not_text_goes_to_the_notes(
    tmp_path: Path, cake_specs: Specs
) -> None:
    """A number moved onto text would have turned the answer into a list of mixed types."""
    path = cake_file(
        tmp_path, '[chapters.cake.answers]\nextra_toppings = 12\ntoppings = ["cream"]\n'
    )
    doc = storage.load_document(path, cake_specs)
    cake = doc.chapters["cake"].answers
    assert cake["toppings"] == ["cream"]
    assert cake["notes"] == (
        "Extra toppings (was cake.extra_toppings, kept when the questions changed): 12"
    )


# -- opening is not writing; saving keeps the version 1 file as the backup ---------------


def test_reading_commands_leave_a_v1_file_alone(
    tmp_path: Path, cake_specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cake_file(tmp_path, ALL_OLD)
    before = path.read_bytes()
    stamp = path.stat().st_mtime_ns
    folder = str(tmp_path / "specs")
    for args in (["check"], ["show"], ["export"], ["export", "--draft"], ["status"]):
        code = main([args[0], str(path), *args[1:], "--specs", folder])
        _out, err = capsys.readouterr()
        assert code in (0, 1), (args, err)  # check may find things to say about it
        assert "Traceback" not in err
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cake.toml", "specs"]


def test_saving_a_v1_file_writes_version_2_and_keeps_version_1_as_the_backup(
    tmp_path: Path, cake_specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cake_file(tmp_path, ALL_OLD)
    before = path.read_bytes()
    folder = str(tmp_path / "specs")
    assert main(["set", str(path), "box", "size", "Small", "--specs", folder]) == 0
    capsys.readouterr()
    assert storage.backup_path(path).read_bytes() == before
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2 and saved["stage"] == "design"
    assert saved["chapters"]["cake"]["answers"]["flavour"] == "sweet"
    assert "taste" not in saved["chapters"]["cake"]["answers"]
    assert saved["chapters"]["box"]["answers"]["size"] == "Small"
    assert lost_answers(
        tomllib.loads(before.decode()), storage.load_document(path, cake_specs)
    ) == [
        "cake.box_size -> box.size"  # replaced by the edit just made, and only that
    ]


def test_a_v1_file_whose_move_fails_is_not_half_migrated(tmp_path: Path, cake_specs: Specs) -> None:
    """The move that cannot be made leaves its answer in place, the others are not
    written: loading fails as a whole and the file is untouched."""
    path = cake_file(
        tmp_path,
        '[chapters.cake.answers]\ntaste = "sweet"\nbox_size = "L"\n\n[chapters.box]\nanswers = 3\n',
    )
    before = path.read_bytes()
    with pytest.raises(LoadError) as info:
        storage.load_document(path, cake_specs)
    assert "chapters.box.answers" in str(info.value)
    assert path.read_bytes() == before
