"""Sentry issues as `core.model.Issue` records: list parameters and the parsing of the answer.

Quirks handled here (see the reference notes, 3.1): `count` is a string, `userCount` an int,
timestamps are ISO-8601, `stats` is keyed by the `groupStatsPeriod` ("24h": hourly buckets).
Text fields are kept exactly as Sentry sent them; making them inert is the UI boundary's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from warroom.core.errors import BadResponse
from warroom.core.model import Issue

NEW_WINDOW = 3600.0  # "new" = first seen within the last hour
STATS_PERIOD = "24h"


def list_params(
    query: str, period: str, projects: list[str], environment: str | None
) -> dict[str, str | int | list[str]]:
    """Query parameters of the org issue list, most frequent first, with hourly sparklines."""
    params: dict[str, str | int | list[str]] = {
        "query": query,
        "statsPeriod": period,
        "sort": "freq",
        "limit": 100,
        "groupStatsPeriod": STATS_PERIOD,
        "project": projects or ["-1"],
    }
    if environment:
        params["environment"] = environment
    return params


def new_params(base: Mapping[str, str | int | list[str]]) -> dict[str, str | int | list[str]]:
    """The same list, restricted to issues first seen in the last hour, newest first."""
    query = f"{base['query']} firstSeen:-1h".strip()
    return {**base, "query": query, "sort": "new", "statsPeriod": "24h"}


def parse_issues(items: list[Any], now: float, releases: Mapping[str, str]) -> list[Issue]:
    """Returns one Issue per item, keyed by Sentry's issue id.

    Raises:
        BadResponse: an item lacks the id or has unreadable numbers or dates.
    """
    try:
        return [parse_issue(item, now, releases.get(str(item["id"]), "")) for item in items]
    except (KeyError, TypeError, ValueError) as exc:
        raise BadResponse(f"issues: unexpected item shape ({type(exc).__name__})") from None


def parse_issue(item: Mapping[str, Any], now: float, release: str = "") -> Issue:
    """One list or detail item. Raises KeyError/TypeError/ValueError on a malformed item."""
    first_seen = epoch(item.get("firstSeen"))
    return Issue(
        key=str(item["id"]),
        title=_str(item.get("title")),
        level=_str(item.get("level")) or "error",
        count=int(item.get("count") or 0),
        users=int(item.get("userCount") or 0),
        first_seen=first_seen,
        last_seen=epoch(item.get("lastSeen")),
        culprit=_str(item.get("culprit")),
        trend=trend(item.get("stats")),
        permalink=_str(item.get("permalink")),
        release=release or release_of(item),
        is_new=first_seen > 0 and now - first_seen <= NEW_WINDOW,
    )


def release_of(detail: Mapping[str, Any]) -> str:
    """The release an issue first appeared in (issue details only; lists omit it)."""
    first = detail.get("firstRelease")
    if isinstance(first, dict):
        return _str(first.get("version"))
    return ""


def trend(stats: Any) -> tuple[int, ...]:
    """Event counts per bucket from `stats["24h"]` (or the only series present)."""
    if not isinstance(stats, dict) or not stats:
        return ()
    series = stats.get(STATS_PERIOD) or next(iter(stats.values()))
    if not isinstance(series, list):
        return ()
    return tuple(int(point[1]) for point in series)


def epoch(value: Any) -> float:
    """Epoch seconds of an ISO-8601 timestamp such as `2018-11-06T21:19:55Z`; 0.0 if absent."""
    if not value:
        return 0.0
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
