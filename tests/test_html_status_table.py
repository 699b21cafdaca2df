"""The web page's chapter-status table counts what a step asks; a step that asks nothing
yet (a later stage gate) shows a dash, not "0 of 0" (qa9c #15)."""

from __future__ import annotations

import re

from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.html_export import render_html
from mldwizard.core.specs import Specs


def test_a_step_that_asks_nothing_yet_shows_a_dash(specs: Specs) -> None:
    page = render_html(example_document(specs, EXAMPLE_AS_OF), specs)
    cells = re.findall(r'<td data-label="Answered">([^<]*)</td>', page)
    assert cells and "0 of 0" not in cells
    assert "—" in cells  # the production gate, not reached at the prototype stage
    assert all(c == "—" or re.fullmatch(r"\d+ of \d+", c) for c in cells)
