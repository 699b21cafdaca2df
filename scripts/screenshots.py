"""Regenerate screenshots/*.svg from the real app on the bundled example.

    python scripts/screenshots.py

Uses the same scenarios as the snapshot tests (tests/tui/scenarios.py), at 120x36, with a
fixed clock and author, so the pictures only change when the UI does.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("MLDWIZARD_NOW", "2026-11-30T12:00:00Z")
os.environ.setdefault("MLDWIZARD_AUTHOR", "devika")

from tests.tui.scenarios import VIEWS  # noqa: E402

from mldwizard.core.examples import EXAMPLE_NAME, example_path  # noqa: E402
from mldwizard.core.specs import load_specs  # noqa: E402
from mldwizard.tui.factory import make_app  # noqa: E402

SIZE = (120, 36)


async def shoot(name: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        previous = Path.cwd()
        os.chdir(folder)
        try:
            shutil.copy(example_path(), EXAMPLE_NAME)
            app = make_app(Path(EXAMPLE_NAME), load_specs(), "devika", still=True)
            async with app.run_test(size=SIZE) as pilot:
                await VIEWS[name](pilot)
                await pilot.pause()
                svg = app.export_screenshot(title=f"mldwizard: {name}")
        finally:
            os.chdir(previous)
    (out / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"wrote {out / name}.svg")


def main() -> int:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name in VIEWS:
        asyncio.run(shoot(name, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
