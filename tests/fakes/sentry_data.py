"""Deterministic Sentry payloads for the fake server, in the wire shapes of the reference notes."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

LATEST = "web@2.0.0"
CURRENT = "web@1.9.0"


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def make_issue(
    index: int,
    now: float,
    *,
    title: str | None = None,
    culprit: str | None = None,
    new: bool = False,
) -> dict[str, Any]:
    """One org-issues list item. Every 10th issue (and any `new=True`) is first seen 10 min ago."""
    issue_id = str(1000 + index)
    first = now - 600 if new or index % 10 == 0 else now - 86400 * (1 + index % 5)
    count = 5000 - index * 7
    hour = int(now // 3600 * 3600)
    return {
        "id": issue_id,
        "shortId": f"WEB-{index}",
        "title": title if title is not None else f"TypeError: profile widget {index} failed",
        "culprit": culprit if culprit is not None else f"profile/widget_{index}.render",
        "permalink": f"https://acme.sentry.io/issues/{issue_id}/",
        "level": ("error", "warning", "fatal", "info")[index % 4],
        "status": "unresolved",
        "count": str(count),
        "userCount": count // 3,
        "firstSeen": iso(first),
        "lastSeen": iso(now - 30),
        "project": {"id": "2", "name": "Web", "slug": "web", "platform": "javascript"},
        "metadata": {"title": "x"},
        "stats": {"24h": [[hour - 3600 * (23 - h), (index + h) % 9] for h in range(24)]},
    }


def make_issues(n: int, now: float | None = None) -> list[dict[str, Any]]:
    now = time.time() if now is None else now
    return [make_issue(i, now) for i in range(n)]


def issue_detail(item: dict[str, Any]) -> dict[str, Any]:
    """The details shape: the list item plus first/last release and a 30-day series."""
    release = LATEST if item["id"].endswith("0") else CURRENT
    return {
        **item,
        "firstRelease": {"version": release, "shortVersion": release.split("@")[-1]},
        "lastRelease": {"version": LATEST},
        "stats": {**item["stats"], "30d": []},
        "tags": [],
        "userReportCount": 0,
    }


def releases() -> list[dict[str, Any]]:
    return [
        {"id": 2, "version": LATEST, "shortVersion": "2.0.0", "status": "open", "projects": []},
        {"id": 1, "version": CURRENT, "shortVersion": "1.9.0", "status": "open", "projects": []},
    ]


def release_detail(version: str) -> dict[str, Any]:
    """Release details with `health=1`: healthData in **percent**."""
    adoption = 12.5 if version == LATEST else 87.5
    health = {
        "crashFreeSessions": 98.5,
        "crashFreeUsers": 99.1,
        "adoption": adoption,
        "sessionsAdoption": adoption,
        "totalSessions24h": 1200,
        "hasHealthData": True,
    }
    return {"version": version, "projects": [{"id": 2, "slug": "web", "healthData": health}]}


def sessions() -> dict[str, Any]:
    """`/sessions/` grouped by release: crash-free rates as **fractions**."""
    groups = [
        (CURRENT, 0.9987, 0.9991, 15234),
        (LATEST, 0.985, 0.991, 1200),
        ("web@1.8.0", None, None, 0),
    ]
    return {
        "start": "2024-01-29T07:00:00Z",
        "end": "2024-01-29T09:00:00Z",
        "intervals": [],
        "groups": [
            {
                "by": {"release": rel},
                "totals": {
                    "crash_free_rate(session)": cfs,
                    "crash_free_rate(user)": cfu,
                    "sum(session)": total,
                },
                "series": {},
            }
            for rel, cfs, cfu, total in groups
        ],
        "query": "",
    }


def events_stats(now: float) -> dict[str, Any]:
    """60 one-minute buckets ending with the current (partial) minute; count = minute % 13."""
    current = int(now // 60 * 60)
    starts = [current - 60 * (59 - i) for i in range(60)]
    return {
        "data": [[ts, [{"count": (ts // 60) % 13}]] for ts in starts],
        "start": starts[0],
        "end": current + 60,
        "isMetricsData": False,
        "meta": {},
    }


def events_table() -> dict[str, Any]:
    return {"data": [{"count()": 42}], "meta": {"fields": {"count()": "integer"}}}
