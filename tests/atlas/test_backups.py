"""The Atlas backup source against the fake Admin API: newest completed snapshot per cluster,
every page read, sharded clusters on their own endpoint, Atlas's errors kept."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.checklists.helpers import plan_with
from tests.fakes.atlas_server import AtlasState, atlas_server, snapshot
from warroom.core.checklists.judges import BACKUP_SOURCE, backup_metric
from warroom.core.errors import AuthError, BadResponse, NotConfigured
from warroom.sources.atlas.api import AtlasHttp
from warroom.sources.atlas.backups import AtlasBackupSource, create
from warroom.sources.registry import build_live
from warroom.sources.wire import parse_time


@pytest.fixture
def fake() -> Iterator[tuple[str, AtlasState]]:
    state = AtlasState()
    state.snapshots["Cluster0"] = [
        snapshot("2026-12-01T06:00:00Z", n=1),
        snapshot("2026-12-01T09:00:00Z", status="inProgress", n=2),  # newer, not finished
        snapshot("2026-12-01T08:00:00Z", kind="onDemand", n=3),
        snapshot("2026-12-01T07:00:00Z", status="failed", n=4),
    ]
    state.snapshots["empty"] = [snapshot("2026-12-01T05:00:00Z", status="queued")]
    state.sharded_snapshots["shards"] = [snapshot("2026-11-30T23:00:00Z", n=9)]
    with atlas_server(state) as served:
        yield served


def source(url: str, state: AtlasState, *clusters: tuple[str, bool]) -> AtlasBackupSource:
    auth = httpx.DigestAuth(state.public_key, state.private_key)
    http = AtlasHttp(url, auth, "2025-03-12", 2.0)
    return AtlasBackupSource(http, state.group, list(clusters), clock=lambda: 1_796_000_000.0)


async def test_the_newest_completed_snapshot_of_each_cluster(fake: tuple[str, AtlasState]) -> None:
    url, state = fake
    backups = source(url, state, ("Cluster0", False), ("empty", False), ("shards", True))
    result = await backups.fetch()
    await backups.close()
    values = {r.metric: r.value for r in result.readings}
    assert values == {
        backup_metric("Cluster0"): parse_time("2026-12-01T08:00:00Z"),
        backup_metric("empty"): None,  # Atlas answered: no completed snapshot
        backup_metric("shards"): parse_time("2026-11-30T23:00:00Z"),
    }
    paths = [path for status, path, _ in state.log if status == 200]
    assert paths[-1].endswith("/clusters/shards/backup/snapshots/shardedClusters")
    assert result.info["clusters"] == "3"


async def test_every_page_is_read(fake: tuple[str, AtlasState]) -> None:
    url, state = fake
    many = [snapshot(f"2026-11-{1 + n // 24:02d}T{n % 24:02d}:00:00Z", n=n) for n in range(700)]
    state.snapshots["Cluster0"] = many  # the newest is last, on page 2: no order is promised
    backups = source(url, state, ("Cluster0", False))
    result = await backups.fetch()
    await backups.close()
    assert result.readings[0].value == parse_time("2026-11-30T03:00:00Z")
    pages = [dict(q)["pageNum"] for status, _, q in state.log if status == 200]
    assert pages == ["1", "2"]


async def test_an_unknown_cluster_and_a_bad_key_are_errors(fake: tuple[str, AtlasState]) -> None:
    url, state = fake
    backups = source(url, state, ("Nope", False))
    with pytest.raises(BadResponse, match=r"404.*CLUSTER_NOT_FOUND"):
        await backups.fetch()
    await backups.close()
    state.private_key = "rotated"
    backups = source(url, state, ("Cluster0", False))
    state.private_key = "other"
    with pytest.raises(AuthError):
        await backups.fetch()
    await backups.close()


def test_built_only_when_a_checklist_asks_and_atlas_is_configured(
    fake: tuple[str, AtlasState],
) -> None:
    url, state = fake
    env = {
        "MONGODB_ATLAS_PUBLIC_API_KEY": state.public_key,
        "MONGODB_ATLAS_PRIVATE_API_KEY": state.private_key,
        "MONGODB_ATLAS_PROJECT_ID": state.group,
        "MONGODB_ATLAS_BASE_URL": url,
    }
    config = plan_with(
        {"auto": {"kind": "atlas_backup_recent", "cluster": "Cluster0", "hours": 24}}
    )
    names = [s.name for s in build_live(config, env).sources]
    assert BACKUP_SOURCE in names and "atlas" in names
    assert BACKUP_SOURCE not in [s.name for s in build_live(config, {}).sources]
    plain = plan_with({"text": "manual"})
    assert BACKUP_SOURCE not in [s.name for s in build_live(plain, env).sources]
    with pytest.raises(NotConfigured):
        create(plain, env)
    assert "privkey" not in repr(create(config, env))
