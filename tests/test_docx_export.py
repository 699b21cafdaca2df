"""The Word export's round trip: the bundled example goes to .docx through ``mldwizard
export``, pandoc reads the .docx back as Markdown, and every part and step heading and every
answered paragraph of the example is there (compared word by word: Word keeps the words,
not the Markdown's escapes or line breaks)."""

from __future__ import annotations

import http.server
import io
import os
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.docx_export import find_pandoc, markdown_to_docx
from mldwizard.core.examples import example_path
from mldwizard.core.kinds import is_answered
from mldwizard.core.specs import PARTS, Specs

from .test_html_export import png

PANDOC = find_pandoc()
PNG = png()
pytestmark = pytest.mark.skipif(PANDOC is None, reason="no pandoc: pip install 'mldwizard[docx]'")
TIMEOUT_S = 300


def words(text: str) -> str:
    """The words and numbers of ``text``, lower case, one space apart (padded)."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def paragraphs(value: object) -> list[str]:
    """An answer's paragraphs: list items one by one, long text split at blank lines."""
    if isinstance(value, list):
        return [str(item) for item in value]
    if isinstance(value, str):
        return [p for p in re.split(r"\n\s*\n", value) if p.strip()]
    return []


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> str:
    assert PANDOC is not None
    folder = tmp_path_factory.mktemp("docx")
    document = folder / "routing.toml"
    shutil.copyfile(example_path(), document)
    assert main(["export", str(document), "-o", "--format", "docx"]) == 0
    back = subprocess.run(
        [PANDOC, "--from=docx", "--to=gfm", "--wrap=none", str(document.with_suffix(".docx"))],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
    )
    return back.stdout


def test_the_title_and_every_part_and_step_heading_come_back(round_trip: str, specs: Specs) -> None:
    headings = {
        level: {
            line.lstrip("#").strip().replace("\\", "")
            for line in round_trip.splitlines()
            if re.match(rf"#{{{level}}} ", line)
        }
        for level in (1, 2)
    }
    # The project title is the Word title; parts are Heading 1, steps Heading 2.
    assert {PARTS[specs.parts[s.slug]] for s in specs.steps} <= headings[1], headings[1]
    assert {step.label for step in specs.steps} <= headings[2], headings[2]
    assert "Table of Contents" in headings[1]  # pandoc's --toc field


def test_every_answered_paragraph_comes_back(round_trip: str, specs: Specs) -> None:
    doc = storage.load_document(example_path(), specs)
    back = words(round_trip)
    checked = 0
    missing: list[str] = []
    for step in specs.steps:
        state = doc.gate if step.kind == "gate" else doc.chapters.get(step.slug)
        if state is None:
            continue
        for question in step.questions:
            value = state.answers.get(question.id)
            if not is_answered(value) or question.kind in ("person", "people", "bool"):
                continue
            if question.kind in ("choice", "multi_choice"):
                value = [
                    question.label_of(v) for v in (value if isinstance(value, list) else [value])
                ]
            for paragraph in paragraphs(value):
                checked += 1
                if words(paragraph) not in back:
                    missing.append(f"{step.slug}.{question.id}: {paragraph[:80]!r}")
    for item_id, item in doc.feasibility.items.items():
        for text in (item.note, item.condition):
            if text.strip():
                checked += 1
                if words(text) not in back:
                    missing.append(f"feasibility.{item_id}: {text[:80]!r}")
    assert checked > 200  # the example answers nearly everything
    assert not missing, "\n".join(missing)


def test_an_items_details_come_back_a_line_each_and_the_lists_apart(round_trip: str) -> None:
    """QA qa9c #6, #7: in Word too, a stage-gate item's Owner, Due and Rests on are lines of
    their own (pandoc writes a line break back as a trailing backslash), and the verdict's
    list of gaps is not the same list as the items."""
    gate = round_trip[round_trip.index("Stage gate: prototype to pilot\n") :]
    gate = gate[: gate.index("\n## ")]
    assert re.search(r"\\\n\s*Owner: Carmen Vidal\.\\\n\s*Due: [-\d]+\.\\\n\s*Rests on:", gate)
    summary, items = gate.split("\n**Items**\n")
    assert "owner Carmen Vidal, due" in summary and "**Partial:**" not in summary
    assert items.count("- **") == 4


def test_an_answer_cannot_write_raw_word_xml_or_metadata() -> None:
    source = (
        "# The project\n\n## Part\n\n### Step\n\n"
        "```{=openxml}\n<w:p><w:r><w:t>INJECTED</w:t></w:r></w:p>\n```\n\n"
        "Inline `<w:p/>`{=openxml} too.\n\n---\ntitle: Retitled\n---\n"
    )
    data = markdown_to_docx(source)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "<w:t>INJECTED</w:t>" not in body and "<w:p/>" not in body
    assert "&lt;w:p&gt;&lt;w:r&gt;&lt;w:t&gt;INJECTED" in body  # shown as code
    assert "<dc:title>The project</dc:title>" in core and "Retitled" not in core


def test_making_the_file_fetches_no_remote_image(tmp_path: Path) -> None:
    """A remote image becomes a link (as on the HTML page); a local one is embedded."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/chart.png"
        (tmp_path / "local.png").write_bytes(PNG)
        source = f"# P\n\n## Part\n\n![The chart]({url})\n\n![Local](local.png)\n"
        data = markdown_to_docx(source, base_dir=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert url in rels and 'TargetMode="External"' in rels  # a hyperlink to the chart
    assert [n for n in names if n.startswith("word/media/")] != []  # the local image


def test_a_local_file_that_is_not_an_image_never_goes_into_the_file(tmp_path: Path) -> None:
    """A document from someone else, exported and sent back, must not carry a local file
    named in an image (pandoc alone would embed any file, whatever its type)."""
    secret = tmp_path / "elsewhere" / "credentials.png"
    secret.parent.mkdir()
    secret.write_text("aws_secret_access_key = SECRET-TOKEN-42\n")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # never opened for reading: it would block
    source = (
        f"# P\n\n## Part\n\n![creds]({secret})\n\n![up](elsewhere/credentials.png)\n\n"
        "![pipe](pipe.png)\n\n![fine](local.png)\n"
    )
    (tmp_path / "local.png").write_bytes(PNG)
    data = markdown_to_docx(source, base_dir=tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        contents = b"".join(archive.read(n) for n in archive.namelist())
        body = archive.read("word/document.xml").decode("utf-8")
    assert b"SECRET-TOKEN-42" not in contents
    assert len(media) == 1 and archive_bytes(data, media[0]) == PNG
    assert body.count("not a PNG, JPEG, GIF or WebP image") == 2  # what is wrong, said
    assert "not included: not a file but a " in body
    assert str(secret) not in body  # what was left out, never where it lies


def archive_bytes(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def _exported(doc_path: Path, answer: str) -> dict[str, str]:
    """The Word file's XML parts after ``set`` writes ``answer`` and ``export`` the .docx."""
    assert main(["set", str(doc_path), "essentials", "summary", answer]) == 0
    assert main(["export", str(doc_path), "-o", "--format", "docx"]) == 0
    with zipfile.ZipFile(doc_path.with_suffix(".docx")) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def test_the_table_of_contents_is_filled_when_word_opens_the_file(doc_path: Path) -> None:
    parts = _exported(doc_path, "A summary.")
    settings = parts["word/settings.xml"]
    assert settings.count('<w:updateFields w:val="true"/>') == 1, settings
    # In schema order (Word rejects a settings part out of order): before w:rsids and the
    # rest of the sequence's tail.
    at = settings.index("<w:updateFields")
    for later in ("<w:rsids", "<w:themeFontLang", "<w:decimalSymbol"):
        if later in settings:
            assert at < settings.index(later), settings
    assert "TOC \\o &quot;1-2&quot;" in parts["word/document.xml"]  # the field Word fills


def test_only_web_mail_and_relative_links_stay_links(doc_path: Path) -> None:
    answer = (
        "[click me](javascript:alert(1)), [spaced]( \tJavaScript:alert(2)), "
        "[file](file:///etc/passwd), <vbscript:msgbox(3)>, "
        "[site](https://example.org/a), [mail](mailto:team@example.org), "
        "[notes](notes/plan.md) and [up](#essentials)."
    )
    parts = _exported(doc_path, answer)
    rels = parts["word/_rels/document.xml.rels"]
    body = parts["word/document.xml"]
    for gone in ("javascript", "JavaScript", "file:", "vbscript"):
        assert gone not in rels, rels
    for kept in ("https://example.org/a", "mailto:team@example.org", "notes/plan.md"):
        assert f'Target="{kept}"' in rels, rels
    assert 'w:anchor="essentials"' in body or "#essentials" in rels
    # The text of a dropped link is still there, as plain text, saying the link is gone
    # (core/mdlinks_unsafe.py: the Markdown, and so every format, shows the same words).
    for text in (
        "click me (unsafe javascript:",
        "spaced (unsafe javascript:",
        "file (unsafe file:",
    ):
        assert text in body, text


def test_text_reads_as_written_no_smart_typography(doc_path: Path) -> None:
    assert PANDOC is not None
    answer = 'Train with --epochs 3 -- or more... then "evaluate" it\'s fine.'
    parts = _exported(doc_path, answer)
    body = parts["word/document.xml"]
    assert "--epochs 3 -- or more..." in body, body[:2000]
    assert "\u2013" not in body and "\u2026" not in body and "\u201c" not in body
    back = subprocess.run(
        [PANDOC, "--from=docx", "--to=plain", "--wrap=none", str(doc_path.with_suffix(".docx"))],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
    )
    assert answer in back.stdout, back.stdout
