"""Images in answers, for the HTML and Word exports: which ones go into the file.

An export must neither fetch anything nor carry anything but images: a document from
someone else, exported and sent back, must not smuggle out a local file named in an image
(``![x](~/.ssh/id_rsa)``). So a remote image (any URL with a scheme or ``//``) is never
fetched (the exports show it as a link), and a local one goes in only if its bytes say it
is a PNG, JPEG, GIF or WebP image of at most 5 MB, read without ever blocking on a FIFO or a
device, and only if its real path (symbolic links followed) lies inside the document's
folder. Relative paths are relative to that folder, as in the ``.md`` beside it. An image
left out has a reason (`ImageProblem`) that the export shows in place, without its path
(`left_out`), and that the CLI prints with it.
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
NOT_AN_IMAGE = "not a PNG, JPEG, GIF or WebP image"
OUTSIDE = "outside the document's folder"


@dataclass(frozen=True)
class LocalImage:
    mime: str
    data: bytes


@dataclass(frozen=True)
class ImageProblem:
    """Why a local image was not embedded: ``src`` as written (decoded), ``reason``."""

    src: str
    reason: str


def left_out(alt: str, problem: ImageProblem) -> str:
    """What an export shows in place of an image it left out: its alt text and why, never
    its path. A document is committed and sent around; the author's file system stays out
    of it (the path is named only on stderr, for the author)."""
    said = f'image "{alt}"' if alt.strip() else "an image"
    return f"[{said} not included: {problem.reason}]"


def is_remote(src: str) -> bool:
    """A URL with a scheme (but ``data:``) or a host: never fetched by an export."""
    parts = urlsplit(src)
    return bool(parts.netloc) or (bool(parts.scheme) and parts.scheme.lower() != "data")


def local_image(base_dir: Path | None, src: str) -> LocalImage | None:
    """The image a local ``src`` (URL-encoded, as in Markdown) names, or None."""
    found = find_image(base_dir, src)
    return found if isinstance(found, LocalImage) else None


def find_image(base_dir: Path | None, src: str) -> LocalImage | ImageProblem:
    """The image a local ``src`` names, or why it is not embedded."""
    text = unquote(urlsplit(src).path)
    problem = ImageProblem(unquote(src), "not found")
    if not text or base_dir is None:
        return problem if text else ImageProblem(unquote(src), "no file named")
    try:
        folder = base_dir.resolve()
        path = (folder / text).resolve()  # an absolute path stays itself
    except (OSError, RuntimeError):  # a symlink loop
        return problem
    if not path.is_relative_to(folder):
        return ImageProblem(problem.src, OUTSIDE)
    try:
        fd = open_regular(path)
    except SpecialFile as exc:
        return ImageProblem(problem.src, f"not a file but a {exc.kind}")
    except (FileNotFoundError, NotADirectoryError):
        return problem
    except OSError as exc:
        return ImageProblem(problem.src, f"cannot be read: {exc.strerror or exc}")
    try:
        size = os.fstat(fd).st_size
        if size > MAX_IMAGE_BYTES:
            mb = size / (1024 * 1024)
            limit = MAX_IMAGE_BYTES // (1024 * 1024)
            return ImageProblem(problem.src, f"too large: {mb:.1f} MB, the limit is {limit} MB")
        data = os.read(fd, MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        return ImageProblem(problem.src, f"cannot be read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    for mime, magics in IMAGE_MAGIC.items():
        if data.startswith(magics) and (mime != "image/webp" or data[8:12] == b"WEBP"):
            return LocalImage(mime, data)
    return ImageProblem(problem.src, NOT_AN_IMAGE)
