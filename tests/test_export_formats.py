"""``export --format md|html|docx|json``: which format, which file, and how it is written.

The HTML and Word files follow the same rules as the Markdown (`test_export_output.py`):
a new file is as private as the document, an earlier export is replaced atomically, any
other file is refused. A Word file is never written to a terminal, and without pandoc the
message says how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pexpect
import pytest

from mldwizard.cli import main
from mldwizard.core.docx_export import find_pandoc
from mldwizard.core.examples import example_path
from mldwizard.core.html_export import HTML_MARK

from .test_special_files import no_hang

needs_pandoc = pytest.mark.skipif(
    find_pandoc() is None, reason="no pandoc: pip install 'mldwizard[docx]'"
)
TIMEOUT_S = 120


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with no_hang(TIMEOUT_S):  # pandoc may be slow on a busy machine
        code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "routing.toml"
    shutil.copyfile(example_path(), path)
    return path


def test_html_to_standard_output_and_to_a_file_named_html(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "export", str(example), "--format", "html")
    assert code == 0, err
    assert out.startswith(HTML_MARK) and out.rstrip().endswith("</html>")
    # Without --format, the extension of -o decides.
    target = example.parent / "review.html"
    code, _, err = run(capsys, "export", str(example), "-o", str(target))
    assert code == 0 and f"Wrote {target}." in err, err
    assert target.read_text(encoding="utf-8") == out
    # --format with an extension that names no format: what was asked.
    code, _, err = run(
        capsys, "export", str(example), "-o", str(example.parent / "x.page"), "--format", "html"
    )
    assert code == 0, err
    assert (example.parent / "x.page").read_text(encoding="utf-8") == out


@pytest.mark.parametrize(
    ("fmt", "suffix", "head"),
    [
        ("html", ".html", b"<!DOCTYPE html>"),
        ("md", ".md", b"<!-- Generated"),
        ("json", ".json", b"{"),
        ("markdown", ".md", b"<!-- Generated"),
    ],
)
def test_o_alone_writes_next_to_the_document(
    example: Path, capsys: pytest.CaptureFixture[str], fmt: str, suffix: str, head: bytes
) -> None:
    code, out, err = run(capsys, "export", str(example), "-o", "--format", fmt)
    assert code == 0 and out == "", err
    written = example.with_suffix(suffix)
    assert f"Wrote {written}." in err and written.read_bytes().startswith(head)


def test_a_new_html_export_is_as_private_as_the_document_and_replaced_later(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example.chmod(0o600)
    target = example.parent / "page.html"
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600
    target.chmod(0o640)
    inode = target.stat().st_ino
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    # Replaced atomically (a new inode), keeping the permissions the earlier export had.
    assert target.stat().st_ino != inode and target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in example.parent.iterdir()) == ["page.html", "routing.toml"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--format", "html", "-o", "{doc}.md"], "a .md file is Markdown, but --format html"),
        (["--format", "md", "-o", "x.docx"], "a .docx file is a Word file, but --format md"),
        (["--format", "json", "-o", "x.HTM"], "a .htm file is a web page, but --format json"),
        (["--format", "docx", "-o", "x.markdown"], "a .markdown file is Markdown, but --format"),
        (["-o", "x.pdf"], "PDF is not one of them: export html and print it"),
        (["-o", "notes.txt"], ".txt is not an export format; the formats are md (.md), html"),
    ],
)
def test_a_format_the_file_name_contradicts_is_refused(
    example: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    markdown = example.with_suffix(".md")
    assert run(capsys, "export", str(example), "-o")[0] == 0  # NAME.md, as a save writes it
    before = markdown.read_bytes()
    args = [a.replace("{doc}", str(example.with_suffix(""))) for a in args]
    target = Path(args[-1]) if args[-1].startswith("/") else example.parent / args[-1]
    code, out, err = run(capsys, "export", str(example), *args[:-1], str(target))
    assert code == 2 and out == "", err
    assert said in err and "Nothing was written" in err and "Traceback" not in err, err
    assert markdown.read_bytes() == before
    assert sorted(p.name for p in example.parent.iterdir()) == ["routing.md", "routing.toml"]
    # The document is still saved as usual afterwards (its Markdown is still its own).
    code, _, err = run(capsys, "set", str(example), "1", "--status", "review")
    assert code == 0, err


def test_only_markdown_goes_into_the_documents_own_markdown(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = example.with_suffix(".md")
    assert run(capsys, "export", str(example), "-o")[0] == 0
    before = markdown.read_bytes()
    # A name that agrees with the format but leads to NAME.md all the same.
    (example.parent / "page.html").symlink_to(markdown.name)
    code, _, err = run(capsys, "export", str(example), "-o", str(example.parent / "page.html"))
    assert code == 2, err
    assert "that is the document's Markdown (routing.md), which only a Markdown export" in err
    assert markdown.read_bytes() == before
    # Markdown itself, by any name, is still written there.
    code, _, err = run(capsys, "export", str(example), "-o", str(markdown), "--format", "md")
    assert code == 0, err


def test_a_page_mldwizard_did_not_write_is_never_replaced(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = example.parent / "index.html"
    target.write_text("<!DOCTYPE html>\n<p>The team's own page</p>\n")
    code, _, err = run(capsys, "export", str(example), "-o", str(target))
    assert code == 2 and "was not written by mldwizard" in err, err
    assert target.read_text() == "<!DOCTYPE html>\n<p>The team's own page</p>\n"


@needs_pandoc
def test_a_word_file_is_written_marked_and_replaced_only_if_ours(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example.chmod(0o600)
    code, out, err = run(capsys, "export", str(example), "-o", "--format", "docx")
    target = example.with_suffix(".docx")
    assert code == 0 and out == "" and f"Wrote {target}." in err, err
    assert target.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(target) as archive:
        assert "Routing support tickets" in archive.read("docProps/core.xml").decode()
        assert "mldwizard" in archive.read("docProps/custom.xml").decode()
    # An earlier export is replaced; another Word file (a zip too) is not.
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    theirs = example.parent / "minutes.docx"
    with zipfile.ZipFile(theirs, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    before = theirs.read_bytes()
    code, _, err = run(capsys, "export", str(example), "-o", str(theirs))
    assert code == 2 and "was not written by mldwizard" in err, err
    assert theirs.read_bytes() == before


def edited(docx: Path, old: str, new: str) -> None:
    """What a reviewer's Word does: the same package with ``old`` replaced by ``new`` in
    word/document.xml, every other part (the custom properties too) kept as it was."""
    with zipfile.ZipFile(docx) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(docx, "w") as archive:
        for info, body in parts:
            if info.filename == "word/document.xml":
                assert old.encode() in body
                body = body.replace(old.encode(), new.encode())
            archive.writestr(info, body)


@needs_pandoc
def test_a_word_file_edited_since_it_was_exported_is_never_replaced(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = example.parent / "reviewed.docx"
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    # Unchanged since the export: replaced, and still replaceable after that.
    assert run(capsys, "export", str(example), "-o", str(target))[0] == 0
    edited(target, "Routing support tickets", "Routing support tickets (reviewed: OK)")
    before = target.read_bytes()
    code, out, err = run(capsys, "export", str(example), "-o", str(target))
    assert code == 2 and out == "", err
    assert f"{target} has changed since it was exported (edited by a reviewer?)" in err, err
    assert "write to another file or move it away" in err and "Traceback" not in err
    assert target.read_bytes() == before
    # --format docx -o alone (NAME.docx beside the document) is guarded the same way.
    beside = example.with_suffix(".docx")
    assert run(capsys, "export", str(example), "-o", "--format", "docx")[0] == 0
    edited(beside, "Routing support tickets", "Routing tickets")
    before = beside.read_bytes()
    code, _, err = run(capsys, "export", str(example), "-o", "--format", "docx")
    assert code == 2 and "has changed since it was exported" in err, err
    assert beside.read_bytes() == before


@needs_pandoc
def test_a_word_file_goes_into_a_pipe_but_never_to_a_terminal(
    example: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "mldwizard", "export", str(example), "--format", "docx"]
    piped = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith(b"PK\x03\x04")
    # In a real terminal: refused, with what to do instead, and nothing written anywhere;
    # the same when -o names the terminal (standard output or the controlling terminal).
    for extra in ([], ["-o", "/dev/stdout"], ["-o", "/dev/tty"], ["-o", "/dev/fd/1"]):
        child = pexpect.spawn(
            command[0],
            command[1:] + extra,
            cwd=str(tmp_path),
            timeout=TIMEOUT_S,
            dimensions=(24, 100),
        )
        child.expect(pexpect.EOF)
        child.close()
        shown = child.before.decode("utf-8", "replace").replace("\r\n", " ")
        assert child.exitstatus == 2, (extra, shown)
        assert "a Word file is not for a terminal" in shown and "-o FILE.docx" in shown, shown
        assert "PK" not in shown and "Wrote" not in shown and "Traceback" not in shown, shown
        assert sorted(p.name for p in tmp_path.iterdir()) == ["routing.toml"]


def test_without_pandoc_the_message_says_how_to_get_it(example: Path, tmp_path: Path) -> None:
    # No pypandoc (a module in front of it on sys.path refuses to import) and no pandoc on
    # PATH: what a user without the [docx] extra meets.
    hide = tmp_path / "hide"
    (hide / "pypandoc").mkdir(parents=True)
    (hide / "pypandoc" / "__init__.py").write_text("raise ImportError('not installed')\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(hide), "PATH": str(empty)}
    done = subprocess.run(
        [sys.executable, "-m", "mldwizard", "export", str(example), "-o", "--format", "docx"],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "pip install 'mldwizard[docx]'" in done.stderr and "install pandoc" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not example.with_suffix(".docx").exists()


def test_help_explains_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for fmt in ("md ", "html ", "docx ", "json "):
        assert f"\n  {fmt}" in out, out
    assert "pip install 'mldwizard[docx]'" in out and "self-contained" in out


@pytest.mark.parametrize("fmt", ["md", "html", "json", pytest.param("docx", marks=needs_pandoc)])
def test_a_full_standard_output_is_a_message_not_a_traceback(example: Path, fmt: str) -> None:
    command = [sys.executable, "-m", "mldwizard", "export", str(example), "--format", fmt]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT_S, check=False
        )
    assert done.returncode == 2, done.stderr
    said = "mldwizard: cannot write to standard output: No space left on device\n"
    assert done.stderr == said, done.stderr
    # A reader that goes away early is no error, as before: quiet, exit 0.
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10)
    reader.stdout.close()
    assert reader.wait(timeout=TIMEOUT_S) == 0
    assert reader.stderr.read() == b""
    reader.stderr.close()
