"""Suite-wide settings: a fixed time zone so clocks on screen are reproducible, and no vendor
credentials leaking in from the developer's environment."""

from __future__ import annotations

import os
import time

import pytest

# Imported before the per-test XDG isolation below: it fixes the Unleash install's cache path.
import tests.support.unleash  # noqa: F401

VENDOR_VARIABLES = (
    "DD_API_KEY",
    "DD_APP_KEY",
    "DD_SITE",
    "SENTRY_AUTH_TOKEN",
    "SENTRY_ORG",
    "SENTRY_URL",
    "MONGODB_URI",
    "MONGODB_ATLAS_PUBLIC_API_KEY",
    "MONGODB_ATLAS_PRIVATE_API_KEY",
    "NEW_RELIC_API_KEY",
    "NEW_RELIC_ACCOUNT_ID",
    "NEW_RELIC_REGION",
    "NEW_RELIC_NERDGRAPH_BASE_URL",
    "WARROOM_SENTRY_DSN",
    "UNLEASH_URL",
    "UNLEASH_ADMIN_TOKEN",
    "LD_ACCESS_TOKEN",
    "LAUNCHDARKLY_ACCESS_TOKEN",
    "LD_BASE_URI",
    "LAUNCHDARKLY_API_HOST",
    "NO_COLOR",
)

os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def _clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for name in VENDOR_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
