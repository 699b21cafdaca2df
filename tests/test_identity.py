"""Who made a change: --author, else MLDWIZARD_AUTHOR, else git user.name, else login."""

from __future__ import annotations

import getpass
import subprocess
from pathlib import Path

import pytest

from mldwizard.core.identity import now, resolve_author


def test_explicit_author_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLDWIZARD_AUTHOR", "env-person")
    assert resolve_author("  ana ") == "ana"
    assert resolve_author(None) == "env-person"


def test_git_user_name_then_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MLDWIZARD_AUTHOR")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_author(None) == getpass.getuser()
    subprocess.run(["git", "config", "--global", "user.name", "Grace Hopper"], check=True)
    assert resolve_author(None) == "Grace Hopper"


def test_clock_can_be_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-02-03T04:05:06+02:00")
    assert now().isoformat() == "2026-02-03T02:05:06+00:00"
    monkeypatch.delenv("MLDWIZARD_NOW")
    assert now().tzinfo is not None and now().microsecond == 0


def test_a_bad_fixed_clock_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from mldwizard.core.errors import UsageError

    monkeypatch.setenv("MLDWIZARD_NOW", "yesterday")
    with pytest.raises(UsageError, match="MLDWIZARD_NOW='yesterday'"):
        now()
