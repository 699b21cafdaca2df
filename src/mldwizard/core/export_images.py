"""Images in answers, for the HTML and Word exports: which ones go into the file.

An export must neither fetch anything nor carry anything but images: a document from
someone else, exported and sent back, must not smuggle out a local file named in an image
(``![x](~/.ssh/id_rsa)``). So a remote image (any URL with a scheme or ``//``) is never
fetched (the exports show it as a link), and a local one goes in only if its bytes say it
is a PNG, JPEG, GIF or WebP image of at most 5 MB, read without ever blocking on a FIFO or a
device. Relative paths are relative to the document's folder, as in the ``.md`` beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .files import SpecialFile, open_regular

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
EXTENSION = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
NOT_EMBEDDED = "not found, or not a PNG, JPEG, GIF or WebP file"


@dataclass(frozen=True)
class LocalImage:
    mime: str
    data: bytes


def is_remote(src: str) -> bool:
    """A URL with a scheme (but ``data:``) or a host: never fetched by an export."""
    parts = urlsplit(src)
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme.lower() != "data")


def local_image(base_dir: Path | None, src: str) -> LocalImage | None:
    """The image a local ``src`` (URL-encoded, as in Markdown) names, or None."""
    text = unquote(urlsplit(src).path)
    if not text:
        return None
    path = Path(text)
    if not path.is_absolute():
        if base_dir is None:
            return None
        path = base_dir / path
    try:
        fd = open_regular(path)
    except (OSError, SpecialFile):
        return None
    try:
        if os.fstat(fd).st_size > MAX_IMAGE_BYTES:
            return None
        data = os.read(fd, MAX_IMAGE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    for mime, magics in IMAGE_MAGIC.items():
        if data.startswith(magics) and (mime != "image/webp" or data[8:12] == b"WEBP"):
            return LocalImage(mime, data)
    return None
