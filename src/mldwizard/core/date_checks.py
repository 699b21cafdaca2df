"""``check`` findings about dates an answer gives (MLD075).

* MLD075: the version one date (``essentials.v1_date``) is before the day the document was
  started: a target set in the past when the design began is a typo (1999 for 2027), not a
  plan. Later, once the date has passed, it is history and nothing is said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .document import Document

VERSION_ONE = ("essentials", "v1_date")
"""The step and question that hold the version one date."""

Add = Callable[[str, str], None]


def date_findings(doc: Document, add: Add) -> None:
    """Report through ``add(slug, message)``."""
    slug, qid = VERSION_ONE
    if not doc.is_stored(slug):
        return
    value = doc.step(slug).answers.get(qid)
    if isinstance(value, dt.date) and value < doc.project.created:
        add(
            slug,
            f"the version one date ({qid}) {value.isoformat()} is before the document was "
            f"started ({doc.project.created.isoformat()}): a target already past on the first "
            "day; correct the year, or say why in the chapter's notes",
        )
