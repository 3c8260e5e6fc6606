"""Endpoint bodies of the fake Datadog, shaped like the recorded responses in the notes."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from tests.fakes.datadog_formula import evaluate

if TYPE_CHECKING:
    from tests.fakes.datadog_server import FakeDatadog

Query = dict[str, list[str]]
MS_FLOOR = 100_000_000_000  # epoch values below this are seconds, not milliseconds
# The units Datadog reports for the plan's metrics (RUM durations are nanoseconds, APM
# durations seconds); a series whose formula does arithmetic reports none.
METRIC_UNITS: dict[str, tuple[str, str | None]] = {
    "rum.measure.view.loading_time": ("nanosecond", None),
    "trace.http.request.duration": ("second", None),
    "frontend.component.render_time": ("millisecond", None),
}
_FAMILY = {
    "nanosecond": ("time", 1e-9, "ns"),
    "millisecond": ("time", 1e-3, "ms"),
    "second": ("time", 1.0, "s"),
    "percent": ("percentage", 1.0, "%"),
    "byte": ("bytes", 1.0, "B"),
    "request": ("network", 1.0, "req"),
}


def validate(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    return 200, {"valid": True}


def _values_at(fake: FakeDatadog, text: str, count: int) -> list[float | None]:
    """The fake's value of query `text` at each of `count` points, oldest first."""
    raw = fake.state.values.get(text, fake.state.default_value)
    if not isinstance(raw, list):
        return [raw] * count
    padded: list[float | None] = [None] * max(0, count - len(raw)) + list(raw)
    return padded[-count:]


def _times(start_ms: int, end_ms: int, step_ms: int, points: int) -> list[int]:
    step = max(1000, step_ms)
    first = start_ms - start_ms % step + step
    times = list(range(first, end_ms, step))
    return times[-points:]


def v1_query(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    """GET /api/v1/query: `from`/`to` in seconds; answers with milliseconds."""
    try:
        start, end = int(query["from"][0]), int(query["to"][0])
        text = query["query"][0]
    except (KeyError, ValueError):
        return 400, {"errors": ["from, to and query are required"]}
    if start >= MS_FLOOR or end >= MS_FLOOR:
        return 400, {"errors": ["from and to are POSIX seconds"]}
    times = _times(start * 1000, end * 1000, 60_000, fake.state.points)
    values = _values_at(fake, text, len(times))
    series: dict[str, Any] = {
        "metric": text.split(":")[-1].split("{")[0],
        "display_name": text,
        "expression": text,
        "scope": "*",
        "aggr": None,
        "tag_set": [],
        "query_index": 0,
        "interval": 60,
        "length": len(times),
        "start": times[0] if times else start * 1000,
        "end": times[-1] if times else end * 1000,
        "attributes": {},
        "pointlist": [[t, v] for t, v in zip(times, values, strict=True)],
        "unit": None,
    }
    return 200, {
        "status": "ok",
        "res_type": "time_series",
        "resp_version": 1,
        "query": text,
        "from_date": start * 1000,
        "to_date": end * 1000,
        "group_by": [],
        "message": "",
        "times": [],
        "values": [],
        "series": [series],
    }


def v2_timeseries(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    """POST /api/v2/query/timeseries with formulas: `query_index` indexes the formulas."""
    try:
        data = body["data"]
        attrs = data["attributes"]
        start, end = int(attrs["from"]), int(attrs["to"])
        named = {q["name"]: q["query"] for q in attrs["queries"]}
        formulas = [f["formula"] for f in attrs.get("formulas") or []]
    except (KeyError, TypeError, ValueError):
        return 400, {"errors": ["API input validation failed: malformed request"]}
    if data.get("type") != "timeseries_request":
        msg = 'API input validation failed: Invalid type. Expected "timeseries_request".'
        return 400, {"errors": [msg]}
    if start < MS_FLOOR or end < MS_FLOOR:
        return 400, {"errors": ["from and to are epoch milliseconds"]}
    limit = fake.state.max_queries
    if limit is not None and len(named) > limit:
        return 400, {"errors": [f"Too many queries in one request (max {limit})"]}
    bad = sorted(set(named.values()) & fake.state.reject_queries)
    if bad:
        return 400, {"errors": [f"Error parsing query: {bad[0]}"]}
    times = _times(start, end, int(attrs.get("interval") or 60_000), fake.state.points)
    series, values = _series(fake, named, formulas or list(named), len(times))
    kind = "timeseries_response_v9" if bad_enum else "timeseries_response"
    result = {"series": series, "times": times, "values": values}
    return 200, {"data": {"id": "0", "type": kind, "attributes": result}}


def _series(
    fake: FakeDatadog, named: dict[str, str], formulas: list[str], count: int
) -> tuple[list[dict[str, Any]], list[list[float | None]]]:
    per_name = {n: _values_at(fake, q, count) for n, q in named.items()}
    series: list[dict[str, Any]] = []
    values: list[list[float | None]] = []
    for index, formula in enumerate(formulas):
        grouped = [n for n in named if named[n] in fake.state.groups and n in formula]
        if grouped:
            for tag, value in fake.state.groups[named[grouped[0]]].items():
                names: dict[str, list[float | None]] = {**per_name, grouped[0]: [value] * count}
                series.append({"group_tags": [tag], "query_index": index, "unit": None})
                values.append([evaluate(formula, _at(names, i)) for i in range(count)])
            continue
        unit = _unit(fake, named[formula]) if formula in named else None
        series.append({"group_tags": [], "query_index": index, "unit": unit})
        values.append([evaluate(formula, _at(per_name, i)) for i in range(count)])
    return series, values


def _unit(fake: FakeDatadog, query: str) -> list[dict[str, Any] | None] | None:
    """`[primary, per | null]` for a bare metric query, as the API sends it."""
    name = query.split(":", 1)[-1].split("{", 1)[0]
    pair = fake.state.units[name] if name in fake.state.units else METRIC_UNITS.get(name)
    if pair is None:
        return None
    return [_unit_object(pair[0]), _unit_object(pair[1]) if pair[1] else None]


def _unit_object(name: str) -> dict[str, Any]:
    family, scale, short = _FAMILY.get(name, ("general", 1.0, name))
    plural = name + "s"
    return {
        "family": family,
        "name": name,
        "plural": plural,
        "scale_factor": scale,
        "short_name": short,
        "id": 1,
    }


def _at(per_name: dict[str, list[float | None]], i: int) -> dict[str, float | None]:
    return {n: v[i] for n, v in per_name.items()}


def monitors(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    """GET /api/v1/monitor: a bare array, filtered by `monitor_tags` (all must match)."""
    wanted = [t for t in (query.get("monitor_tags") or [""])[0].split(",") if t]
    items = [dict(m) for m in fake.state.monitors if set(wanted) <= set(m.get("tags", []))]
    if query.get("page") is not None:  # no paging without `page`
        size = int((query.get("page_size") or ["100"])[0])
        page = int(query["page"][0])
        items = items[page * size : (page + 1) * size]
    if bad_enum and items:
        items[0]["overall_state"] = "Totally Bogus"
    return 200, items


def monitor(mid: int, name: str, state: str, tags: list[str]) -> dict[str, Any]:
    """A monitor as `GET /api/v1/monitor` lists it."""
    return {
        "id": mid,
        "name": name,
        "type": "query alert",
        "query": "avg(last_5m):avg:trace.http.request.errors{env:prod} > 5",
        "message": "@slack-launch",
        "tags": tags,
        "priority": None,
        "overall_state": state,
        "overall_state_modified": "2026-01-05T10:00:00+00:00",
        "options": {"thresholds": {"critical": 5.0, "warning": 2.0}},
        "created": "2026-01-01T00:00:00+00:00",
        "modified": "2026-01-01T00:00:00+00:00",
        "multi": False,
        "creator": {"name": "Launch Bot", "handle": "bot@example.com", "email": "bot@example.com"},
        "matching_downtimes": [],
    }


def post_event(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    """POST /api/v1/events (API key only): 202 with `id_str`, since `id` overflows floats."""
    if not isinstance(body, dict) or not body.get("title") or "text" not in body:
        return 400, {"errors": ["title and text are required"]}
    with fake.lock:
        number = 6327818702635911562 + len(fake.state.events)
        event = {
            "id": number,
            "id_str": str(number),
            "title": body["title"],
            "text": body["text"],
            "date_happened": int(time.time()),
            "handle": None,
            "priority": None,
            "related_event_id": None,
            "alert_type": body.get("alert_type", "info"),
            "tags": list(body.get("tags") or []),
            "url": f"https://app.datadoghq.com/event/event?id={number}",
        }
        fake.state.events.append(event)
    return 202, {"status": "ok", "event": event}


def list_events(fake: FakeDatadog, query: Query, body: Any, bad_enum: bool) -> tuple[int, Any]:
    """GET /api/v1/events?start=&end=&tags= (seconds; all tags must match)."""
    try:
        start, end = int(query["start"][0]), int(query["end"][0])
    except (KeyError, ValueError):
        return 400, {"errors": ["start and end are required"]}
    wanted = [t for t in (query.get("tags") or [""])[0].split(",") if t]
    with fake.lock:
        found = [
            dict(e)
            for e in fake.state.events
            if start <= e["date_happened"] <= end and set(wanted) <= set(e["tags"])
        ]
    return 200, {"events": found, "status": "ok"}
