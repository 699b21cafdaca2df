"""Dollar math on the web page, read as GitHub reads it: ``$a$`` inline, a ``$$`` block on
its own lines, and ``$$a$$`` inside a paragraph (qa10c #8: without it the page showed
``$<span>a</span>$``, a dollar sign on each side).

Math is shown as written (escaped LaTeX in a ``math`` span, no script). A ``$$`` inside a
paragraph is always a span, never the plugin's ``<div>``, which a paragraph cannot hold.
Dollars that read as money stay text: ``$5``, ``5$`` and a ``$$`` followed by a space
(``costs $$ 10``) are never math.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin


def math_plugin(md: MarkdownIt) -> None:
    md.use(dollarmath_plugin, allow_digits=False, allow_space=False, double_inline=True)
    md.inline.ruler.before("math_inline", "dollars_as_text", _dollars_as_text)
    md.add_render_rule("math_inline_double", _math_inline_double)


def _dollars_as_text(state: StateInline, silent: bool) -> bool:
    """``$$`` followed by a space (or at the end) opens no math: it is text, as a single
    ``$`` followed by a space is (``allow_space=False`` looks only one character ahead)."""
    src, pos = state.src, state.pos
    if not src.startswith("$$", pos) or (pos > 0 and src[pos - 1] == "\\"):
        return False
    after = src[pos + 2 : pos + 3]
    if after and not after.isspace():
        return False
    if not silent:
        state.pending += "$$"
    state.pos += 2
    return True


def _math_inline_double(
    self: RendererProtocol,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    return f'<span class="math inline">{escape(tokens[idx].content.strip(), quote=False)}</span>'
