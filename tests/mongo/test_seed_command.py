"""`warroom seed` against the real mongod: seeds, refuses to overwrite, needs a URI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.mongod import MongodProcess

pytestmark = pytest.mark.mongo


def warroom(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warroom", *args], capture_output=True, text=True, timeout=120
    )


def test_seed_command(standalone: MongodProcess) -> None:
    args = ("seed", "--uri", standalone.uri, "--database", "seedcmd", "--users", "50")
    first = warroom(*args)
    assert first.returncode == 0, first.stderr
    assert "seeded" in first.stdout and "users" in first.stdout
    again = warroom(*args)
    assert again.returncode == 7 and "refused" in again.stderr  # README: seed wrote nothing
    assert warroom(*args, "--replace").returncode == 0


def test_seed_needs_a_uri() -> None:
    result = warroom("seed")
    assert result.returncode == 2
    assert result.stderr.strip() == "warroom seed: give --uri or set MONGODB_URI"
