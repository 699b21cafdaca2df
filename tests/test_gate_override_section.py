"""qa10c #4: after `set gate --override`, the gate's own section shows the verdict in force
(the overridden level, that it overrides what the answers say, who set it and when, and the
reason), as the Verdicts box does, and what the answers say only under its own label; also
for a pending gate. Driven through `mldwizard set`, as the tester did."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main

REASON = "The vendor add-on is good enough for v1."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> None:
    code = main(list(args))
    _, err = capsys.readouterr()
    assert code == 0, err


def gate_section(path: Path) -> str:
    text = path.with_suffix(".md").read_text(encoding="utf-8")
    start = text.index("### Should this be ML at all?")
    return text[start : text.index("#### ", start)]


@pytest.fixture
def example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    path = tmp_path / "ex.toml"
    run(capsys, "new", str(path), "--example", "--no-input")
    monkeypatch.setenv("MLDWIZARD_AUTHOR", "mira")
    return path


def test_the_section_shows_the_override_in_force(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "set", str(example), "gate", "--override", "existing-model", "--reason", REASON)
    section = gate_section(example)
    head = (
        "**Verdict: Use an existing model or API** (overridden by Mira Okafor on 2026-11-30; "
        "the answers say a simple model)"
    )
    assert head in section
    assert f"**Reason for the override:** {REASON}" in section
    assert "**Verdict: A simple model**" not in section
    # What the answers say comes after, under its own label, with its reasons.
    said = section.index("**What the answers say: A simple model**")
    assert section.index(head) < section.index("**Reason for the override:**") < said
    assert section.index("- A measured heuristic falls short") > said
    # The advice is the override's level's, not the computed verdict's.
    assert "Use what exists: make its score on your data the baseline" in section


def test_a_pending_gate_with_an_override_shows_it_too(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "set", str(example), "gate", "heuristic_result", "--clear")
    run(capsys, "set", str(example), "gate", "--override", "heuristic", "--reason", REASON)
    section = gate_section(example)
    assert (
        "**Verdict: A rule will do** (overridden by Mira Okafor on 2026-11-30; the answers "
        "give no verdict yet)"
    ) in section
    assert f"**Reason for the override:** {REASON}" in section
    assert "**What the answers say:** pending: 1 required question not answered yet" in section
    box = example.with_suffix(".md").read_text(encoding="utf-8").split("## Verdicts", 1)[1]
    assert "A rule will do (overridden; the answers give no verdict yet)" in box
    # The override removed: the section is the computed verdict's again.
    run(capsys, "set", str(example), "gate", "--override", "none")
    section = gate_section(example)
    assert "**Verdict:** pending" in section and "overridden" not in section
