"""The unit of an NRQL query's value, read from the query itself.

NerdGraph returns bare numbers; what they are in follows from the function and the attribute:
`percentage(...)` is a percent (0-100), `count(*)` a count, `rate(count(*), 1 minute)` a count
per minute, and `average(duration) FROM Transaction` is in the unit of `Transaction.duration`,
which is seconds, while `SyntheticCheck.duration` is milliseconds. `ATTRIBUTE_UNITS` holds what
is known; `[sources.newrelic] attribute_units` adds the team's own attributes. A query whose
unit cannot be told (arithmetic on the result, an attribute nobody listed) is trusted to
answer in the plan's unit, as a Datadog query without unit metadata is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from warroom.core.units import Unit, parse

ATTRIBUTE_UNITS: dict[str, str] = {
    # APM (New Relic's docs: durations of Transaction are in seconds).
    "Transaction.duration": "s",
    "Transaction.totalTime": "s",
    "Transaction.databaseDuration": "s",
    "Transaction.externalDuration": "s",
    "Transaction.queueDuration": "s",
    "Transaction.webDuration": "s",
    # Browser: PageView timings and the Core Web Vitals of PageViewTiming, in seconds.
    "PageView.duration": "s",
    "PageView.backendDuration": "s",
    "PageView.domProcessingDuration": "s",
    "PageView.networkDuration": "s",
    "PageView.pageRenderingDuration": "s",
    "PageView.queueDuration": "s",
    "PageViewTiming.largestContentfulPaint": "s",
    "PageViewTiming.firstContentfulPaint": "s",
    "PageViewTiming.firstPaint": "s",
    "PageViewTiming.interactionToNextPaint": "s",
    "BrowserInteraction.duration": "s",
    # Synthetics report milliseconds.
    "SyntheticCheck.duration": "ms",
    "SyntheticRequest.duration": "ms",
    "Span.duration.ms": "ms",
}
_COUNTS = {"count", "uniquecount"}
_OF_ATTRIBUTE = {
    "average", "min", "max", "sum", "median", "latest", "earliest", "percentile", "stddev",
}  # fmt: skip
_TOKEN = re.compile(r"\s*(`[^`]*`|'(?:[^'\\]|\\.)*'|[A-Za-z_][\w.]*|\d+(?:\.\d+)?|\S)")
_FROM = re.compile(r"\bFROM\s+`?([A-Za-z_]\w*)", re.IGNORECASE)
_PER = re.compile(r"^(\d+(?:\.\d+)?)?\s*([A-Za-z]+?)s?$")
_PER_UNITS = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "w"}


@dataclass(frozen=True, slots=True)
class ValueUnit:
    """Multiply a value by `scale`, then it is in `unit` (None: unknown, trust the plan)."""

    unit: Unit | None
    scale: float = 1.0


UNKNOWN = ValueUnit(None)


def value_unit(nrql: str, extra: Mapping[str, str] | None = None) -> ValueUnit:
    """The unit of the first value `nrql` selects; `extra` adds `EventType.attribute` units."""
    tokens = _TOKEN.findall(nrql)
    if len(tokens) < 2 or tokens[0].upper() != "SELECT":
        return UNKNOWN
    call = _call(tokens, 1)
    if call is None:
        return UNKNOWN
    name, args, end = call
    after = tokens[end].upper() if end < len(tokens) else ""
    if after not in ("AS", ",", "FROM"):
        return UNKNOWN  # arithmetic on the result: its unit is the query author's
    event = _FROM.search(nrql)
    units = {**ATTRIBUTE_UNITS, **(extra or {})}
    return _infer(name, args, event.group(1) if event else "", units)


def _infer(name: str, args: list[list[str]], event: str, units: Mapping[str, str]) -> ValueUnit:
    fn = name.lower()
    if fn == "percentage":
        return ValueUnit(Unit("%"))
    if fn in _COUNTS:
        return ValueUnit(Unit())
    if fn == "filter" and args:
        inner = _call(args[0], 0)
        return _infer(inner[0], inner[1], event, units) if inner else UNKNOWN
    if fn == "rate" and len(args) == 2:
        return _rate(args, event, units)
    if fn in _OF_ATTRIBUTE and args and len(args[0]) == 1:
        attribute = args[0][0].strip("`")
        known = units.get(f"{event}.{attribute}")
        return ValueUnit(parse(known)) if known else UNKNOWN
    return UNKNOWN


def _rate(args: list[list[str]], event: str, units: Mapping[str, str]) -> ValueUnit:
    """`rate(f, N unit)` is f per N units: per one unit after dividing by N."""
    inner = _call(args[0], 0)
    per = _PER.match(" ".join(args[1]))
    if inner is None or per is None or per.group(2).lower() not in _PER_UNITS:
        return UNKNOWN
    of = _infer(inner[0], inner[1], event, units)
    if of.unit is None or of.unit.per is not None:
        return UNKNOWN
    size = float(per.group(1) or 1)
    return ValueUnit(Unit(of.unit.primary, _PER_UNITS[per.group(2).lower()]), of.scale / size)


def _call(tokens: list[str], start: int) -> tuple[str, list[list[str]], int] | None:
    """`name(arg, arg...)` at `start`: the name, each argument's tokens, the index after `)`."""
    if start + 1 >= len(tokens) or tokens[start + 1] != "(" or not tokens[start][0].isalpha():
        return None
    args: list[list[str]] = [[]]
    depth = 0
    for index in range(start + 2, len(tokens)):
        piece = tokens[index]
        if piece == ")" and depth == 0:
            return tokens[start], [a for a in args if a], index + 1
        depth += {"(": 1, ")": -1}.get(piece, 0)
        if piece == "," and depth == 0:
            args.append([])
        else:
            args[-1].append(piece)
    return None
