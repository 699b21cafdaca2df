"""Running the command line in-process, as the CLI tests do: exit code, stdout, stderr."""

from __future__ import annotations

import pytest

from mldwizard.cli import main


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
