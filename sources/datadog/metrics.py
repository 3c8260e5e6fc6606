"""The plan's Datadog metrics as batched v2 timeseries formula queries, and back.

A plan `query` is either one metric query (`avg:trace.http.request.duration{env:prod}`) or a
formula followed by its named queries, separated by `;`::

    100 * errors / hits; errors = sum:trace.http.request.errors{env:prod}.as_count();
    hits = sum:trace.http.request.hits{env:prod}.as_count()

All metrics of a poll are merged into one request: identical queries are sent once (renamed
`q0`, `q1`...), each metric contributes one formula, and `series[].query_index` (which
indexes the formulas) maps every series back to its metric.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.model import Reading
from warroom.core.plan import MetricDef
from warroom.core.units import Unit, UnitMismatch, factor, parse
from warroom.sources.datadog.client import sdk

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class MetricQuery:
    """One plan metric: a formula over named metric queries."""

    metric: str
    formula: str
    queries: tuple[tuple[str, str], ...]
    worst_is_max: bool = True
    unit: str = ""
    """The plan's unit for the metric."""
    query_unit: str | None = None
    """What a single query answers in when Datadog reports no unit (None: the plan's)."""

    @property
    def single(self) -> bool:
        """True for one metric query without a formula around it: only then does Datadog's
        unit metadata describe the value (a formula's arithmetic changes the unit)."""
        return len(self.queries) == 1 and self.formula == self.queries[0][0]


@dataclass(frozen=True, slots=True)
class Batch:
    """One request: deduplicated queries, one formula per metric, in the same order."""

    queries: tuple[tuple[str, str], ...]
    formulas: tuple[str, ...]
    metrics: tuple[MetricQuery, ...]


def parse_query(metric: MetricDef) -> MetricQuery:
    """Reads a metric's `query` (default: the metric id as a Datadog metric name).

    Raises:
        ValueError: a formula part that is not `name = query`, or an unused/undefined name.
    """
    text = (metric.query or f"avg:{metric.id}{{*}}").strip()
    worst = metric.bad != "below"
    if ";" not in text:
        return MetricQuery(metric.id, "a", (("a", text),), worst, metric.unit, metric.query_unit)
    formula, *parts = [p.strip() for p in text.split(";") if p.strip()]
    queries = []
    for part in parts:
        name, sep, query = (s.strip() for s in part.partition("="))
        if not sep or not _NAME.match(name) or not query:
            raise ValueError(f"metric {metric.id}: expected `name = query`, got {part!r}")
        queries.append((name, query))
    names = {n for n, _ in queries}
    used = set(_TOKEN.findall(formula)) & names
    if not used:
        raise ValueError(f"metric {metric.id}: formula {formula!r} uses none of its queries")
    return MetricQuery(metric.id, formula, tuple(queries), worst, metric.unit)


def build_batch(metrics: Sequence[MetricQuery]) -> Batch:
    """Merges metric queries into one request, sending each distinct query once."""
    ids: dict[str, str] = {}
    formulas = []
    for mq in metrics:
        rename = {name: ids.setdefault(query, f"q{len(ids)}") for name, query in mq.queries}
        formulas.append(_rename(mq.formula, rename))
    queries = tuple((name, query) for query, name in ids.items())
    return Batch(queries, tuple(formulas), tuple(metrics))


def _rename(formula: str, rename: dict[str, str]) -> str:
    """Replaces whole query names in `formula` (function names like `abs` are left alone)."""
    return _TOKEN.sub(lambda m: rename.get(m.group(0), m.group(0)), formula)


def chunks(items: Sequence[MetricQuery], size: int) -> list[list[MetricQuery]]:
    """Splits `items` into lists of at most `size`."""
    return [list(items[i : i + size]) for i in range(0, len(items), max(1, size))]


def request_body(batch: Batch, from_ms: int, to_ms: int, interval_ms: int) -> Any:
    """Builds the client's TimeseriesFormulaQueryRequest (imports only the models it uses)."""
    from datadog_api_client.v2.model.metrics_data_source import MetricsDataSource
    from datadog_api_client.v2.model.metrics_timeseries_query import MetricsTimeseriesQuery
    from datadog_api_client.v2.model.query_formula import QueryFormula
    from datadog_api_client.v2.model.timeseries_formula_query_request import (
        TimeseriesFormulaQueryRequest,
    )
    from datadog_api_client.v2.model.timeseries_formula_request import TimeseriesFormulaRequest
    from datadog_api_client.v2.model.timeseries_formula_request_attributes import (
        TimeseriesFormulaRequestAttributes,
    )
    from datadog_api_client.v2.model.timeseries_formula_request_type import (
        TimeseriesFormulaRequestType,
    )

    # The list wrapper's constructor is untyped in the SDK; fetched through `sdk` as Any.
    query_list = sdk(
        "v2.model.timeseries_formula_request_queries", "TimeseriesFormulaRequestQueries"
    )
    queries = [
        MetricsTimeseriesQuery(data_source=MetricsDataSource.METRICS, name=name, query=query)
        for name, query in batch.queries
    ]
    attributes = TimeseriesFormulaRequestAttributes(
        _from=from_ms,
        to=to_ms,
        interval=interval_ms,
        queries=query_list(queries),
        formulas=[QueryFormula(formula=f) for f in batch.formulas],
    )
    return TimeseriesFormulaQueryRequest(
        data=TimeseriesFormulaRequest(
            type=TimeseriesFormulaRequestType.TIMESERIES_REQUEST, attributes=attributes
        )
    )


def readings(
    batch: Batch, response: Any, interval_ms: int, to_ms: int
) -> tuple[list[Reading], dict[str, str]]:
    """Maps a TimeseriesFormulaQueryResponse back to readings of the batch's metrics.

    Every point of the window is returned (the store keeps history and skips repeats); a
    `null` is a gap. A metric split by a `by {tag}` clause reports its worst group per point.
    A point is stamped with the end of its rollup bucket (never later than the query's end):
    that is when its value was true, so its age does not start a whole bucket early.
    Values are converted from the unit Datadog reports (single queries only) into the plan's.

    Returns:
        Readings with epoch-second timestamps (none for a metric that had no series at all),
        and metric id → problem for a metric whose unit does not convert.
    Raises:
        ValueError: a series whose query_index names no formula of the batch.
    """
    attrs = response.data.attributes
    starts = [int(t) for t in _plain(attrs, "times")]
    # Datadog may widen the rollup it was asked for; the spacing of the answer tells.
    step = starts[1] - starts[0] if len(starts) > 1 else interval_ms
    times = [min(t + step, to_ms) / 1000.0 for t in starts]
    per_metric: dict[int, list[list[float | None]]] = {}
    units: dict[int, Unit | None] = {}
    for series, values in zip(_plain(attrs, "series"), _plain(attrs, "values"), strict=False):
        index = int(series.query_index)
        if not 0 <= index < len(batch.metrics):
            raise ValueError(f"series for formula {index}, batch has {len(batch.metrics)}")
        per_metric.setdefault(index, []).append(list(getattr(values, "value", values)))
        units.setdefault(index, series_unit(series))
    out: list[Reading] = []
    problems: dict[str, str] = {}
    for index, groups in sorted(per_metric.items()):
        mq = batch.metrics[index]
        try:
            scale = _scale(mq, units.get(index))
        except UnitMismatch as exc:
            problems[mq.metric] = str(exc)
            continue
        for i, ts in enumerate(times):
            points = [float(v) * scale for g in groups if i < len(g) and (v := g[i]) is not None]
            value = (max if mq.worst_is_max else min)(points) if points else None
            out.append(Reading(mq.metric, ts, value))
    return out, problems


def _scale(mq: MetricQuery, reported: Unit | None) -> float:
    """The factor from what the query answers in to the plan's unit.

    Raises:
        UnitMismatch: Datadog's unit and the plan's measure different things.
    """
    if not mq.single:
        return 1.0  # a formula is written to answer in the plan's unit
    source = reported if reported is not None else parse(mq.query_unit or mq.unit)
    return factor(source, parse(mq.unit))


def series_unit(series: Any) -> Unit | None:
    """Datadog's `unit` of a series (`[primary, per | null]` or null) as a Unit, None when
    it reports none."""
    raw = _get(series, "unit")
    if not raw:
        return None
    names = [_get(u, "name") if u is not None else None for u in list(raw)[:2]]
    primary = names[0] if names and isinstance(names[0], str) else None
    per = names[1] if len(names) > 1 and isinstance(names[1], str) else None
    return Unit(primary, per) if primary or per else None


def _get(item: Any, field: str) -> Any:
    """An optional field of an SDK model or a plain dict (the SDK raises for unset fields)."""
    try:
        return item.get(field) if hasattr(item, "get") else getattr(item, field, None)
    except (AttributeError, KeyError):
        return None


def _plain(attrs: Any, field: str) -> list[Any]:
    """The client wraps response lists (`TimeseriesResponseSeriesList`...): unwrap `.value`."""
    value = getattr(attrs, field, None) if field in attrs else None
    if value is None:
        return []
    inner = getattr(value, "value", value)
    return list(inner)
