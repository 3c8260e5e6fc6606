"""Credentials and a safely configured datadog-api-client `ApiClient`.

Safe means: keys and site taken only from the mapping given (the client would otherwise read
`os.environ` behind our back), a timeout on every request, no automatic retries of any kind
(the client's own retry repeats POSTs; urllib3's default silently retries read timeouts three
times), and rate-limit headers returned with every answer.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from warroom.core.errors import NotConfigured
from warroom.core.scrub import register
from warroom.core.settings.datadog import SITES, DatadogSettings

API_KEY_VARS = ("DD_API_KEY", "DATADOG_API_KEY")
APP_KEY_VARS = ("DD_APP_KEY", "DATADOG_APP_KEY")
URL_VARS = ("DD_HOST", "DATADOG_HOST")
CONNECT_TIMEOUT = 3.05


@dataclass(frozen=True, slots=True)
class Credentials:
    """Where to reach Datadog and with what. `repr` never shows a key."""

    api_key: str = field(repr=False)
    app_key: str = field(repr=False)
    site: str = "datadoghq.com"
    url: str | None = None

    def __repr__(self) -> str:
        return f"Credentials(site={self.site!r}, url={self.url!r}, keys=***)"

    @property
    def endpoint(self) -> str:
        return self.url or f"https://api.{self.site}"


def _first(env: Mapping[str, str], names: tuple[str, ...]) -> str:
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return ""


def resolve(
    settings: DatadogSettings, env: Mapping[str, str], need_app_key: bool = True
) -> Credentials:
    """Reads keys, site and URL override from `env` and the settings.

    Raises:
        NotConfigured: a key is missing, or DD_SITE names no Datadog site.
    """
    api_key = _first(env, API_KEY_VARS)
    if not api_key:
        raise NotConfigured("DD_API_KEY is not set")
    app_key = _first(env, APP_KEY_VARS)
    if need_app_key and not app_key:
        raise NotConfigured("DD_APP_KEY is not set (needed to read metrics and monitors)")
    site = settings.site or env.get("DD_SITE", "").strip() or "datadoghq.com"
    if site not in SITES:
        raise NotConfigured(f"DD_SITE {site!r} is not a Datadog site")
    register(api_key, app_key)
    url = settings.url or _first(env, URL_VARS) or None
    return Credentials(api_key, app_key, site, url.rstrip("/") if url else None)


def request_timeout(settings: DatadogSettings) -> tuple[float, float]:
    """(connect, read) seconds for one request, never longer than the poll timeout."""
    read = min(settings.request_timeout, settings.timeout)
    return (min(CONNECT_TIMEOUT, read), read)


def sdk(module: str, name: str) -> Any:
    """Imports one class of the SDK when first needed, e.g. `sdk("v1.api.monitors_api",
    "MonitorsApi")`.

    Typed Any on purpose: with `return_http_data_only=False` every call returns
    `(data, status, headers)`, which the SDK's own annotations do not describe.
    """
    return getattr(importlib.import_module(f"datadog_api_client.{module}"), name)


def make_client(creds: Credentials, timeout: tuple[float, float]) -> Any:
    """Returns an `ApiClient` (imported here: the SDK costs ~0.2 s, only when Datadog is used)."""
    ApiClient = sdk("api_client", "ApiClient")
    Configuration = sdk("configuration", "Configuration")

    cfg = Configuration(
        request_timeout=timeout,
        enable_retry=False,
        return_http_data_only=False,
    )
    # Explicit values win over what Configuration() picked up from os.environ.
    cfg.api_key["apiKeyAuth"] = creds.api_key
    if creds.app_key:
        cfg.api_key["appKeyAuth"] = creds.app_key
    else:
        cfg.api_key.pop("appKeyAuth", None)
    cfg.server_variables["site"] = creds.site
    if creds.url:
        cfg.host = creds.url
    # False (not None): urllib3 must not retry either, and must raise its error directly.
    cfg.retry_policy = False
    cfg.debug = False
    return ApiClient(cfg)
