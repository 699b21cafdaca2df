"""Lint findings silenced for an answer are shown where a reader looks: the Markdown's
appendix "Silenced lint findings" (and so the HTML), and ``status`` (text and JSON), each
with its code, answer, reason, who and when; a silence whose answer changed since is shown
as stale. A document without silences shows none of it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PLACEHOLDER = "Dispatchers route tickets by hand. Volume per week: TBD."
REASON = "Volume is counted by finance in Q1; the figure lands in January."
LINE = (
    "- **Placeholder instead of an answer** on *Current process* in 2. Is there a problem?: "
    "Volume is counted by finance in Q1; the figure lands in January. (Ana Lopez, 2026-11-30)"
)

Ok = Callable[..., str]


@pytest.fixture
def silenced(doc_path: Path, ok: Ok) -> Path:
    """A document whose current process holds a placeholder (MLD101), silenced by ana."""
    ok("person", doc_path, "ana", "--name", "Ana Lopez")
    ok("set", doc_path, "problem", "current_process", PLACEHOLDER)
    ok("lint", doc_path, "--silence", "2.current_process", "MLD101", "--reason", REASON,
       "--author", "ana")  # fmt: skip
    return doc_path


def markdown(path: Path) -> str:
    return path.with_suffix(".md").read_text(encoding="utf-8")


def appendix(md: str) -> str:
    """The appendix's text, up to the next section."""
    start = md.index("\n## Silenced lint findings\n")
    end = md.find("\n## ", start + 1)
    return md[start : end if end != -1 else len(md)]


def status_silences(out: str) -> str:
    """The "Silenced lint findings" part of ``status``, its words on one line."""
    return " ".join(out[out.index("Silenced lint findings") :].split())


def step_json(ok: Ok, path: Path, slug: str) -> dict[str, Any]:
    data = json.loads(ok("status", path, "--format", "json"))
    [step] = [s for s in data["documents"][0]["steps"] if s["slug"] == slug]
    return step  # type: ignore[no-any-return]


def test_the_markdown_lists_a_silence_in_its_appendix(silenced: Path) -> None:
    md = markdown(silenced)
    assert "- [Silenced lint findings](#silenced-lint-findings)" in md
    text = appendix(md)
    assert "###" not in text  # no heading per chapter: the contents would repeat them
    assert LINE in text.splitlines()
    assert "Stale" not in text
    assert "MLD" not in text  # the rule's words, not its code: readers do not run the lint


def test_the_html_has_the_appendix(silenced: Path, ok: Ok) -> None:
    html = ok("export", silenced, "--format", "html")
    assert '<h2 id="silenced-lint-findings">Silenced lint findings</h2>' in html
    assert re.search(
        r"<li><strong>Placeholder instead of an answer</strong> on <em>Current process</em> "
        r"in 2\. Is there a problem\?: Volume is counted by finance in Q1; the figure "
        r"lands in January\. \(Ana Lopez, 2026-11-30\)</li>",
        html,
    )


def test_no_silence_no_appendix(doc_path: Path, ok: Ok) -> None:
    ok("set", doc_path, "problem", "current_process", PLACEHOLDER)  # found, not silenced
    assert "Silenced lint findings" not in markdown(doc_path)
    assert "Silenced lint findings" not in ok("status", doc_path)
    assert step_json(ok, doc_path, "problem")["lint_silences"] == []
    assert "silenced" not in ok("export", doc_path, "--format", "html").lower()


def test_status_lists_a_silence(silenced: Path, ok: Ok) -> None:
    out = ok("status", silenced)
    table = out[out.index("Silenced lint findings") :]
    [line] = [x for x in table.splitlines() if "MLD101" in x]
    assert line == (
        "2. Is there a problem? › Current process: MLD101 (placeholder instead of an answer), "
        "silenced by ana on 2026-11-30"
    )
    assert f"  {REASON}" in table.splitlines()  # whole, on its own line under it
    assert "stale" not in table.lower()
    assert step_json(ok, silenced, "problem")["lint_silences"] == [
        {
            "code": "MLD101",
            "rule": "placeholder instead of an answer",
            "question": "current_process",
            "question_title": "Current process",
            "reason": REASON,
            "by": "ana",
            "on": "2026-11-30",
            "stale": None,
        }
    ]
    assert step_json(ok, silenced, "essentials")["lint_silences"] == []


def test_a_silence_whose_answer_changed_is_stale(silenced: Path, ok: Ok) -> None:
    # Still a placeholder, in other words: the finding shows again, the silence is stale.
    ok("set", silenced, "problem", "current_process", "Dispatchers route by hand. Volume: TBD.")
    text = appendix(markdown(silenced))
    assert (
        LINE + " **Stale:** the answer changed since it was silenced, so the silence no longer "
        "applies."
    ) in text.splitlines()
    [silence] = step_json(ok, silenced, "problem")["lint_silences"]
    assert silence["stale"] == "the answer changed since it was silenced (the finding shows again)"
    assert (
        f"{REASON} Stale: the answer changed since it was silenced (the finding shows again)."
    ) in status_silences(ok("status", silenced))
    # Re-wrapping the answer keeps its fingerprint: not stale.
    ok("set", silenced, "problem", "current_process", PLACEHOLDER.replace(". ", ".\n"))
    assert "Stale" not in appendix(markdown(silenced))
    assert step_json(ok, silenced, "problem")["lint_silences"][0]["stale"] is None


def test_a_silence_whose_finding_is_gone_is_stale_in_status_only(silenced: Path, ok: Ok) -> None:
    """The Markdown says only what the document decides; ``status`` runs the lint."""
    text = silenced.read_text(encoding="utf-8")
    silenced.write_text(re.sub(r'(?m)^answer = "[0-9a-f]{16}"\n', "", text), encoding="utf-8")
    ok("set", silenced, "problem", "current_process", "About 400 tickets a week, by hand.")
    assert "Stale" not in appendix(markdown(silenced))  # no fingerprint: it holds for any answer
    [silence] = step_json(ok, silenced, "problem")["lint_silences"]
    assert silence["stale"] == "no longer found there"


def test_a_reason_reads_without_needless_escapes(doc_path: Path, ok: Ok) -> None:
    ok("person", doc_path, "ana", "--name", "Ana Lopez")
    ok("set", doc_path, "problem", "current_process", PLACEHOLDER)
    ok("lint", doc_path, "--silence", "2.current_process", "MLD101", "--reason",
       "Counted in the #support-routing notes, *weekly*.", "--author", "ana")  # fmt: skip
    text = appendix(markdown(doc_path))
    assert "Counted in the #support-routing notes, \\*weekly\\*." in text
