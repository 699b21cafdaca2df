"""Links to unsafe targets (``javascript:``, ``data:``, ``vbscript:``, ``file:``...) in an
answer: the Markdown keeps the text, drops the link and says so, and the page and the Word
file (made from it) show the same words; ``set --link`` and ``set --from`` refuse to store
one (qa9c #14). The rule is core/link_schemes.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.core import storage
from mldwizard.core.docx_export import find_pandoc
from mldwizard.core.link_schemes import unsafe_scheme
from mldwizard.core.mdsafe import safe_block

from .cli_run import cli
from .test_html_export import Page

ANSWER = (
    "Read [click me](javascript:alert(1)), [shout](JaVaScRiPt:alert(2)), "
    '[data](data:text/html;base64,PHNjcmlwdD4=), [vb](vbscript:msgbox(3) "t"), '
    "[passwd](file:///etc/passwd), [coded](java&#115;cript:alert(4)), "
    "<javascript:alert(5)>, ![pixel](javascript:alert(6)) and `[kept](javascript:code)`; "
    "also [site](https://example.org/a), [mail](mailto:team@example.org), "
    "[notes](notes/plan.md) and [up](#essentials)."
)
REMOVED = [
    "click me (unsafe javascript: link removed)",
    "shout (unsafe javascript: link removed)",
    "data (unsafe data: link removed)",
    "vb (unsafe vbscript: link removed)",
    "passwd (unsafe file: link removed)",
    "coded (unsafe javascript: link removed)",
    "(unsafe javascript: link removed)",
    "pixel (unsafe javascript: image removed)",
]
KEPT = [
    "[site](https://example.org/a)",
    "[mail](mailto:team@example.org)",
    "[notes](notes/plan.md)",
    "[up](#essentials)",
    "`[kept](javascript:code)`",
]


@pytest.mark.parametrize(
    ("target", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        (" \tJaVa\nScript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("vbscript:x", "vbscript"),
        ("file:///etc/passwd", "file"),
        ("https://example.org", None),
        ("mailto:a@example.org", None),
        ("docs/plan.md", None),
        ("#metrics", None),
    ],
)
def test_the_rule(target: str, scheme: str | None) -> None:
    assert unsafe_scheme(target) == scheme


def test_the_markdown_keeps_the_text_and_says_the_link_was_removed(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "set", doc_path, "essentials", "summary", ANSWER)
    assert code == 0, err
    assert (
        "Warning: essentials.summary links to an unsafe data:, file:, javascript:, vbscript: "
        "address; the document shows the link's text, with a note that the link was removed."
    ) in " ".join(out.split())
    md = storage.markdown_path(doc_path).read_text(encoding="utf-8")
    for text in REMOVED + KEPT:
        assert text in md, text
    for live in ("](javascript:", "](JaVaScRiPt:", "](data:", "](vbscript:", "](file:"):
        assert live not in md.replace("`[kept](javascript:code)`", ""), live
    assert "\\<javascript:alert(5)\\> (unsafe javascript: link removed)" in md
    assert "<javascript:" not in md.replace("\\<javascript:", "")


def test_in_code_blocks_and_list_answers(specs: object) -> None:
    fenced = "```\n[x](javascript:alert(1))\n```"
    assert safe_block(fenced) == fenced
    from mldwizard.core.mdsafe import list_answer

    assert list_answer(["[x](javascript:alert(1))", "[y](https://example.org)"]) == (
        "- x (unsafe javascript: link removed)\n- [y](https://example.org)"
    )


def test_a_form_it_cannot_take_apart_is_shown_as_code() -> None:
    """A destination on the next line is still a link for CommonMark: the answer is shown
    as a code block, never with the link live."""
    assert safe_block("[x](\njavascript:alert(1))").startswith("```text\n")


def test_the_page_shows_the_same_words_and_no_link(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "set", doc_path, "essentials", "summary", ANSWER)[0] == 0
    code, html, err = cli(capsys, "export", doc_path, "--format", "html")
    assert code == 0, err
    for text in REMOVED:
        assert text in html, text
    hrefs = [a.get("href", "") for a in Page(html).all("a")]
    assert "https://example.org/a" in hrefs and "mailto:team@example.org" in hrefs
    assert not [h for h in hrefs if unsafe_scheme(h)], hrefs


@pytest.mark.skipif(find_pandoc() is None, reason="no pandoc: pip install 'mldwizard[docx]'")
def test_the_word_file_shows_the_same_words_and_no_link(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Round trip: pandoc reads the exported .docx back as Markdown."""
    import subprocess

    assert cli(capsys, "set", doc_path, "essentials", "summary", ANSWER)[0] == 0
    out = tmp_path / "out.docx"
    assert cli(capsys, "export", doc_path, "-o", out)[0] == 0
    pandoc = find_pandoc()
    assert pandoc is not None
    back = subprocess.run(
        [pandoc, "-f", "docx", "-t", "commonmark", "--wrap=none", str(out)],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode("utf-8")
    flat = " ".join(back.replace("\\", "").split())
    for text in REMOVED:
        assert text in flat, (text, flat[:2000])
    back = back.replace("`[kept](javascript:code)`", "")  # code, as written
    back = back.replace("\\<javascript:alert(5)\\>", "")  # text: shown, not a link
    for live in ("javascript:", "vbscript:", "file:", "data:"):
        assert f"]({live}" not in back and f"<{live}" not in back, live
    assert "(https://example.org/a)" in back


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", "VBScript:x", "file:///etc/passwd"]
)
def test_set_link_refuses_an_unsafe_link(
    doc_path: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = doc_path.read_bytes()
    code, _, err = cli(capsys, "set", doc_path, "essentials", "--link", link)
    assert code == 2
    scheme = link.split(":")[0].lower()
    assert f"essentials.links: {link!r} is not a safe link: a {scheme}: address" in err
    assert "Traceback" not in err
    assert doc_path.read_bytes() == before
    code, _, err = cli(capsys, "set", doc_path, "essentials", "--link", "https://wiki/x")
    assert code == 0, err


def test_set_from_a_file_refuses_an_unsafe_link(
    doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('[chapters.problem]\nlinks = ["https://ok.example", "javascript:x()"]\n')
    before = doc_path.read_bytes()
    code, _, err = cli(capsys, "set", doc_path, "--from", answers)
    assert code == 2, err
    assert "problem.links: 'javascript:x()' is not a safe link" in err
    assert doc_path.read_bytes() == before
