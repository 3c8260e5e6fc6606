"""serverStatus -> readings. Counters are cumulative since mongod started, so rates and average
latencies come from the deltas between two polls; the first poll after a (re)start has none.

Missing sections (Atlas M0/Flex return a subset, mongos has no wiredTiger) simply give no
reading for the metrics that need them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from warroom.core.model import Reading

CONN_USED = "mongo_conn_used"
CONNECTIONS = "mongo_connections"
READS = "mongo_reads"
WRITES = "mongo_writes"
COMMANDS = "mongo_commands"
READ_LATENCY = "mongo_read_latency"
WRITE_LATENCY = "mongo_write_latency"
COMMAND_LATENCY = "mongo_command_latency"
NET_IN = "mongo_net_in"
NET_OUT = "mongo_net_out"
CACHE_FILL = "mongo_cache_fill"

# Op rates group serverStatus.opcounters the way mongostat and Atlas charts read them.
_OP_GROUPS = {
    READS: ("query", "getmore"),
    WRITES: ("insert", "update", "delete"),
    COMMANDS: ("command",),
}
_LATENCIES = {READ_LATENCY: "reads", WRITE_LATENCY: "writes", COMMAND_LATENCY: "commands"}
_CACHE_USED = "bytes currently in the cache"
_CACHE_MAX = "maximum bytes configured"


def _num(doc: Mapping[str, Any], *path: str) -> float | None:
    node: Any = doc
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


@dataclass(frozen=True, slots=True)
class Counters:
    """The cumulative counters of one serverStatus, keyed by a flat name."""

    uptime: float
    values: Mapping[str, float]


def counters(status: Mapping[str, Any]) -> Counters:
    """Returns the cumulative counters this module turns into rates."""
    values: dict[str, float] = {}
    for name in ("insert", "query", "update", "delete", "getmore", "command"):
        value = _num(status, "opcounters", name)
        if value is not None:
            values[f"op.{name}"] = value
    for kind in _LATENCIES.values():
        for part in ("latency", "ops"):
            value = _num(status, "opLatencies", kind, part)
            if value is not None:
                values[f"lat.{kind}.{part}"] = value
    for key in ("bytesIn", "bytesOut"):
        value = _num(status, "network", key)
        if value is not None:
            values[f"net.{key}"] = value
    uptime_ms = _num(status, "uptimeMillis")
    uptime = uptime_ms / 1000 if uptime_ms is not None else _num(status, "uptime") or 0.0
    return Counters(uptime, values)


def gauges(status: Mapping[str, Any], ts: float) -> list[Reading]:
    """Readings that need no previous poll: connections and cache fill."""
    out: list[Reading] = []
    current = _num(status, "connections", "current")
    available = _num(status, "connections", "available")
    if current is not None:
        out.append(Reading(CONNECTIONS, ts, current))
        if available is not None and current + available > 0:
            out.append(Reading(CONN_USED, ts, 100.0 * current / (current + available)))
    used = _num(status, "wiredTiger", "cache", _CACHE_USED)
    limit = _num(status, "wiredTiger", "cache", _CACHE_MAX)
    if used is not None and limit:
        out.append(Reading(CACHE_FILL, ts, 100.0 * used / limit))
    return out


def rates(before: Counters | None, after: Counters, ts: float) -> list[Reading]:
    """Per-second rates and average latencies between two polls.

    Returns no readings when there is no earlier poll or mongod restarted in between (its
    uptime went backwards, so the counters started again from zero).
    """
    if before is None or after.uptime <= before.uptime:
        return []
    seconds = after.uptime - before.uptime
    old, new = before.values, after.values

    def delta(key: str) -> float | None:
        if key not in old or key not in new or new[key] < old[key]:
            return None
        return new[key] - old[key]

    out: list[Reading] = []
    for metric, names in _OP_GROUPS.items():
        parts = [delta(f"op.{name}") for name in names]
        if all(p is not None for p in parts):
            out.append(Reading(metric, ts, sum(p for p in parts if p is not None) / seconds))
    for metric, kind in _LATENCIES.items():
        micros, ops = delta(f"lat.{kind}.latency"), delta(f"lat.{kind}.ops")
        if micros is not None and ops is not None:
            # No operations of that kind in the interval: a gap, not a zero latency.
            out.append(Reading(metric, ts, micros / ops / 1000.0 if ops else None))
    for metric, key in ((NET_IN, "net.bytesIn"), (NET_OUT, "net.bytesOut")):
        moved = delta(key)
        if moved is not None:
            out.append(Reading(metric, ts, moved / seconds / 1000.0))
    return out


def status_info(status: Mapping[str, Any]) -> dict[str, str]:
    """Short facts for the status bar: server version and connection headroom."""
    info: dict[str, str] = {}
    if isinstance(status.get("version"), str):
        info["version"] = str(status["version"])[:20]
    current = _num(status, "connections", "current")
    available = _num(status, "connections", "available")
    if current is not None and available is not None:
        info["connections"] = f"{current:.0f} used, {available:.0f} free"
    return info
