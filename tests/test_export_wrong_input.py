"""What ``export`` says when given something other than a document as it is typed: an
export in place of the TOML, a format name in capitals (qa9c #15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mldwizard.cli import main


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_an_export_given_as_the_document_names_the_toml_to_give(
    tmp_path: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    doc = tmp_path / "ex.toml"
    ok("new", doc, "--title", "Routing", "--no-input")
    ok("export", doc, "-o", "--format", suffix[1:])
    capsys.readouterr()
    for command in (["export"], ["check"], ["show"]):
        assert main([*command, str(doc.with_suffix(suffix))]) == 2
        said = capsys.readouterr()
        text = said.out + said.err
        assert "generated from a document, not the document" in text
        assert "(ex.toml)" in text and "invalid TOML" not in text
        assert "Traceback" not in text


def test_a_format_name_in_capitals_is_understood(tmp_path: Path, ok: Callable[..., str]) -> None:
    doc = tmp_path / "ex.toml"
    ok("new", doc, "--title", "Routing", "--no-input")
    assert ok("export", doc, "--format", "HTML", "-o", "-").startswith("<!DOCTYPE html>")
    assert ok("export", doc, "--format", "Markdown", "-o", "-").startswith("<!-- Generated")


def test_a_refused_output_is_said_alone_without_image_warnings_first(
    tmp_path: Path, ok: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "ex.toml"
    ok("new", doc, "--title", "Routing", "--no-input")
    ok("set", doc, "essentials", "summary", "![chart](missing.png)")
    capsys.readouterr()
    assert main(["export", str(doc), "-o", str(tmp_path / "nope" / "ex.html")]) == 2
    err = capsys.readouterr().err
    assert "does not exist; nothing was written" in err
    assert "warning: image" not in err
    assert main(["export", str(doc), "-o", str(tmp_path / "ex.html")]) == 0
    err = capsys.readouterr().err
    assert err.index("warning: image missing.png not embedded") < err.index("Wrote ")
