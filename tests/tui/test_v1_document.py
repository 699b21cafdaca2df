"""A version 1 document in the wizard: opening it writes nothing; the first save writes
version 2 and keeps the version 1 file as the ``.bak`` (the previous version)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from mldwizard.core import storage
from mldwizard.core.specs import Specs

from .helpers import SIZE, answer, app_for, go_to, settle, until

V1_EXAMPLE = Path(__file__).parent.parent / "data" / "ticket-routing-v1.toml"


async def test_opening_a_v1_document_in_the_wizard_writes_nothing(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(V1_EXAMPLE, path)
    stamp = path.stat().st_mtime_ns
    app = app_for(path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "reporting")
        await pilot.press("ctrl+q")
    assert path.read_bytes() == V1_EXAMPLE.read_bytes()
    assert path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ticket-routing.toml"]


async def test_the_first_save_of_a_v1_document_keeps_it_as_the_backup(
    tmp_path: Path, specs: Specs
) -> None:
    path = tmp_path / "ticket-routing.toml"
    shutil.copyfile(V1_EXAMPLE, path)
    app = app_for(path, specs)
    # Only the save this test makes: on a loaded machine a key can come more than the
    # autosave's second after the one before it, and an autosave of the half-typed answer
    # is then the first save; Ctrl+S, a second one, rightly keeps that as the backup.
    app.autosave_delay = None
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "integration")  # a draft: no approval to confirm
        await answer(pilot, "architecture_diagram", "docs/router-architecture.png")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: storage.backup_path(path).exists(), "the save")
        await pilot.press("ctrl+q")
    assert storage.backup_path(path).read_bytes() == V1_EXAMPLE.read_bytes()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2 and saved["stage"] == "design"
    integration = saved["chapters"]["integration"]["answers"]
    assert integration["architecture_diagram"] == "docs/router-architecture.png"
    reporting = saved["chapters"]["reporting"]["answers"]
    assert "split_unit" not in reporting and reporting["randomisation_unit"].startswith(
        "The customer account (company)."
    )
