"""Unleash (self-hosted, admin API): the launch flags' on/off, flexibleRollout percentage and
change events, and the runbook's flag changes.

Unleash's clients have no convention for an admin connection, so warroom reads its own
variables: `UNLEASH_URL` (the server root, e.g. https://unleash.example.com) and
`UNLEASH_ADMIN_TOKEN` (an admin API token, the whole `*:*.…` string).
"""

from __future__ import annotations

from collections.abc import Mapping

from warroom.core.config import Config
from warroom.core.errors import NotConfigured
from warroom.core.rollout.source import FlagSource
from warroom.core.scrub import register
from warroom.sources.unleash.provider import UnleashProvider

URL_ENV = "UNLEASH_URL"
TOKEN_ENV = "UNLEASH_ADMIN_TOKEN"  # noqa: S105 - a variable name, not a token


def provider(config: Config, env: Mapping[str, str]) -> UnleashProvider:
    """The provider for `[rollout]`, from UNLEASH_URL and UNLEASH_ADMIN_TOKEN.

    Raises:
        NotConfigured: either variable is missing, or the URL is not http(s).
    """
    url, token = env.get(URL_ENV, "").strip(), env.get(TOKEN_ENV, "").strip()
    if not url or not token:
        raise NotConfigured(f"no Unleash connection (set {URL_ENV} and {TOKEN_ENV})")
    if not url.startswith(("http://", "https://")):
        raise NotConfigured(f"{URL_ENV} must start with http:// or https://")
    register(token)
    settings = config.rollout
    return UnleashProvider(url, token, settings.project, settings.timeout)


def create(config: Config, env: Mapping[str, str]) -> FlagSource:
    """The dashboard's flag source on Unleash. Raises NotConfigured as `provider`."""
    return FlagSource(provider(config, env), config.rollout)


__all__ = ["create", "provider"]
