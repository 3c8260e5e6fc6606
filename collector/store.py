"""The shared store of a war room: one collector writes to MongoDB, every viewer reads from it.

Collections (database from the URI's path, else "warroom"):
    readings   time-series (timeField ts, metaField {source, metric}) with a TTL of the history
               retention: the long-term record of every reading.
    polls      one document per poll (the whole FetchResult, or the error), TTL two days;
               viewers tail it by `_id` (ObjectIds from one collector only grow).
    collector  one heartbeat document: when, where, and the collector's source list.
    audit      runbook audit records from any viewer, so everyone sees who did what
               (written by collector/audit_sink.py).
    checklist_ticks  the checklists' manual ticks, one document per item (see
               collector/checklist_store.py).
Time-series collections do not support change streams, and the one-document-per-poll tail is
one cheap indexed query per viewer and source, so viewers tail rather than watch.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bson import ObjectId
from pymongo import ASCENDING, AsyncMongoClient, MongoClient
from pymongo.errors import BulkWriteError, CollectionInvalid, OperationFailure, PyMongoError

from warroom.core.dashboard import SourceInfo
from warroom.core.history.codec import outcome_doc
from warroom.core.poller import PollOutcome
from warroom.sources.mongo.errors import hosts_of, translate

DEFAULT_DB = "warroom"
POLLS_TTL = 2 * 86400
TIMEOUTS: dict[str, Any] = {
    "serverSelectionTimeoutMS": 2000,
    "connectTimeoutMS": 2000,
    "socketTimeoutMS": 5000,
}
Doc = dict[str, Any]


def database_of(uri: str) -> str:
    """The database named in the URI's path, else "warroom"."""
    rest = uri.split("://", 1)[-1]
    path = rest.split("/", 1)[1] if "/" in rest else ""
    return path.split("?", 1)[0] or DEFAULT_DB


def utc(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, dt.UTC)


def poll_doc(outcome: PollOutcome) -> Doc:
    """The `polls` document of one outcome (with `at`, the time series' time field)."""
    return {"at": utc(outcome.started), **outcome_doc(outcome)}


@dataclass
class Queued:
    """Outcomes waiting for the store, as the documents they become. Built once, with their
    `_id`s, so that a write retried after a failure neither writes a poll twice (viewers
    would show it twice) nor loses one. Readings have no unique key in a time series: after
    a failure whose outcome is unknown they are sent again, and may be stored twice."""

    polls: list[Doc] = field(default_factory=list)
    readings: list[Doc] = field(default_factory=list)
    unsure: bool = False
    """A write of `polls` failed midway: some of them may be stored already."""
    written: int = 0
    """Polls stored so far."""

    @classmethod
    def of(cls, outcomes: Sequence[PollOutcome]) -> Queued:
        queued = cls()
        for outcome in outcomes:
            queued.add(outcome)
        return queued

    def add(self, outcome: PollOutcome) -> None:
        self.polls.append({"_id": ObjectId(), **poll_doc(outcome)})
        self.readings += reading_docs(outcome)

    def trim(self, polls: int, readings: int) -> None:
        """Drops the oldest beyond these bounds (a store down for long)."""
        del self.polls[: max(0, len(self.polls) - polls)]
        del self.readings[: max(0, len(self.readings) - readings)]


def reading_docs(outcome: PollOutcome) -> list[Doc]:
    if outcome.result is None:
        return []
    return [
        {"ts": utc(r.ts), "meta": {"source": outcome.source, "metric": r.metric}, "value": r.value}
        for r in outcome.result.readings
        if r.value is not None
    ]


def heartbeat_doc(
    info: Mapping[str, SourceInfo], metric_sources: Mapping[str, str], now: float, started: float
) -> Doc:
    return {
        "_id": "collector",
        "ts": now,
        "started": started,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "sources": {
            name: {"interval": i.interval, "simulated": i.simulated, "disabled": i.disabled_reason}
            for name, i in info.items()
        },
        "metric_sources": dict(metric_sources),
    }


class MongoStore:
    """Async access for the collector and the viewers. Construction does no I/O; the URI
    (which may hold a password) is never put in a message or a repr."""

    def __init__(self, uri: str, retention_days: float = 14.0) -> None:
        self.__uri = uri
        self.target = hosts_of(uri)
        self.database = database_of(uri)
        self.retention = retention_days * 86400
        self._client: AsyncMongoClient[Doc] | None = None

    def __repr__(self) -> str:
        return f"MongoStore({self.target!r}, db={self.database!r})"

    def _db(self) -> Any:
        if self._client is None:
            self._client = AsyncMongoClient(self.__uri, **TIMEOUTS)
        return self._client[self.database]

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()

    async def prepare(self) -> None:
        """Creates the collections and indexes (idempotent). Raises SourceError."""
        db = self._db()
        try:
            try:
                await db.create_collection(
                    "readings",
                    timeseries={"timeField": "ts", "metaField": "meta", "granularity": "seconds"},
                    expireAfterSeconds=int(self.retention),
                )
            except (CollectionInvalid, OperationFailure) as exc:
                if "already exists" not in str(exc):
                    raise
            await db.polls.create_index([("at", ASCENDING)], expireAfterSeconds=POLLS_TTL)
            await db.polls.create_index([("source", ASCENDING), ("_id", ASCENDING)])
        except PyMongoError as exc:
            raise translate(exc, self.target, "prepare") from None

    async def write(self, outcomes: Sequence[PollOutcome], heartbeat: Doc | None) -> None:
        """Writes a batch of outcomes (polls and readings) and the heartbeat. Raises SourceError."""
        await self.write_queued(Queued.of(outcomes), heartbeat)

    async def write_queued(self, queued: Queued, heartbeat: Doc | None) -> None:
        """Writes what `queued` holds, then the heartbeat, and takes off it what was stored,
        also when a write fails midway: retried, it sends only the rest.

        Raises:
            SourceError: the store failed; `queued` holds what is still to be written.
        """
        db = self._db()
        try:
            if queued.polls:
                await self._write_polls(db, queued)
            if queued.readings:
                try:
                    await db.readings.insert_many(queued.readings, ordered=False)
                except BulkWriteError as exc:
                    failed = {e["index"] for e in exc.details.get("writeErrors", [])}
                    queued.readings = [r for i, r in enumerate(queued.readings) if i in failed]
                    raise
                queued.readings = []
            if heartbeat is not None:
                # Stamped with the store's clock too: a viewer judges the heartbeat's age on
                # that one clock, not by comparing its own clock with the collector's.
                stamped = {"$mergeObjects": [{"$literal": heartbeat}, {"at": "$$NOW"}]}
                await db.collector.update_one(
                    {"_id": "collector"}, [{"$replaceWith": stamped}], upsert=True
                )
        except PyMongoError as exc:
            raise translate(exc, self.target, "write") from None

    async def _write_polls(self, db: Any, queued: Queued) -> None:
        """In order, as viewers tail them by `_id`. After a failed try some may be stored
        (a reply lost after the server applied it): those are skipped by their `_id`."""
        if queued.unsure:
            ids = [d["_id"] for d in queued.polls]
            found = await db.polls.find({"_id": {"$in": ids}}, {"_id": 1}).to_list()
            stored = {d["_id"] for d in found}
            queued.written += len(stored)
            queued.polls = [d for d in queued.polls if d["_id"] not in stored]
        queued.unsure = True
        try:
            await db.polls.insert_many(queued.polls, ordered=True)
        except BulkWriteError as exc:
            done = int(exc.details.get("nInserted", 0))
            queued.written += done
            del queued.polls[:done]
            raise
        queued.written += len(queued.polls)
        queued.polls, queued.unsure = [], False

    async def heartbeat(self) -> Doc | None:
        """The heartbeat document, None when no collector ever wrote; its `age` is seconds
        since it was written, on the store's clock (None from a collector that did not stamp
        it). Raises SourceError."""
        age = {"$divide": [{"$subtract": ["$$NOW", "$at"]}, 1000]}
        pipeline = [{"$match": {"_id": "collector"}}, {"$addFields": {"age": age}}]
        try:
            docs: list[Doc] = await (await self._db().collector.aggregate(pipeline)).to_list()
        except PyMongoError as exc:
            raise translate(exc, self.target, "heartbeat") from None
        return docs[0] if docs else None

    async def polls_after(self, source: str, last: ObjectId | None, limit: int = 500) -> list[Doc]:
        """The source's poll documents newer than `last`, oldest first. Raises SourceError."""
        query: Doc = {"source": source}
        if last is not None:
            query["_id"] = {"$gt": last}
        try:
            cursor = self._db().polls.find(query).sort("_id", ASCENDING).limit(limit)
            return [doc async for doc in cursor]
        except PyMongoError as exc:
            raise translate(exc, self.target, "tail") from None

    async def latest_polls(self, source: str, limit: int) -> list[Doc]:
        """The newest `limit` polls of a source, oldest first (a viewer's first read)."""
        try:
            cursor = self._db().polls.find({"source": source}).sort("_id", -1).limit(limit)
            docs = [doc async for doc in cursor]
        except PyMongoError as exc:
            raise translate(exc, self.target, "tail") from None
        return docs[::-1]


def read_heartbeat(uri: str) -> Doc | None:
    """A synchronous look at the heartbeat, for building a viewer before the app starts.

    Returns None when the store cannot be reached or no collector wrote yet.
    """
    try:
        with MongoClient(uri, **TIMEOUTS) as client:
            doc: Doc | None = client[database_of(uri)].collector.find_one({"_id": "collector"})
            return doc
    except PyMongoError:
        return None
