"""QA10c #15: on the web page a gap's condition was said in the Verdicts section and in its
own section, the gap itself a third time in the banner. The banner is the page's Verdicts
(each gap by name, owner and due date, a link to its section); the Markdown's Verdicts box is
not repeated, so a condition is on the page once, a gap twice."""

from __future__ import annotations

import html
import re
from pathlib import Path

from mldwizard.core import storage
from mldwizard.core.document import FeasibilityItem
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.html_export import render_html
from mldwizard.core.specs import Specs


def visible(page: str) -> str:
    """The page's text as a reader sees it, up to the authors' changelog."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.split('id="recent-changes"')[0]))
    return " ".join(text.split())


def test_each_condition_is_said_once_and_the_contents_link_to_the_banner(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    page = render_html(doc, specs)
    text = visible(page)
    states = [*doc.feasibility.items.values()]
    states += [i for gate in doc.stage_gates.values() for i in gate.items.values()]
    conditions = [" ".join(s.condition.split()) for s in states if s.condition.strip()]
    assert len(conditions) >= 6
    for condition in conditions:
        assert text.count(condition[:60]) == 1, condition
    # The banner is the Verdicts section: the contents' link lands on it.
    assert '<section class="verdicts" id="verdicts"' in page
    assert '<h2 id="verdicts"' not in page
    nav = page[page.index("<nav") : page.index("</nav>")]
    assert '<li><a href="#verdicts">Verdicts</a>' in nav


def test_an_incomplete_checklist_lists_what_is_owed_in_the_banner(
    doc_path: Path, specs: Specs
) -> None:
    """The checklist's section says the answers owed are "listed under Verdicts": on the
    page, that is the banner, which lists them one chapter to a line."""
    doc = storage.load_document(doc_path, specs)
    for item in specs.feasibility.items if specs.feasibility else []:
        doc.feasibility.items[item.id] = FeasibilityItem(status="met", note="Checked.")
    page = render_html(doc, specs, base_dir=doc_path.parent)
    banner = page[page.index('<section class="verdicts"') : page.index("</section>")]
    assert '<span class="verdict-value">INCOMPLETE</span>' in banner
    owed = re.search(r"<li>No verdict on a project nobody has described\..*?<ul>(.*?)</ul>", banner)
    assert owed is not None, banner
    assert re.search(r"<li>2\. Is there a problem\?: Problem statement, [^<]+\.</li>", owed[1])
    assert 'listed under <a href="#verdicts">Verdicts</a>' in page
