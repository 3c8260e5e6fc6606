"""KPI pipelines: named read-only aggregations over application collections, one number each.

They read from a secondary when there is one (`secondaryPreferred`) and carry `maxTimeMS`, so
the dashboard never becomes the load on the primary during a launch. A failing pipeline makes
its own tile a gap and says why on the status bar; it does not fail the whole poll.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pymongo import AsyncMongoClient, ReadPreference
from pymongo.errors import ConnectionFailure, PyMongoError

from warroom.core.model import Reading
from warroom.core.settings.mongo import PipelineSettings
from warroom.sources.mongo.errors import translate

CONCURRENCY = 4


@dataclass(frozen=True, slots=True)
class Kpi:
    """A plan metric bound to the pipeline its `query` names."""

    metric: str
    name: str
    spec: PipelineSettings


@dataclass(frozen=True, slots=True)
class KpiOutcome:
    reading: Reading
    error: str | None = None


def _number(doc: Mapping[str, Any], field: str) -> float | None:
    value = doc.get(field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


async def run_kpi(
    client: AsyncMongoClient[dict[str, Any]],
    kpi: Kpi,
    database: str,
    max_time_ms: int,
    ts: float,
    target: str = "?",
) -> KpiOutcome:
    """Runs one pipeline. Returns its reading (a gap on failure) and a short error if any.

    Raises:
        Unavailable, SourceTimeout: the connection to the server failed (not the pipeline).
    """
    db = client.get_database(kpi.spec.database or database)
    coll = db.get_collection(
        kpi.spec.collection, read_preference=ReadPreference.SECONDARY_PREFERRED
    )
    try:
        cursor = await coll.aggregate(
            kpi.spec.pipeline, maxTimeMS=max_time_ms, comment=f"warroom kpi {kpi.name}"
        )
        docs = await cursor.to_list(1)
    except ConnectionFailure as exc:
        # The server went away mid-poll: the whole poll failed, not this one KPI.
        raise translate(exc, target, kpi.name) from None
    except PyMongoError as exc:
        return KpiOutcome(Reading(kpi.metric, ts, None), translate(exc, "", kpi.name).reason)
    if not docs:
        return KpiOutcome(Reading(kpi.metric, ts, kpi.spec.empty))
    value = _number(docs[0], kpi.spec.field)
    if value is None:
        error = f"{kpi.name}: no number in field {kpi.spec.field!r}"
        return KpiOutcome(Reading(kpi.metric, ts, None), error)
    return KpiOutcome(Reading(kpi.metric, ts, value))


async def run_kpis(
    client: AsyncMongoClient[dict[str, Any]],
    kpis: list[Kpi],
    database: str,
    max_time_ms: int,
    ts: float,
    target: str = "?",
) -> list[KpiOutcome]:
    """Runs every pipeline, a few at a time, and returns the outcomes in `kpis` order."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(kpi: Kpi) -> KpiOutcome:
        async with gate:
            return await run_kpi(client, kpi, database, max_time_ms, ts, target)

    return list(await asyncio.gather(*(one(k) for k in kpis)))
