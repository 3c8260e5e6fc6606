"""What the guard sees: one `Observation` per rollback trigger, read off the dashboard right
after a source's poll was ingested.

Only the triggers whose input that source reports are observed, so each poll counts once:
a provider error is one ERROR per failed poll (not one per poll of every other source), and
a fresh reading is seen once however often the dashboard is asked. Pure: nothing here
changes the dashboard or reads a clock.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from warroom.core.guard.rule import Observation
from warroom.core.model import SourceHealth, SourceState
from warroom.core.plan import Trigger

if TYPE_CHECKING:  # core.dashboard imports core.config, which imports core.guard.config
    from warroom.core.dashboard import Dashboard


def observations(
    dashboard: Dashboard, now: float, source: str, changed: Collection[str] = ()
) -> list[Observation]:
    """The observations of the triggers whose input `source` reports, after its poll.

    `changed` holds the metrics that poll brought readings for: a failed poll that still
    carried a reading (the connection probe's share while the server is down) is data, not
    an error.
    """
    health = next((h for h in dashboard.health() if h.name == source), None)
    return [
        observe(dashboard, trigger, now, health, trigger.metric in changed)
        for trigger in dashboard.config.triggers
        if dashboard.source_of(trigger.metric) == source
    ]


def observe(
    dashboard: Dashboard,
    trigger: Trigger,
    now: float,
    health: SourceHealth | None,
    brought: bool,
) -> Observation:
    """One trigger's observation: the newest reading of its input (a gap is no value), fresh
    unless older than the metric's `stale_after` or marked with a problem by its source,
    with the number of samples it rests on when the source says (the probe count)."""
    latest = dashboard.store.latest(trigger.metric)
    ts, value = latest if latest is not None else (None, None)
    if health is not None and health.state is SourceState.DOWN and not brought:
        error = health.error or "no answer"
        return Observation(trigger.id, ts, value, fresh=False, error=error, note=error)
    if ts is None or value is None:
        return Observation(trigger.id, ts, None, fresh=False, note="no data")
    problem = dashboard.problem(trigger.metric)
    metric = dashboard.config.metric(trigger.metric)
    stale = now - ts > dashboard.stale_after(metric)
    note = problem or ("stale" if stale else None)
    samples = dashboard.store.samples().get(trigger.metric)  # e.g. the probes in the window
    return Observation(trigger.id, ts, value, fresh=note is None, samples=samples, note=note)
