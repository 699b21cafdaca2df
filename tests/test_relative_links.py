"""Relative images and links in answers point at the same files from wherever the Markdown
is written: the ``.md`` beside the TOML, or ``export -o`` into another folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mldwizard.cli import main
from mldwizard.core.markdown_links import rebase_links

from .test_titles_and_labels import run

ANSWER = (
    'The curve: ![plot](img/plot.png "Learning curve")\n\n'
    "- details in [the notes](notes/run%201.md) and [the spec](specs/a.md)\n"
    "- online: ![badge](https://example.com/b.svg), ![dot](data:image/png;base64,iVBOR)\n"
    "- see [the metric](#business-metric), [root](/srv/x.png), [mail](mailto:a@b.co)\n\n"
    "Literally `![plot](img/plot.png)` in code, and:\n\n"
    "```\n![plot](img/plot.png)\n```\n"
)


def targets(markdown: str) -> list[str]:
    """Every image and link destination, as a CommonMark parser reads them."""
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            if child.type == "image":
                found.append(str(child.attrs["src"]))
            elif child.type == "link_open":
                found.append(str(child.attrs["href"]))
    return found


@pytest.fixture
def design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "docs" / "design.toml"
    path.parent.mkdir()
    (path.parent / "img").mkdir()
    (path.parent / "img" / "plot.png").write_bytes(b"\x89PNG")
    assert run(capsys, "new", str(path), "--no-input")[0] == 0
    assert main(["set", str(path), "problem", "problem_statement", ANSWER]) == 0
    capsys.readouterr()
    return path


def test_beside_the_toml_the_paths_are_as_written(design: Path) -> None:
    md = design.with_suffix(".md").read_text(encoding="utf-8")
    found = targets(md)
    assert "img/plot.png" in found
    assert (design.parent / "img/plot.png").is_file()
    assert "notes/run%201.md" in found and "specs/a.md" in found


def test_an_export_elsewhere_rebases_relative_paths_only(
    design: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = design.parents[1] / "other" / "dir" / "out.md"
    out.parent.mkdir(parents=True)
    assert run(capsys, "export", str(design), "-o", str(out))[0] == 0
    md = out.read_text(encoding="utf-8")
    found = targets(md)
    assert "../../docs/img/plot.png" in found
    assert (out.parent / "../../docs/img/plot.png").resolve() == (
        design.parent / "img" / "plot.png"
    ).resolve()
    assert "../../docs/notes/run%201.md" in found and "../../docs/specs/a.md" in found
    # Absolute URLs, data URIs, absolute paths and anchors are left alone.
    for kept in (
        "https://example.com/b.svg",
        "data:image/png;base64,iVBOR",
        "#business-metric",
        "/srv/x.png",
        "mailto:a@b.co",
    ):
        assert kept in found
    # Code is code: the same text in a code span and a code block is not touched.
    assert "`![plot](img/plot.png)`" in md
    assert "```\n![plot](img/plot.png)\n```" in md


def test_an_export_to_standard_output_keeps_the_paths(
    design: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, md, _ = run(capsys, "export", str(design))
    assert code == 0 and "img/plot.png" in targets(md)
    inside = design.parent / "sub"
    inside.mkdir()
    assert run(capsys, "export", str(design), "-o", str(inside / "x.md"))[0] == 0
    assert "../img/plot.png" in targets((inside / "x.md").read_text(encoding="utf-8"))


def test_rebasing_reads_destinations_as_commonmark_does() -> None:
    text = (
        '[a](<specs/a b.md> "t") ![b](./img/b.png) [c](../up.md) [d](?q=1) [e](dir/)\n\n'
        "    [indented code](x.md)\n\n- [f](x.md)\n- item\n\n      [code in item](x.md)\n"
    )
    rebased = rebase_links(text, "../docs")
    assert targets(rebased) == [
        "../docs/specs/a%20b.md",
        "../docs/img/b.png",
        "../up.md",
        "?q=1",
        "../docs/dir/",
        "../docs/x.md",
    ]
    assert "    [indented code](x.md)" in rebased and "      [code in item](x.md)" in rebased
    assert rebase_links(text, "") == text
