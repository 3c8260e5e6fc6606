"""A real standalone mongod for the shared-store checklist tests, one database per test."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.collector.conftest import mongod  # the module-scoped real mongod
from tests.support.mongod import MongodProcess

__all__ = ["mongod"]

pytestmark = pytest.mark.mongo


@pytest.fixture
def store_uri(mongod: MongodProcess) -> Iterator[str]:
    yield mongod.uri.replace("/?", f"/c{time.monotonic_ns()}?")
