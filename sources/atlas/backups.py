"""Atlas cloud backups: the newest completed snapshot of each cluster that a checklist item
(`atlas_backup_recent`) asks about, read through the Admin API v2:

    GET /groups/{groupId}/clusters/{clusterName}/backup/snapshots                (replica set)
    GET /groups/{groupId}/clusters/{clusterName}/backup/snapshots/shardedClusters (sharded)

Both are paged (`itemsPerPage` up to 500, `pageNum` from 1; envelope `results`, `totalCount`)
and need Project Read Only. A snapshot's `status` is queued, inProgress, completed or failed;
`createdAt` is when Atlas took it. The API promises no order, so every page is read.

One reading per cluster and poll: `atlas_backup:<cluster>` whose value is the newest completed
snapshot's time (epoch seconds), or a gap (None) when Atlas holds no completed snapshot. It
travels like any reading: to the history, through the collector to every viewer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

from warroom.core.checklists.config import AtlasBackupRecent
from warroom.core.checklists.judges import BACKUP_SOURCE, backup_metric
from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.model import FetchResult, Reading
from warroom.core.scrub import register
from warroom.core.source import SourceBase
from warroom.sources.atlas.api import AtlasHttp
from warroom.sources.atlas.parse import results
from warroom.sources.atlas.source import BASE_URL_ENV, PRIVATE_ENV, PROJECT_ENV, PUBLIC_ENV, _first
from warroom.sources.wire import parse_time

BACKUP_INTERVAL = 300.0  # snapshots come hourly at best; five minutes is plenty and cheap
PAGE_SIZE = 500  # the API's maximum itemsPerPage
MAX_PAGES = 20  # 10,000 snapshots: far beyond any retention policy


def backup_rules(config: Config) -> list[AtlasBackupRecent]:
    return [
        i.auto for c in config.checklists for i in c.items if isinstance(i.auto, AtlasBackupRecent)
    ]


def newest_completed(items: Sequence[Mapping[str, Any]]) -> float | None:
    """The newest `createdAt` among completed snapshots, None when there is none."""
    times = [parse_time(s.get("createdAt")) for s in items if s.get("status") == "completed"]
    found = [t for t in times if t is not None]
    return max(found) if found else None


class AtlasBackupSource(SourceBase):
    """Construction does no I/O. Shares nothing with the measurements source but the keys."""

    def __init__(
        self,
        http: AtlasHttp,
        project_id: str,
        clusters: Sequence[tuple[str, bool]],
        *,
        timeout: float = 10.0,
        interval: float = BACKUP_INTERVAL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = BACKUP_SOURCE
        self.interval = interval
        self.timeout = timeout
        self.project_id = project_id
        self.clusters = list(dict.fromkeys(clusters))
        self._http = http
        self._clock = clock

    def __repr__(self) -> str:
        return f"AtlasBackupSource(host={self._http.host!r}, clusters={len(self.clusters)})"

    async def snapshots(self, cluster: str, sharded: bool) -> list[Mapping[str, Any]]:
        """Every snapshot of the cluster, all pages. Raises SourceError (see AtlasHttp.get)."""
        path = f"/groups/{self.project_id}/clusters/{cluster}/backup/snapshots"
        path += "/shardedClusters" if sharded else ""
        found: list[Mapping[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            params = [("itemsPerPage", str(PAGE_SIZE)), ("pageNum", str(page))]
            items = results(await self._http.get(path, params), "backup snapshots")
            found += items
            if len(items) < PAGE_SIZE:
                break
        return found

    async def fetch(self) -> FetchResult:
        """Returns one reading per cluster. Raises AuthError, RateLimited, SourceTimeout,
        Unavailable, BadResponse (an unknown cluster is Atlas's 404 CLUSTER_NOT_FOUND)."""
        now = self._clock()
        readings = []
        for cluster, sharded in self.clusters:
            newest = newest_completed(await self.snapshots(cluster, sharded))
            readings.append(Reading(backup_metric(cluster), now, newest))
        info = {"clusters": str(len(self.clusters))}
        if self._http.limits.remaining is not None:
            info["rate limit"] = f"{self._http.limits.remaining} left"
        return FetchResult(readings=tuple(readings), info=info)

    async def close(self) -> None:
        await self._http.close()


def create(config: Config, env: Mapping[str, str]) -> AtlasBackupSource:
    """The backup source for the plan's `atlas_backup_recent` items, from the same keys and
    project as the Atlas source.

    Raises:
        NotConfigured: no such item, or no Atlas keys or project.
    """
    rules = backup_rules(config)
    if not rules:
        raise NotConfigured("no checklist item asks for an Atlas backup")
    settings = config.sources.atlas
    public, private = _first(env, PUBLIC_ENV), _first(env, PRIVATE_ENV)
    project = settings.project_id or _first(env, PROJECT_ENV)
    if not public or not private or not project:
        raise NotConfigured("no Atlas API key or project (see [sources.atlas])")
    register(public, private)
    base = _first(env, BASE_URL_ENV) or settings.url
    http = AtlasHttp(
        base, httpx.DigestAuth(public, private), settings.api_version, settings.timeout
    )
    clusters = [(r.cluster, r.sharded) for r in rules]
    return AtlasBackupSource(http, project, clusters, timeout=settings.timeout)
