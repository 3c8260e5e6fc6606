"""A write to the shared store that fails midway is retried with only what was not stored:
viewers tail the polls by `_id`, and a poll written twice was shown twice."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pymongo import MongoClient

from tests.support.mongod import MongodProcess
from warroom.collector.run import Collector
from warroom.collector.store import MongoStore, Queued, database_of
from warroom.core.errors import SourceError
from warroom.core.model import FetchResult, Reading
from warroom.core.poller import PollOutcome
from warroom.sources.registry import SourceSet

pytestmark = pytest.mark.mongo


def outcome(n: int) -> PollOutcome:
    result = FetchResult(readings=(Reading("error_rate", time.time(), float(n)),))
    return PollOutcome("datadog", time.time(), 0.01, result=result)


def client_of(uri: str) -> MongoClient[dict[str, Any]]:
    return MongoClient(uri)


def counts(uri: str) -> tuple[int, int]:
    with client_of(uri) as client:
        db = client[database_of(uri)]
        return db.polls.count_documents({}), db.readings.count_documents({})


def refuse_heartbeats(uri: str, refuse: bool) -> None:
    """A validator on the heartbeat's collection: the last of the three writes fails."""
    with client_of(uri) as client:
        db = client[database_of(uri)]
        schema = {"$jsonSchema": {"required": ["never"]}} if refuse else {}
        if "collector" not in db.list_collection_names():
            db.create_collection("collector")
        db.command("collMod", "collector", validator=schema)


async def test_a_flush_that_fails_at_the_heartbeat_writes_no_poll_twice(
    mongod: MongodProcess,
) -> None:
    uri = mongod.uri.replace("/?", f"/retry{time.monotonic_ns()}?")
    store = MongoStore(uri)
    collector = Collector(SourceSet(), store, report=lambda line: None)
    try:
        await store.prepare()
        refuse_heartbeats(uri, True)
        collector.take(outcome(1))
        collector.take(outcome(2))
        await collector.flush()  # polls and readings stored, the heartbeat refused
        assert counts(uri) == (2, 2)
        refuse_heartbeats(uri, False)
        collector.take(outcome(3))
        await collector.flush()
        assert counts(uri) == (3, 3)  # before, the first two were written again: (5, 5)
        assert collector.written == 3
    finally:
        await store.close()


async def test_polls_stored_before_a_failure_are_skipped_by_their_id(
    mongod: MongodProcess,
) -> None:
    uri = mongod.uri.replace("/?", f"/partial{time.monotonic_ns()}?")
    store = MongoStore(uri)
    try:
        await store.prepare()
        queued = Queued.of([outcome(1), outcome(2), outcome(3)])
        with client_of(uri) as client:  # the second is in the store already
            client[database_of(uri)].polls.insert_one(dict(queued.polls[1]))
        with pytest.raises(SourceError):
            await store.write_queued(queued, None)  # stops at the second, in order
        assert queued.written == 1 and queued.unsure and len(queued.polls) == 2
        await store.write_queued(queued, None)
        assert queued.polls == [] and queued.readings == [] and not queued.unsure
        assert counts(uri) == (3, 3)
    finally:
        await store.close()
