"""Frozen records that flow from sources through the poller to the rules and the UI."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from warroom.core.rollout.model import RolloutState


class Status(enum.Enum):
    """Health of one metric. Order matters: later members are worse when ranking."""

    OK = "ok"
    NO_DATA = "no-data"
    STALE = "stale"
    WARN = "warn"
    BLIND = "blind"
    """Only for the room as a whole: a rollback trigger cannot see its input (no fresh data),
    so nothing better than this can be claimed. Worse than warn, better than crit."""
    CRIT = "crit"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]


_STATUS_RANK = {
    Status.OK: 0,
    Status.NO_DATA: 1,
    Status.STALE: 2,
    Status.WARN: 3,
    Status.BLIND: 4,
    Status.CRIT: 5,
}


class Priority(enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return {"high": 0, "medium": 1, "low": 2}[self.value]


class SourceState(enum.Enum):
    STARTING = "starting"
    OK = "ok"
    SLOWED = "slowed"  # answering, but the poller is pacing itself to a rate limit
    DOWN = "down"
    DISABLED = "disabled"  # not configured (for example no credentials in the environment)


@dataclass(frozen=True, slots=True)
class Reading:
    """One value of one metric at one moment (`ts` is epoch seconds). `value` None is a gap."""

    metric: str
    ts: float
    value: float | None
    samples: int | None = None
    """How many samples a share is computed from (the probes in the MongoDB probe window);
    None when the source does not say, which counts as enough. A rollback trigger on a share
    cannot fire below its metric's `min_samples`."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A user-facing problem: a Sentry issue or a support ticket. Text fields are untrusted."""

    key: str
    title: str
    level: str
    count: int
    users: int
    first_seen: float
    last_seen: float
    culprit: str = ""
    trend: tuple[int, ...] = ()
    permalink: str = ""
    release: str = ""
    is_new: bool = False


@dataclass(frozen=True, slots=True)
class Monitor:
    """A vendor monitor's state, normalised to Alert / Warn / No Data / OK."""

    key: str
    name: str
    state: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SlowOp:
    """A database operation that has run longer than the configured limit."""

    key: str
    op: str
    namespace: str
    seconds: float
    description: str = ""


@dataclass(frozen=True, slots=True)
class ExternalAlert:
    """An alert raised by a vendor (a Datadog monitor in Alert, an open Atlas alert)."""

    key: str
    source: str
    priority: Priority
    message: str


def _frozen_map(data: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one successful poll of one source returns.

    A collection that is None means "this source does not report that kind of record"; an
    empty tuple means "it reports them and there are none right now".
    """

    readings: tuple[Reading, ...] = ()
    issues: tuple[Issue, ...] | None = None
    monitors: tuple[Monitor, ...] | None = None
    slow_ops: tuple[SlowOp, ...] | None = None
    alerts: tuple[ExternalAlert, ...] = ()
    info: Mapping[str, str] = field(default_factory=_frozen_map)
    """Short facts for the status bar, such as a rate-limit budget or "standalone"."""
    rollout: RolloutState | None = None
    """The launch flags, from a flag source (see core.rollout); None from every other source."""
    problems: Mapping[str, str] = field(default_factory=_frozen_map)
    """Metric id → why this poll has no usable value for it (a unit that does not convert, a
    query the vendor refused). The tile shows the reason in place of a number."""


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """What the status bar shows for one source."""

    name: str
    state: SourceState
    latency: float | None = None
    last_ok: float | None = None
    error: str | None = None
    info: Mapping[str, str] = field(default_factory=_frozen_map)
    simulated: bool = False
    retry_at: float | None = None
    """When a failed source is polled again (epoch seconds); None while it is healthy."""


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert or rollback trigger raised by the plan's rules."""

    rule: str
    priority: Priority
    metric: str
    message: str
    value: float | None = None
    since: float | None = None
