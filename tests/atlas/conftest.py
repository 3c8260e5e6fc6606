"""A fake Atlas with one primary, one secondary, measurements and alerts; a source pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from tests.fakes.atlas_server import AtlasState, atlas_server
from warroom.core.config import Config, default_config
from warroom.core.plan import MetricDef
from warroom.sources.atlas.source import AtlasSource

PRIMARY = "cluster0-shard-00-00.abcde.mongodb.net:27017"
SECONDARY = "cluster0-shard-00-01.abcde.mongodb.net:27017"


def _process(pid: str, kind: str) -> dict[str, Any]:
    host, _, port = pid.partition(":")
    return {"id": pid, "hostname": host, "port": int(port), "typeName": kind,
            "groupId": "g", "replicaSetName": "atlas-xyz-shard-0", "version": "8.0.4"}  # fmt: skip


def _series(name: str, units: str, values: list[float | None]) -> dict[str, Any]:
    points = [
        {"timestamp": f"2024-06-01T12:0{i}:00Z", "value": value} for i, value in enumerate(values)
    ]
    return {"name": name, "units": units, "dataPoints": points}


def populated_state() -> AtlasState:
    state = AtlasState()
    state.processes = [
        _process(PRIMARY, "REPLICA_PRIMARY"),
        _process(SECONDARY, "REPLICA_SECONDARY"),
    ]
    state.measurements = {
        PRIMARY: [
            _series("CONNECTIONS", "SCALAR", [50, 57, None]),
            _series("OPCOUNTER_QUERY", "SCALAR_PER_SECOND", [120.5, 130.25]),
            _series("QUERY_TARGETING_SCANNED_OBJECTS_PER_RETURNED", "SCALAR", [3.5, 4.0]),
        ],
        SECONDARY: [_series("CONNECTIONS", "SCALAR", [12, 13])],
    }
    state.alerts = [
        {"id": "a1", "eventTypeName": "OUTSIDE_METRIC_THRESHOLD", "status": "OPEN",
         "metricName": "CONNECTIONS", "currentValue": {"number": 57.0, "units": "RAW"},
         "hostnameAndPort": PRIMARY},
        {"id": "a2", "eventTypeName": "NO_PRIMARY", "status": "OPEN", "clusterName": "Cluster0"},
        {"id": "a3", "eventTypeName": "HOST_DOWN", "status": "CLOSED", "clusterName": "Cluster0"},
    ]  # fmt: skip
    return state


def atlas_config(*metrics: tuple[str, str]) -> Config:
    base = default_config()
    extra = [
        MetricDef(id=i, label=i, tab="engineering", source="atlas", query=q) for i, q in metrics
    ]
    return base.model_copy(update={"metrics": [*base.metrics, *extra]})


@pytest.fixture
def fake_atlas() -> Iterator[tuple[str, AtlasState]]:
    with atlas_server(populated_state()) as served:
        yield served


def make_source(url: str, state: AtlasState, config: Config, **changes: Any) -> AtlasSource:
    settings = config.sources.atlas.model_copy(update={"url": url, "timeout": 2.0, **changes})
    auth = httpx.DigestAuth(state.public_key, state.private_key)
    return AtlasSource(settings, state.group, auth, config.metrics)


@pytest.fixture
async def atlas(fake_atlas: tuple[str, AtlasState]) -> AsyncIterator[AtlasSource]:
    url, state = fake_atlas
    config = atlas_config(
        ("atlas_connections", "CONNECTIONS"), ("atlas_queries", "sum:OPCOUNTER_QUERY")
    )
    source = make_source(url, state, config)
    try:
        yield source
    finally:
        await source.close()
