"""Processes, measurements with granularity and period, and open alerts from the fake Atlas."""

from __future__ import annotations

from tests.atlas.conftest import PRIMARY, atlas_config, make_source
from tests.fakes.atlas_server import AtlasState, atlas_server
from warroom.core.model import Priority
from warroom.sources.atlas.source import AtlasSource
from warroom.sources.wire import parse_time


async def test_latest_values_per_plan_metric(atlas: AtlasSource) -> None:
    result = await atlas.fetch()
    got = {r.metric: (r.ts, r.value) for r in result.readings}
    # max over the primary (57, its newest non-null point) and the secondary (13)
    assert got["atlas_connections"] == (parse_time("2024-06-01T12:01:00Z"), 57.0)
    assert got["atlas_queries"][1] == 130.25  # only the primary is watched by default
    assert result.info["processes"] == "1"
    assert result.info["rate limit"].endswith("/100 left")


async def test_requests_carry_granularity_period_and_names(
    atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]
) -> None:
    await atlas.fetch()
    _, state = fake_atlas
    served = [(path, query) for status, path, query in state.log if status == 200]
    paths = [path.rsplit("/", 1)[-1] for path, _ in served]
    assert paths == ["processes", "measurements", "alerts"]
    measure = served[1]
    assert measure[0].endswith(f"/processes/{PRIMARY}/measurements")
    assert ("granularity", "PT1M") in measure[1] and ("period", "PT10M") in measure[1]
    assert [v for k, v in measure[1] if k == "m"] == ["CONNECTIONS", "OPCOUNTER_QUERY"]
    assert ("status", "OPEN") in served[2][1]


async def test_process_list_is_cached(
    atlas: AtlasSource, fake_atlas: tuple[str, AtlasState]
) -> None:
    await atlas.fetch()
    await atlas.fetch()
    _, state = fake_atlas
    lists = [p for s, p, _ in state.log if s == 200 and p.endswith("/processes")]
    assert len(lists) == 1


async def test_open_alerts_become_banner_alerts(atlas: AtlasSource) -> None:
    alerts = {a.key: a for a in (await atlas.fetch()).alerts}
    assert set(alerts) == {"a1", "a2"}  # the CLOSED one is not asked for
    assert alerts["a2"].priority is Priority.HIGH
    assert alerts["a1"].priority is Priority.MEDIUM
    assert alerts["a1"].message == f"OUTSIDE_METRIC_THRESHOLD CONNECTIONS = 57.0 RAW on {PRIMARY}"
    assert alerts["a1"].source == "atlas"


async def test_configured_processes_and_sum(fake_atlas: tuple[str, AtlasState]) -> None:
    url, state = fake_atlas
    config = atlas_config(("atlas_connections", "sum:CONNECTIONS"))
    secondary = state.processes[1]["id"]
    source = make_source(url, state, config, processes=[PRIMARY, secondary], alerts=False)
    try:
        result = await source.fetch()
    finally:
        await source.close()
    assert [r.value for r in result.readings] == [57.0 + 13.0]
    assert not any(p.endswith("/processes") for _, p, _ in state.log)


async def test_no_data_is_a_gap() -> None:
    with atlas_server() as (url, state):
        state.processes = [{"id": PRIMARY, "typeName": "REPLICA_PRIMARY"}]
        source = make_source(url, state, atlas_config(("atlas_lag", "OPLOG_SLAVE_LAG_MASTER_TIME")))
        try:
            result = await source.fetch()
        finally:
            await source.close()
    assert [(r.metric, r.value) for r in result.readings] == [("atlas_lag", None)]
