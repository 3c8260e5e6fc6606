"""One actor per war room: the guard's lease in the shared MongoDB store.

Every process that runs the guard (`warroom collect`, `warroom guard`, a TUI with
`[autorollback]` on) contends for one document, `guard_lease/_id: "autorollback"`. Taking and
renewing it is one atomic `find_one_and_update`; expiry is judged on the server's clock
(`$$NOW`), so hosts whose clocks disagree cannot both believe they hold it. Only the holder
acts; the others show who holds it, its countdown and its outcome, and can ask it to abort
through the same document. A holder that dies stops renewing, and another takes over once the
lease expires, without the countdown the dead one saw: a process never acts on a countdown
it did not see trip.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Mapping
from typing import Any

from pymongo import AsyncMongoClient, ReturnDocument
from pymongo.errors import DuplicateKeyError, PyMongoError

from warroom.collector.store import TIMEOUTS, database_of
from warroom.sources.mongo.errors import hosts_of, translate

LEASE_ID = "autorollback"
DEFAULT_TTL = 10.0
Doc = dict[str, Any]


def holder_name() -> str:
    """`host:pid:random`: unique per process, readable on a viewer's banner."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class GuardLease:
    """The lease document. Construction does no I/O; the URI is never shown."""

    def __init__(self, uri: str, holder: str | None = None, ttl: float = DEFAULT_TTL) -> None:
        self.__uri = uri
        self.target = hosts_of(uri)
        self.holder = holder or holder_name()
        self.ttl = ttl
        self.previous: Doc | None = None
        """The holder and state the last hold that held found (see `hold`)."""
        self._client: AsyncMongoClient[Doc] | None = None

    def __repr__(self) -> str:
        return f"GuardLease({self.target!r}, holder={self.holder!r})"

    def _coll(self) -> Any:
        if self._client is None:
            self._client = AsyncMongoClient(self.__uri, **TIMEOUTS)
        return self._client[database_of(self.__uri)].guard_lease

    async def hold(self) -> bool:
        """Takes the lease, or renews it when this process holds it. Returns True when this
        process holds it now.

        Raises:
            SourceError: the store cannot be reached (then nobody may assume they hold it).
        """
        # At or past its expiry: a release sets it to now, and a hold in the same
        # millisecond must take it at once.
        expired = {"$expr": {"$lte": ["$expires", "$$NOW"]}}
        mine = {"holder": self.holder}
        taking = [
            {
                "$set": {
                    # A new holder starts clean: no countdown it did not see, no stale request.
                    "state": {"$cond": [{"$eq": ["$holder", self.holder]}, "$state", None]},
                    "abort": {"$cond": [{"$eq": ["$holder", self.holder]}, "$abort", None]},
                    "rearm": {"$cond": [{"$eq": ["$holder", self.holder]}, "$rearm", None]},
                    # Who held it and what they published, as this hold found it: a new
                    # holder decides from this whether to stand down, in the same atomic
                    # step as the take (a read before it could be stale by then).
                    "previous": {"holder": "$holder", "state": "$state"},
                    "holder": self.holder,
                    "expires": {"$add": ["$$NOW", int(self.ttl * 1000)]},
                }
            }
        ]
        coll = self._coll()
        try:
            # Renew ours, or take an expired one ($expr is not allowed in an upsert's query)...
            doc = await coll.find_one_and_update(
                {"_id": LEASE_ID, "$or": [mine, expired]},
                taking,
                return_document=ReturnDocument.AFTER,
            )
            if doc is None:
                # ...or create it: when another process's document exists, the upsert's
                # insert of the same _id fails, and that process holds a live lease.
                doc = await coll.find_one_and_update(
                    {"_id": LEASE_ID, **mine},
                    taking,
                    upsert=True,
                    return_document=ReturnDocument.AFTER,
                )
        except DuplicateKeyError:
            return False
        except PyMongoError as exc:
            raise translate(exc, self.target, "guard lease") from None
        held = bool(doc and doc.get("holder") == self.holder)
        if held and doc is not None:
            self.previous = doc.get("previous") or {}
        return held

    async def publish(self, state: Mapping[str, Any]) -> None:
        """The holder's guard state (phase, countdown, outcome), for the other processes."""
        await self._update(
            {"_id": LEASE_ID, "holder": self.holder}, {"$set": {"state": dict(state)}}
        )

    async def request_abort(self, who: str, why: str) -> bool:
        """Any process: asks the holder to abort its countdown. False when no process holds
        the lease now (a new holder would start without the request)."""
        return await self._ask({"abort": {"who": who, "why": why}})

    async def take_abort(self) -> Doc | None:
        """The holder: the abort someone asked for, removed as it is read (None if none)."""
        return await self._take("abort")

    async def request_rearm(self, who: str) -> bool:
        """Any process: asks the holder to re-arm a guard that stood down. False when no
        process holds the lease now."""
        return await self._ask({"rearm": {"who": who}})

    async def _ask(self, request: Doc) -> bool:
        live = {"_id": LEASE_ID, "$expr": {"$gt": ["$expires", "$$NOW"]}}
        try:
            done = await self._coll().update_one(live, {"$set": request})
        except PyMongoError as exc:
            raise translate(exc, self.target, "guard lease") from None
        return bool(done.matched_count == 1)

    async def take_rearm(self) -> Doc | None:
        """The holder: the re-arm someone asked for, removed as it is read (None if none)."""
        return await self._take("rearm")

    async def _take(self, key: str) -> Doc | None:
        try:
            doc = await self._coll().find_one_and_update(
                {"_id": LEASE_ID, "holder": self.holder, key: {"$ne": None}},
                {"$set": {key: None}},
                return_document=ReturnDocument.BEFORE,
            )
        except PyMongoError as exc:
            raise translate(exc, self.target, "guard lease") from None
        taken: Doc | None = doc.get(key) if doc else None
        return taken

    async def read(self) -> Doc | None:
        """The lease as it is: holder, expiry, state, abort request (None before anyone held it)."""
        try:
            doc: Doc | None = await self._coll().find_one({"_id": LEASE_ID})
        except PyMongoError as exc:
            raise translate(exc, self.target, "guard lease") from None
        return doc

    async def release(self) -> None:
        """Gives the lease up at once (a clean shutdown), so another takes over now."""
        await self._update(
            {"_id": LEASE_ID, "holder": self.holder}, [{"$set": {"expires": "$$NOW"}}]
        )

    async def close(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.close()

    async def _update(self, query: Doc, update: Any) -> None:
        try:
            await self._coll().update_one(query, update)
        except PyMongoError as exc:
            raise translate(exc, self.target, "guard lease") from None
