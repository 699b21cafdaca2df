"""The gate's new levels and its opinion-only warning as the command line shows them: `show`,
the Markdown and the HTML page (driven through `mldwizard`, as a user runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage

from .gate_answers import EMAIL_TRIAGE

WARNING = "No measurement yet: the verdict rests on opinion only."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def answered(doc_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for qid, value in EMAIL_TRIAGE.items():
        run(capsys, "set", str(doc_path), "gate", qid, value)
    return doc_path


def test_show_says_the_level_and_that_it_rests_on_opinion(
    answered: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = run(capsys, "show", str(answered))
    assert "Should this be ML at all?  Use an existing model or API" in out
    assert WARNING in out
    out = run(capsys, "show", str(answered), "gate")
    assert "Verdict: Use an existing model or API" in out and WARNING in out


def test_markdown_and_html_carry_the_level_the_warning_and_the_advice(
    answered: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    md = storage.markdown_path(answered).read_text(encoding="utf-8")
    assert "> **Should this be ML at all?** Use an existing model or API" in md
    assert f"> **{WARNING}" in md
    assert "**Verdict: Use an existing model or API**" in md
    assert "Use what exists: make its score on your data the baseline" in md
    page = tmp_path / "page.html"
    run(capsys, "export", str(answered), "--format", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert ">Use an existing model or API<" in html
    assert f"<strong>{WARNING}" in html

    # Measured, with its result: the warning goes; nobody paying: do not build, with its
    # reason first and the advice of that reason (not a generic "settle who would pay").
    run(capsys, "set", str(answered), "gate", "existing_model", "falls-short")
    run(capsys, "set", str(answered), "gate", "existing_model_result", "0.7 on 300 cases.")
    run(capsys, "set", str(answered), "gate", "would_pay", "no")
    md = storage.markdown_path(answered).read_text(encoding="utf-8")
    assert "> **Should this be ML at all?** Do not build this" in md
    assert "> - Nobody would pay for the gain" in md
    assert WARNING not in md
    assert "Do not build this: nobody would pay for the gain. Record the finding" in md
    assert "settle who would pay" not in md
