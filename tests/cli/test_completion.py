"""`warroom completion SHELL` prints a script generated from the parser: each names every
command and its options, takes file names where an option wants a path, and is valid
syntax for its shell where the shell is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_help import EXPECTED
from warroom.tui.cmd_completion import SHELLS, script

COMMANDS = (*EXPECTED, "config")


@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_names_every_command_and_its_options(shell: str) -> None:
    text = script(shell)
    missing = [c for c in COMMANDS if c not in text]
    assert missing == []
    for option in ("--log-file", "--start-at", "--format", "--since", "--allow-actions"):
        assert option.lstrip("-") in text, option
    for action in ("validate", "init", "schema"):
        assert action in text


def test_paths_complete_as_files_in_bash() -> None:
    text = script("bash")
    assert "_shtab_warroom_audit___config_COMPGEN=_shtab_compgen_files" in text
    assert "_shtab_warroom_check___log_file_COMPGEN=_shtab_compgen_files" in text


@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_is_valid_syntax_for_its_shell(shell: str, tmp_path: Path) -> None:
    binary = shutil.which(shell)
    if binary is None:
        pytest.skip(f"{shell} is not installed here")
    path = tmp_path / f"warroom.{shell}"
    path.write_text(script(shell), encoding="utf-8")
    check = [binary, "--no-execute", str(path)] if shell == "fish" else [binary, "-n", str(path)]
    result = subprocess.run(check, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_the_command_prints_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    from warroom.tui.cli import main

    assert main(["completion", "zsh"]) == 0
    assert capsys.readouterr().out == script("zsh")
