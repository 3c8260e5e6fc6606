"""Release health: crash-free sessions and users per release, and adoption of the newest one.

Two unit quirks meet here (reference notes 3.6 and 3.7): `/sessions/` gives crash-free rates
as fractions 0..1, release details give `healthData` in percent. Readings are all percent.
Sessions come in 1-hour buckets, so polling faster than every few minutes only burns budget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from warroom.core.errors import BadResponse
from warroom.core.model import Reading
from warroom.sources.sentry.api import SentryHttp

CRASH_FREE = {"crash_free_sessions": "session", "crash_free_users": "user"}
HEALTH_KINDS = (*CRASH_FREE, "adoption")


@dataclass(frozen=True, slots=True)
class HealthMetric:
    """A plan metric fed by release health: `kind[:selector]`, selector latest|current|<version>."""

    metric: str
    kind: str
    selector: str = "latest"


@dataclass(frozen=True, slots=True)
class ReleaseRates:
    sessions: float | None  # crash-free fraction 0..1
    users: float | None
    total: float


class HealthPoller:
    """Reads releases, sessions and the newest release's adoption for the wanted metrics."""

    def __init__(
        self,
        http: SentryHttp,
        org: str,
        scope: Mapping[str, str | list[str]],
        current_release: str | None,
    ) -> None:
        self._http = http
        self._org = quote(org, safe="")
        self._scope = dict(scope)
        self._current = current_release

    async def poll(self, wanted: Sequence[HealthMetric], now: float) -> list[Reading]:
        """Returns one reading per wanted metric (value None when Sentry has no data).

        Raises:
            SourceError: a request failed or an answer had an unexpected shape.
        """
        latest = await self._latest_release()
        rates = await self._rates() if any(m.kind in CRASH_FREE for m in wanted) else {}
        current = self._current or _busiest(rates, exclude=latest)
        names = {"latest": latest, "current": current}
        out = []
        for m in wanted:
            version = names.get(m.selector, m.selector)
            out.append(Reading(m.metric, now, await self._value(m, version, rates)))
        return out

    async def _value(
        self, metric: HealthMetric, version: str | None, rates: Mapping[str, ReleaseRates]
    ) -> float | None:
        if version is None:
            return None
        if metric.kind == "adoption":
            return await self._adoption(version)
        release = rates.get(version)
        if release is None:
            return None
        fraction = release.sessions if metric.kind == "crash_free_sessions" else release.users
        return None if fraction is None else round(float(fraction) * 100.0, 4)

    async def _latest_release(self) -> str | None:
        path = f"/organizations/{self._org}/releases/"
        page = await self._http.get("releases", path, {**self._scope, "per_page": 5})
        if not isinstance(page.data, list):
            raise BadResponse("releases: expected a list")
        versions = [r.get("version") for r in page.data if isinstance(r, dict)]
        return next((v for v in versions if isinstance(v, str) and v), None)

    async def _rates(self) -> dict[str, ReleaseRates]:
        params = {
            **self._scope,
            "field": ["crash_free_rate(session)", "crash_free_rate(user)", "sum(session)"],
            "groupBy": "release",
            "orderBy": "-sum(session)",
            "statsPeriod": "24h",
            "interval": "1h",
            "includeSeries": "0",
            "per_page": 100,
        }
        page = await self._http.get("sessions", f"/organizations/{self._org}/sessions/", params)
        return parse_sessions(page.data)

    async def _adoption(self, version: str) -> float | None:
        path = f"/organizations/{self._org}/releases/{quote(version, safe='')}/"
        params = {**self._scope, "health": "1", "healthStatsPeriod": "24h"}
        page = await self._http.get("release", path, params)
        return parse_adoption(page.data)


def parse_sessions(body: Any) -> dict[str, ReleaseRates]:
    """Release -> crash-free fractions and session count from a `/sessions/` answer.

    Raises:
        BadResponse: the body is not the documented `{"groups": [...]}` shape.
    """
    try:
        out = {}
        for group in body["groups"]:
            totals = group["totals"]
            out[str(group["by"]["release"])] = ReleaseRates(
                sessions=_fraction(totals.get("crash_free_rate(session)")),
                users=_fraction(totals.get("crash_free_rate(user)")),
                total=float(totals.get("sum(session)") or 0),
            )
        return out
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponse(f"sessions: unexpected shape ({type(exc).__name__})") from None


def parse_adoption(body: Any) -> float | None:
    """User adoption in percent, session-weighted over the release's projects with health data.

    Raises:
        BadResponse: the body is not a release object.
    """
    if not isinstance(body, dict) or not isinstance(body.get("projects", []), list):
        raise BadResponse("release: unexpected shape")
    pairs = []
    for project in body.get("projects", []):
        health = project.get("healthData") if isinstance(project, dict) else None
        if isinstance(health, dict) and isinstance(health.get("adoption"), (int, float)):
            weight = health.get("totalSessions24h") or health.get("totalSessions") or 1
            pairs.append((float(health["adoption"]), float(weight)))
    if not pairs:
        return None
    total = sum(w for _, w in pairs) or 1.0
    return round(sum(a * w for a, w in pairs) / total, 4)


def _busiest(rates: Mapping[str, ReleaseRates], exclude: str | None) -> str | None:
    others = [(r.total, v) for v, r in rates.items() if v != exclude]
    return max(others)[1] if others else None


def _fraction(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError("crash-free rate outside 0..1")
    return number
