"""The Sentry adapter: issues, error counts and release health over Sentry's REST API.

Environment (the names sentry-cli reads): SENTRY_AUTH_TOKEN (Bearer, required), SENTRY_ORG,
SENTRY_URL. An `sntrys_` organization token also names its org and region, which fill in
whatever the environment and the config leave out. Plan metrics with `source = "sentry"` pick
what they show with `query` (default: the metric id); see `docs/sentry.md`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from warroom.core.config import Config
from warroom.core.errors import NotConfigured, SourceError
from warroom.core.model import FetchResult, Reading
from warroom.core.plan import MetricDef
from warroom.core.scrub import register
from warroom.core.settings.sentry import SentrySettings
from warroom.core.source import SourceBase
from warroom.sources.sentry.api import SentryHttp
from warroom.sources.sentry.health import HEALTH_KINDS, HealthMetric, HealthPoller
from warroom.sources.sentry.issues import list_params, new_params, parse_issues, release_of
from warroom.sources.sentry.series import ErrorSeries
from warroom.sources.sentry.token import token_claims

DEFAULT_URL = "https://sentry.io"
COUNT_KINDS = ("open_issues", "new_issues")
RELEASE_CACHE = 5000
# Share of the hourly request budget planned for; the rest absorbs the burst of a release-
# health poll, so no hour goes over the budget.
BUDGET_USE = 0.9


def create(config: Config, env: Mapping[str, str]) -> SentrySource:
    """Builds the adapter from the plan and the environment. Does no I/O.

    Raises:
        NotConfigured: no token, no organization, or an unusable URL.
    """
    settings = config.sources.sentry
    token = env.get("SENTRY_AUTH_TOKEN", "").strip()
    if not token:
        raise NotConfigured("SENTRY_AUTH_TOKEN is not set")
    register(token)
    claims = token_claims(token)
    url = env.get("SENTRY_URL") or settings.url or claims.region_url or claims.url or DEFAULT_URL
    org = env.get("SENTRY_ORG") or settings.org or claims.org
    if not org:
        raise NotConfigured("SENTRY_ORG is not set and the token names no organization")
    metrics = [m for m in config.metrics if m.source == "sentry"]
    return SentrySource(settings, metrics, token=token, base_url=server_root(url), org=org)


def server_root(url: str) -> str:
    """`https://host[:port][/prefix]` without a trailing slash or `/api/0`.

    Raises:
        NotConfigured: not an http(s) URL with a host.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotConfigured("SENTRY_URL must be an http(s) URL such as https://sentry.io")
    path = parts.path.rstrip("/").removesuffix("/api/0")
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{path}"


@dataclass(slots=True)
class MetricPlan:
    """Which plan metrics this adapter feeds, grouped by what has to be fetched for them."""

    counts: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    health: list[HealthMetric] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def plan_metrics(metrics: Sequence[MetricDef]) -> MetricPlan:
    """Sorts metrics by their query (`kind[:selector]`, default the metric id)."""
    plan = MetricPlan()
    for m in metrics:
        kind, _, selector = (m.query or m.id).strip().partition(":")
        if kind in COUNT_KINDS:
            plan.counts.setdefault(kind, []).append(m.id)
        elif kind == "errors":
            plan.errors.append(m.id)
        elif kind in HEALTH_KINDS:
            plan.health.append(HealthMetric(m.id, kind, selector or "latest"))
        else:
            plan.unknown.append(m.id)
    return plan


class SentrySource(SourceBase):
    """Polls one Sentry organization. The token lives only in the HTTP client's headers."""

    name = "sentry"

    def __init__(
        self,
        settings: SentrySettings,
        metrics: Sequence[MetricDef],
        *,
        token: str,
        base_url: str,
        org: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.interval = settings.interval
        self.timeout = settings.timeout
        self.settings = settings
        self.org = org
        self._clock = clock
        # One request may use most of the poll's time, so a hung request is reported by name.
        per_request = max(1.0, settings.timeout * 0.8)
        self.http = SentryHttp(base_url, token, per_request, settings.max_concurrency, clock)
        scope: dict[str, str | list[str]] = {"project": settings.projects or ["-1"]}
        if settings.environment:
            scope["environment"] = settings.environment
        self.plan = plan_metrics(metrics)
        self._errors = ErrorSeries(self.http, org, scope)
        self._health = HealthPoller(self.http, org, scope, settings.current_release)
        self._health_due = 0.0
        self._releases: dict[str, str] = {}
        self._detail_credit = 0.0
        self._budget_wait = 0.0
        self._issues_path = f"/organizations/{quote(org, safe='')}/issues/"

    def __repr__(self) -> str:
        return f"SentrySource(org={self.org!r}, url={self.http.base_url!r})"

    def pacing(self) -> float:
        """Sentry's own rate-limit wait, or what keeps the hourly request budget."""
        return max(self.http.limits.pacing(), self._budget_wait)

    async def close(self) -> None:
        await self.http.close()

    async def fetch(self) -> FetchResult:
        """One poll: issues, error series and (when due) release health, concurrently.

        Returns:
            Issues, readings for the plan's Sentry metrics, and rate-limit facts in `info`.
        Raises:
            SourceError: the first failure of any part, already translated.
        """
        now = self._clock()
        before = self.http.requests
        health_due = bool(self.plan.health) and now >= self._health_due
        issues_job = asyncio.create_task(self._issues(now))
        errors_job = asyncio.create_task(self._error_readings(now))
        health_job = asyncio.create_task(
            self._health.poll(self.plan.health, now) if health_due else _nothing()
        )
        await _settle(issues_job, errors_job, health_job)
        items, readings, info = issues_job.result()
        if health_due:
            self._health_due = now + self.settings.health_interval
        await self._learn_releases(items, now, spent=self.http.requests - before)
        # Polls that cost more than the budget allows at this interval are spaced out.
        spent = self.http.requests - before
        budget = self.settings.request_budget * BUDGET_USE
        self._budget_wait = max(0.0, spent * 3600.0 / budget - self.interval)
        return FetchResult(
            readings=(*readings, *errors_job.result(), *health_job.result()),
            issues=tuple(parse_issues(items, now, self._releases)),
            info={**self.http.limits.info(), **info},
        )

    async def _error_readings(self, now: float) -> list[Reading]:
        out: list[Reading] = []
        for metric in self.plan.errors:
            out += await self._errors.poll(metric, now)
        return out

    async def _issues(
        self, now: float
    ) -> tuple[list[dict[str, Any]], list[Reading], dict[str, str]]:
        s = self.settings
        params = list_params(s.issue_query, s.issue_period, s.projects, s.environment)
        (items, hits), (fresh, fresh_hits) = await asyncio.gather(
            self.http.get_pages("issues", self._issues_path, params, s.max_pages),
            self.http.get_pages("issues", self._issues_path, new_params(params), 1),
        )
        merged = {str(i.get("id")): i for i in [*items, *fresh] if isinstance(i, dict)}
        totals = {
            "open_issues": hits if hits is not None else len(items),
            "new_issues": fresh_hits if fresh_hits is not None else len(fresh),
        }
        readings = [
            Reading(metric, now, float(totals[kind]))
            for kind, ids in self.plan.counts.items()
            for metric in ids
        ]
        info = {"issues": f"{len(items)} of {hits:,}"} if hits and hits > len(items) else {}
        if self.plan.unknown:
            info["ignored"] = ", ".join(self.plan.unknown)
        if self._errors.endpoint != "events-stats":
            info["errors via"] = self._errors.endpoint
        return list(merged.values()), readings, info

    async def _learn_releases(self, items: list[dict[str, Any]], now: float, spent: int) -> None:
        """Fetches details of a few issues (new ones first, then the busiest) for their release,
        within what the poll (`spent` requests) left of the hourly request budget. Fetching
        five per poll from the start ran the first quarter hour at 2.5 times the budget.

        Best effort: an issue resolved or deleted in between must not fail the poll.
        """
        per_poll = self.settings.request_budget * BUDGET_USE * self.interval / 3600.0
        # Unspent allowance carries over (capped at one poll's lookups), so a budget of 1.5
        # lookups a poll fetches 3 every other poll rather than never.
        self._detail_credit = min(
            float(self.settings.release_lookups), self._detail_credit + per_poll - spent
        )
        allowed = max(0, min(self.settings.release_lookups, int(self._detail_credit)))
        unknown = [i for i in items if str(i.get("id")) not in self._releases]
        unknown.sort(key=lambda i: (str(i.get("firstSeen", "")) < _iso_hour_ago(now), -_count(i)))
        chosen = [str(i.get("id")) for i in unknown[:allowed]]
        self._detail_credit -= len(chosen)
        answers = await asyncio.gather(*(self._detail(k) for k in chosen), return_exceptions=True)
        for key, answer in zip(chosen, answers, strict=True):
            if isinstance(answer, str):
                self._releases[key] = answer
            elif not isinstance(answer, SourceError):
                raise answer
        while len(self._releases) > RELEASE_CACHE:
            del self._releases[next(iter(self._releases))]

    async def _detail(self, key: str) -> str:
        path = f"{self._issues_path}{quote(key, safe='')}/"
        page = await self.http.get("issue details", path, {"collapse": ["stats", "tags"]})
        return release_of(page.data) if isinstance(page.data, dict) else ""


async def _settle(*jobs: asyncio.Task[Any]) -> None:
    """Waits for every job, then raises the first failure (so none is left running)."""
    outcomes = await asyncio.gather(*jobs, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome


async def _nothing() -> list[Reading]:
    return []


def _count(item: Mapping[str, Any]) -> int:
    try:
        return int(item.get("count") or 0)
    except (TypeError, ValueError):
        return 0


def _iso_hour_ago(now: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now - 3600))
