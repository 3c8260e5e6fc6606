"""The runbook's actions that reach other systems, built here because core cannot import
sources/.

core/runbook runs manual, command and simulated steps itself. Every action kind that talks to
an HTTP endpoint or a vendor gets its executor from the package that speaks that API, and only
when some step of the plan uses that kind (a vendor module costs start-up time).
"""

from __future__ import annotations

from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.rollout.provider import FlagProvider
from warroom.core.runbook import Executor
from warroom.core.runbook.steps import build_steps
from warroom.core.runbook_config import FLAG_KINDS


def steers_flags(config: Config, demo: bool, flags: FlagProvider | None) -> bool:
    """True when steps take their `rollout_action`: a flag provider is at hand (the demo's
    simulated flags, when the simulation runs in this process), or, outside the demo,
    `[rollout]` names one (a provider without its credentials then fails saying why)."""
    return flags is not None or (not demo and config.rollout.provider is not None)


def action_executors(
    config: Config,
    env: Mapping[str, str],
    *,
    demo: bool,
    flags: FlagProvider | None = None,
) -> dict[str, Executor]:
    """Executors for the outward-acting kinds the plan's steps use. `flags` is the app's flag
    provider (shared with its flag source), when it has one.

    Returns:
        kind → executor; a kind whose vendor is not configured gets an executor that fails
        with the reason, so the step says why instead of "no executor".
    """
    steps = build_steps(config.runbook, demo, steers_flags(config, demo, flags))
    kinds = {step.action.kind for step in steps}
    out: dict[str, Executor] = {}
    if "http" in kinds:
        from warroom.sources.http.action import HttpExecutor

        out["http"] = HttpExecutor()
    if "datadog_event" in kinds:
        from warroom.sources.datadog.action import event_executor

        out["datadog_event"] = event_executor(config, env)
    if "newrelic_marker" in kinds:
        from warroom.sources.newrelic.action import marker_executor

        out["newrelic_marker"] = marker_executor(config, env)
    if kinds & set(FLAG_KINDS):
        executor = flag_executor(config, env, demo=demo, flags=flags)
        out.update({kind: executor for kind in FLAG_KINDS})
    return out


def flag_executor(
    config: Config, env: Mapping[str, str], *, demo: bool, flags: FlagProvider | None
) -> Executor:
    """The executor of both flag kinds on `flags` (else on the `[rollout]` provider built
    now), posting the configured deployment markers; or one that fails saying why not."""
    from warroom.core.rollout.change import Changer
    from warroom.core.rollout.executor import FlagExecutor
    from warroom.sources.flags import build_flags
    from warroom.sources.markers import change_markers

    missing = ""
    if flags is None:
        setup = build_flags(config, env)
        flags, missing = setup.provider, setup.reason or ""
    changer = None if flags is None else Changer(flags, change_markers(config, env, demo=demo))
    return FlagExecutor(changer, config.rollout, config.stages, missing=missing)
