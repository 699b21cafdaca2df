"""``check``: the NAME.md next to a document is out of date (MLD050), or is the draft,
another document's Markdown or not mldwizard's (MLD051) (qa9c #3 c). Never for a document
saved by mldwizard, whatever the day of the check or the checkout's line endings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core import storage
from mldwizard.core.specs import Specs

from .cli_run import cli
from .test_check_base import branch, check_base, commit_all  # noqa: F401  (fixture)
from .test_living_git import isolated_git  # noqa: F401  (autouse here too)


def markdown_findings(capsys: pytest.CaptureFixture[str], *paths: Path) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, "check", *paths, "--format", "json")
    assert code in (0, 1), err
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return [f for f in found if f["code"] in ("MLD050", "MLD051")]


def hand_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def answered(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for args in (
        ["essentials", "summary", "Scores card payments for fraud."],
        ["problem", "problem_statement", "Chargebacks cost us 2% of revenue."],
        ["essentials", "--link", "https://wiki.example.com/fraud"],
    ):
        code, _, err = cli(capsys, "set", doc_path, *args)
        assert code == 0, err
    return doc_path


def test_a_document_saved_by_set_passes_on_any_later_day(
    answered: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert markdown_findings(capsys, answered) == []
    for later in ("2027-06-01T08:00:00Z", "2031-01-01T00:00:00Z"):  # ages, "overdue"...
        monkeypatch.setenv("MLDWIZARD_NOW", later)
        assert markdown_findings(capsys, answered) == []


def test_the_example_saved_by_new_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ex.toml"
    assert cli(capsys, "new", path, "--example", "--no-input")[0] == 0
    monkeypatch.setenv("MLDWIZARD_NOW", "2028-03-01T00:00:00Z")
    assert markdown_findings(capsys, path) == []


def test_a_save_like_the_wizards_passes(answered: Path, specs: Specs) -> None:
    """The wizard saves through storage.save_changes (merge with the file on disk)."""
    from mldwizard.core.companion_checks import markdown_findings as findings

    base = storage.load_document(answered, specs)
    mine = base.model_copy(deep=True)
    mine.step("essentials").answers["summary"] = "Scores card payments, in real time."
    saved = storage.save_changes(answered, base, mine, specs, "tester")
    assert findings(answered, saved, specs) == []


def test_what_a_checkout_or_an_editor_changes_is_not_a_difference(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = storage.markdown_path(answered)
    text = md.read_text(encoding="utf-8")
    assert "  \n" in text  # hard line breaks: what a trailing-whitespace hook strips
    stripped = "\n".join(line.rstrip() for line in text.split("\n")).rstrip("\n")
    for variant in (
        text.replace("\n", "\r\n"),  # a Windows checkout (core.autocrlf)
        "\ufeff" + text,
        stripped,  # trailing spaces and the final newline removed
        text + "\n\n",
    ):
        md.write_bytes(variant.encode("utf-8"))
        assert markdown_findings(capsys, answered) == [], repr(variant[:80])
    # The TOML checked out with Windows line endings renders the same Markdown.
    md.write_text(text, encoding="utf-8")
    answered.write_bytes(answered.read_bytes().replace(b"\n", b"\r\n"))
    assert markdown_findings(capsys, answered) == []


def test_a_hand_edit_of_the_toml_is_reported_until_the_markdown_is_regenerated(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_edit(answered, "Chargebacks cost us 2%", "Chargebacks cost us 3%")
    found = markdown_findings(capsys, answered)
    assert [(f["code"], f["severity"]) for f in found] == [("MLD050", "warning")]
    message = found[0]["message"]
    assert "design.md next to the document is out of date" in message
    assert f"`mldwizard export {answered} -o`" in message
    line = int(found[0]["details"]["markdown_line"])
    md = storage.markdown_path(answered)
    assert "2%" in md.read_text(encoding="utf-8").split("\n")[line - 1]
    _, out, _ = cli(capsys, "check", answered)  # the text output names it too
    assert re.search(r"warning MLD050 .*out of date: from its line \d+ on", out), out
    # The command it names puts it right.
    assert cli(capsys, "export", answered, "-o")[0] == 0
    assert markdown_findings(capsys, answered) == []


def test_the_draft_in_place_of_the_readers_document(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, draft, _ = cli(capsys, "export", answered, "--draft")
    storage.markdown_path(answered).write_text(draft, encoding="utf-8")
    found = markdown_findings(capsys, answered)
    assert [f["code"] for f in found] == ["MLD051"]
    assert "is the draft (`export --draft`), not the reader's document" in found[0]["message"]


def test_another_documents_markdown_in_its_place(
    answered: Path, make_doc: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_doc("other.toml", "Ticket routing")
    md = storage.markdown_path(answered)
    md.write_bytes(storage.markdown_path(other).read_bytes())
    found = markdown_findings(capsys, answered, other)
    assert [(f["code"], f["document"]) for f in found] == [("MLD051", str(answered))]
    assert f"the Markdown of another document, {other}" in found[0]["message"]
    # Its own export replaces it (the file is the document's own NAME.md).
    assert cli(capsys, "export", answered, "-o")[0] == 0
    assert markdown_findings(capsys, answered, other) == []


def test_a_markdown_mldwizard_did_not_write(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    storage.markdown_path(answered).write_text("# My notes\n", encoding="utf-8")
    found = markdown_findings(capsys, answered)
    assert [f["code"] for f in found] == ["MLD051"]
    assert "was not written by mldwizard" in found[0]["message"]


def test_no_markdown_no_finding(answered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    storage.markdown_path(answered).unlink()
    assert markdown_findings(capsys, answered) == []


def test_with_base_a_merged_toml_edit_is_reported(
    branch: tuple[Path, Path],  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo, doc = branch
    _, data = check_base(capsys, doc)
    assert [f for f in data["findings"] if f["code"].startswith("MLD05")] == []
    hand_edit(doc, "Callers wait for the score.", "Callers wait for the score (50 ms).")
    commit_all(repo, "2026-11-02 10:00:00 +0000", "edit the TOML by hand")
    _, data = check_base(capsys, doc)
    assert [f["code"] for f in data["findings"] if f["code"].startswith("MLD05")] == ["MLD050"]


def test_a_renamed_document_with_its_markdown_is_not_reported(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """git mv of both files: the Markdown's first line names the old TOML, nothing else."""
    moved = answered.with_name("router.toml")
    answered.rename(moved)
    storage.markdown_path(answered).rename(storage.markdown_path(moved))
    assert markdown_findings(capsys, moved) == []
    hand_edit(moved, "Chargebacks cost us 2%", "Chargebacks cost us 3%")
    assert [f["code"] for f in markdown_findings(capsys, moved)] == ["MLD050"]


def test_another_documents_markdown_from_another_folder_is_not_a_hand_edit(
    answered: Path, make_doc: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """qa10c #6: the first line names doc.toml (next to it, and there is none): that is
    another document's Markdown (MLD051), not a sign that the TOML was edited by hand."""
    answered.parent.joinpath("half").mkdir()
    other = make_doc("half/doc.toml", "Ticket routing")
    md = storage.markdown_path(answered)
    md.write_bytes(storage.markdown_path(other).read_bytes())
    found = markdown_findings(capsys, answered)
    assert [f["code"] for f in found] == ["MLD051"], found
    assert "its first line says it was rendered from doc.toml" in found[0]["message"]
    assert "changed outside mldwizard" not in found[0]["message"]
