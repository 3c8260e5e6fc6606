"""Copies of the runbook's audit records in the shared store (`audit` collection), so every
viewer sees who did what.

The audit log hands each record to its sinks from the thread that wrote it, which in the app
is the event loop. A store that is slow or down would then freeze the dashboard for its
server-selection timeout on every record, so the copies are written by one thread of their
own, in order. The audit file stays the primary record: a copy that fails, or that is still
waiting when the sink closes (after `CLOSE_WITHIN`), is logged and dropped, never retried.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Mapping
from typing import Any

from pymongo import MongoClient
from pymongo.errors import PyMongoError

from warroom.collector.store import TIMEOUTS, database_of
from warroom.sources.mongo.errors import hosts_of

log = logging.getLogger(__name__)
Doc = dict[str, Any]
CLOSE_WITHIN = 5.0
"""Seconds `close` waits for the copies still on their way."""


class MongoAuditSink:
    """AuditSink that copies every runbook audit record into the shared `audit` collection.
    Construction does no I/O; the URI is never shown."""

    def __init__(self, uri: str) -> None:
        self.__uri = uri
        self.target = hosts_of(uri)
        self._client: MongoClient[Doc] | None = None
        self._writer: concurrent.futures.ThreadPoolExecutor | None = None
        self._pending: set[concurrent.futures.Future[None]] = set()
        self._closed = False

    def __repr__(self) -> str:
        return f"MongoAuditSink({self.target!r})"

    def receive(self, record: Mapping[str, Any]) -> None:
        """Queues a copy of `record`; returns at once."""
        if self._writer is None:
            self._writer = concurrent.futures.ThreadPoolExecutor(1, "warroom-audit-copy")
            self._closed = False
        future = self._writer.submit(self._insert, dict(record))
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    def _insert(self, doc: Doc) -> None:
        try:
            if self._closed:  # the copy was on its way when the sink closed
                return
            if self._client is None:
                self._client = MongoClient(self.__uri, **TIMEOUTS)
            self._client[database_of(self.__uri)].audit.insert_one(doc)
        except PyMongoError as exc:
            log.warning("audit copy to %s failed (%s); the audit file has it", self.target,
                        type(exc).__name__)  # fmt: skip

    def close(self) -> None:
        """Waits up to `CLOSE_WITHIN` seconds for the copies on their way, drops the rest, and
        closes the client."""
        writer, self._writer = self._writer, None
        if writer is not None:
            _done, late = concurrent.futures.wait(list(self._pending), timeout=CLOSE_WITHIN)
            self._closed = True
            if late:
                log.warning("%d audit copies to %s not written; the audit file has them",
                            len(late), self.target)  # fmt: skip
            writer.shutdown(wait=False, cancel_futures=True)
        if self._client is not None:
            self._client.close()
            self._client = None
