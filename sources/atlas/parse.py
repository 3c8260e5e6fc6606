"""Atlas JSON -> processes, latest measurement values and ExternalAlerts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.errors import BadResponse
from warroom.core.model import ExternalAlert, Priority
from warroom.core.textsafe import inert
from warroom.sources.wire import parse_time

# Alert types that mean the database is (about to be) unusable: high priority.
_HIGH = ("HOST_DOWN", "NO_PRIMARY", "OPLOG_WINDOW", "CLUSTER_MONGOS_IS_MISSING", "DISK_FULL")
_SERVING = ("PRIMARY", "STANDALONE", "MONGOS")


@dataclass(frozen=True, slots=True)
class Point:
    ts: float
    value: float


def results(body: Mapping[str, Any], what: str) -> list[Mapping[str, Any]]:
    """The `results` list of a paged Atlas answer. Raises BadResponse when it is missing."""
    items = body.get("results")
    if not isinstance(items, list):
        raise BadResponse(f"Atlas {what}: no results list")
    return [item for item in items if isinstance(item, Mapping)]


def serving_processes(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Process ids of primaries, standalones and mongos: where the application's load lands."""
    return [
        str(p["id"])
        for p in items
        if "id" in p and any(kind in str(p.get("typeName", "")) for kind in _SERVING)
    ]


def latest_points(body: Mapping[str, Any]) -> dict[str, Point]:
    """The newest non-null data point of every measurement in one answer.

    Raises:
        BadResponse: the answer has no `measurements` list.
    """
    series = body.get("measurements")
    if not isinstance(series, list):
        raise BadResponse("Atlas measurements: no measurements list")
    out: dict[str, Point] = {}
    for item in series:
        if not isinstance(item, Mapping) or not isinstance(item.get("dataPoints"), list):
            continue
        for point in reversed(item["dataPoints"]):
            value = point.get("value") if isinstance(point, Mapping) else None
            ts = parse_time(point.get("timestamp")) if isinstance(point, Mapping) else None
            if isinstance(value, int | float) and not isinstance(value, bool) and ts is not None:
                out[str(item.get("name"))] = Point(ts, float(value))
                break
    return out


def combine(points: Sequence[Point], how: str) -> Point | None:
    """Folds one measurement across processes (max, sum or avg); the newest timestamp wins."""
    if not points:
        return None
    values = [p.value for p in points]
    value = {"sum": sum(values), "avg": sum(values) / len(values)}.get(how, max(values))
    return Point(max(p.ts for p in points), value)


def alert(item: Mapping[str, Any], now: float) -> ExternalAlert:
    """One open Atlas alert for the banner. Acknowledged alerts drop to low priority."""
    event = str(item.get("eventTypeName", "ALERT"))
    priority = Priority.HIGH if any(k in event for k in _HIGH) else Priority.MEDIUM
    acked = parse_time(item.get("acknowledgedUntil"))
    if acked is not None and acked > now:
        priority = Priority.LOW
    where = item.get("hostnameAndPort") or item.get("clusterName") or item.get("replicaSetName")
    parts = [event, str(item.get("metricName") or "")]
    current = item.get("currentValue")
    if isinstance(current, Mapping) and current.get("number") is not None:
        parts.append(f"= {current.get('number')} {current.get('units', '')}".rstrip())
    if where:
        parts.append(f"on {where}")
    message = " ".join(p for p in parts if p)
    return ExternalAlert(str(item.get("id", event)), "atlas", priority, inert(message, 160))
