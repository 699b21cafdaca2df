"""The wheel carries the chapter specs and the example, and works in a fresh venv."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = dist.glob("mldwizard-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    specs = [n for n in names if n.startswith("mldwizard/chapter_specs/") and n.count("/") == 2]
    # 16 chapters, the gate, feasibility, the language-model overlay, two stage gates
    assert len(specs) == 21
    assert "mldwizard/chapter_specs/lint/rules.toml" in names  # the lint's rules
    assert "mldwizard/chapter_specs/llm-systems.toml" in names
    assert "mldwizard/examples/ticket-routing.toml" in names
    assert "mldwizard/core/html_export.css" in names  # the HTML export's stylesheet

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(bin_dir / "mldwizard"), "specs", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    steps = json.loads(out.stdout)
    kinds = [s["kind"] for s in steps]
    assert kinds.count("overlay") == 1 and kinds.count("stage-gate") == 2
    assert len(steps) - 1 == 20 and steps[0]["slug"] == "essentials"
    demo = subprocess.run(
        [str(bin_dir / "mldwizard"), "new", str(tmp_path / "d.toml"), "--example", "--no-input"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert demo.returncode == 0, demo.stderr
    lint = subprocess.run(
        [str(bin_dir / "mldwizard"), "lint", str(tmp_path / "d.toml")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert lint.returncode == 0 and "0 finding(s), 2 silenced" in lint.stdout, lint.stderr
    page = subprocess.run(
        [str(bin_dir / "mldwizard"), "export", str(tmp_path / "d.toml"), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=env,
    )
    assert page.returncode == 0, page.stderr
    assert "<style>" in page.stdout and ".verdict-no-go" in page.stdout
