"""The checklists of a shared war room, in the collector's MongoDB store.

    checklist_ticks  one document per manual item: its latest tick (`ticked`, who, when,
                     note), a `version` counter and the `history` of every tick. Each tick is
                     one atomic update ($set + $inc + $push on one document), so two people
                     ticking at once lose neither tick: both land in `history`, in order.
Coverage and trigger moments come from the collector's own `polls` and `readings`, runbook
records from the shared `audit` collection, so every viewer judges the same record.

Synchronous pymongo: the app calls these from a thread, the CLI directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, MongoClient
from pymongo.errors import DuplicateKeyError, PyMongoError

from warroom.collector.store import TIMEOUTS, Doc, database_of, utc
from warroom.core.checklists.record import Coverage, RecordUnavailable
from warroom.core.checklists.state import Tick
from warroom.core.checklists.ticks import TickError, clean_note, parse_ts
from warroom.core.plan import Trigger
from warroom.core.runbook.audit import AuditError, AuditLog
from warroom.sources.mongo.errors import hosts_of

TICKS = "checklist_ticks"
_OPS = {">": "$gt", "<": "$lt", ">=": "$gte", "<=": "$lte"}


class _Shared:
    """One lazily opened client; the URI (it may hold a password) never shows."""

    def __init__(self, uri: str) -> None:
        self.__uri = uri
        self.target = hosts_of(uri)
        self._client: MongoClient[Doc] | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.target!r})"

    def db(self) -> Any:
        if self._client is None:
            self._client = MongoClient(self.__uri, **TIMEOUTS)
        return self._client[database_of(self.__uri)]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def why(self, exc: PyMongoError, doing: str) -> str:
        return f"shared store {self.target}: {doing} failed ({type(exc).__name__})"


class MongoTicks(_Shared):
    """TickStore on the shared store. Every tick is also appended to the local audit log."""

    def __init__(self, uri: str, audit: AuditLog) -> None:
        super().__init__(uri)
        self.audit = audit

    def load(self) -> dict[str, Tick]:
        try:
            docs = list(self.db()[TICKS].find({}, {"history": 0}))
        except PyMongoError as exc:
            raise TickError(self.why(exc, "reading ticks")) from None
        return {str(d["_id"]): tick for d in docs if (tick := _tick(d)) is not None}

    def tick(self, checklist: str, item: str, text: str, ticked: bool, note: str) -> Tick:
        """The store is the shared record: the update lands first, then the local copy."""
        record = self.audit.record(
            "ticked" if ticked else "unticked",
            checklist=checklist,
            item=item,
            title=text,
            note=clean_note(note) or None,
        )
        state = {k: record.get(k) for k in ("ts", "event", "user", "host", "note", "checklist")}
        update = {
            "$set": {**state, "ticked": ticked},
            "$inc": {"version": 1},
            "$push": {"history": record},
        }
        try:
            try:
                self.db()[TICKS].update_one({"_id": item}, update, upsert=True)
            except DuplicateKeyError:  # two first ticks raced on the upsert: the row exists now
                self.db()[TICKS].update_one({"_id": item}, update)
        except PyMongoError as exc:
            raise TickError(self.why(exc, "ticking") + "; nothing was ticked") from None
        try:
            self.audit.write(record)
        except AuditError as exc:
            raise TickError(
                f"ticked in the shared store, but the local audit copy failed: {exc}"
            ) from None
        found = _tick({**state, "ticked": ticked, "_id": item})
        assert found is not None
        return found


def _tick(doc: Doc) -> Tick | None:
    at = parse_ts(doc.get("ts"))
    if at is None:
        return None
    return Tick(
        item=str(doc["_id"]),
        ticked=bool(doc.get("ticked")),
        user=str(doc.get("user", "?")),
        host=str(doc.get("host", "?")),
        at=at,
        note=str(doc.get("note") or ""),
    )


class MongoRecord(_Shared):
    """LaunchRecord over the collector's `polls` (kept two days) and `readings`."""

    def coverage(
        self, start: float, end: float, min_gap: float, sources: Sequence[str]
    ) -> Coverage:
        match = {
            "at": {"$gte": utc(start), "$lte": utc(end)},
            "source": {"$in": list(sources)},
            "error": {"$exists": False},
        }
        try:
            found = list(self.db().polls.aggregate(_span(match)))
            rows = list(self.db().polls.aggregate(_gaps(match, min_gap)))
        except PyMongoError as exc:
            raise RecordUnavailable(self.why(exc, "reading polls")) from None
        if not found:
            return Coverage(start, end, None, None)
        gaps = tuple((float(r["ts"]), float(r["gap"])) for r in rows)
        return Coverage(start, end, float(found[0]["first"]), float(found[0]["last"]), gaps)

    def trigger_times(
        self, start: float, end: float, triggers: Sequence[Trigger]
    ) -> dict[str, float]:
        out: dict[str, float] = {}
        try:
            for trigger in triggers:
                query = {
                    "meta.metric": trigger.metric,
                    "ts": {"$gte": utc(start), "$lte": utc(end)},
                    "value": {_OPS[trigger.op]: trigger.threshold},
                }
                doc = self.db().readings.find_one(query, sort=[("ts", DESCENDING)])
                if doc is not None:
                    out[trigger.id] = doc["ts"].replace(tzinfo=utc(0).tzinfo).timestamp()
        except PyMongoError as exc:
            raise RecordUnavailable(self.why(exc, "reading readings")) from None
        return out


def _span(match: Doc) -> list[Doc]:
    """First and last successful poll (`started` is the poll's epoch time)."""
    group = {"_id": None, "first": {"$min": "$started"}, "last": {"$max": "$started"}}
    return [{"$match": match}, {"$group": group}]


def _gaps(match: Doc, min_gap: float) -> list[Doc]:
    """(ts, gap) of every successful poll that followed a silence longer than `min_gap`."""
    previous = {"prev": {"$shift": {"output": "$started", "by": -1}}}
    return [
        {"$match": match},
        {"$setWindowFields": {"sortBy": {"started": 1}, "output": previous}},
        {"$project": {"_id": 0, "ts": "$started", "gap": {"$subtract": ["$started", "$prev"]}}},
        {"$match": {"gap": {"$gt": min_gap}}},
        {"$sort": {"ts": 1}},
    ]


class MongoSteps(_Shared):
    """StepLog over the shared `audit` collection: runbook records from every viewer."""

    def step_records(self) -> list[dict[str, Any]]:
        try:
            cursor = (
                self.db().audit.find({"step": {"$exists": True}}, {"_id": 0}).sort("_id", ASCENDING)
            )
            return [dict(d) for d in cursor]
        except PyMongoError as exc:
            raise RecordUnavailable(self.why(exc, "reading the audit")) from None
