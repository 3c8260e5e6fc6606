"""The demo dataset: deterministic, refuses to overwrite by default, runnable as a module."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.mongod import MongodProcess
from warroom.dataset.data import build
from warroom.dataset.seed import SEED_FAILED, SeedRefused, main, seed

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_same_arguments_same_documents() -> None:
    assert build(50, 3, NOW) == build(50, 3, NOW)
    assert build(50, 3, NOW) != build(50, 4, NOW)


def test_dependent_features_need_their_parent() -> None:
    for user in build(300, 5, NOW)["users"]:
        if "tournament" in user["features"]:
            assert "battle" in user["features"]
        if "automation" in user["features"]:
            assert user["tier"] == "pro"


@pytest.mark.mongo
def test_refuses_existing_data_then_replaces(
    standalone: MongodProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    assert seed(standalone.uri, "seedtest", 20, 1)["users"] == 20
    with pytest.raises(SeedRefused):
        seed(standalone.uri, "seedtest", 20, 1, replace=False)
    assert main(["--uri", standalone.uri, "--database", "seedtest", "--users", "30"]) == SEED_FAILED
    assert "refused" in capsys.readouterr().err
    argv = ["--uri", standalone.uri, "--database", "seedtest", "--users", "30", "--replace"]
    assert main(argv) == 0
    assert "users        30" in capsys.readouterr().out
