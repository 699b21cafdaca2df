"""Bidirectional controls and other invisible characters ("Trojan Source") in titles,
names, answers and paths are shown visibly by every command, in JSON, in the Markdown and in
the TOML itself; the text they belong to is kept exactly."""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.document import new_document
from mldwizard.core.specs import Specs, load_specs
from mldwizard.core.visible import visible_controls

INVISIBLE = "\u200b\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060"
INVISIBLE += "\u2066\u2067\u2068\u2069\ufeff"
RAW = re.compile(f"[{INVISIBLE}\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The classic: an access check that reads as a comment to a reviewer.
TROJAN = 'if access_level != "user\u202e \u2066// Check if admin\u2069 \u2066":'
# A Persian zero-width non-joiner, an emoji joiner and the right-to-left, left-to-right and
# Arabic letter marks Hebrew and Arabic authors place by hand stay as written.
MARKS = "\u200f\u200e\u061c"
KEPT = "نامه\u200cها 👩\u200d💻 שלום (v2)\u200f. A\u200eב. ١\u061c-٢"

SPECS = load_specs()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_document(folder: Path, specs: Specs, text: str) -> Path:
    """A document whose title, summary, an answer, a person and a link hold ``text``,
    written the way a user would: an answers file given to ``set --from``."""
    path = folder / "design.toml"
    doc = new_document("Plain", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    storage.create_document(path, doc, specs, "tester")
    answers = folder / "answers.toml"
    flat = " ".join(text.split()) or "x"
    answers.write_text(
        tomli_w.dumps(
            {
                "project": {"title": flat, "summary": text},
                "people": [{"handle": "ana", "name": flat, "role": flat}],
                "chapters": {
                    "problem": {"owners": ["ana"], "answers": {"problem_statement": text}}
                },
            }
        )
    )
    assert main(["set", str(path), "--from", str(answers)]) == 0
    return path


def every_output(capsys: pytest.CaptureFixture[str], path: Path) -> dict[str, str]:
    p = str(path)
    outputs = {}
    for args in (
        ["show", p],
        ["show", p, "problem"],
        ["status", p],
        ["status", p, "--format", "json"],
        ["check", p],
        ["check", p, "--format", "json"],
        ["check", p, "--format", "github"],
        ["export", p],
        ["export", p, "--format", "json"],
        ["owners", p],
        ["set", p, "problem", "nope" + TROJAN, "x"],
    ):
        _, out, err = run(capsys, *args)
        outputs[" ".join(args[:1] + args[2:])] = out + err
    outputs["markdown file"] = path.with_suffix(".md").read_text()
    outputs["toml file"] = path.read_text()
    return outputs


def test_trojan_source_is_shown_visibly_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    text = f"{TROJAN}\n{KEPT}"
    path = hostile_document(tmp_path, specs, text)
    for name, output in every_output(capsys, path).items():
        assert RAW.findall(output) == [], name
    markdown = path.with_suffix(".md").read_text()
    assert "user\\u202e \\u2066// Check if admin\\u2069" in markdown and KEPT in markdown
    assert "\\u200f" not in markdown and "\\u061c" not in markdown
    html = tmp_path / "design.html"
    assert main(["export", str(path), "--format", "html", "-o", str(html)]) == 0
    page = html.read_text()
    assert "\u200f. A\u200e" in page and "\\u200f" not in page and "\\u202e" in page
    assert '"user\\u202E \\u2066// Check' in path.read_text()  # the TOML escapes it
    code, out, _ = run(capsys, "export", str(path), "--format", "json")
    assert code == 0
    assert '"user\\u202e \\u2066// Check' in out
    data = json.loads(out)
    assert data["chapters"]["problem"]["answers"]["problem_statement"] == text  # the same value
    assert storage.load_document(path, specs).project.summary == text


alphabet = st.sampled_from(
    [*INVISIBLE, *MARKS, "a", "b", " ", "\n", "#", "[", "`", "\u200c", "\u200d"]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet, min_size=1, max_size=30).filter(lambda t: t.strip()))
def test_no_output_ever_holds_an_invisible_control(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = hostile_document(Path(folder), SPECS, text)
        for name, output in every_output(capsys, path).items():
            assert RAW.findall(output) == [], (name, text)
        assert storage.load_document(path, SPECS).project.summary.strip() == text.strip()


@given(
    st.text(st.one_of(st.sampled_from(INVISIBLE + "\x1b\x9b"), st.characters())).filter(
        lambda t: "\\" not in t
    )
)
def test_the_rule_leaves_nothing_invisible_and_keeps_the_rest(text: str) -> None:
    """Only the characters of the rule change, each into an escape that names it."""
    shown = visible_controls(text)
    assert RAW.findall(shown) == []
    back = re.sub(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})", lambda m: chr(int(m[1] or m[2], 16)), shown)
    assert back == text
