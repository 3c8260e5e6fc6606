"""The plan's NRQL metrics as one GraphQL document, and NerdGraph's `results` back as readings.

Every distinct NRQL string becomes one aliased `nrql` field (`q0`, `q1`...) whose query is a
GraphQL variable of type `Nrql!`: NRQL is never spliced into the document, so no quote in it
needs escaping and none can change the document. Metrics with the same NRQL share one alias.

A result row names its value by New Relic's rules (`average.duration`, `percentile.duration`
as `{"95": ...}`) unless the query says `AS 'value'`; a row with exactly one number is read
as that number, so an unaliased single-function query works too. `TIMESERIES` rows become one
reading per bucket (at the bucket's end), `FACET` rows are folded into the worst facet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from warroom.core.model import Reading
from warroom.core.plan import MetricDef
from warroom.core.units import UnitMismatch, convert
from warroom.sources.newrelic.units import ValueUnit, value_unit

SOURCE = "newrelic"
VALUE_KEY = "value"
_ROW_KEYS = {"beginTimeSeconds", "endTimeSeconds", "facet"}


class Unreadable(ValueError):
    """A result that holds no one number for the tile; the message says why."""


@dataclass(frozen=True, slots=True)
class NrqlMetric:
    """One plan metric: its NRQL, the unit its value comes in, and a known problem."""

    metric: str
    nrql: str
    unit: ValueUnit
    plan_unit: str
    worst_is_max: bool = True
    problem: str | None = None
    """Why it is never queried (no NRQL, or a unit that cannot become the plan's)."""


@dataclass(frozen=True, slots=True)
class Batch:
    """One request: the document, its variables, and which metrics each alias feeds."""

    document: str
    variables: Mapping[str, Any]
    aliases: Mapping[str, tuple[NrqlMetric, ...]]


def bind(metrics: Sequence[MetricDef], units: Mapping[str, str]) -> list[NrqlMetric]:
    """The plan's `source = "newrelic"` metrics; `units` adds attribute units."""
    out = []
    for m in metrics:
        if m.source != SOURCE:
            continue
        nrql = " ".join((m.query or "").split())
        unit = value_unit(nrql, units)
        problem = None if nrql else "no NRQL: set this metric's `query`"
        try:
            convert(1.0, unit.unit, m.unit)
        except UnitMismatch as exc:
            problem = f"New Relic value {exc}"
        out.append(NrqlMetric(m.id, nrql, unit, m.unit, m.bad != "below", problem))
    return out


def build_batch(
    metrics: Iterable[NrqlMetric], account_id: int, nrql_timeout: int, extra_fields: str = ""
) -> Batch:
    """The document for `metrics` (those without a problem), plus `extra_fields` of the
    account (the alert issues), sent in the same request."""
    by_nrql: dict[str, list[NrqlMetric]] = {}
    for m in metrics:
        if m.problem is None:
            by_nrql.setdefault(m.nrql, []).append(m)
    names = [f"q{i}" for i in range(len(by_nrql))]
    declared = "".join(f", ${n}: Nrql!" for n in names)
    fields = " ".join(
        f"{n}: nrql(query: ${n}, timeout: {int(nrql_timeout)}) {{ results }}" for n in names
    )
    document = (
        f"query Warroom($accountId: Int!{declared}) {{ actor {{ account(id: $accountId) "
        f"{{ {fields} {extra_fields} }} }} }}"
    )
    variables: dict[str, Any] = {"accountId": account_id}
    variables.update(zip(names, by_nrql, strict=True))
    aliases = {n: tuple(group) for n, group in zip(names, by_nrql.values(), strict=True)}
    return Batch(document, variables, aliases)


def readings(metric: NrqlMetric, results: Any, now: float) -> list[Reading]:
    """Readings of one metric from its field's `results`, in the plan's unit.

    Raises:
        Unreadable: no rows, a row that is not an object, or no single value in a row.
        UnitMismatch: never here (checked in `bind`), kept for safety of callers.
    """
    if not isinstance(results, list):
        raise Unreadable("answered without results")
    if not results:
        raise Unreadable("no rows in the result")
    if not all(isinstance(row, dict) for row in results):
        raise Unreadable("a result row is not an object")
    buckets: dict[float, list[float | None]] = {}
    for row in results:
        end = row.get("endTimeSeconds")
        ts = min(float(end), now) if isinstance(end, int | float) else now
        buckets.setdefault(ts, []).append(_value(row))
    pick = max if metric.worst_is_max else min
    out = []
    for ts, values in sorted(buckets.items()):
        known = [v for v in values if v is not None]
        value = pick(known) if known else None
        out.append(Reading(metric.metric, ts, None if value is None else _in_plan(metric, value)))
    return out


def _in_plan(metric: NrqlMetric, value: float) -> float:
    return convert(value * metric.unit.scale, metric.unit.unit, metric.plan_unit)


def _value(row: Mapping[str, Any]) -> float | None:
    """The row's one number: `value`, else its only numeric field. None is a gap."""
    if VALUE_KEY in row:
        return _number(row[VALUE_KEY], VALUE_KEY)
    candidates = [
        k for k, v in row.items() if k not in _ROW_KEYS and not isinstance(v, str | list | bool)
    ]
    if len(candidates) != 1:
        found = ", ".join(sorted(candidates)[:4]) or "none"
        raise Unreadable(f"{len(candidates)} values in a row ({found}): name one AS 'value'")
    return _number(row[candidates[0]], candidates[0])


def _number(raw: Any, key: str) -> float | None:
    if isinstance(raw, dict):  # percentile(x, 95): {"95": 0.81}
        if len(raw) != 1:
            raise Unreadable(f"{key} holds {len(raw)} values: ask for one percentile")
        raw = next(iter(raw.values()))
    if raw is None:
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    raise Unreadable(f"{key} is not a number")
