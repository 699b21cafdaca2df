"""The Word file's package (a zip of XML parts), finished after pandoc made it.

Two things are added:

- ``w:updateFields`` in ``word/settings.xml``: pandoc's table of contents is a field that
  is empty until fields are updated, so Word is asked to update them when it opens the file.
  Word asks first ("This document contains fields that may refer to other files..."); other
  importers (LibreOffice, Google Docs) may need "Update field" / "Update index" by hand.
- a digest (``mldwizard-digest`` in ``docProps/custom.xml``, next to ``generator``) of every
  other part as written. The ``generator`` mark survives editing; the digest does not. So a
  later export replaces a Word file only if it is still exactly as exported (`export_state`),
  never one a reviewer edited and saved.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Literal

GENERATOR = "mldwizard"
CUSTOM = "docProps/custom.xml"
SETTINGS = "word/settings.xml"
DIGEST_NAME = "mldwizard-digest"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
UPDATE_FIELDS = '<w:updateFields w:val="true"/>'
# w:settings is a sequence: updateFields comes before the first of these (ECMA-376 CT_Settings).
AFTER_UPDATE_FIELDS = [
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]
CHUNK = 1 << 16

ExportState = Literal["unchanged", "changed", "unmarked", "foreign"]


def finish_package(data: bytes) -> bytes:
    """pandoc's Word file with fields updated on open and the digest recorded."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    parts = [
        (info, _update_fields(body) if info.filename == SETTINGS else body) for info, body in parts
    ]
    digest = _digest_of(
        (info.filename, io.BytesIO(body)) for info, body in parts if info.filename != CUSTOM
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, body in parts:
            if info.filename == CUSTOM:
                body = _with_digest(body, digest)
            archive.writestr(info, body)
    return out.getvalue()


def export_state(path: Path) -> ExportState:
    """Whether the Word file at ``path`` is an export exactly as written ("unchanged"), one
    changed since ("changed"), one an mldwizard that recorded no digest wrote ("unmarked"),
    or not an export at all ("foreign")."""
    try:
        with zipfile.ZipFile(path) as archive:
            custom = archive.read(CUSTOM).decode("utf-8", "replace")
            if _property(custom, "generator") != GENERATOR:
                return "foreign"
            recorded = _property(custom, DIGEST_NAME)
            if recorded is None:
                return "unmarked"
            infos = [i for i in archive.infolist() if i.filename != CUSTOM]
            digest = _digest_of((i.filename, archive.open(i)) for i in infos)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return "foreign"
    return "unchanged" if digest == recorded else "changed"


def _digest_of(parts: Iterable[tuple[str, IO[bytes]]]) -> str:
    """SHA-256 over each part's name and content, in the package's order."""
    sha = hashlib.sha256()
    for name, stream in parts:
        sha.update(name.encode("utf-8") + b"\0")
        with stream:
            while chunk := stream.read(CHUNK):
                sha.update(chunk)
        sha.update(b"\0")
    return "sha256:" + sha.hexdigest()


def _property(custom: str, name: str) -> str | None:
    found = re.search(rf'name="{re.escape(name)}"><vt:lpwstr>([^<]*)</vt:lpwstr>', custom)
    return None if found is None else found.group(1)


def _with_digest(custom: bytes, digest: str) -> bytes:
    text = custom.decode("utf-8")
    pids = [int(p) for p in re.findall(r'\bpid="(\d+)"', text)]
    prop = (
        f'<property fmtid="{CUSTOM_FMTID}" pid="{max(pids, default=1) + 1}" '
        f'name="{DIGEST_NAME}"><vt:lpwstr>{digest}</vt:lpwstr></property>'
    )
    return text.replace("</Properties>", prop + "</Properties>", 1).encode("utf-8")


def _update_fields(settings: bytes) -> bytes:
    text = settings.decode("utf-8")
    if "<w:updateFields" in text:
        return settings
    for name in AFTER_UPDATE_FIELDS:
        found = re.search(rf"<w:{name}[\s/>]", text)
        if found is not None:
            at = found.start()
            break
    else:
        at = text.rindex("</w:settings>")
    return (text[:at] + UPDATE_FIELDS + text[at:]).encode("utf-8")
