"""The New Relic adapter: the plan's NRQL metrics and the open alert issues, one request a poll.

Environment (the names New Relic's CLI and Terraform read): NEW_RELIC_API_KEY (a user key,
required), NEW_RELIC_ACCOUNT_ID, NEW_RELIC_REGION, NEW_RELIC_NERDGRAPH_BASE_URL. Plan metrics
with `source = "newrelic"` give their NRQL in `query`; see docs/newrelic.md.

A query New Relic refuses fails only its own metrics: their tiles show New Relic's message
(`FetchResult.problems`) and every other alias of the same answer still counts.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from warroom.core.config import Config
from warroom.core.errors import RateLimited
from warroom.core.model import ExternalAlert, FetchResult, Monitor, Reading
from warroom.core.settings.newrelic import NewRelicSettings
from warroom.core.source import SourceBase
from warroom.core.textsafe import inert
from warroom.core.units import UnitMismatch
from warroom.sources.newrelic import nrql
from warroom.sources.newrelic.api import FieldError, NerdGraph
from warroom.sources.newrelic.credentials import Credentials, resolve
from warroom.sources.newrelic.issues import (
    ISSUES_ALIAS,
    issues_field,
    parse_issues,
    to_alerts,
    to_monitors,
)
from warroom.sources.newrelic.limits import NerdGraphPacing

if TYPE_CHECKING:
    import httpx

PROBLEM_LIMIT = 160
MAX_INLINE_WAIT = 1.0  # seconds of budget wait slept inside a poll rather than failing it
ACCOUNT_PATH = ("actor", "account")


def create(config: Config, env: Mapping[str, str]) -> NewRelicSource:
    """Builds the source from the plan's `source = "newrelic"` metrics. Does no I/O.

    Raises:
        NotConfigured: no user key, no account id, an unknown region or an unusable URL.
    """
    settings = config.sources.newrelic
    creds = resolve(settings, env)
    return NewRelicSource(settings, creds, nrql.bind(config.metrics, settings.attribute_units))


class NewRelicSource(SourceBase):
    """Polls NerdGraph. The key lives only in the client's headers."""

    name = "newrelic"

    def __init__(
        self,
        settings: NewRelicSettings,
        creds: Credentials,
        metrics: Sequence[nrql.NrqlMetric],
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.settings = settings
        self.account_id = creds.account_id
        self.metrics = list(metrics)
        self._clock = clock
        self.limits = NerdGraphPacing(settings.query_budget, settings.budget_share, monotonic, rng)
        # One request carries the whole poll: it may use most of the poll's time.
        self.graph = NerdGraph(creds, max(1.0, settings.timeout * 0.8), self.limits, transport)
        self._cost = len({m.nrql for m in self.metrics if m.problem is None})
        self._alerts: tuple[ExternalAlert, ...] = ()

    def __repr__(self) -> str:
        return f"NewRelicSource(account={self.account_id}, metrics={len(self.metrics)})"

    def pacing(self) -> float:
        return self.limits.pacing(self._cost)

    async def close(self) -> None:
        await self.graph.close()

    async def fetch(self) -> FetchResult:
        """One poll: every NRQL metric and the open alert issues, in one request.

        Returns:
            Readings in the plan's units, per-metric problems, issues as monitors and
            banner alerts, and the query budget for the status bar.
        Raises:
            SourceError: a failure of the whole request; RateLimited for TOO_MANY_REQUESTS
                (carrying the readings of the aliases that did answer).
        """
        now = self._clock()
        extra = issues_field(now, self.settings.issue_window) if self.settings.issues else ""
        batch = nrql.build_batch(self.metrics, self.account_id, self.settings.nrql_timeout, extra)
        if not batch.aliases and not extra:  # nothing to ask: an empty selection is invalid
            return FetchResult(problems={m.metric: m.problem or "" for m in self.metrics})
        await self._pace()
        result = await self.graph.execute(batch.document, batch.variables, "query")
        account = _get(result.data, "actor", "account")
        if account is None:
            failed = result.errors_at(ACCOUNT_PATH[0]).get(ACCOUNT_PATH[1])
            raise self.graph.failure((failed,) if failed else result.errors, "New Relic query", 200)
        errors = result.errors_at(*ACCOUNT_PATH)
        # Stamped when the answer arrived: New Relic's buckets end at its own "now".
        readings, problems = self._metric_readings(batch, account, errors, self._clock())
        if result.throttled:
            limited = self.graph.rate_limited("New Relic query")
            limited.readings = tuple(readings)
            raise limited
        monitors, info = self._issues(account, errors)
        return FetchResult(
            readings=tuple(readings),
            monitors=monitors,
            alerts=self._alerts,
            info={**self.limits.info(), **info},
            problems=problems,
        )

    async def _pace(self) -> None:
        """Counts this poll's queries once the allowed share has room for them.

        Raises:
            RateLimited: the share is spent for longer than a moment (a refresh pressed
                inside the wait the pacing asked the poller for).
        """
        wait = self.limits.pacing(self._cost)
        if wait > MAX_INLINE_WAIT:
            raise RateLimited(f"New Relic: own NRQL budget spent, waiting {wait:.0f}s", wait)
        if wait > 0:
            await asyncio.sleep(wait)
        await self.limits.spend(self._cost)

    def _metric_readings(
        self,
        batch: nrql.Batch,
        account: Mapping[str, Any],
        errors: Mapping[str, FieldError],
        now: float,
    ) -> tuple[list[Reading], dict[str, str]]:
        problems = {m.metric: m.problem for m in self.metrics if m.problem is not None}
        readings: list[Reading] = []
        for alias, metrics in batch.aliases.items():
            error, field = errors.get(alias), account.get(alias)
            for metric in metrics:
                try:
                    if error is not None or not isinstance(field, dict):
                        raise nrql.Unreadable(error.message if error else "no answer for the query")
                    readings += nrql.readings(metric, field.get("results"), now)
                except (nrql.Unreadable, UnitMismatch) as exc:
                    problems[metric.metric] = inert(f"New Relic: {exc}", PROBLEM_LIMIT)
        return readings, problems

    def _issues(
        self, account: Mapping[str, Any], errors: Mapping[str, FieldError]
    ) -> tuple[tuple[Monitor, ...] | None, dict[str, str]]:
        """Monitors and the status-bar note; when the issues cannot be read, None (the
        Engineering tab keeps the last states) and the banner keeps the last alerts."""
        if not self.settings.issues:
            return None, {}
        error = errors.get(ISSUES_ALIAS)
        try:
            if error is not None:
                raise ValueError(error.message)
            found, more = parse_issues(account.get(ISSUES_ALIAS))
        except ValueError as exc:
            return None, {"issues": inert(f"not read: {exc}", 40)}
        self._alerts = to_alerts(found)
        return to_monitors(found), {"issues": f"{len(found)}{'+' if more else ''} open"}


def _get(data: Mapping[str, Any], *path: str) -> Mapping[str, Any] | None:
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None
