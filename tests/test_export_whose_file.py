"""`export -o` never replaces another document's files (its NAME.md, its `-o` exports, an
export that names it), nor puts the draft over the reader's NAME.md (qa9c #3 a, b)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.core import storage

from .cli_run import cli


@pytest.fixture
def two(make_doc: Callable[..., Path]) -> tuple[Path, Path]:
    return make_doc("doc.toml", "Fraud scoring"), make_doc("g.toml", "Ticket routing")


def test_another_documents_markdown_is_refused(
    two: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    doc, g = two
    g_md = storage.markdown_path(g)
    before = g_md.read_bytes()
    code, _, err = cli(capsys, "export", doc, "-o", g_md)
    assert code == 2
    assert f"{g_md} is where another document, {g}, keeps its Markdown" in err
    assert f"this export of {doc}" in err and "Nothing was written" in err
    assert g_md.read_bytes() == before
    code, _, err = cli(capsys, "check", g)  # and g's own check has nothing to say about it
    assert "MLD05" not in err


@pytest.mark.parametrize("suffix", [".html", ".json"])
def test_another_documents_export_beside_it_is_refused(
    two: tuple[Path, Path], suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, g = two
    target = g.with_suffix(suffix)
    assert cli(capsys, "export", g, "-o", target)[0] == 0
    before = target.read_bytes()
    code, _, err = cli(capsys, "export", doc, "-o", target)
    assert code == 2 and f"another document, {g}, keeps its export" in err, err
    assert str(doc.with_suffix(suffix)) in err
    assert target.read_bytes() == before


def test_an_export_naming_another_document_is_refused(
    two: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, g = two
    out = tmp_path / "sub" / "shared.md"
    out.parent.mkdir()
    assert cli(capsys, "export", doc, "-o", out)[0] == 0
    before = out.read_bytes()
    code, _, err = cli(capsys, "export", g, "-o", out)
    assert code == 2 and f"holds an export of another document, {doc}" in err, err
    assert out.read_bytes() == before
    # Its own document replaces it, as before.
    assert cli(capsys, "export", doc, "-o", out)[0] == 0


def test_an_export_of_a_document_since_removed_may_be_replaced(
    two: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, g = two
    out = tmp_path / "shared.md"
    assert cli(capsys, "export", doc, "-o", out)[0] == 0
    doc.rename(tmp_path / "renamed.toml")
    assert cli(capsys, "export", g, "-o", out)[0] == 0
    assert "Ticket routing" in out.read_text()


def test_a_toml_of_another_tool_does_not_claim_its_md(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.toml").write_text('title = "not a design document"\n')
    code, _, err = cli(capsys, "export", doc_path, "-o", tmp_path / "notes.md")
    assert code == 0, err


def test_the_draft_never_replaces_the_readers_markdown(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    md = storage.markdown_path(doc_path)
    before = md.read_bytes()
    for output in (["-o"], ["-o", str(md)]):
        code, _, err = cli(capsys, "export", doc_path, "--draft", *output)
        assert code == 2, err
        assert "that is the document's Markdown, the reader's document" in err
        assert f"-o {doc_path.with_name('design.draft.md')}" in err
        assert md.read_bytes() == before
    code, _, err = cli(capsys, "export", doc_path, "--draft", "-o", doc_path.with_suffix(".x.md"))
    assert code == 0, err
    # The reader's document still goes there.
    assert cli(capsys, "export", doc_path, "-o")[0] == 0 and md.read_bytes() == before


def test_a_link_to_another_documents_markdown_is_refused(
    make_doc: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """qa10c #6: `-o link.md`, a symlink to ../ex.md, is judged by the file it leads to."""
    ex = make_doc("ex.toml", "Ticket routing")
    (tmp_path / "half").mkdir()
    doc = make_doc("half/doc.toml", "Fraud scoring")
    link = doc.with_name("link.md")
    link.symlink_to(Path("..") / "ex.md")
    ex_md = storage.markdown_path(ex)
    before = ex_md.read_bytes()
    code, _, err = cli(capsys, "export", doc, "-o", link)
    assert code == 2, err
    assert f"{link} is a symbolic link to {ex_md}, which is where another document, {ex}" in err
    assert "Nothing was written" in err
    assert ex_md.read_bytes() == before and link.is_symlink()
    assert cli(capsys, "check", ex)[0] == 0


def test_a_link_to_an_export_of_the_same_document_is_written_through(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exports" / "design.html"
    out.parent.mkdir()
    assert cli(capsys, "export", doc_path, "-o", out)[0] == 0
    link = tmp_path / "latest.html"
    link.symlink_to(out)
    code, _, err = cli(capsys, "export", doc_path, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and out.read_text().startswith("<!DOCTYPE")


def test_a_link_to_a_missing_file_is_refused(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "planted.md"
    link.symlink_to(tmp_path / "elsewhere" / "new.md")
    code, _, err = cli(capsys, "export", doc_path, "-o", link)
    assert code == 2, err
    assert "is a symbolic link to a missing file" in err
    assert not (tmp_path / "elsewhere" / "new.md").exists()
