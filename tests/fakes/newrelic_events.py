"""Synthetic New Relic events for the fake NerdGraph, laid out so answers are exact.

Events are spaced evenly backwards from the request's `now`, so every minute counted back
from `now` (and so every `TIMESERIES 1 minute` bucket of a `SINCE n minutes ago` window) holds
the same mix: `error_pct` of its transactions have `error = true`, `failed_pct` also answered
500, and durations alternate `± spread` around the profile's value. Units are New Relic's:
Transaction, PageView and PageViewTiming in seconds, SyntheticCheck in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Event = dict[str, Any]
MAX_SPAN = 6 * 3600.0  # seconds of events generated at most, whatever the query asks


@dataclass
class Profile:
    """What the synthetic application looks like; tests change it between polls."""

    rpm: int = 200
    error_pct: float = 0.5
    failed_pct: float = 0.5
    duration_s: float = 0.25
    page_load_s: float = 1.2
    lcp_s: float = 2.0
    render_ms: float = 40.0
    synthetic_failures: int = 0
    """Failed Synthetics checks in the last hour (of 4 checks a minute)."""
    spread: float = 0.0
    """Durations alternate value*(1-spread), value*(1+spread): averages stay exact."""
    apps: tuple[str, ...] = ("profile-api",)
    extra: dict[str, list[Event]] = field(default_factory=dict)
    """Event type -> explicit events, used instead of generated ones."""


def events(profile: Profile, event_type: str, now: float, span: float) -> list[Event]:
    """The events of `event_type` in the `span` seconds before `now`."""
    if event_type in profile.extra:
        return profile.extra[event_type]
    make = _MAKERS.get(event_type)
    if make is None:
        return []
    return make(profile, now, min(span, MAX_SPAN))


def _spaced(per_min: int, now: float, span: float) -> list[tuple[float, int]]:
    """(timestamp, index within its minute counted back from now) for `per_min` a minute."""
    count = int(per_min * span / 60)
    step = 60.0 / per_min
    return [(now - (i + 0.5) * step, i % per_min) for i in range(count)]


def _alternate(value: float, spread: float, j: int) -> float:
    return value * (1 - spread if j % 2 == 0 else 1 + spread)


def transactions(p: Profile, now: float, span: float) -> list[Event]:
    errors = round(p.rpm * p.error_pct / 100)
    failed = round(p.rpm * p.failed_pct / 100)
    out = []
    for ts, j in _spaced(p.rpm, now, span):
        status = 500 if j < failed else 200
        out.append({
            "timestamp": ts, "duration": _alternate(p.duration_s, p.spread, j),
            "error": j < errors, "http.statusCode": status, "httpResponseCode": str(status),
            "appName": p.apps[j % len(p.apps)], "name": "WebTransaction/Profile/show",
        })  # fmt: skip
    return out


def page_views(p: Profile, now: float, span: float) -> list[Event]:
    return [
        {"timestamp": ts, "duration": _alternate(p.page_load_s, p.spread, j), "appName": "web"}
        for ts, j in _spaced(60, now, span)
    ]


def page_view_timings(p: Profile, now: float, span: float) -> list[Event]:
    out = []
    for ts, j in _spaced(120, now, span):
        if j % 2 == 0:
            lcp = _alternate(p.lcp_s, p.spread, j // 2)
            out.append({"timestamp": ts, "timingName": "largestContentfulPaint",
                        "largestContentfulPaint": lcp})  # fmt: skip
        else:
            out.append({"timestamp": ts, "timingName": "firstContentfulPaint",
                        "firstContentfulPaint": p.lcp_s / 2})  # fmt: skip
    return out


def page_actions(p: Profile, now: float, span: float) -> list[Event]:
    return [
        {
            "timestamp": ts,
            "actionName": "componentRender",
            "renderTime": _alternate(p.render_ms, p.spread, j),
        }
        for ts, j in _spaced(30, now, span)
    ]


def synthetic_checks(p: Profile, now: float, span: float) -> list[Event]:
    out = []
    for index, (ts, j) in enumerate(_spaced(4, now, span)):
        failed = index < p.synthetic_failures and now - ts <= 3600
        out.append({"timestamp": ts, "result": "FAILED" if failed else "SUCCESS",
                    "duration": 850.0, "monitorName": f"profile-{j % 2}"})  # fmt: skip
    return out


_MAKERS: dict[str, Callable[[Profile, float, float], list[Event]]] = {
    "Transaction": transactions,
    "PageView": page_views,
    "PageViewTiming": page_view_timings,
    "PageAction": page_actions,
    "SyntheticCheck": synthetic_checks,
}
