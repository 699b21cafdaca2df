"""Recovery and files: rescue copies never overwrite each other, a writer killed mid-save
leaves nothing behind for long, and the Markdown catches up with the document."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import edits, rescue, storage
from mldwizard.core.files import temp_name_pattern
from mldwizard.core.rescue import write_rescue
from mldwizard.core.session import Session
from mldwizard.core.specs import Specs

from .conftest import load

STAMP = "20261130T120000Z"  # MLDWIZARD_NOW, fixed by conftest


def _set(path: Path, specs: Specs, slug: str, qid: str, value: object, by: str) -> None:
    storage.update_document(
        path, specs, by, lambda d: edits.set_answer(d, specs.resolve(slug), qid, value)
    )


def _copies(doc_path: Path) -> list[Path]:
    return sorted(doc_path.parent.glob(f"{doc_path.stem}.unsaved-*.toml"))


def _show(copy: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What `mldwizard show COPY` prints (it must read the copy as a document)."""
    capsys.readouterr()
    code = main(["show", str(copy)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_a_conflict_and_unparsable_text_at_once_are_kept_in_one_whole_copy(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """The author's side of a conflict is kept as a whole document (not a bare table of
    locations that `show` cannot read), with the text that did not parse in it too."""
    doc_path.chmod(0o600)
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Mine")
    edits.set_answer(
        session.doc, specs.resolve("1"), "definition_of_done", "Only mine, no conflict"
    )
    _set(doc_path, specs, "essentials", "summary", "Theirs", "other")
    state = session.save_without_asking({"essentials.go_live": "next tuesday-ish"})
    copies = _copies(doc_path)
    assert [p.name for p in copies] == [f"design.unsaved-{STAMP}.toml"]
    assert state == (
        "saved; your versions of 1 conflicting field(s) (and text that did not parse) are "
        f"kept in {copies[0]}"
    )
    kept = storage.parse_document(copies[0].read_bytes(), copies[0], specs)
    assert kept.chapters["essentials"].answers["summary"] == "Mine"
    assert "next tuesday-ish" in copies[0].read_text()
    assert "Mine" in _show(copies[0], capsys)
    assert copies[0].stat().st_mode & 0o777 == 0o600
    on_disk = load(doc_path, specs).chapters["essentials"]
    assert on_disk.answers["summary"] == "Theirs"
    assert on_disk.answers["definition_of_done"] == "Only mine, no conflict"


def test_every_kind_of_rescue_copy_is_a_document_show_reads(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each way a session keeps what it could not save: a conflict alone, text that did not
    parse alone, a document that no longer loads (nothing could be saved) and a face's own
    copy (the plain prompts', the workshop's)."""
    made: list[tuple[Path, str]] = []

    def kept(before: list[Path]) -> Path:
        new = [p for p in _copies(doc_path) if p not in before]
        assert len(new) == 1, new
        return new[0]

    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Conflicting mine")
    _set(doc_path, specs, "essentials", "summary", "Conflicting theirs", "other")
    before = _copies(doc_path)
    assert session.save_without_asking().startswith("saved; your versions of 1")
    made.append((kept(before), "Conflicting mine"))

    session = Session(doc_path, specs, "tester")
    before = _copies(doc_path)
    session.save_without_asking({"essentials.go_live": "whenever"})
    made.append((kept(before), "Conflicting theirs"))

    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "definition_of_done", "Typed before it broke")
    good = doc_path.read_bytes()
    doc_path.write_text("this is = not [ a document", encoding="utf-8")
    before = _copies(doc_path)
    assert session.save_without_asking().startswith("unsaved")
    made.append((kept(before), "Typed before it broke"))
    doc_path.write_bytes(good)

    before = _copies(doc_path)
    rescue.write_working_copy(doc_path, load(doc_path, specs), specs, {"people.new": "Zoe!"})
    made.append((kept(before), "Conflicting theirs"))

    for copy, text in made:
        assert text in _show(copy, capsys), copy.read_text()


def test_rescues_in_the_same_second_from_two_processes_all_survive(
    doc_path: Path, specs: Specs
) -> None:
    """Two processes (two faces stopping at once) rescue at the same fixed second."""
    script = (
        "import sys; from pathlib import Path; from mldwizard.core.rescue import write_rescue\n"
        "for i in range(20): print(write_rescue(Path(sys.argv[1]), f'# {sys.argv[2]} {i}\\n'))"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(doc_path), name], stdout=subprocess.PIPE, text=True
        )
        for name in ("a", "b")
    ]
    written = [line for p in procs for line in p.communicate(timeout=120)[0].split()]
    assert all(p.returncode == 0 for p in procs)
    copies = _copies(doc_path)
    assert len(copies) == len(set(written)) == 40
    texts = sorted(p.read_text() for p in copies)
    assert texts == sorted(f"# {name} {i}\n" for name in "ab" for i in range(20))


def test_a_rescue_never_writes_through_a_planted_link(doc_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    (doc_path.parent / f"design.unsaved-{STAMP}.toml").symlink_to(target)
    copy = write_rescue(doc_path, "# kept\n")
    assert copy.name == f"design.unsaved-{STAMP}-2.toml"
    assert copy.read_text() == "# kept\n" and not target.exists()


def test_the_working_copy_is_a_document_show_can_read(doc_path: Path, specs: Specs) -> None:
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Kept")
    copy = session.save_copy({"essentials.go_live": "soon"})
    doc = storage.parse_document(copy.read_bytes(), copy, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Kept"
    assert "soon" in copy.read_text()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # reaped: no process has this id now (until it is reused)


def _plant_temps(doc_path: Path) -> tuple[list[Path], list[Path]]:
    """What a writer killed between its temporary file and the rename leaves, and what a
    live writer (this process, another live process) is still writing."""
    folder, name = doc_path.parent, doc_path.name
    dead = _dead_pid()
    killed = [
        folder / f".{name}.{dead}-k1ll3d_x.tmp",
        folder / f".{name}.bak.{dead}-k1ll3d_y.tmp",
        folder / f".{doc_path.stem}.md.{dead}-k1ll3d_z.tmp",
    ]
    live = [
        folder / f".{name}.{os.getppid()}-al1ve_x.tmp",
        folder / f".{name}.abc12_xy.tmp",  # an older mldwizard's, from just now
        folder / "notes.tmp",
    ]
    for path in killed + live:
        path.write_bytes(doc_path.read_bytes())
    return killed, live


def test_a_save_removes_temp_files_of_killed_writers_and_renders_the_markdown(
    doc_path: Path, specs: Specs
) -> None:
    _set(doc_path, specs, "essentials", "summary", "Before the kill", "tester")
    md = storage.markdown_path(doc_path)
    stale = md.read_bytes()
    _set(doc_path, specs, "essentials", "summary", "After the kill", "tester")
    md.write_bytes(stale)  # killed between the TOML's rename and the Markdown's
    killed, live = _plant_temps(doc_path)
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("2"), "problem_statement", "Next save")
    assert session.save()
    assert [p for p in killed if p.exists()] == []
    assert all(p.exists() for p in live)
    assert "After the kill" in md.read_text() and "Next save" in md.read_text()


def test_a_save_that_changes_nothing_still_repairs(doc_path: Path, specs: Specs) -> None:
    """`mldwizard set` to the value already there writes no new version, but finishes
    what a killed writer left: the stale Markdown and its temporary files."""
    _set(doc_path, specs, "essentials", "summary", "Stored", "tester")
    md = storage.markdown_path(doc_path)
    stale = md.read_text().replace("Stored", "An older answer")
    md.write_text(stale)
    killed, live = _plant_temps(doc_path)
    before = doc_path.read_bytes()
    _set(doc_path, specs, "essentials", "summary", "Stored", "tester")
    assert doc_path.read_bytes() == before
    rendered = storage.render_markdown(load(doc_path, specs), specs, source=doc_path.name)
    assert md.read_text() == rendered
    assert [p for p in killed if p.exists()] == [] and all(p.exists() for p in live)


def test_temporary_files_carry_the_writers_pid(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(os.path.basename(src))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    _set(doc_path, specs, "essentials", "summary", "x", "tester")
    assert len(seen) == 3  # .bak, .toml, .md
    for name, target in zip(seen, ["design.toml.bak", "design.toml", "design.md"], strict=True):
        match = temp_name_pattern(doc_path.with_name(target)).fullmatch(name)
        assert match is not None and match.group("pid") == str(os.getpid()), name


@pytest.mark.parametrize("pid", ["9999999999", "99999999999999999999999"])
def test_a_planted_temp_name_with_an_impossible_pid_does_not_stop_a_save(
    doc_path: Path, specs: Specs, pid: str
) -> None:
    """Anyone who can write the folder can leave `.NAME.toml.<pid>-x.tmp`; a pid no
    process can have (os.kill raises OverflowError) is a dead writer, not a crash."""
    planted = doc_path.parent / f".{doc_path.name}.{pid}-abc.tmp"
    planted.write_text("j\n")
    result = subprocess.run(
        [sys.executable, "-m", "mldwizard", "set", str(doc_path), "1", "summary", "Kept"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "Kept"
    assert not planted.exists()


def test_a_save_that_cannot_reach_the_document_keeps_the_whole_working_copy(
    doc_path: Path, specs: Specs
) -> None:
    """The terminal closes while the document on disk no longer loads (a bad merge, a
    half-edited file): nothing of ours can go into it, so everything typed goes into a
    rescue copy, and the state says where."""
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Typed before the hangup")
    doc_path.write_text(doc_path.read_text() + "\ngarbage = [\n")
    state = session.save_without_asking()
    (copy,) = _copies(doc_path)
    assert state.startswith("unsaved: ") and state.endswith(f"everything typed is kept in {copy}")
    assert "Typed before the hangup" in copy.read_text()
    assert "garbage = [" in doc_path.read_text()  # the broken file is left as it was


def test_an_unexpected_error_while_saving_still_keeps_the_working_copy(
    doc_path: Path, specs: Specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session(doc_path, specs, "tester")
    edits.set_answer(session.doc, specs.resolve("1"), "summary", "Typed before the bug")

    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("a bug in the save path")

    monkeypatch.setattr(Session, "save", broken)
    state = session.save_without_asking()
    (copy,) = _copies(doc_path)
    assert state.startswith("unsaved: OverflowError: a bug in the save path")
    assert "Typed before the bug" in copy.read_text()
