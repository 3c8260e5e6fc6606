"""Shared by the guard's tests: one real mongod per module that asks for it, and the vendor
rig of the process tests (`tests.guard.vendors`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.guard.vendors import vendors
from tests.support.mongod import MongodProcess, running_mongod

__all__ = ["mongod", "vendors"]


@pytest.fixture(scope="module")
def mongod() -> Iterator[MongodProcess]:
    with running_mongod(replica_set=False) as server:
        yield server
