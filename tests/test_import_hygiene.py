"""The core and the headless commands never import a user-interface library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mldwizard

# mcp: the SDK of `mldwizard mcp` (an optional extra) is a face's library too.
UI_LIBRARIES = ("textual", "questionary", "prompt_toolkit", "mcp")
CORE = Path(mldwizard.__file__).parent / "core"


def test_core_sources_import_no_ui_library() -> None:
    offenders = []
    for source in sorted(CORE.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{source.name}: {n}" for n in names if n.split(".")[0] in UI_LIBRARIES]
    assert offenders == []


SCRIPT = """
import sys
from mldwizard.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {names!r})
print("LOADED", loaded)
sys.exit(code)
"""


def _loaded_after(args: list[str]) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(names=UI_LIBRARIES), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode in (0, 1), out.stderr  # 1: check or owners found something
    return out.stdout.strip().splitlines()[-1]


def test_headless_commands_do_not_load_a_ui_library(doc_path: Path) -> None:
    import importlib

    for module in ("mldwizard.core.storage", "mldwizard.core.markdown"):
        importlib.import_module(module)
    commands = [
        ["export", str(doc_path)],
        ["export", str(doc_path), "--format", "json"],
        ["export", str(doc_path), "--format", "html"],
        ["set", str(doc_path), "1", "summary", "x"],
        ["specs", "--format", "json"],
        ["schema"],
        ["show", str(doc_path)],
        ["new", str(doc_path.with_name("other.toml")), "--no-input"],
        ["status", str(doc_path)],
        ["status", str(doc_path), "--format", "json"],
        ["check", str(doc_path), "--format", "github"],
        ["owners", str(doc_path), "--suggest"],
    ]
    for args in commands:
        assert _loaded_after(args) == "LOADED []", args
