"""The dashboard refuses to start when standard output is not a terminal (`warroom demo >
file` used to write escape codes into the file for as long as it ran) and points to
`snapshot`; behind `warroom serve`, which picks Textual's web driver, it starts."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warroom.tui.cli_common import no_terminal


@pytest.mark.parametrize("argv", [["demo"], ["run", "--demo"], ["--demo"], ["demo", "--freeze"]])
def test_the_dashboard_into_a_file_exits_2_and_points_to_snapshot(
    argv: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out.txt"
    started = time.monotonic()
    with out.open("w") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "warroom", *argv, "--no-history"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "standard output is not a terminal" in line and "`warroom snapshot`" in line
    assert out.read_text() == ""
    assert time.monotonic() - started < 30  # refused at once, not after running


def test_a_chosen_textual_driver_is_not_refused(capsys: pytest.CaptureFixture[str]) -> None:
    web = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert no_terminal("run", out=io.StringIO(), env=web) is False
    assert no_terminal("run", out=io.StringIO(), env={}) is True
    assert capsys.readouterr().err.startswith("warroom run: standard output is not a terminal")
