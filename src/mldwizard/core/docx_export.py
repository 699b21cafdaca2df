"""``export --format docx``: the document as a Word file, made by pandoc.

Many teams review design documents in Word, Google Docs or Confluence, which all import
``.docx``. pandoc converts the same Markdown the other exports come from (`export_source`):
the project title becomes the Word title, the parts and steps become Heading 1 and 2, and a
table of contents comes first. pandoc is the one from ``pip install 'mldwizard[docx]'``
(pypandoc-binary) or, failing that, a ``pandoc`` on PATH.

The file carries a custom property ``generator = mldwizard`` (docProps/custom.xml) and a
digest of what was written, by which a later export knows it may replace it: only an export
nobody changed since (`docx_package`). Word updates the table of contents when it opens the
file; other importers may need "Update field".
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .document import Document
from .docx_package import GENERATOR, finish_package
from .errors import UsageError, WriteError
from .export_images import EXTENSION, LocalImage, find_image, is_remote, left_out
from .export_source import export_source
from .link_schemes import unsafe_scheme
from .markdown import render_markdown
from .specs import Specs

PANDOC_TIMEOUT_S = 600
NO_PANDOC = (
    "a Word (.docx) export needs pandoc, which was not found: install it with "
    "`pip install 'mldwizard[docx]'` (it brings its own pandoc), or install pandoc "
    "(https://pandoc.org/installing.html) so that `pandoc` is on PATH"
)
# commonmark_x: tables, footnotes, strike-through and $math$, like the HTML export. Off: raw
# HTML (as there), raw Word XML (```{=openxml} in an answer would write straight into the
# file), YAML metadata blocks (an answer cannot retitle the document) and smart typography
# (`--epochs` stays `--epochs`, not `–epochs`; `...` and straight quotes stay as typed).
PANDOC_FROM = "commonmark_x-raw_html-raw_attribute-yaml_metadata_block-smart"
# Link targets that stay live links; any other scheme (javascript:, file:, data:) keeps only
# its text. No scheme (a relative path, #anchor) is a link within the document's folder.


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


def render_docx(
    doc: Document, specs: Specs, *, base_dir: Path | None = None, draft: bool = False
) -> bytes:
    """The Word file's bytes. ``base_dir`` (the document's folder) is where pandoc looks for
    images with relative paths; ``draft``: the draft layout, as ``export --draft``."""
    source = export_source(render_markdown(doc, specs, draft=draft))
    return markdown_to_docx(source, base_dir=base_dir)


def markdown_to_docx(source: str, *, base_dir: Path | None = None) -> bytes:
    """pandoc's Word file of ``source`` (its one level-1 heading becomes the title).

    Two runs: Markdown to pandoc's document tree (JSON), where images are sorted out
    (`export_images`: remote ones become links, local ones are copied in only if they are
    images), then the tree to .docx. So pandoc itself never fetches or reads anything."""
    pandoc = find_pandoc()
    if pandoc is None:
        raise UsageError(NO_PANDOC)
    with tempfile.TemporaryDirectory(prefix="mldwizard-docx-") as tmp:
        folder = Path(tmp)
        tree = json.loads(_pandoc(pandoc, [f"--from={PANDOC_FROM}", "--to=json"], source))
        tree = _Images(folder, base_dir).sort(tree)
        target = folder / "document.docx"
        options = [
            "--from=json",
            "--to=docx",
            # The document's one level-1 heading (the project title) becomes the title.
            "--shift-heading-level-by=-1",
            "--toc",
            "--toc-depth=2",
            f"--metadata=generator:{GENERATOR}",
            f"--resource-path={folder}",
            f"--output={target}",
        ]
        _pandoc(pandoc, options, json.dumps(tree))
        if not target.is_file():
            raise WriteError(f"pandoc ({pandoc}) wrote no Word file")
        return finish_package(target.read_bytes())


def _pandoc(pandoc: str, options: list[str], text: str) -> str:
    try:
        done = subprocess.run(
            [pandoc, *options],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=PANDOC_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise WriteError(f"pandoc ({pandoc}) could not run: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise WriteError(
            f"pandoc ({pandoc}) could not make the Word file (exit code "
            f"{done.returncode}): {' '.join(said) or 'no message'}"
        )
    return done.stdout.decode("utf-8")


class _Images:
    """Sorts the images of a pandoc document tree (see `markdown_to_docx`)."""

    def __init__(self, folder: Path, base_dir: Path | None) -> None:
        self.folder = folder
        self.base_dir = base_dir
        self.copied = 0

    def sort(self, node: Any) -> Any:
        if isinstance(node, list):
            return [self.sort(child) for child in node]
        if not isinstance(node, dict):
            return node
        node = {key: self.sort(value) for key, value in node.items()}
        if node.get("t") == "Image":
            return self._image(node)
        if node.get("t") == "Link" and not is_safe_target(node["c"][2][0]):
            return {"t": "Span", "c": [node["c"][0], node["c"][1]]}  # the text, no link
        return node

    def _image(self, node: dict[str, Any]) -> dict[str, Any]:
        attr, caption, (src, title) = node["c"]
        if is_remote(src):
            return {"t": "Link", "c": [attr, caption, [src, title]]}
        if src.lower().startswith("data:"):
            return node
        found = find_image(self.base_dir, src)
        if not isinstance(found, LocalImage):
            text = left_out(_plain(caption), found)
            return {"t": "Emph", "c": [{"t": "Str", "c": text}]}
        self.copied += 1
        copy = self.folder / f"image-{self.copied}{EXTENSION[found.mime]}"
        copy.write_bytes(found.data)
        return {"t": "Image", "c": [attr, caption, [str(copy), title]]}


def is_safe_target(target: str) -> bool:
    """Whether a link to ``target`` may stay a link (core/link_schemes.py): the Markdown has
    already made every unsafe one text; this is the Word file's own guard."""
    return unsafe_scheme(target) is None


def _plain(inlines: Any) -> str:
    """The words of a list of pandoc inlines (an image's alt text)."""
    if isinstance(inlines, list):
        return "".join(_plain(x) for x in inlines)
    if isinstance(inlines, dict):
        if inlines.get("t") == "Str":
            return str(inlines.get("c", ""))
        if inlines.get("t") in ("Space", "SoftBreak", "LineBreak"):
            return " "
        return _plain(inlines.get("c"))
    return ""
