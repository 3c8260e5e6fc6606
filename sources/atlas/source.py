"""MongoDB Atlas adapter (Admin API v2): process measurements and open alerts.

One poll: the processes list (refreshed every `process_refresh` seconds), one measurements
request per watched process (up to 10 measurement names each, the API's limit), and the open
alerts. Keys come from the Atlas CLI's variables; the private key only lives in the Digest auth.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import httpx

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.model import ExternalAlert, FetchResult, Reading
from warroom.core.plan import MetricDef
from warroom.core.scrub import register
from warroom.core.settings.atlas import AtlasSettings
from warroom.core.source import SourceBase
from warroom.sources.atlas.api import AtlasHttp
from warroom.sources.atlas.parse import (
    Point,
    alert,
    combine,
    latest_points,
    results,
    serving_processes,
)

MAX_NAMES = 10  # the spec's maxItems for `m`
PUBLIC_ENV = ("MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PUBLIC_KEY", "MCLI_PUBLIC_API_KEY")
PRIVATE_ENV = ("MONGODB_ATLAS_PRIVATE_API_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MCLI_PRIVATE_API_KEY")
PROJECT_ENV = ("MONGODB_ATLAS_PROJECT_ID", "MCLI_PROJECT_ID")
BASE_URL_ENV = ("MONGODB_ATLAS_BASE_URL", "MCLI_OPS_MANAGER_URL")
_FOLDS = ("max", "sum", "avg")


@dataclass(frozen=True, slots=True)
class AtlasMetric:
    metric: str
    measurement: str
    fold: str


def bind_metrics(metrics: Sequence[MetricDef]) -> list[AtlasMetric]:
    """Plan metrics with source "atlas": `query` is `NAME` or `fold:NAME`."""
    out: list[AtlasMetric] = []
    for m in metrics:
        if m.source != "atlas" or not m.query:
            continue
        fold, _, name = m.query.rpartition(":")
        out.append(AtlasMetric(m.id, name.strip().upper(), fold if fold in _FOLDS else "max"))
    return out


def _chunks(names: Sequence[str]) -> list[list[str]]:
    return [list(names[i : i + MAX_NAMES]) for i in range(0, len(names), MAX_NAMES)]


class AtlasSource(SourceBase):
    def __init__(
        self,
        settings: AtlasSettings,
        project_id: str,
        auth: httpx.Auth,
        metrics: Sequence[MetricDef] = (),
        base_url: str | None = None,
        clock: Callable[[], float] = time.time,
        name: str = "atlas",
    ) -> None:
        self.name = name
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.settings = settings
        self.project_id = project_id
        self._http = AtlasHttp(
            base_url or settings.url, auth, settings.api_version, settings.timeout
        )
        self._clock = clock
        self._metrics = bind_metrics(metrics)
        self._processes: list[str] = list(settings.processes)
        self._listed_at: float | None = None
        self._last_poll_requests = 0

    def __repr__(self) -> str:
        return f"AtlasSource(name={self.name!r}, host={self._http.host!r})"

    @property
    def _group(self) -> str:
        return f"/groups/{self.project_id}"

    async def _watched(self) -> list[str]:
        """Process ids to measure: configured ones, else the serving ones (cached)."""
        if self.settings.processes:
            return self._processes
        now = self._clock()
        if self._listed_at is None or now - self._listed_at >= self.settings.process_refresh:
            body = await self._http.get(f"{self._group}/processes", [("itemsPerPage", "500")])
            self._processes = serving_processes(results(body, "processes"))
            self._listed_at = now
        return self._processes

    async def _measure(self, process: str, names: list[str]) -> dict[str, Point]:
        params = [("granularity", self.settings.granularity), ("period", self.settings.period)]
        params += [("m", n) for n in names]
        body = await self._http.get(f"{self._group}/processes/{process}/measurements", params)
        return latest_points(body)

    async def _readings(self, ts: float) -> tuple[list[Reading], int]:
        if not self._metrics:
            return [], 0
        processes = await self._watched()
        names = sorted({m.measurement for m in self._metrics})
        found: dict[str, list[Point]] = {}
        for process in processes:
            for chunk in _chunks(names):
                for name, point in (await self._measure(process, chunk)).items():
                    found.setdefault(name, []).append(point)
        out = []
        for m in self._metrics:
            folded = combine(found.get(m.measurement, []), m.fold)
            if folded is None:
                out.append(Reading(m.metric, ts, None))
            else:
                out.append(Reading(m.metric, folded.ts, folded.value))
        return out, len(processes)

    async def _alerts(self) -> tuple[ExternalAlert, ...]:
        if not self.settings.alerts:
            return ()
        params = [("status", "OPEN"), ("itemsPerPage", "100")]
        body = await self._http.get(f"{self._group}/alerts", params)
        now = self._clock()
        return tuple(alert(item, now) for item in results(body, "alerts"))

    async def fetch(self) -> FetchResult:
        """Polls once.

        Returns:
            The newest value of every Atlas metric of the plan, open alerts, and status-bar
            facts (processes watched, rate-limit budget).
        Raises:
            AuthError, RateLimited, SourceTimeout, Unavailable, BadResponse.
        """
        before = self._http.requests
        readings, processes = await self._readings(self._clock())
        alerts = await self._alerts()
        self._last_poll_requests = self._http.requests - before
        info = {"alerts": str(len(alerts))}
        if self._metrics:
            info["processes"] = str(processes)
        limits = self._http.limits
        if limits.remaining is not None:
            limit = "" if limits.limit is None else f"/{limits.limit}"
            info["rate limit"] = f"{limits.remaining}{limit} left"
        return FetchResult(readings=tuple(readings), alerts=alerts, info=info)

    def pacing(self) -> float:
        """One extra interval when the bucket holds less than two polls' worth of tokens."""
        remaining = self._http.limits.remaining
        if remaining is None or remaining >= 2 * max(1, self._last_poll_requests):
            return 0.0
        return self.interval

    async def close(self) -> None:
        await self._http.close()


def _first(env: Mapping[str, str], names: Sequence[str]) -> str | None:
    return next((env[n] for n in names if env.get(n)), None)


def create(config: Config, env: Mapping[str, str]) -> AtlasSource:
    """Builds the Atlas source from the Atlas CLI's environment variables.

    Raises:
        NotConfigured: no API key pair, or no project id in config or environment.
    """
    settings = config.sources.atlas
    public, private = _first(env, PUBLIC_ENV), _first(env, PRIVATE_ENV)
    if not public or not private:
        raise NotConfigured(f"no Atlas API key (set {PUBLIC_ENV[0]} and {PRIVATE_ENV[0]})")
    project = settings.project_id or _first(env, PROJECT_ENV)
    if not project:
        raise NotConfigured(f"no Atlas project (set {PROJECT_ENV[0]} or sources.atlas.project_id)")
    register(public, private)
    auth = httpx.DigestAuth(public, private)
    return AtlasSource(settings, project, auth, config.metrics, _first(env, BASE_URL_ENV))
