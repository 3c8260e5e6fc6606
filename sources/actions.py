"""The runbook's actions that reach other systems, built here because core cannot import
sources/.

core/runbook runs manual, command and simulated steps itself. Every action kind that talks to
an HTTP endpoint or a vendor gets its executor from the package that speaks that API, and only
when some step of the plan uses that kind (a vendor module costs start-up time).
"""

from __future__ import annotations

from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.runbook import Executor
from warroom.core.runbook.steps import build_steps


def action_executors(config: Config, env: Mapping[str, str], *, demo: bool) -> dict[str, Executor]:
    """Executors for the outward-acting kinds the plan's steps use.

    Returns:
        kind → executor; a kind whose vendor is not configured gets an executor that fails
        with the reason, so the step says why instead of "no executor".
    """
    kinds = {step.action.kind for step in build_steps(config.runbook, demo)}
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
    return out
