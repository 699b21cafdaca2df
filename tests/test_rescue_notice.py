"""Rescue copies (``NAME.unsaved-STAMP.toml``) are announced wherever the document is
opened or looked at: the core finds them, ``check`` (MLD016, every format), ``status``,
the plain face before its first question and the wizard on mount and on quit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.rescue import rescue_copies, rescue_notice
from mldwizard.core.specs import Specs
from mldwizard.plain.runner import run_plain

from .plain.test_plain import FakePrompts

OLD, NEW = "20261201T101500Z", "20261203T080000Z"


def copies(doc: Path) -> list[Path]:
    """Three rescue copies of ``doc`` (whole documents), and files that only look like one."""
    made = [
        doc.with_name(f"{doc.stem}.unsaved-{OLD}.toml"),
        doc.with_name(f"{doc.stem}.unsaved-{NEW}.toml"),
        doc.with_name(f"{doc.stem}.unsaved-{NEW}-2.toml"),
    ]
    for path in made:
        shutil.copyfile(doc, path)
    for other in (f"other.unsaved-{NEW}.toml", f"{doc.stem}.unsaved-2026.toml", f"{doc.stem}.md"):
        doc.with_name(other).write_text("x", encoding="utf-8")
    return made


def run(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    main([str(a) for a in args])
    out, err = capsys.readouterr()
    return out + err


def test_the_core_lists_a_documents_copies_newest_first(doc_path: Path) -> None:
    old, new, new2 = copies(doc_path)
    found = rescue_copies(doc_path)
    assert [c.path for c in found] == [new2, new, old]
    assert found[-1].made.isoformat() == "2026-12-01T10:15:00+00:00"
    notice = "\n".join(rescue_notice(doc_path, found))
    assert "3 unsaved copies of design.toml" in notice
    assert notice.index(new2.name) < notice.index(old.name)
    assert "2026-12-01 10:15 UTC" in notice and "mldwizard show COPY" in notice
    assert rescue_copies(doc_path.with_name("other-doc.toml")) == []


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_reports_mld016_in_every_format(
    doc_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert "MLD016" not in run(capsys, "check", doc_path, "--format", fmt)
    new2 = copies(doc_path)[2]
    out = run(capsys, "check", doc_path, "--format", fmt)
    assert "MLD016" in out and new2.name in out
    if fmt == "json":
        (finding,) = [f for f in json.loads(out)["findings"] if f["code"] == "MLD016"]
        assert finding["severity"] == "warning"
        assert finding["details"]["copies"][0]["path"] == str(new2)


def test_status_mentions_the_copies(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unsaved" not in run(capsys, "status", doc_path)
    new2 = copies(doc_path)[2]
    out = run(capsys, "status", doc_path)
    assert "3 unsaved copies" in out and new2.name in out
    (document,) = json.loads(run(capsys, "status", doc_path, "--format", "json"))["documents"]
    assert document["unsaved_copies"][0] == str(new2)


class SaidWhen(FakePrompts):
    """Also notes how many questions had been asked when each line was said."""

    def say(self, text: str, style: str = "") -> None:
        super().say(f"{len(self.asked)}: {text}", style)


def test_plain_mode_says_so_before_the_first_question(doc_path: Path, specs: Specs) -> None:
    new2 = copies(doc_path)[2]
    prompts = SaidWhen({})
    run_plain(doc_path, specs, "tester", specs.resolve("essentials"), False, prompts)
    assert prompts.asked
    said = "\n".join(prompts.said)
    assert "0: 3 unsaved copies of design.toml" in said
    assert f"0:   {new2}" in said
