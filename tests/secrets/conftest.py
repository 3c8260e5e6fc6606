"""The echoing fakes for every secret test, and a way to run `warroom` against them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.secrets.rig import Echoing, echoing

WARROOM = Path(sys.executable).parent / "warroom"
TIMEOUT = 90.0


@pytest.fixture
def echo(tmp_path: Path) -> Iterator[Echoing]:
    with echoing(tmp_path) as rig:
        yield rig


def warroom(rig: Echoing, *commands: tuple[str, ...]) -> list[Ran]:
    """Runs `warroom COMMAND --config <the rig's> ARGS...` for each command, side by side
    (each mostly waits on timeouts), with the rig's environment."""
    running = [
        (
            args,
            subprocess.Popen(
                [str(WARROOM), args[0], "--config", str(rig.config), *args[1:]],
                env=rig.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for args in commands
    ]
    out = []
    for args, process in running:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
        out.append(Ran(" ".join(args), process.returncode, stdout, stderr))
    return out


@dataclass(frozen=True)
class Ran:
    command: str
    code: int
    stdout: str
    stderr: str

    def texts(self) -> list[tuple[str, str]]:
        return [(f"{self.command} stdout", self.stdout), (f"{self.command} stderr", self.stderr)]
