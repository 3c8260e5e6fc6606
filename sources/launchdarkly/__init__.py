"""LaunchDarkly (REST API v2): the launch flags' on/off and default-rule rollout, and the
runbook's flag changes.

Variables, as LaunchDarkly's own tools read them: the access token from `LD_ACCESS_TOKEN`
(ldcli) or `LAUNCHDARKLY_ACCESS_TOKEN` (Terraform); the API base from `LD_BASE_URI` or
`LAUNCHDARKLY_API_HOST`, default https://app.launchdarkly.com.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.rollout.source import FlagSource
from warroom.core.scrub import register
from warroom.sources.launchdarkly.provider import LaunchDarklyProvider

TOKEN_ENV = ("LD_ACCESS_TOKEN", "LAUNCHDARKLY_ACCESS_TOKEN")
BASE_ENV = ("LD_BASE_URI", "LAUNCHDARKLY_API_HOST")
DEFAULT_BASE = "https://app.launchdarkly.com"


def _first(env: Mapping[str, str], names: Sequence[str]) -> str:
    return next((env[n].strip() for n in names if env.get(n, "").strip()), "")


def provider(config: Config, env: Mapping[str, str]) -> LaunchDarklyProvider:
    """The provider for `[rollout]`.

    Raises:
        NotConfigured: no access token, or an API base that is not http(s).
    """
    token = _first(env, TOKEN_ENV)
    if not token:
        raise NotConfigured(f"no LaunchDarkly access token (set {TOKEN_ENV[0]})")
    base = _first(env, BASE_ENV) or DEFAULT_BASE
    if not base.startswith(("http://", "https://")):
        raise NotConfigured(f"{BASE_ENV[0]} must start with http:// or https://")
    register(token)
    settings = config.rollout
    return LaunchDarklyProvider(base, token, settings.project, settings.timeout)


def create(config: Config, env: Mapping[str, str]) -> FlagSource:
    """The dashboard's flag source on LaunchDarkly. Raises NotConfigured as `provider`."""
    return FlagSource(provider(config, env), config.rollout)


__all__ = ["create", "provider"]
