"""Dollar math on the web page as GitHub shows it (qa10c #8): ``$$a$$`` inside a paragraph
is math, with no stray dollar on either side and no block inside the paragraph; money
stays text."""

from __future__ import annotations

from pathlib import Path

from mldwizard.core.document import Document
from mldwizard.core.html_export import page_parser, render_html
from mldwizard.core.specs import Specs

from .conftest import load

ANSWER = r"Math: $p(y|x) = \frac{1}{1+e^{-z}}$ and $$\sum_i w_i x_i$$ in one paragraph."


def test_double_dollars_inside_a_paragraph_are_math_without_stray_dollars(
    doc_path: Path, specs: Specs
) -> None:
    doc: Document = load(doc_path, specs)
    doc.chapters["essentials"].answers["summary"] = ANSWER
    html = render_html(doc, specs, base_dir=doc_path.parent)
    assert (
        r'<p>Math: <span class="math inline">p(y|x) = \frac{1}{1+e^{-z}}</span> and '
        r'<span class="math inline">\sum_i w_i x_i</span> in one paragraph.</p>'
    ) in html
    assert "$<span" not in html and "</span>$" not in html


def test_money_code_and_blocks_keep_their_dollars() -> None:
    html = page_parser(None).render(
        "It costs 5$ or $$ 20 a month, `$$x$$` in code.\n\n$$\na^2 < b\n$$\n"
    )
    assert "<p>It costs 5$ or $$ 20 a month, <code>$$x$$</code> in code.</p>" in html
    assert '<div class="math block">\na^2 &lt; b\n</div>' in html
    assert "<div" not in html.split("</p>")[0]
