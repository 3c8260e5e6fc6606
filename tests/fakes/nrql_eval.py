"""Evaluates a parsed NRQL query over event dicts the way NerdGraph shapes `results`.

Result keys follow New Relic's naming unless the item says `AS`: `count`, `average.duration`,
`percentile.duration` as `{"95": v}`, `percentage`, `rate`, `filter`. Empty aggregates are
`0` for counts and rates and `null` for everything else. `TIMESERIES` buckets start at the
window's start (as in New Relic's own fixtures) and carry `beginTimeSeconds` /
`endTimeSeconds`; `FACET` rows carry `facet` and the attribute, sorted by the first value.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tests.fakes.nrql_parse import Agg, Item, Query

Event = dict[str, Any]


def evaluate(query: Query, events: Sequence[Event], now: float) -> dict[str, Any]:
    """Returns the `nrql` field: `results` and `metadata` (its time window in epoch ms)."""
    begin, end = now - query.since, now - query.until
    chosen = [e for e in events if begin <= e["timestamp"] < end and matches(query.where, e)]
    if query.timeseries:
        rows = _timeseries(query, chosen, begin, end)
    else:
        rows = _facets(query, chosen) if query.facets else [_row(query.items, chosen, query.since)]
    return {
        "results": rows,
        "metadata": {
            "eventTypes": [query.event_type],
            "facets": query.facets,
            "timeWindow": {"begin": int(begin * 1000), "end": int(end * 1000)},
        },
    }


def _timeseries(query: Query, events: list[Event], begin: float, end: float) -> list[Event]:
    step = query.timeseries or 60.0
    rows = []
    count = max(1, math.ceil((end - begin) / step - 1e-9))
    for index in range(count):
        b, e = begin + index * step, min(end, begin + (index + 1) * step)
        inside = [x for x in events if b <= x["timestamp"] < e]
        frame = {"beginTimeSeconds": int(b), "endTimeSeconds": int(e)}
        if query.facets:
            rows += [{**frame, **row} for row in _facets(query, inside, e - b)]
        else:
            rows.append({**frame, **_row(query.items, inside, e - b)})
    return rows


def _facets(query: Query, events: list[Event], span: float | None = None) -> list[Event]:
    groups: dict[tuple[Any, ...], list[Event]] = {}
    for event in events:
        groups.setdefault(tuple(event.get(f) for f in query.facets), []).append(event)
    rows = []
    for key, members in groups.items():
        facet: Any = key[0] if len(key) == 1 else list(key)
        row = {"facet": facet, **dict(zip(query.facets, key, strict=True))}
        rows.append({**row, **_row(query.items, members, span or query.since)})
    first = query.items[0]
    name = _key(first)
    rows.sort(key=lambda r: -_sortable(r[name]))
    return rows[: query.limit]


def _row(items: Iterable[Item], events: list[Event], span: float) -> Event:
    return {_key(item): _value(item.expr, events, span) for item in items}


def _key(item: Item) -> str:
    if item.name:
        return item.name
    expr = item.expr
    if not isinstance(expr, Agg):
        return item.text
    if expr.fn in ("count", "percentage", "rate", "filter") or expr.attr is None:
        return expr.fn
    fn = "uniqueCount" if expr.fn == "uniquecount" else expr.fn
    return f"{fn}.{expr.attr}"


def _value(expr: Any, events: list[Event], span: float) -> Any:
    if isinstance(expr, float):
        return expr
    if isinstance(expr, Agg):
        return aggregate(expr, events, span)
    op, left, right = expr
    a, b = _value(left, events, span), _value(right, events, span)
    if a is None or b is None or (op == "/" and b == 0):
        return None
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[op]


def aggregate(agg: Agg, events: list[Event], span: float) -> Any:
    if agg.fn == "count":
        return len(events) if agg.attr is None else sum(e.get(agg.attr) is not None for e in events)
    if agg.fn == "percentage":
        assert agg.inner is not None
        whole = aggregate(agg.inner, events, span)
        part = aggregate(agg.inner, [e for e in events if matches(agg.where, e)], span)
        return None if not whole else 100.0 * part / whole
    if agg.fn == "filter":
        assert agg.inner is not None
        return aggregate(agg.inner, [e for e in events if matches(agg.where, e)], span)
    if agg.fn == "rate":
        assert agg.inner is not None
        total = aggregate(agg.inner, events, span) or 0
        return total * agg.per / span if span else 0
    attr = agg.attr or ""
    values = [e[attr] for e in events if isinstance(e.get(attr), int | float)]
    if agg.fn == "uniquecount":
        return len({e.get(attr) for e in events if e.get(attr) is not None})
    if agg.fn == "latest":
        dated = [e for e in events if e.get(attr) is not None]
        return max(dated, key=lambda e: e["timestamp"])[attr] if dated else None
    if agg.fn in ("percentile", "median"):
        ranks = agg.numbers or (50.0,)
        return {f"{r:g}": percentile(values, r) for r in ranks}
    if agg.fn == "sum":
        return sum(values)
    reduce: dict[str, Callable[[list[float]], float]] = {
        "average": lambda v: sum(v) / len(v),
        "min": min,
        "max": max,
    }
    return reduce[agg.fn](values) if values else None


def percentile(values: Sequence[float], rank: float) -> float | None:
    """Linear interpolation between closest ranks (New Relic's own is an estimate)."""
    if not values:
        return None
    ordered = sorted(values)
    at = (len(ordered) - 1) * rank / 100.0
    low, high = math.floor(at), math.ceil(at)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def matches(cond: Any, event: Event) -> bool:
    if cond is None:
        return True
    kind = cond[0]
    if kind == "and":
        return matches(cond[1], event) and matches(cond[2], event)
    if kind == "or":
        return matches(cond[1], event) or matches(cond[2], event)
    if kind == "not":
        return not matches(cond[1], event)
    if kind == "is":
        return event.get(cond[1]) is cond[2] if cond[2] is None else event.get(cond[1]) == cond[2]
    if kind == "in":
        return _loose(event.get(cond[1])) in [_loose(v) for v in cond[2]]
    if kind == "like":
        pattern = str(cond[2]).replace("%", "*")
        return fnmatch.fnmatchcase(str(event.get(cond[1], "")), pattern)
    _, op, attr, literal = cond
    return _compare(op, event.get(attr), literal)


def _compare(op: str, value: Any, literal: Any) -> bool:
    if value is None:
        return op in ("!=", "<>")
    a, b = _loose(value), _loose(literal)
    if type(a) is not type(b):
        return op in ("!=", "<>")
    table: dict[str, Callable[[Any, Any], bool]] = {
        "=": lambda x, y: x == y,
        "!=": lambda x, y: x != y,
        "<>": lambda x, y: x != y,
        "<": lambda x, y: x < y,
        "<=": lambda x, y: x <= y,
        ">": lambda x, y: x > y,
        ">=": lambda x, y: x >= y,
    }
    return table[op](a, b)


def _loose(value: Any) -> Any:
    """Numbers compare as floats (NRQL does not tell 500 from 500.0)."""
    if isinstance(value, bool):
        return value
    return float(value) if isinstance(value, int | float) else value


def _sortable(value: Any) -> float:
    if isinstance(value, dict):
        value = next(iter(value.values()), None)
    return float(value) if isinstance(value, int | float) else float("-inf")
