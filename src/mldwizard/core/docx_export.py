"""``export --format docx``: the document as a Word file, made by pandoc.

Many teams review design documents in Word, Google Docs or Confluence, which all import
``.docx``. pandoc converts the same Markdown the other exports come from (`export_source`):
the project title becomes the Word title, the parts and steps become Heading 1 and 2, and a
table of contents comes first. pandoc is the one from ``pip install 'mldwizard[docx]'``
(pypandoc-binary) or, failing that, a ``pandoc`` on PATH.

The file carries a custom property ``generator = mldwizard`` (docProps/custom.xml), by which
a later export knows it may replace it (`is_docx_export`).
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .document import Document
from .errors import UsageError, WriteError
from .export_source import export_source
from .markdown import render_markdown
from .specs import Specs

GENERATOR = "mldwizard"
# Remote images become links, as in the HTML export: making the file fetches nothing.
REMOTE_IMAGES_AS_LINKS = """
function Image(image)
  if image.src:match("^//") or (image.src:match("^%a[%w+.-]*:") and
      not image.src:match("^[Dd][Aa][Tt][Aa]:")) then
    return pandoc.Link(image.caption, image.src, image.title)
  end
end
"""
PANDOC_TIMEOUT_S = 600
NO_PANDOC = (
    "a Word (.docx) export needs pandoc, which was not found: install it with "
    "`pip install 'mldwizard[docx]'` (it brings its own pandoc), or install pandoc "
    "(https://pandoc.org/installing.html) so that `pandoc` is on PATH"
)
# commonmark_x: tables, footnotes, strike-through and $math$, like the HTML export. Off: raw
# HTML (as there), raw Word XML (```{=openxml} in an answer would write straight into the
# file) and YAML metadata blocks (an answer cannot retitle the document).
PANDOC_FROM = "commonmark_x-raw_html-raw_attribute-yaml_metadata_block"


def find_pandoc() -> str | None:
    """pypandoc-binary's pandoc, else the one on PATH, else None."""
    try:
        pypandoc = importlib.import_module("pypandoc")
        found = str(pypandoc.get_pandoc_path())
    except (ImportError, OSError, RuntimeError):  # not installed, or it has no pandoc
        found = ""
    if found and Path(found).is_file():
        return found
    return shutil.which("pandoc")


def render_docx(doc: Document, specs: Specs, *, base_dir: Path | None = None) -> bytes:
    """The Word file's bytes. ``base_dir`` (the document's folder) is where pandoc looks for
    images with relative paths."""
    source = export_source(render_markdown(doc, specs))
    return markdown_to_docx(source, base_dir=base_dir)


def markdown_to_docx(source: str, *, base_dir: Path | None = None) -> bytes:
    """pandoc's Word file of ``source`` (its one level-1 heading becomes the title)."""
    pandoc = find_pandoc()
    if pandoc is None:
        raise UsageError(NO_PANDOC)
    with tempfile.TemporaryDirectory(prefix="mldwizard-docx-") as tmp:
        target = Path(tmp) / "document.docx"
        links = Path(tmp) / "remote-images.lua"
        links.write_text(REMOTE_IMAGES_AS_LINKS, encoding="utf-8")
        command = [
            pandoc,
            f"--from={PANDOC_FROM}",
            "--to=docx",
            # The document's one level-1 heading (the project title) becomes the title.
            "--shift-heading-level-by=-1",
            "--toc",
            "--toc-depth=2",
            f"--metadata=generator:{GENERATOR}",
            f"--resource-path={base_dir or Path.cwd()}",
            f"--lua-filter={links}",
            f"--output={target}",
        ]
        try:
            done = subprocess.run(
                command,
                input=source.encode("utf-8"),
                capture_output=True,
                timeout=PANDOC_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise WriteError(f"pandoc ({pandoc}) could not run: {exc}") from None
        if done.returncode != 0 or not target.is_file():
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise WriteError(
                f"pandoc ({pandoc}) could not make the Word file (exit code "
                f"{done.returncode}): {' '.join(said) or 'no message'}"
            )
        return target.read_bytes()


def is_docx_export(path: Path) -> bool:
    """Whether the file at ``path`` is a Word file an earlier export wrote."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom = archive.read("docProps/custom.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    return f'name="generator"><vt:lpwstr>{GENERATOR}</vt:lpwstr>' in custom
