"""MongoDB adapter: server health, replication, slow operations, connection probes, KPIs.

One poll runs: a connection probe (fresh connection + ping), `serverStatus`,
`replSetGetStatus`, `currentOp` for slow operations, then every KPI pipeline the plan names.
The URI (which may carry a password) stays in a private attribute; it is never part of a
reason, an info value or a repr: errors name the hosts only.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pymongo import AsyncMongoClient
from pymongo.errors import ConfigurationError, OperationFailure, PyMongoError

from warroom.core.aio import raise_if_cancelled
from warroom.core.config import Config
from warroom.core.errors import BadResponse, NotConfigured, SourceError
from warroom.core.model import FetchResult, Reading, SlowOp
from warroom.core.plan import MetricDef
from warroom.core.scrub import register
from warroom.core.settings.mongo import MongoSettings
from warroom.core.source import SourceBase
from warroom.sources.mongo import status as status_mod
from warroom.sources.mongo.errors import (
    NO_REPLICATION,
    NOT_YET_INITIALIZED,
    UNAUTHORIZED,
    hosts_of,
    translate,
)
from warroom.sources.mongo.kpis import Kpi, run_kpis
from warroom.sources.mongo.probe import PROBE_QUERY, ProbeWindow, probe
from warroom.sources.mongo.repl import replication
from warroom.sources.mongo.slowops import current_op_command, slow_ops

URI_ENV = "MONGODB_URI"
SERVER_STATUS = {"serverStatus": 1, "repl": 0, "metrics": 0, "locks": 0}
_REPL_FACTS = {
    NO_REPLICATION: "standalone",
    NOT_YET_INITIALIZED: "replica set not initialized",
    UNAUTHORIZED: "no clusterMonitor role",
}


def bind_kpis(
    metrics: Sequence[MetricDef], settings: MongoSettings
) -> tuple[list[Kpi], list[str], list[str]]:
    """Splits the plan's mongo metrics. Returns (KPIs, probe metric ids, unknown queries)."""
    kpis: list[Kpi] = []
    probes: list[str] = []
    unknown: list[str] = []
    for metric in metrics:
        if metric.source != "mongo" or metric.query is None:
            continue
        if metric.query == PROBE_QUERY:
            probes.append(metric.id)
        elif metric.query in settings.pipelines:
            kpis.append(Kpi(metric.id, metric.query, settings.pipelines[metric.query]))
        else:
            unknown.append(metric.query)
    return kpis, probes, unknown


class MongoSource(SourceBase):
    def __init__(
        self,
        uri: str,
        settings: MongoSettings,
        metrics: Sequence[MetricDef] = (),
        clock: Callable[[], float] = time.time,
        name: str = "mongo",
    ) -> None:
        self.name = name
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.settings = settings
        self.target = hosts_of(uri)
        self.__uri = uri
        self._clock = clock
        self._kpis, self._probe_metrics, self._unknown = bind_kpis(metrics, settings)
        self.window = ProbeWindow(settings.probe_window)
        self._client: AsyncMongoClient[dict[str, Any]] | None = None
        self._before: status_mod.Counters | None = None

    def __repr__(self) -> str:
        return f"MongoSource(name={self.name!r}, target={self.target!r})"

    def _options(self) -> dict[str, Any]:
        s = self.settings
        return {
            "serverSelectionTimeoutMS": int(s.server_selection_timeout * 1000),
            "connectTimeoutMS": int(s.connect_timeout * 1000),
            "socketTimeoutMS": int(s.socket_timeout * 1000),
            "appname": s.app_name,
        }

    def _connect(self) -> AsyncMongoClient[dict[str, Any]]:
        """Returns the pooled client, creating it (no I/O) on first use.

        Raises:
            BadResponse: the URI cannot be parsed (its text is never repeated).
        """
        raise_if_cancelled()  # a poll that lost its cancel goes no further (core.aio)
        if self._client is None:
            try:
                self._client = AsyncMongoClient(self.__uri, **self._options())
            except ConfigurationError:
                raise BadResponse(f"{URI_ENV} is not a valid MongoDB URI") from None
        return self._client

    async def _command(self, command: Mapping[str, Any], what: str) -> dict[str, Any]:
        try:
            reply: dict[str, Any] = await self._connect().admin.command(dict(command))
        except PyMongoError as exc:
            raise translate(exc, self.target, what) from None
        return reply

    async def _replication(self, ts: float) -> tuple[list[Reading], dict[str, str]]:
        try:
            reply = await self._connect().admin.command("replSetGetStatus")
        except OperationFailure as exc:
            fact = _REPL_FACTS.get(exc.code or 0)
            if fact is None:
                raise translate(exc, self.target, "replSetGetStatus") from None
            return [], {"replication": fact}
        except PyMongoError as exc:
            raise translate(exc, self.target, "replSetGetStatus") from None
        return replication(reply, ts)

    async def _probe(self, ts: float) -> list[Reading]:
        if not self._probe_metrics:
            return []
        ok = await probe(self.__uri, self._options())
        if ok is None:  # our own login refused: no measurement (the poll says why)
            return []
        self.window.record(ok)
        return [self.window.reading(ts, metric) for metric in self._probe_metrics]

    async def fetch(self) -> FetchResult:
        """Polls once.

        Returns:
            Server-health readings, the probe's failure share, KPI values, slow operations and
            status-bar facts (replication, version, KPI problems).
        Raises:
            Unavailable, SourceTimeout, AuthError, BadResponse: translated from pymongo.
        """
        ts = self._clock()
        readings = await self._probe(ts)
        try:
            return await self._poll(ts, readings)
        except SourceError as exc:
            # The probe's share is data even when the server is down: keep it on the error so
            # the > 5 % connection-failure trigger can fire during the outage.
            exc.readings = tuple(r for r in readings if r.metric in self._probe_metrics)
            raise

    async def _poll(self, ts: float, readings: list[Reading]) -> FetchResult:
        server = await self._command(SERVER_STATUS, "serverStatus")
        after = status_mod.counters(server)
        readings += status_mod.gauges(server, ts) + status_mod.rates(self._before, after, ts)
        self._before = after
        lag, info = await self._replication(ts)
        readings += lag
        ops: tuple[SlowOp, ...] = slow_ops(
            await self._command(current_op_command(self.settings.slow_op_seconds), "currentOp")
        )
        outcomes = await run_kpis(
            self._connect(),
            self._kpis,
            self.settings.database,
            self.settings.pipeline_max_time_ms,
            ts,
            self.target,
        )
        readings += [o.reading for o in outcomes]
        info.update(status_mod.status_info(server))
        info.update(self._kpi_facts([o.error for o in outcomes if o.error]))
        return FetchResult(readings=tuple(readings), slow_ops=ops, info=info)

    def _kpi_facts(self, errors: list[str]) -> dict[str, str]:
        facts: dict[str, str] = {}
        if self._probe_metrics:
            facts["probes"] = f"{self.window.count} in {self.settings.probe_window:g}s"
        if self._unknown:
            names = ", ".join(sorted(self._unknown))
            facts["unknown pipelines"] = f"{len(self._unknown)}: {names}"[:120]
        if errors:
            facts["kpi errors"] = f"{len(errors)}: {errors[0]}"[:160]
        return facts

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(PyMongoError):
                await client.close()


def create(config: Config, env: Mapping[str, str]) -> MongoSource:
    """Builds the MongoDB source from config and `MONGODB_URI` (which wins over config).

    Raises:
        NotConfigured: no URI anywhere, or one that is not a mongodb:// URI.
    """
    settings = config.sources.mongo
    uri = env.get(URI_ENV) or settings.uri
    if not uri:
        raise NotConfigured(f"no MongoDB URI (set {URI_ENV})")
    if not uri.startswith(("mongodb://", "mongodb+srv://")):
        raise NotConfigured(f"{URI_ENV} must start with mongodb:// or mongodb+srv://")
    register(uri, *uri_password(uri))
    return MongoSource(uri, settings, config.metrics)


def uri_password(uri: str) -> list[str]:
    """The password of `mongodb://user:password@hosts/...`, percent-decoded too (a driver
    message may quote either form). Empty when the URI holds none."""
    from urllib.parse import unquote

    userinfo, at, _ = uri.split("://", 1)[-1].partition("@")
    _, colon, password = userinfo.partition(":")
    if not (at and colon and password):
        return []
    return sorted({password, unquote(password)})
