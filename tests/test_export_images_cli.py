"""``mldwizard export --format html|docx`` with local images, as an author runs it: only
images inside the document's folder (symbolic links followed) go into the file, and every
image left out is named on stderr, one line each, with what is wrong with it."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.docx_export import find_pandoc

from .test_html_export import png

PNG = png()


@pytest.fixture
def document(tmp_path: Path) -> Path:
    """A document whose summary names seven local images, one of them good."""
    folder = tmp_path / "design"
    folder.mkdir()
    (folder / "img").mkdir()
    (folder / "img" / "ok.png").write_bytes(PNG)
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (folder / "link.png").symlink_to(outside)
    (folder / "big.png").write_bytes(PNG + b"\0" * (6 * 1024 * 1024))
    (folder / "notes.png").write_text("just text\n")
    path = folder / "doc.toml"
    assert main(["new", str(path), "--no-input", "--title", "Pictures"]) == 0
    images = [
        "![good](img/ok.png)",
        "![up](../outside.png)",
        f"![absolute]({outside})",
        "![linked](link.png)",
        "![big](big.png)",
        "![gone](missing.png)",
        "![text](notes.png)",
    ]
    assert main(["set", str(path), "essentials", "summary", "\n\n".join(images)]) == 0
    return path


EXPECTED = {
    "../outside.png": "outside the document's folder",
    "outside.png": "outside the document's folder",  # the absolute path, by its end
    "link.png": "outside the document's folder",
    "big.png": "too large: 6.0 MB, the limit is 5 MB",
    "missing.png": "not found",
    "notes.png": "not a PNG, JPEG, GIF or WebP image",
}


def warnings(err: str) -> dict[str, str]:
    found = re.findall(r"warning: image (\S+) not embedded: (.+)", err)
    return {src.rsplit("/", 1)[-1] if src.startswith("/") else src: why for src, why in found}


def test_the_page_embeds_only_the_documents_own_images_and_says_why_not(
    document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["export", str(document), "-o", "--format", "html"]) == 0
    err = capsys.readouterr().err
    assert warnings(err) == EXPECTED, err
    assert len([line for line in err.splitlines() if "warning: image" in line]) == 6
    html = document.with_suffix(".html").read_text("utf-8")
    assert html.count("<img ") == 1 and 'alt="good"' in html
    assert "[image &quot;big&quot; not included: too large: 6.0 MB, the limit is 5 MB]" in html
    assert html.count("not included: outside the document&#x27;s folder]") == 3
    assert "[image &quot;absolute&quot; not included: outside the document&#x27;s folder]" in html


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_an_image_left_out_shows_no_path_of_the_authors_machine(
    document: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """The exported file is shared; only stderr, for the author, names the paths."""
    if fmt == "docx" and find_pandoc() is None:
        pytest.skip("no pandoc")
    capsys.readouterr()
    out = document.with_suffix(f".{fmt}")
    assert main(["export", str(document), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    outside = str(document.parent.parent / "outside.png")
    assert outside in err  # the author is told which file was left out
    if fmt == "html":
        page = out.read_text("utf-8")
    else:
        with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
            page = archive.read("word/document.xml").decode("utf-8")
    assert page.count("not included") == 6
    for path in (str(document.parent.parent), "outside.png", "link.png", "missing.png"):
        assert path not in page


@pytest.mark.skipif(find_pandoc() is None, reason="no pandoc")
def test_the_word_file_follows_the_same_rules(
    document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out = document.with_suffix(".docx")
    assert main(["export", str(document), "-o", str(out)]) == 0
    assert warnings(capsys.readouterr().err) == EXPECTED
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode("utf-8")
    assert len(media) == 1
    assert body.count("outside the document") == 3 and "too large: 6.0 MB" in body
    assert os.path.getsize(out) < 1024 * 1024  # the big one is not in it
