"""What counts as an evidence link on a checklist item: a web address or a path in the
repository. Anything else ("x", "see Slack") is refused by ``set`` and does not count as
evidence in a document that already holds it (``check`` names it, MLD019)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WHAT_COUNTS = (
    "a web address (http:// or https://, such as https://tickets.example.com/SUPOPS-431) or "
    "a relative path to a file or folder in the repository (such as reports/baseline.md)"
)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FILE_NAME = re.compile(r"^[^.\s][^\s]*\.[A-Za-z0-9]{1,10}$")
"""A last part with an extension: README.md, eval.ipynb."""


def link_problem(link: str) -> str | None:
    """Why ``link`` is not an evidence link (None when it is one)."""
    text = link.strip()
    if not text:
        return "an evidence link is empty"
    if any(c.isspace() for c in text):
        return f"evidence link {text!r} has spaces; give {WHAT_COUNTS}"
    if _SCHEME.match(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
        parts = urlsplit(text)
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return None
        return f"evidence link {text!r} is not an http or https address; give {WHAT_COUNTS}"
    if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:[\\/]", text):
        return f"evidence link {text!r} is an absolute path; give {WHAT_COUNTS}"
    segments = re.split(r"[\\/]", text)
    if ".." in segments:
        return f"evidence link {text!r} leaves the repository (..); give {WHAT_COUNTS}"
    named = [s for s in segments if s and s != "."]
    if not named:
        return f"evidence link {text!r} names no file; give {WHAT_COUNTS}"
    if len(segments) == 1 and not _FILE_NAME.match(text):  # "x": no folder, no extension
        return (
            f"evidence link {text!r} is not a web address or a path in the repository; give "
            + WHAT_COUNTS
        )
    return None


def counted_links(links: list[str]) -> list[str]:
    """The links that count as evidence."""
    return [link for link in links if link_problem(link) is None]
