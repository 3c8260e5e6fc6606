"""Builds the configured sources. Vendor modules are imported only when enabled, because some
SDKs cost seconds to import.

Every vendor module `sources/<name>.py` exposes::

    def create(config: Config, env: Mapping[str, str]) -> Source
        Raises NotConfigured(reason) when the environment lacks what it needs.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from warroom.core.config import Config
from warroom.core.dashboard import SourceInfo
from warroom.core.errors import NotConfigured
from warroom.core.rollout.provider import FlagProvider
from warroom.core.source import Source
from warroom.sources.flags import build_flags
from warroom.sources.sim.source import SimulatedSource

VENDORS = ("datadog", "sentry", "mongo", "atlas", "newrelic")


@dataclass
class SourceSet:
    """The sources to poll, plus what the dashboard needs to know about every configured one."""

    sources: list[Source] = field(default_factory=list)
    info: dict[str, SourceInfo] = field(default_factory=dict)
    metric_sources: dict[str, str] = field(default_factory=dict)
    sim: SimulatedSource | None = None
    flags: FlagProvider | None = None
    """The `[rollout]` flag service (the simulated one in the demo), shared by the dashboard's
    flag source, the runbook's flag actions and `advance`."""
    simulate: Callable[[str], str] | None = None
    """Runs a runbook operation on a simulated launch polled elsewhere (a serve session's
    hub); `sim.apply` when the simulated launch is polled here."""

    @property
    def simulated(self) -> bool:
        """True when the data is not real (the demo here, or a demo polled by a hub)."""
        return self.sim is not None or any(i.simulated for i in self.info.values())

    @property
    def apply(self) -> Callable[[str], str] | None:
        """What runs the runbook's simulated actions, None outside a demo."""
        return self.sim.apply if self.sim is not None else self.simulate


def build_demo(
    config: Config,
    clock: Callable[[], float] = time.time,
    *,
    speed: float | None = None,
    seed: int | None = None,
    start_at: float = 0.0,
    baseline: float = 0.0,
) -> SourceSet:
    """Every plan metric comes from the simulated launch; its first poll also returns
    `baseline` seconds from before the launch (`SimulatedSource.before_launch`)."""
    update: dict[str, object] = {"enabled": True}
    if speed is not None:
        update["speed"] = speed
    if seed is not None:
        update["seed"] = seed
    settings = config.sources.sim.model_copy(update=update)
    sim = SimulatedSource(
        config.metrics,
        settings,
        clock=clock,
        start_at=start_at,
        rollout=config.rollout,
        baseline=baseline,
    )
    return SourceSet(
        sources=[sim],
        info={sim.name: SourceInfo(sim.interval, simulated=True)},
        metric_sources={m.id: sim.name for m in config.metrics},
        sim=sim,
        flags=sim.flags,
    )


def build_live(config: Config, env: Mapping[str, str] | None = None) -> SourceSet:
    """The vendor sources the plan's metrics name. Unconfigured ones are listed as disabled."""
    env = os.environ if env is None else env
    wanted = {m.source for m in config.metrics} | {
        name for name in VENDORS if getattr(config.sources, name).enabled
    }
    out = SourceSet(metric_sources={m.id: m.source for m in config.metrics})
    for name in sorted(wanted):
        settings = getattr(config.sources, name, None)
        interval = settings.interval if settings is not None else 30.0
        if settings is None or not settings.enabled:
            out.info[name] = SourceInfo(interval, disabled_reason="disabled in config")
            continue
        try:
            module = importlib.import_module(f"warroom.sources.{name}")
            source: Source = module.create(config, env)
        except NotConfigured as exc:
            out.info[name] = SourceInfo(interval, disabled_reason=str(exc))
            continue
        except ModuleNotFoundError as exc:
            if exc.name != f"warroom.sources.{name}":
                raise
            out.info[name] = SourceInfo(interval, disabled_reason="adapter not available")
            continue
        out.sources.append(source)
        out.info[name] = SourceInfo(source.interval, simulated=source.simulated)
    _add_flags(out, config, env)
    _checklist_sources(config, env, out)
    return out


def _add_flags(out: SourceSet, config: Config, env: Mapping[str, str]) -> None:
    """The `[rollout]` flag service, polled like any source, or listed disabled with why."""
    setup = build_flags(config, env)
    name = config.rollout.provider
    if setup.source is not None:
        out.sources.append(setup.source)
        out.info[setup.source.name] = SourceInfo(setup.source.interval)
        out.flags = setup.provider
    elif setup.reason is not None and name is not None:
        out.info[name] = SourceInfo(config.rollout.interval, disabled_reason=setup.reason)


def _checklist_sources(config: Config, env: Mapping[str, str], out: SourceSet) -> None:
    """Atlas backup snapshots, polled only when a checklist item asks and Atlas is polled."""
    if "atlas" not in {s.name for s in out.sources}:
        return
    from warroom.sources.atlas import backups

    try:
        source = backups.create(config, env)
    except NotConfigured:
        return
    out.sources.append(source)
    out.info[source.name] = SourceInfo(source.interval)
