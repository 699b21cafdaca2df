"""Pathological TOML: keys of thousands of parts, nesting past any need, errors where the
file ends, thousands of broken tables. Each is a clear message with a line (exit 2), in
bounded time and memory, never a traceback."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from mldwizard.cli import main
from mldwizard.core.tomlscan import MAX_DEPTH, scan

# Generous for any machine: the fixed code needs well under a second of CPU for each case;
# before, 20,000 key parts took ~10 s and 2.4 GB, 10,000 broken tables ~50 s.
CPU_SECONDS = 20
MEMORY_BYTES = 1 << 30


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line in a child limited in CPU time and memory (a regression
    ends with an error, on a busy machine as on an idle one, without starving it)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))

    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mldwizard", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=limits,
        timeout=600,
    )


def with_line(doc_path: Path, line: str, after: str = "[project]") -> int:
    """Put ``line`` after the line ``after`` of the document; its line number."""
    lines = doc_path.read_text().splitlines()
    at = lines.index(after) + 1
    lines.insert(at, line)
    doc_path.write_text("\n".join(lines) + "\n")
    return at + 1


@pytest.mark.parametrize("command", ["check", "show", "status", "export"])
def test_a_key_of_20000_parts_is_refused_quickly_with_its_line(
    doc_path: Path, command: str
) -> None:
    line = with_line(doc_path, ".".join(["a"] * 20_000) + " = 1")
    proc = run_limited(command, doc_path.name, cwd=doc_path.parent)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert f"{doc_path.name}:{line}:" in proc.stderr
    assert "project.a.a.a" in proc.stderr and "nested too deeply" in proc.stderr
    assert len(proc.stderr) < 1000  # the key is named by its start and its length


def test_an_answers_file_with_a_key_of_20000_parts_is_refused(doc_path: Path) -> None:
    answers = doc_path.with_name("answers.toml")
    answers.write_text("[chapters.metrics]\n" + ".".join(["q"] * 20_000) + ' = "x"\n')
    before = doc_path.read_bytes()
    proc = run_limited("set", doc_path.name, "--from", answers.name, cwd=doc_path.parent)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "answers.toml:2:" in proc.stderr and "chapters.metrics.q.q" in proc.stderr
    assert doc_path.read_bytes() == before


def test_check_reports_deep_keys_as_mld015_on_their_line(doc_path: Path) -> None:
    line = with_line(doc_path, ".".join(["a"] * 1_000) + " = 1")
    proc = run_limited("check", doc_path.name, "--format", "json", cwd=doc_path.parent)
    assert proc.returncode == 2, proc.stderr[-2000:]
    (finding,) = json.loads(proc.stdout)["findings"]
    assert finding["code"] == "MLD015" and finding["details"]["line"] == line
    assert "nested too deeply" in finding["message"]


@pytest.mark.parametrize(
    ("content", "line", "field"),
    [
        ("[project]\nx = " + "[" * 5000 + "]" * 5000, 2, "project.x"),
        ("x = " + "{a=" * 2000 + "1" + "}" * 2000, 1, "x"),
        ("[" + ".".join(["t"] * 40) + "]\n", 1, "t.t.t"),
        ("[[" + ".".join(["t"] * 40) + "]]\n", 1, "t.t.t"),
        ("a = 1\n[s]\nv = [\n  1,\n  " + "[{k = " * 40 + "1" + "}]" * 40 + "\n]\n", 5, "s.v"),
        ("[s]\n" + '"a.b".' * 40 + "c = 1\n", 2, 's."a.b"'),
    ],
    ids=["arrays", "inline-tables", "table", "array-of-tables", "mixed", "quoted-dotted"],
)
def test_every_kind_of_deep_nesting_names_its_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, line: int, field: str
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(content)
    code, _, err = run(capsys, "show", str(path))
    assert code == 2
    assert f"{path}:{line}:" in err and f": {field}" in err and "nested too deeply" in err


def depth(value: Any) -> int:
    """Levels of tables and lists (the parsed document itself is one)."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


keys = st.text(st.sampled_from('ab."= #[]{}\\'), min_size=1, max_size=4)
scalars = st.one_of(st.integers(-5, 5), st.text(st.sampled_from("ab\"'\n.[]{}=#"), max_size=6))
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(keys, inner, min_size=1, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, nested, max_size=4), st.integers(0, MAX_DEPTH))
def test_the_scan_never_refuses_what_nests_within_the_limit(data: dict[str, Any], n: int) -> None:
    """Any TOML tomli_w writes (quoted keys, strings with brackets, arrays of tables, inline
    tables in lists) that nests no more than the limit passes the scan."""
    chain: dict[str, Any] = {"leaf": data}
    for i in range(n):
        chain = {f"k{i}": chain}
    text = tomli_w.dumps(chain, multiline_strings=True)
    assert tomllib.loads(text) == chain
    found = scan(text)
    assert found.open_at_end is None
    if depth(chain) <= MAX_DEPTH:
        assert found.too_deep is None, text


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "a" + ".a" * (n - 2) + " = 1\n",
        lambda n: "[a" + ".a" * (n - 3) + "]\nb = 1\n",
        lambda n: "[[a" + ".a" * (n - 4) + "]]\nb = 1\n",
        lambda n: "a = " + "[" * (n - 1) + "]" * (n - 1) + "\n",
        lambda n: "a = " + "{b = " * (n - 2) + "{}" + "}" * (n - 2) + "\n",
        lambda n: "[t]\na = [\n" + "[{b = " * ((n - 3) // 2) + "1" + "}]" * ((n - 3) // 2) + "]\n",
    ],
    ids=["dotted", "table", "array-of-tables", "arrays", "inline-tables", "mixed"],
)
def test_the_limit_is_exact(shape: Any) -> None:
    """At the limit the scan passes; one level more (by the same shape) it refuses."""
    for n in range(MAX_DEPTH - 2, MAX_DEPTH + 3):
        text = shape(n)
        exact = depth(tomllib.loads(text))
        assert (scan(text).too_deep is None) == (exact <= MAX_DEPTH), (n, exact, text)


def test_a_string_left_open_names_the_line_it_starts_on_and_its_field(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = doc_path.read_text()
    start = len(text.splitlines()) + 3
    doc_path.write_text(text + '\n[chapters.metrics.answers]\nprimary = """never closed\n\nmore\n')
    code, _, err = run(capsys, "show", str(doc_path))
    assert code == 2
    assert f"{doc_path}:{start}:11: invalid TOML: Unterminated string" in err
    assert "(chapters.metrics.answers.primary)" in err and "the file ends" in err
    code, out, _ = run(capsys, "check", str(doc_path), "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["details"] == {"line": start, "column": 11}


@pytest.mark.parametrize(
    ("tail", "line", "what"),
    [
        ("x = [1,\n  2,\n", 1, "array"),
        ("x = {a = 1", 1, "inline table"),
        ("[[people", 1, "table header"),
        ("x = 'open", 1, "string"),
        ("x =", 1, ""),
        ("x.y", 1, ""),
    ],
    ids=["array", "inline-table", "header", "literal-string", "no-value", "no-equals"],
)
def test_every_error_at_the_end_of_the_file_names_a_line(
    doc_path: Path, capsys: pytest.CaptureFixture[str], tail: str, line: int, what: str
) -> None:
    text = doc_path.read_text()
    doc_path.write_text(text + tail)
    expected = len(text.splitlines()) + line
    code, _, err = run(capsys, "check", str(doc_path))
    assert code == 2
    assert f"{doc_path}:{expected}:" in err and "invalid TOML" in err
    assert "(at end of document)" not in err
    assert f"the {what} that starts here" in err if what else "at the end of the file" in err


def test_a_number_too_long_for_python_to_read_names_its_line(
    doc_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python reads no integer of more than 4,300 digits: a ValueError inside tomllib."""
    line = with_line(doc_path, "x = [1, " + "9" * 5_000 + "]")
    code, _, err = run(capsys, "show", str(doc_path))
    assert code == 2
    assert f"{doc_path}:{line}:9: project.x: a number of more than 4,300 digits" in err
