"""Terminal escape sequences in answers, names, titles, paths or arguments never reach a
terminal or the generated Markdown raw; the TOML keeps them faithfully."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from .conftest import load

# ESC c (reset), ESC 7 (save cursor), C1 CSI, an OSC 8 hyperlink, OSC 0 (window title), DEL.
HOSTILE = (
    "a\x1bc b\x1b7 c\x9b31m d\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ e\x1b]0;t\x07\x7f"
)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def raw_controls(text: str) -> list[str]:
    return RAW.findall(text)


CHAPTER = """slug = "fairness"
title = "Fair\\u001b]0;pwned\\u0007ness\\u009b2J"
intro = "Who could be harmed?"

[[questions]]
id = "groups"
title = "Groups at risk"
prompt = "Which groups\\u001bc?"
help = "h"
example = "e"
kind = "text"
"""


def toml_text(text: str) -> str:
    """``text`` as the inside of a TOML basic string."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@pytest.fixture
def hostile_doc(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A document that holds escape sequences everywhere: written by hand, or by an older
    mldwizard (set, person and the other entry points refuse them now: see below)."""
    specs = doc_path.parent / ".mldwizard" / "chapters"
    specs.mkdir(parents=True)
    (specs / "fairness.toml").write_text(CHAPTER)
    p = str(doc_path)
    assert run(capsys, "person", p, "ana", "--name", "ANA-NAME", "--role", "ANA-ROLE")[0] == 0
    assert run(capsys, "set", p, "essentials", "summary", "HOSTILE-MARK")[0] == 0
    for args in (
        ["research", "open_questions", "HOSTILE-MARK"],
        ["fairness", "groups", "HOSTILE-MARK"],
        ["metrics", "--owner", "ana", "--code-path", "src/CODE-PATH/**", "--link", "LINK"],
        ["feasibility", "problem_confirmed", "partial", "--owner", "ana"],
    ):
        extra = ["--note", "HOSTILE-MARK", "--condition", "HOSTILE-MARK"]
        code, _, err = run(capsys, "set", p, *args, *(extra if args[0] == "feasibility" else []))
        assert code == 0, err
    text = doc_path.read_text()
    for mark, hostile in (
        ("HOSTILE-MARK", HOSTILE),
        ("ANA-NAME", "Ana\x1b[2J\x9b"),
        ("ANA-ROLE", "x\x1bc"),
        ("CODE-PATH", "\x1b[31m"),
        ("LINK", HOSTILE),
    ):
        text = text.replace(mark, toml_text(hostile))
    doc_path.write_text(text)
    from mldwizard.core.storage import render_files

    specs_now = load_specs_for(doc_path)
    render_files(doc_path, load(doc_path, specs_now), specs_now)  # the Markdown it goes with
    return doc_path


def test_entry_points_refuse_control_characters_naming_the_field(
    doc_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """set (values, stdin, --from), new --title, person, review comments and notes, and the
    checklist's notes refuse them; tab and newline are text. Nothing is written."""
    p = str(doc_path)
    assert run(capsys, "person", p, "ana", "--name", "Ana", "--role", "x")[0] == 0
    before = doc_path.read_bytes()
    answers = doc_path.parent / "answers.toml"
    answers.write_text('[chapters.problem.answers]\nnotes = "fine\\u001b]0;t\\u0007"\n')
    for args, field in (
        (["set", p, "problem", "notes", "hi \x1b]0;SETPWN\x07 \x1b[2J"], "problem.notes"),
        (["set", p, "problem", "notes", "a\x9b31m"], "problem.notes"),
        (["set", p, "--from", str(answers)], "problem.notes"),
        (["person", p, "bo", "--name", "Bo\x1bc"], "people.bo.name"),
        (["person", p, "ana", "--role", "x\x07"], "people.ana.role"),
        (["review", p, "metrics", "--by", "ana", "--comment", "a\x1b[2J"], "the comment"),
        (["set", p, "feasibility", "problem_confirmed", "partial", "--note", "n\x1b["], "note"),
        (["new", str(doc_path.parent / "n.toml"), "--title", "T\x1b]0;x", "--no-input"], "title"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2, (args, out, err)
        assert field in err and "\\x" in err and "control character" in err, (args, err)
        assert raw_controls(out + err) == [], err
        assert doc_path.read_bytes() == before, args
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"piped \x1b[2J")))
    code, _, err = run(capsys, "set", p, "essentials", "summary", "-")
    assert code == 2 and "essentials.summary" in err and "\\x1b" in err
    assert not (doc_path.parent / "n.toml").exists()
    code, _, err = run(capsys, "set", p, "problem", "notes", "tab\there\nand a line")
    assert code == 0, err
    assert load(doc_path, load_specs_for(doc_path)).chapters["problem"].answers["notes"] == (
        "tab\there\nand a line"
    )


def test_markdown_and_export_show_control_characters_visibly(
    hostile_doc: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    md = hostile_doc.with_suffix(".md").read_text()
    assert raw_controls(md) == []
    assert "\\x1bc" in md and "\\x9b31m" in md and "\\x1b]8;;https" in md
    code, out, _ = run(capsys, "export", str(hostile_doc))
    assert code == 0 and raw_controls(out) == [] and out == md
    code, out, _ = run(capsys, "export", str(hostile_doc), "--format", "json")
    assert code == 0 and raw_controls(out) == []
    assert json.loads(out)["chapters"]["essentials"]["answers"]["summary"] == HOSTILE
    # The TOML, the source of truth, keeps the text exactly (TOML escapes it).
    assert raw_controls(hostile_doc.read_text()) == []
    doc = load(hostile_doc, load_specs_for(hostile_doc))
    assert doc.chapters["essentials"].answers["summary"] == HOSTILE
    assert doc.chapters["fairness"].answers["groups"] == HOSTILE


def load_specs_for(path: Path) -> Specs:
    from mldwizard.core.workspace import specs_for

    return specs_for(path)


def test_other_commands_never_print_raw_control_characters(
    hostile_doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = str(hostile_doc)
    for args in (
        ["show", p],
        ["status", p],
        ["status", p, "--format", "json"],
        ["check", p],
        ["check", p, "--format", "json"],
        ["check", p, "--format", "github"],
        ["owners", p],
        ["owners", p, "--suggest"],
        ["review", p, "fairness", "--by", "ana"],
        ["specs", "--specs", str(hostile_doc.parent / ".mldwizard" / "chapters")],
        ["specs", "fairness", "--format", "json", "--specs", ".mldwizard/chapters"],
        ["set", p, "metrics", "--owner", "bo\x1b]0;x\x07"],
        ["set", p, "nope\x1bc", "x"],
    ):
        _, out, err = run(capsys, *args)
        assert raw_controls(out) == [] and raw_controls(err) == [], (args, out, err)


def test_paths_with_control_characters_are_echoed_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "d\x1b]0;pwned\x07.toml"
    for args in (
        ["new", str(doc), "--no-input"],
        ["set", str(doc), "essentials", "summary", "x"],
        ["person", str(doc), "ana"],
        ["status", str(doc)],
        ["check", str(doc), "--format", "github"],
        ["check", str(doc), "--format", "json"],
        ["export", str(doc), "-o", str(tmp_path / "o\x9b.md")],
        ["show", str(tmp_path / "missing\x1bc.toml")],
        ["check", str(tmp_path / "missing\x1bc.toml"), "--format", "github"],
    ):
        code, out, err = run(capsys, *args)
        assert code in (0, 1, 2) and raw_controls(out + err) == [], (args, out, err)
        assert re.search(r"\\(x1b|x9b|u001b|u009b)", out + err), (args, out, err)


def test_a_workshop_summary_is_safe_to_print(
    doc_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    import datetime as dt

    from mldwizard.core import storage, workshops

    def hold(doc: object) -> None:
        from mldwizard.core.document import Document

        assert isinstance(doc, Document)
        w = workshops.start_workshop(doc, dt.date(2026, 11, 30), list(specs.steps[:2]), 10, None)
        workshops.add_decision(doc, w.id, HOSTILE, None, dt.datetime(2026, 11, 30, tzinfo=dt.UTC))

    storage.update_document(doc_path, specs, "tester", hold)
    code, out, _ = run(capsys, "workshop", str(doc_path), "--summary")
    assert code == 0 and raw_controls(out) == [] and "\\x1bc" in out
