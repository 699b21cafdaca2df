"""Regressions found by an adversarial review: hostile input never hangs, crashes or loses data."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import time
import tomllib
from pathlib import Path

import pytest
import tomli_w

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.errors import ConflictError, LoadError, WriteError
from mldwizard.core.mdsafe import safe_block
from mldwizard.core.specs import Specs

from .conftest import load


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _people(path: Path, specs: Specs) -> None:
    storage.update_document(path, specs, "t", lambda d: edits.upsert_person(d, "ana", "Ana", "dev"))


def test_nested_quote_markers_render_in_linear_time() -> None:
    started = time.perf_counter()
    assert safe_block("> " * 8 + "# x") == "> " * 8 + "**x**"
    for depth in (30, 200, 2000):  # deeper than the parser looks: shown as code
        assert safe_block("> " * depth + "# x") == "```text\n" + "> " * depth + "# x\n```"
    assert time.perf_counter() - started < 2


def test_new_never_overwrites_a_markdown_file_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "design.md").write_text("# My own notes\n")
    code, _, err = run(capsys, "new", str(tmp_path / "design.toml"), "--no-input")
    assert code == 2 and "was not written by mldwizard" in err
    assert (tmp_path / "design.md").read_text() == "# My own notes\n"
    assert not (tmp_path / "design.toml").exists()


def test_a_reason_alone_keeps_the_override(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    p = str(doc_path)
    code, _, err = run(capsys, "set", p, "gate", "--reason", "why")
    assert code == 2 and "needs an override level" in err
    assert run(capsys, "set", p, "gate", "--override", "heuristic", "--reason", "a")[0] == 0
    assert run(capsys, "set", p, "gate", "--reason", "better reason")[0] == 0
    doc = load(doc_path, specs)
    assert (doc.gate.override, doc.gate.override_reason) == ("heuristic", "better reason")


def test_an_answers_file_changes_only_the_person_fields_it_names(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    _people(doc_path, specs)
    answers = tmp_path / "a.toml"
    answers.write_text('[[people]]\nhandle = "ana"\nrole = "ML lead"\n')
    assert run(capsys, "set", str(doc_path), "--from", str(answers))[0] == 0
    person = load(doc_path, specs).person("ana")
    assert person is not None and (person.name, person.role) == ("Ana", "ML lead")


def test_an_empty_value_never_clears_an_answer(
    doc_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
) -> None:
    p = str(doc_path)
    run(capsys, "set", p, "1", "summary", "keep me")
    for args in (["1", "summary", ""], ["1", "summary", "  "], ["1", "milestones", ""]):
        code, _, err = run(capsys, "set", p, *args)
        assert code == 2 and "use --clear" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(capsys, "set", p, "1", "summary", "-")
    assert code == 2 and "use --clear" in err
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "keep me"


def test_export_never_writes_over_the_document(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = doc_path.read_bytes()
    for target in (doc_path, storage.backup_path(doc_path)):
        code, _, err = run(capsys, "export", str(doc_path), "-o", str(target))
        assert code == 2 and "is not an export format" in err  # .toml, .bak: no format
        code, _, err = run(capsys, "export", str(doc_path), "-o", str(target), "--format", "md")
        assert code == 2 and "the document itself" in err
    assert doc_path.read_bytes() == before


def test_a_person_removed_on_one_side_but_used_on_the_other_is_kept(
    doc_path: Path, specs: Specs
) -> None:
    _people(doc_path, specs)
    base = load(doc_path, specs)
    mine = base.model_copy(deep=True)
    edits.remove_person(mine, "ana")

    def theirs(d):  # type: ignore[no-untyped-def]
        edits.set_owners(d, specs.resolve("metrics"), ["ana"])
        edits.set_item(d, specs, "labelled_data", "partial", "n", "ana", "label more")

    storage.update_document(doc_path, specs, "other", theirs)
    storage.save_changes(doc_path, base, mine, specs, "me")
    doc = load(doc_path, specs)
    assert doc.person("ana") is not None
    assert doc.chapters["metrics"].owners == ["ana"]


def test_one_feasibility_item_changed_on_both_sides_is_a_conflict(
    doc_path: Path, specs: Specs
) -> None:
    _people(doc_path, specs)
    storage.update_document(
        doc_path,
        specs,
        "t",
        lambda d: edits.set_item(d, specs, "labelled_data", "not-met", "n", "ana", "c", False),
    )
    base = load(doc_path, specs)
    mine = base.model_copy(deep=True)
    edits.set_item(mine, specs, "labelled_data", "met")
    storage.update_document(
        doc_path,
        specs,
        "o",
        lambda d: edits.set_item(d, specs, "labelled_data", "not-met", fatal=True),
    )
    with pytest.raises(ConflictError) as info:
        storage.save_changes(doc_path, base, mine, specs, "me")
    assert [c.location for c in info.value.conflicts] == ["feasibility.items.labelled_data"]


def test_different_fields_of_one_person_merge(doc_path: Path, specs: Specs) -> None:
    _people(doc_path, specs)
    base = load(doc_path, specs)
    mine = base.model_copy(deep=True)
    edits.upsert_person(mine, "ana", "Ana Lopez", None)
    storage.update_document(
        doc_path, specs, "o", lambda d: edits.upsert_person(d, "ana", None, "ML lead")
    )
    storage.save_changes(doc_path, base, mine, specs, "me")
    person = load(doc_path, specs).person("ana")
    assert person is not None and (person.name, person.role) == ("Ana Lopez", "ML lead")


@pytest.mark.parametrize(
    "content", ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a=" * 2000 + "1" + "}" * 2000]
)
def test_deeply_nested_toml_is_an_error(tmp_path: Path, specs: Specs, content: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(content)
    with pytest.raises(LoadError, match="nested too deeply"):
        storage.load_document(path, specs)


def test_markup_in_user_text_is_shown_as_text(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(doc_path)
    run(capsys, "person", p, "ana")
    assert (
        run(
            capsys,
            "set",
            p,
            "feasibility",
            "data_allowed",
            "partial",
            "--owner",
            "ana",
            "--condition",
            "[/b] [bold red]not markup[/]",
        )[0]
        == 0
    )
    assert run(capsys, "set", p, "gate", "--override", "heuristic", "--reason", "[/x]")[0] == 0
    code, out, _ = run(capsys, "show", p)
    assert code == 0 and "[/b] [bold red]not markup[/]" in out and "[/x]" in out


def test_arguments_that_are_not_utf8_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = os.fsdecode(b"\xff")
    code, _, err = run(capsys, "new", str(tmp_path / "n.toml"), "--title", bad, "--no-input")
    assert code == 2 and "not valid UTF-8" in err
    code, _, err = run(capsys, "new", str(tmp_path / f"{bad}.toml"), "--no-input")
    assert code == 2 and "not valid UTF-8" in err


def test_demo_into_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "afile"
    target.write_text("x")
    code, _, err = run(capsys, "demo", str(target))
    assert code == 2 and "cannot use it for the demo" in err


def test_a_line_break_in_a_code_path_is_refused(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "set", str(doc_path), "1", "--code-path", "src/**\n# Heading")
    assert code == 2 and "without line breaks" in err


def test_writing_through_a_symlink_keeps_the_link(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(doc_path)
    assert run(capsys, "set", str(link), "1", "summary", "via the link")[0] == 0
    assert link.is_symlink()
    assert load(doc_path, specs).chapters["essentials"].answers["summary"] == "via the link"


def test_status_empty_is_refused_for_an_answered_chapter(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "set", str(doc_path), "1", "summary", "x")
    code, _, err = run(capsys, "set", str(doc_path), "1", "--status", "empty")
    assert code == 2 and "cannot be 'empty'" in err


def test_a_date_at_the_limits_is_a_usage_error(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLDWIZARD_NOW", "0001-01-01T00:00:00+01:00")
    code, _, err = run(capsys, "set", str(doc_path), "1", "summary", "x")
    assert code == 2 and "MLDWIZARD_NOW" in err


def test_integers_beyond_64_bits_are_refused(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, _, err = run(capsys, "set", str(doc_path), "8", "constant_score", str(2**70))
    assert code == 2 and "too large" in err
    path = tmp_path / "big.toml"
    path.write_text(
        doc_path.read_text().replace("review_interval_days = 90", f"review_interval_days = {2**64}")
    )
    with pytest.raises(LoadError, match="64-bit integer range"):
        storage.load_document(path, specs)


def test_the_first_edit_of_an_unstored_chapter_logs_only_what_was_set(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "d.toml"
    path.write_text('schema_version = 1\n[project]\ntitle = "T"\ncreated = 2026-01-01\n')
    storage.update_document(
        path, specs, "t", lambda d: edits.set_answer(d, specs.resolve("5"), "business_metric", "x")
    )
    assert load(path, specs).changelog[-1].summary == "answered business_metric"


def test_a_foreign_markdown_file_blocks_a_save_before_anything_is_written(
    doc_path: Path, specs: Specs
) -> None:
    storage.markdown_path(doc_path).write_text("hand written")
    before = doc_path.read_bytes()
    with pytest.raises(WriteError, match="was not written by mldwizard"):
        storage.update_document(
            doc_path, specs, "t", lambda d: edits.set_answer(d, specs.resolve("1"), "summary", "x")
        )
    assert doc_path.read_bytes() == before


# ---- second review: links, special files, the end of the calendar ---------------------


def test_a_backup_that_is_a_symlink_is_replaced_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("my precious notes\n")
    (tmp_path / "d.toml.bak").symlink_to(victim)
    code, _, err = run(capsys, "set", str(doc), "essentials", "status_updates", "weekly")
    assert code == 0, err
    assert victim.read_text() == "my precious notes\n"
    backup = tmp_path / "d.toml.bak"
    assert not backup.is_symlink() and backup.read_text().startswith("# mldwizard")


def test_dangling_symlinks_are_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "x.toml").symlink_to(elsewhere / "planted.toml")
    code, _, err = run(capsys, "new", str(tmp_path / "x.toml"), "--no-input")
    assert code == 2 and "symbolic link to a missing file" in err
    (tmp_path / "w.md").symlink_to(elsewhere / "planted.txt")
    code, _, err = run(capsys, "new", str(tmp_path / "w.toml"), "--no-input")
    assert code == 2 and "w.md" in err and "missing file" in err
    assert list(elsewhere.iterdir()) == []
    assert not (tmp_path / "w.toml").exists()


def test_symlink_loops_and_fifos_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "l1.toml").symlink_to(tmp_path / "l2.toml")
    (tmp_path / "l2.toml").symlink_to(tmp_path / "l1.toml")
    for args in (["new", "--no-input"], ["show"], ["export"], ["status"]):
        code, _, err = run(capsys, *args[:1], str(tmp_path / "l1.toml"), *args[1:])
        assert code == 2 and "l1.toml" in err, (args, err)
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    (tmp_path / "o1").symlink_to(tmp_path / "o2")
    (tmp_path / "o2").symlink_to(tmp_path / "o1")
    code, _, err = run(capsys, "export", str(doc), "-o", str(tmp_path / "o1"))
    assert code == 2 and "o1" in err
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    for command in ("show", "export", "check", "status", "edit"):
        code, _, err = run(capsys, command, str(fifo))
        assert code == 2 and "not a regular file" in err, (command, err)


def test_review_dates_at_the_end_of_the_calendar_do_not_crash_status(
    doc_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(doc_path, specs)
    data = tomllib.loads(doc_path.read_text())
    data["chapters"]["essentials"].update(
        status="approved",
        owners=["ana"],
        reviewed=dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
        updated=dt.datetime(9999, 12, 30, tzinfo=dt.UTC),
        answers={"summary": "x"},
    )
    doc_path.write_text(tomli_w.dumps(data))
    for command in ("status", "check"):
        code, _, err = run(capsys, command, str(doc_path))
        assert code in (0, 1) and "Traceback" not in err, err
    answers = doc_path.parent / "a.toml"
    answers.write_text("review_interval_days = 3000000\n")
    code, _, err = run(capsys, "set", str(doc_path), "--from", str(answers))
    assert code == 2 and "review_interval_days" in err and "3650" in err


def test_escape_sequences_in_documents_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--title", "TITLE", "--no-input")[0] == 0
    assert run(capsys, "person", str(doc), "ana", "--name", "NAME")[0] == 0
    # set, new and person refuse them (test_control_characters.py): a file can hold them
    text = doc.read_text().replace('"TITLE"', '"T\\u001b]0;pwned\\u0007 \\u001b[2J\\u009b"')
    doc.write_text(text.replace('"NAME"', '"Ana\\u001b[31m"'))
    for args in (["show"], ["status"], ["check"], ["specs"]):
        code, out, err = run(capsys, *args, *([str(doc)] if args != ["specs"] else []))
        assert code in (0, 1), err
        assert "\x1b]" not in out and "\x1b[2J" not in out and "\x9b" not in out, args
    code, out, _ = run(capsys, "show", str(doc))
    assert "\\x1b]0;pwned" in out  # shown, visibly


def test_show_cuts_a_huge_answer_instead_of_taking_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    huge = "word " * 400_000  # 2 MB: rich's layout of it took seconds, 50 MB took minutes
    # `set` refuses an answer that long (test_size_limits): written by hand, it still loads.
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text + f'\n[chapters.essentials.answers]\nsummary = "{huge}"\n')
    started = time.perf_counter()
    code, out, _ = run(capsys, "show", str(doc))
    assert code == 0 and "more characters: see" in out
    assert time.perf_counter() - started < 10


def test_show_cuts_a_huge_project_summary_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The project's summary heads `show`; at 20 MB its Markdown layout never finished."""
    doc = tmp_path / "d.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    huge = "word " * 400_000
    text = doc.read_text(encoding="utf-8").replace('summary = ""', f'summary = "{huge}"', 1)
    doc.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "show", str(doc))
    assert code == 0, err
    assert "more characters: see" in out
    assert len(out) < 200_000


def test_a_markdown_link_to_a_generated_file_elsewhere_is_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA9a #16: NAME.md linked to another generated file outside the folder is refused with
    the reason (the link's target would be overwritten); a link that leads to the
    document's own Markdown, next to where the document's link leads, is still followed."""
    victim = tmp_path / "victim.md"
    victim.write_text(
        "<!-- Generated by mldwizard from s.toml next to it; edit that, not this. -->\nVICTIM\n"
    )
    folder = tmp_path / "sym"
    folder.mkdir()
    doc = folder / "s.toml"
    assert run(capsys, "new", str(doc), "--no-input")[0] == 0
    (folder / "s.md").unlink()
    (folder / "s.md").symlink_to(victim)
    code, _, err = run(capsys, "set", str(doc), "essentials", "notes", "hello")
    assert code == 2
    assert "s.md is a symbolic link to" in err and "Nothing was written" in err
    assert victim.read_text().endswith("VICTIM\n")
    # The document and its Markdown both linked into one real folder: followed.
    real = tmp_path / "real"
    real.mkdir()
    assert run(capsys, "new", str(real / "d.toml"), "--no-input")[0] == 0
    (folder / "d.toml").symlink_to(real / "d.toml")
    (folder / "d.md").symlink_to(real / "d.md")
    code, _, err = run(capsys, "set", str(folder / "d.toml"), "essentials", "notes", "hi")
    assert code == 0, err
    assert (folder / "d.md").is_symlink() and "hi" in (real / "d.md").read_text()
