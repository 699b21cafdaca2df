"""Which link targets may stay links: the one rule for every format and every entry point.

A link in a design document goes to a web page (``http:``, ``https:``), an email address
(``mailto:``), a place in the document (``#metrics``) or a file next to it (a path, no
scheme). Anything else (``javascript:``, ``vbscript:``, ``data:``, ``file:``, and every other
scheme) could run code or open local data in a reader's browser or Word: the Markdown shows
its text without the link (`mdlinks_unsafe`, so the page and the Word file, made from that
Markdown, do the same), and ``set --link``, the wizard and ``set --from`` refuse to store one.
Evidence links are stricter still (core/evidence_links.py).
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_IGNORED = "".join(map(chr, range(33)))  # what a browser skips before the scheme


def unsafe_scheme(target: str) -> str | None:
    """The scheme that makes ``target`` unsafe as a link (lower case: ``javascript``), or
    None when it may stay a link. As a browser reads it: tabs and line breaks removed,
    leading controls and spaces ignored."""
    cleaned = "".join(c for c in target if c not in "\t\n\r").lstrip(_IGNORED)
    found = _SCHEME.match(cleaned)
    if found is None or found.group(1).lower() in SAFE_SCHEMES:
        return None
    return found.group(1).lower()


def link_problem(where: str, link: str) -> str | None:
    """Why ``link`` may not be stored as a link of ``where`` ("essentials.links"); None
    when it may."""
    scheme = unsafe_scheme(link)
    if scheme is None:
        return None
    return (
        f"{where}: {link.strip()!r} is not a safe link: a {scheme}: address can run code or "
        "open local files in a reader's browser; give a web address (http:// or https://), "
        "a mailto: address or a relative path to a file in the repository"
    )
