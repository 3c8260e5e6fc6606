"""Builds the `[rollout]` flag provider and its dashboard source. The vendor package is
imported only when the plan names it.

Each flag-service package (`sources/unleash`, `sources/launchdarkly`) exposes::

    def provider(config: Config, env: Mapping[str, str]) -> FlagProvider
        Raises NotConfigured(reason) when the environment lacks what it needs.

(`create(config, env)` wraps it in the dashboard's `FlagSource`, like every adapter.)
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.rollout.provider import FlagProvider
from warroom.core.rollout.source import FlagSource

SERVICES = ("unleash", "launchdarkly")


@dataclass(frozen=True, slots=True)
class FlagSetup:
    """The provider and its source, or the reason there is none (None: none configured)."""

    provider: FlagProvider | None = None
    source: FlagSource | None = None
    reason: str | None = None


def build_flags(config: Config, env: Mapping[str, str]) -> FlagSetup:
    """The configured flag service. `sim` outside the demo has no simulation to read."""
    name = config.rollout.provider
    if name is None:
        return FlagSetup()
    if name not in SERVICES:
        return FlagSetup(reason="the sim flag provider only runs in `warroom demo`")
    module = importlib.import_module(f"warroom.sources.{name}")
    try:
        provider: FlagProvider = module.provider(config, env)
    except NotConfigured as exc:
        return FlagSetup(reason=str(exc))
    return FlagSetup(provider, FlagSource(provider, config.rollout))
